import * as z from '../../zod.js';
import { nonEmptyText } from '../text.js';
import { notificationMessage, type OutboxMessage, type Recipient } from '../messages.js';
import type { QueueSender } from '../../ports/queue-sender.js';
import { NotAdmittedReasonSchema, type Claim } from '../claim.js';
import { loadVisibleClaim } from '../claim-lookup.js';
import { ForbiddenError, InvalidTransitionError, ValidationError } from '../errors.js';
import { outsideUnit } from '../refusals.js';
import { REPLY_CHANNELS } from '../labels.js';
import type { PolicySettings } from '../settings.js';
import type { CalendarSource } from '../../ports/calendar-store.js';
import { unitCovers, type OrgTree } from '../org-units.js';
import { seesWholeOrganisation, staffActor, type StaffPrincipal } from '../principal.js';
import type { ClaimStore } from '../../ports/claim-store.js';
import type { ClaimWriter } from '../../ports/claim-writer.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/ids.js';
import { applyChange } from './money-change.js';
import { excerptOf } from '../customer-response.js';
import { alreadyAtHq, moveToHq, movedToHqMessages } from './escalate-to-hq.js';
import { checkAssignee, checkMention, type StaffMember } from '../staff-directory.js';
import type { StaffDirectory } from '../../ports/staff-directory.js';

export interface TriageDeps {
  readonly store: ClaimStore;
  readonly writer: ClaimWriter;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly orgTree: OrgTree;
  readonly calendars: CalendarSource;
  readonly settings: PolicySettings;
  readonly queues: QueueSender;
  /** Assignees must be active directory members of the claim's unit subtree. */
  readonly staff: Pick<StaffDirectory, 'get'>;
}

const reason = nonEmptyText(2000);
/** Optional optimistic-concurrency check: the version the caller last saw. */
const expectedVersion = z.optional(z.int().check(z.gte(1)));

/** Payload of each triage action, strict: anything else in the body is refused. */
export const TRIAGE_PAYLOADS = {
  assign: z
    .strictObject({
      assigneeId: z.optional(nonEmptyText(128)),
      unitId: z.optional(z.string().check(z.maxLength(40))),
      expectedVersion,
    })
    .check(
      z.refine((p) => p.assigneeId !== undefined || p.unitId !== undefined, {
        message: 'name an assignee, a unit, or both',
        path: ['assigneeId'],
      }),
    ),
  request_material: z.strictObject({
    items: z.array(nonEmptyText(200)).check(z.minLength(1), z.maxLength(20)),
    note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
    expectedVersion,
  }),
  mark_material_complete: z.strictObject({
    note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
    expectedVersion,
  }),
  start_investigation: z.strictObject({
    note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
    expectedVersion,
  }),
  not_admit: z.strictObject({
    reason: NotAdmittedReasonSchema,
    explanation: reason,
    expectedVersion,
  }),
  withdraw: z.strictObject({ reason, expectedVersion }),
  /** SPEC §12: an HQ manager takes a store's claim over (recorded; the store's managers are told). */
  take_over: z.strictObject({ reason, expectedVersion }),
  /** SPEC §5: the first substantive reply was given (by phone, mail, in person); stops the first-reply clock. */
  record_first_reply: z.strictObject({
    channel: z.enum(REPLY_CHANNELS),
    summary: nonEmptyText(2000),
    expectedVersion,
  }),
  /** SPEC §5: the on-site evidence visit took place (who, when, what was found); stops the on-site clock. */
  record_site_visit: z.strictObject({
    visitedBy: nonEmptyText(128),
    /** When the visit took place, ISO-8601 with an offset; not in the future, not before the claim. */
    visitedAt: z.iso.datetime({ offset: true }),
    result: nonEmptyText(2000),
    expectedVersion,
  }),
  /** Opening a claim marked "customer responded" takes the mark off (the console sends it on opening). */
  acknowledge_response: z.strictObject({ expectedVersion }),
  /** Issue 17: a written reply to the customer, sent by mail and text and shown on the tracking page. */
  reply_to_customer: z.strictObject({ message: nonEmptyText(4000), expectedVersion }),
  /** Issue 17: a note for colleagues only; the colleagues named (directory ids) are told. */
  add_internal_note: z.strictObject({
    note: nonEmptyText(4000),
    mentions: z.optional(z.array(nonEmptyText(128)).check(z.maxLength(10))),
    expectedVersion,
  }),
} as const;

/** How long after the server's now a visit time is still taken (the visitor's watch may run ahead). */
const CLOCK_SKEW_MS = 5 * 60_000;
export type TriageAction = keyof typeof TRIAGE_PAYLOADS;
export type TriagePayload<A extends TriageAction> = z.infer<(typeof TRIAGE_PAYLOADS)[A]>;

type Effect<A extends TriageAction> = (
  claim: Claim,
  payload: TriagePayload<A>,
  ctx: {
    at: string;
    principal: StaffPrincipal;
    tree: OrgTree;
    /** The directory entry of the assignee the payload names (null: not in the directory). */
    assignee: StaffMember | null;
    /** The directory entries of the colleagues a note mentions, in the payload's order. */
    mentioned: readonly (StaffMember | null)[];
  },
) => { claim: Claim; note?: string; outbox?: (next: Claim) => OutboxMessage[] };

/**
 * What an agent may assign (issue 17, "assign to me"): an unassigned claim, or their own, to themselves,
 * in its unit. Dispatching to others or to another unit stays with managers.
 */
function selfAssignmentOnly(claim: Claim, p: TriagePayload<'assign'>, principal: StaffPrincipal): void {
  const toSelf = p.assigneeId === principal.id && (p.unitId === undefined || p.unitId === claim.unitId);
  const free = claim.assigneeId === undefined || claim.assigneeId === principal.id;
  if (toSelf && free) return;
  throw new ForbiddenError(`an agent only takes an unassigned claim for themselves`, {
    'zh-CN': free
      ? '坐席只能把索赔分派给自己；分派给他人或其他单位需要经理角色。'
      : '这件索赔已由同事处理；改派需要经理角色。',
    en: free
      ? 'An agent may assign a claim only to themselves; assigning it to others or another unit takes the manager role.'
      : 'A colleague already handles this claim; reassigning it takes the manager role.',
  });
}

const EFFECTS: { [A in TriageAction]: Effect<A> } = {
  assign(claim, p, { principal, tree, assignee }) {
    if (!principal.roles.some((r) => r === 'manager' || r === 'admin'))
      selfAssignmentOnly(claim, p, principal);
    let next = claim;
    if (p.unitId !== undefined) {
      const unitPath = tree.pathOf(p.unitId);
      // Dispatch goes down (or sideways within) the caller's own subtree, never out of it.
      if (!unitCovers(principal.unitId, unitPath)) {
        throw outsideUnit(`unit ${p.unitId} is outside your organisation unit ${principal.unitId}`);
      }
      next = { ...next, unitId: p.unitId, unitPath: [...unitPath] };
    }
    if (p.assigneeId !== undefined) {
      checkAssignee(p.assigneeId, assignee, next.unitId, tree);
      next = { ...next, assigneeId: p.assigneeId };
    }
    return { claim: next };
  },
  request_material(claim, p, { at }) {
    return {
      claim: {
        ...claim,
        materialRequest: { items: p.items, ...(p.note ? { note: p.note } : {}), requestedAt: at },
      },
      note: p.items.join('; ') + (p.note ? ` — ${p.note}` : ''),
    };
  },
  mark_material_complete(claim, p) {
    const { materialRequest: _done, ...rest } = claim;
    return { claim: rest, ...(p.note ? { note: p.note } : {}) };
  },
  start_investigation(claim, p) {
    return { claim, ...(p.note ? { note: p.note } : {}) };
  },
  not_admit(claim, p, { at }) {
    return {
      claim: { ...claim, closure: { reason: p.reason, explanation: p.explanation, at } },
      note: p.explanation,
    };
  },
  take_over(claim, p, { at, principal }) {
    if (!seesWholeOrganisation(principal))
      throw new ForbiddenError('only headquarters managers take claims over', {
        'zh-CN': '只有总部的经理可以接管索赔。',
        en: 'Only a headquarters manager may take a claim over.',
      });
    if (claim.unitPath.length <= 1) throw alreadyAtHq('this claim is already at headquarters');
    return {
      claim: { ...moveToHq(claim, 'hq_manager', p.reason, at), assigneeId: principal.id },
      note: p.reason,
    };
  },
  withdraw(claim, p, { at }) {
    return {
      claim: { ...claim, closure: { reason: 'withdrawn', explanation: p.reason, at } },
      note: p.reason,
    };
  },
  acknowledge_response(claim) {
    if (claim.customerResponse === undefined)
      throw new InvalidTransitionError('nothing the customer sent is waiting to be seen', {
        'zh-CN': '客户没有待查看的新回复，请刷新查看。',
        en: 'Nothing new from the customer is waiting to be seen; reload to check.',
      });
    const { customerResponse: _seen, ...rest } = claim;
    return { claim: rest };
  },
  record_first_reply(claim, p) {
    if (claim.clocks?.first_reply?.state === 'stopped') {
      throw new InvalidTransitionError('the first reply was already recorded', {
        'zh-CN': '首次答复已经登记过了，请刷新查看。',
        en: 'The first reply is already recorded; reload to see it.',
      });
    }
    return { claim, note: `${p.channel}: ${p.summary}` };
  },
  reply_to_customer(claim, p, { at, principal }) {
    return {
      claim,
      note: p.message,
      outbox: (next) => [
        notificationMessage(
          'staff_reply',
          { message: p.message, repliedAt: at, byName: principal.name ?? null },
          {
            id: `${next.id}:staff_reply:v${next.version}`,
            claim: next,
            recipient: { type: 'customer' },
            createdAt: at,
          },
        ),
      ],
    };
  },
  add_internal_note(claim, p, { at, principal, mentioned }) {
    const ids = p.mentions ?? [];
    const members = ids.map((id, i) =>
      checkMention(id, mentioned[i] ?? null, claim.unitPath, claim.unitId, `mentions.${i}`),
    );
    const excerpt = excerptOf(p.note);
    const told = [...new Set(members.map((m) => m.id))].filter((id) => id !== principal.id);
    return {
      claim,
      note: p.note,
      outbox: (next) =>
        told.map((staffId) =>
          notificationMessage(
            'note_mention',
            { byName: principal.name ?? principal.id, at, excerpt },
            {
              id: `${next.id}:note_mention:v${next.version}:${staffId}`,
              claim: next,
              recipient: { type: 'staff', staffId },
              createdAt: at,
            },
          ),
        ),
    };
  },
  record_site_visit(claim, p, { at }) {
    if (claim.siteVisit || claim.clocks?.on_site_visit?.state === 'stopped') {
      throw new InvalidTransitionError('the on-site visit was already recorded', {
        'zh-CN': '上门查看已经登记过了，请刷新查看。',
        en: 'The on-site visit is already recorded; reload to see it.',
      });
    }
    const visitedAt = new Date(p.visitedAt);
    if (visitedAt.getTime() > Date.parse(at) + CLOCK_SKEW_MS) {
      throw new ValidationError('the visit cannot be in the future', [
        { path: 'visitedAt', message: 'later than now', code: 'future_date' },
      ]);
    }
    // Visit times are given to the minute: one in the minute the claim arrived is not "before" it.
    if (visitedAt.getTime() < Math.floor(Date.parse(claim.receivedAt) / 60_000) * 60_000) {
      throw new ValidationError('the visit cannot be before the claim was received', [
        { path: 'visitedAt', message: `earlier than ${claim.receivedAt}` },
      ]);
    }
    const visit = { visitedBy: p.visitedBy, visitedAt: visitedAt.toISOString(), result: p.result };
    return {
      claim: { ...claim, siteVisit: { ...visit, recordedAt: at } },
      note: `${visit.visitedBy}, ${visit.visitedAt}: ${visit.result}`,
    };
  },
};

export interface TriageCommand<A extends TriageAction> {
  readonly ref: string;
  readonly action: A;
  readonly payload: TriagePayload<A>;
  readonly principal: StaffPrincipal;
}

/**
 * A staff triage action on a claim (assign, request material, mark complete, start investigation,
 * not admit, withdraw on the customer's behalf, record the first reply or the on-site visit, reply to the
 * customer in writing, add an internal note).
 * 1. Load the claim; 404 when it is missing or outside the caller's units. An assignee named is looked up
 *    in the directory: only an active member of the claim's unit or a unit below it is taken (400). So are
 *    the colleagues a note mentions: only active members who can see the claim (400, the mention's path).
 * 2. Through `applyChange`: check role and current state against the lifecycle table; apply the action's
 *    effect and its effect on the SLA clocks (pause, resume, start, stop); plan the change (version,
 *    audit event with the diff, the notices below, the statistics of a clock the action completed);
 *    commit it in one transaction, conditional on the version read (or the one the caller saw); relay.
 */
export async function applyTriageAction<A extends TriageAction>(
  deps: TriageDeps,
  cmd: TriageCommand<A>,
): Promise<Claim> {
  const current = await loadVisibleClaim(deps.store, cmd.ref, cmd.principal);
  const effect = EFFECTS[cmd.action] as Effect<A>;
  const assigneeId =
    'assigneeId' in cmd.payload && typeof cmd.payload.assigneeId === 'string' ? cmd.payload.assigneeId : null;
  const assignee = assigneeId === null ? null : await deps.staff.get(assigneeId);
  const mentions =
    'mentions' in cmd.payload && Array.isArray(cmd.payload.mentions) ? cmd.payload.mentions : [];
  const mentioned = await Promise.all(mentions.map((id: string) => deps.staff.get(id)));
  return applyChange(
    deps,
    current,
    cmd.action,
    staffActor(cmd.principal),
    cmd.principal.roles,
    (claim, { at }) => {
      const {
        claim: changed,
        note,
        outbox,
      } = effect(claim, cmd.payload, {
        at,
        principal: cmd.principal,
        tree: deps.orgTree,
        assignee,
        mentioned,
      });
      return {
        claim: changed,
        note,
        outbox: (next) => [
          ...triageNotifications(cmd.action, claim, next, at, cmd.principal.id),
          ...(outbox?.(next) ?? []),
        ],
      };
    },
    cmd.payload.expectedVersion ?? current.version,
  );
}

/**
 * SPEC §Notifications for triage: the customer is asked for the material (the clock pauses meanwhile) and
 * told when the claim is not admitted (with the reason) or withdrawn on their behalf; a new assignee, or
 * the managers of the unit a claim is dispatched to, are told it is theirs. Ids carry the claim's new
 * version, so each change notifies once however often it is relayed.
 */
function triageNotifications(
  action: TriageAction,
  before: Claim,
  next: Claim,
  at: string,
  actorId: string,
): OutboxMessage[] {
  const about = (kind: string, recipient: Recipient) => ({
    id: `${next.id}:${kind}:v${next.version}`,
    claim: next,
    recipient,
    createdAt: at,
  });
  const customer = { type: 'customer' } as const;
  if (action === 'request_material' && next.materialRequest) {
    return [
      notificationMessage(
        'material_request',
        { items: next.materialRequest.items, note: next.materialRequest.note ?? null },
        about('material_request', customer),
      ),
    ];
  }
  if (action === 'not_admit' && next.closure) {
    const reason = NotAdmittedReasonSchema.parse(next.closure.reason);
    return [
      notificationMessage(
        'not_admitted',
        { receivedAt: next.receivedAt, reason, explanation: next.closure.explanation, atIntake: false },
        about('not_admitted', customer),
      ),
    ];
  }
  if (action === 'withdraw' && next.closure) {
    return [
      notificationMessage(
        'withdrawn',
        { withdrawnAt: next.closure.at, reason: next.closure.explanation, byStaff: true },
        about('withdrawn', customer),
      ),
    ];
  }
  if (action === 'take_over') return movedToHqMessages(before, next, at);
  if (action === 'assign') {
    // Taking a claim for oneself ("assign to me") tells nobody: the taker knows, and the unit is unchanged.
    if (next.assigneeId === actorId && next.unitId === before.unitId) return [];
    const recipient: Recipient | null =
      next.assigneeId !== undefined && next.assigneeId !== before.assigneeId
        ? { type: 'staff', staffId: next.assigneeId }
        : next.unitId !== before.unitId
          ? { type: 'unit_role', unitId: next.unitId, role: 'manager' }
          : null;
    if (recipient === null) return [];
    return [
      // Staff mail is in Chinese unless the claim is English.
      notificationMessage(
        'assignment',
        {
          unitId: next.unitId,
          severity: next.severity,
          urgency: next.urgency,
          firstReplyDue:
            next.clocks?.first_reply?.state === 'stopped' ? null : (next.clocks?.first_reply?.dueAt ?? null),
        },
        about('assignment', recipient),
      ),
    ];
  }
  return [];
}
