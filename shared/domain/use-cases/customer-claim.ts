import { withoutRateLimitNote } from '../mail/rate-limit-note.js';
import * as z from '../../zod.js';
import { nonEmptyText } from '../text.js';
import type { Claim } from '../claim.js';
import { TRANSITIONS, isOpen, planTransition, type ClaimStatus } from '../lifecycle.js';
import type { AuditEvent } from '../audit.js';
import { REPLY_CHANNELS, type ReplyChannel } from '../labels.js';
import { reconsiderationDeadline } from '../resolution.js';
import type { ClaimStore } from '../../ports/claim-store.js';
import type { ClaimWriter } from '../../ports/claim-writer.js';
import type { QueueSender } from '../../ports/queue-sender.js';
import { applyChange, loadWithToken } from './money-change.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/ids.js';
import { offerView } from './customer-decision.js';
import { escalationGround } from './escalate-to-hq.js';
import type { CalendarSource } from '../../ports/calendar-store.js';
import type { PolicySettings } from '../settings.js';
import { clockEntries, type ClaimClock, type ClockName } from '../sla/clock-schema.js';
import { UploadRefsSchema, type UploadRequest } from '../evidence.js';
import type { BlobStore } from '../../ports/blob-store.js';
import type { UploadSigner } from '../../ports/upload-signer.js';
import { notificationMessage } from '../messages.js';
import { customerEntitlements, type CustomerEntitlement } from '../statutory/claim-remedies.js';
import { customerResponded } from '../response-notice.js';
import {
  keepUploads,
  receiveUploads,
  requestUpload,
  tooManyUploads,
  uploadedCount,
  type UploadTicket,
} from './evidence-uploads.js';

export interface CustomerDeps {
  readonly store: ClaimStore;
  readonly writer: ClaimWriter;
  readonly queues: QueueSender;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly calendars: CalendarSource;
  readonly settings: PolicySettings;
  readonly evidence: BlobStore;
  readonly uploads: UploadSigner;
}

/** What the customer sees: their own facts and a plain-language timeline, no staff internals. */
export interface CustomerClaimView {
  readonly number: string;
  readonly status: ClaimStatus;
  readonly receivedAt: string;
  readonly updatedAt: string;
  readonly category: Claim['category'];
  readonly product: Claim['product'];
  readonly requestedRemedy: Claim['requestedRemedy'];
  readonly claimedAmountFen: number;
  readonly description: string;
  readonly language: Claim['language'];
  readonly materialRequest?: Claim['materialRequest'];
  readonly closure?: Claim['closure'];
  /**
   * The approved offer awaiting (or after) the customer's decision (issue 6), in words: each item's
   * settlement (cash, goods, service), who carries it out and by when, why (the findings' summary), and
   * until when a reconsideration may be asked for.
   */
  readonly offer?: NonNullable<ReturnType<typeof offerView>> & {
    /** The last moment a reconsideration may be asked for (the decision + the window's days). */
    readonly reconsiderUntil: string;
  };
  /**
   * What the customer and our staff said to each other, oldest first: the customer's material, objections,
   * reconsideration and escalation reasons; our first reply, material requests and decisions. Never an
   * internal note (findings' notes, approvals, assignments).
   */
  readonly conversation: readonly ConversationEntry[];
  /** When the customer answered the open material request (the claim still waits for staff to check it). */
  readonly materialReceivedAt?: string;
  /** The closure is rated: the survey is not offered again. */
  readonly survey?: { readonly rating: NonNullable<Claim['survey']>['rating']; readonly at: string };
  /** The claim is closed and this closure not yet rated. */
  readonly surveyOpen: boolean;
  /** The customer may still withdraw the claim. */
  readonly mayWithdraw: boolean;
  /**
   * The deadlines still ahead of the customer (running or paused clocks of an open claim), for
   * "3 个工作日内答复" in words; empty once the claim is closed.
   */
  readonly deadlines: readonly {
    clock: ClockName;
    target: ClaimClock['target'];
    state: ClaimClock['state'];
    dueAt: string;
  }[];
  readonly timeline: readonly { at: string; action: string; status?: ClaimStatus; note?: string }[];
  /** The files kept with the claim (uploads and mailed attachments), by name; no storage keys. */
  readonly evidence: readonly { name: string; contentType: string; size: number; addedAt: string }[];
  /** A store refused the claim or missed a deadline: the customer may take it to headquarters. */
  readonly mayEscalateToHq: boolean;
  /**
   * Issue 24: what the law entitles the customer to on the facts known, each with its reason and source;
   * absent when none applies.
   */
  readonly entitlements?: readonly CustomerEntitlement[];
}

/** One message of the conversation on the tracking page (`CustomerClaimView.conversation`). */
export interface ConversationEntry {
  readonly at: string;
  readonly from: 'customer' | 'staff';
  readonly kind: ConversationKind;
  readonly text: string;
  /** How our reply was given (phone, mail, in person…), for a first reply. */
  readonly channel?: ReplyChannel;
}
export type ConversationKind =
  | 'material'
  | 'dispute'
  | 'reconsideration'
  | 'escalation'
  | 'withdrawal'
  | 'reply'
  | 'message'
  | 'email'
  | 'material_request'
  | 'reconsideration_decision'
  | 'not_admitted';

/** The audit actions whose note is a message between the customer and us, and what kind of message. */
const CONVERSATION_ACTIONS: Partial<Record<string, ConversationKind>> = {
  add_material: 'material',
  dispute_offer: 'dispute',
  request_reconsideration: 'reconsideration',
  escalate_to_hq: 'escalation',
  withdraw: 'withdrawal',
  record_first_reply: 'reply',
  reply_to_customer: 'message',
  customer_email: 'email',
  request_material: 'material_request',
  decide_reconsideration: 'reconsideration_decision',
  not_admit: 'not_admitted',
};

/**
 * The conversation from the claim's events, oldest first. A first reply's note is `channel: summary`
 * (triage's `record_first_reply`): the channel is given apart, the summary is the text.
 */
export function conversationOf(events: readonly Pick<AuditEvent, 'at' | 'action' | 'actor' | 'note'>[]) {
  const entries: ConversationEntry[] = [];
  for (const e of events) {
    const kind = CONVERSATION_ACTIONS[e.action];
    if (kind === undefined || e.note === undefined || e.note.trim() === '') continue;
    const from = e.actor.type === 'customer' ? 'customer' : 'staff';
    if (kind === 'reply') {
      const match = /^([a-z_]+): ([\s\S]*)$/.exec(e.note);
      const channel = REPLY_CHANNELS.find((c) => c === match?.[1]);
      entries.push({
        at: e.at,
        from,
        kind,
        text: channel !== undefined && match?.[2] !== undefined ? match[2] : e.note,
        ...(channel !== undefined ? { channel } : {}),
      });
    } else if (kind === 'email') {
      // The customer's mail, without the note staff get when it was merged into this claim by the rate limit.
      const text = withoutRateLimitNote(e.note);
      if (text !== '') entries.push({ at: e.at, from, kind, text });
    } else entries.push({ at: e.at, from, kind, text: e.note });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

/** The customer answered the material request: their latest material (form or mail) after it. */
export function materialReceivedAt(
  claim: Pick<Claim, 'status' | 'materialRequest'>,
  events: readonly Pick<AuditEvent, 'at' | 'action'>[],
): string | undefined {
  const asked = claim.materialRequest?.requestedAt;
  if (claim.status !== 'needs_material' || asked === undefined) return undefined;
  return events
    .filter((e) => (e.action === 'add_material' || e.action === 'customer_email') && e.at >= asked)
    .map((e) => e.at)
    .sort()
    .at(-1);
}

/** The closure is rated when a survey came after it (`recordSurvey` refuses a second one). */
export function closureRated(claim: Pick<Claim, 'survey' | 'closure'>): boolean {
  return claim.survey !== undefined && claim.closure !== undefined && claim.survey.at >= claim.closure.at;
}

/** Internal steps the customer's timeline leaves out: recovery from a supplier, warnings and escalations. */
const STAFF_ONLY_ACTIONS = new Set([
  'reissue_access_token',
  'assign',
  'record_recovery',
  'deadline_sweep',
  'mail_held',
  'mail_attached',
  'acknowledge_response',
  'add_internal_note',
  'reveal_payee',
]);

/** Actions whose notes the customer may read (their own words, what we asked for, why we closed). */
const CUSTOMER_VISIBLE_NOTES = new Set([
  'file_claim',
  'escalate_to_hq',
  'request_material',
  'add_material',
  'not_admit',
  'withdraw',
  'dispute_offer',
  'request_reconsideration',
  'decide_reconsideration',
  'reply_to_customer',
]);

/**
 * A claim read by its customer.
 * 1. Load by number; 2. check the token against the stored hashes in constant time;
 * 3. any failure is the same 404, so a wrong token never reveals that the number exists;
 * 4. return the customer's view with the timeline.
 */
export async function viewClaimAsCustomer(
  deps: CustomerDeps,
  number: string,
  token: string | undefined,
): Promise<CustomerClaimView> {
  const claim = await loadWithToken(deps.store, number, token);
  const events = await deps.store.listEvents(claim.id);
  const offer = offerView(claim);
  const received = materialReceivedAt(claim, events);
  return {
    number: claim.number,
    status: claim.status,
    receivedAt: claim.receivedAt,
    updatedAt: claim.updatedAt,
    category: claim.category,
    product: claim.product,
    requestedRemedy: claim.requestedRemedy,
    claimedAmountFen: claim.claimedAmountFen,
    description: claim.description,
    language: claim.language,
    ...(claim.materialRequest ? { materialRequest: claim.materialRequest } : {}),
    ...(claim.closure ? { closure: claim.closure } : {}),
    ...(offer
      ? {
          offer: {
            ...offer,
            reconsiderUntil: reconsiderationDeadline(
              offer,
              deps.settings.money.reconsiderationWindowDays,
            ).toISOString(),
          },
        }
      : {}),
    conversation: conversationOf(events),
    ...(received !== undefined ? { materialReceivedAt: received } : {}),
    ...(claim.survey ? { survey: { rating: claim.survey.rating, at: claim.survey.at } } : {}),
    surveyOpen: claim.status === 'closed' && claim.closure !== undefined && !closureRated(claim),
    mayWithdraw: customerMay('withdraw', claim.status),
    // A store's refusal or a missed deadline, in a state the customer may escalate from.
    deadlines: promisedDeadlines(claim),
    mayEscalateToHq: escalationGround(claim) !== null && customerMay('escalate_to_hq', claim.status),
    ...entitlementsPart(claim, deps.settings),
    evidence: (claim.evidence ?? []).map((e) => ({
      name: e.name,
      contentType: e.contentType,
      size: e.size,
      addedAt: e.addedAt,
    })),
    timeline: events
      .filter((e) => !STAFF_ONLY_ACTIONS.has(e.action))
      .map((e) => ({
        at: e.at,
        action: e.action,
        ...(e.toStatus ? { status: e.toStatus } : {}),
        ...(e.note !== undefined && CUSTOMER_VISIBLE_NOTES.has(e.action) ? { note: e.note } : {}),
      })),
  };
}

/** Whether the lifecycle lets the customer take this action from this state. */
function customerMay(action: 'withdraw' | 'escalate_to_hq', status: ClaimStatus): boolean {
  const rule = TRANSITIONS[action];
  return rule.roles.includes('customer') && rule.from.some((s) => s === status);
}

function entitlementsPart(
  claim: Claim,
  settings: PolicySettings,
): { entitlements?: readonly CustomerEntitlement[] } {
  const entitlements = customerEntitlements(claim, settings.statutory);
  return entitlements.length > 0 ? { entitlements } : {};
}

/**
 * The deadlines we still promise the customer: the running or paused clocks of an open claim. A closed,
 * not-admitted or withdrawn claim promises nothing, whatever its stored clocks say (claims closed before
 * closure stopped every clock still carry running ones).
 */
export function promisedDeadlines(claim: Pick<Claim, 'status' | 'clocks'>): CustomerClaimView['deadlines'] {
  if (!isOpen(claim.status)) return [];
  return clockEntries(claim.clocks)
    .filter(([, c]) => c.state !== 'stopped')
    .map(([clock, c]) => ({ clock, target: c.target, state: c.state, dueAt: c.dueAt }));
}

export const AddMaterialSchema = z.strictObject({
  message: nonEmptyText(5000),
  /** Which of the requested items this answers, in the customer's words. */
  items: z.optional(z.array(nonEmptyText(200)).check(z.maxLength(20))),
  /** Files uploaded first through `POST /claims/{number}/uploads`. */
  uploads: z.optional(UploadRefsSchema),
});
export type AddMaterialInput = z.infer<typeof AddMaterialSchema>;

export const CustomerWithdrawSchema = z.strictObject({
  reason: nonEmptyText(2000),
});

/**
 * The customer adds material (a message, and files uploaded first) to their claim.
 * 1. Load with the token (404 otherwise); 2. check the lifecycle allows it in this state;
 * 3. check and hash the uploads it names (a missing one → 400, nothing written), then keep them;
 * 4. count the submission, add the evidence, mark the claim "customer responded";
 * 5. save claim + audit event (the message is the note) + the owner's notice, one conditional write.
 * Staff then mark the material complete or ask for more; the claim and its paused clock do not move by
 * themselves.
 */
export async function addMaterialAsCustomer(
  deps: CustomerDeps,
  number: string,
  token: string | undefined,
  input: AddMaterialInput,
): Promise<Claim> {
  const claim = await loadWithToken(deps.store, number, token);
  const note = input.items?.length ? `${input.message}\n[${input.items.join('; ')}]` : input.message;
  return applyChange(
    deps,
    claim,
    'add_material',
    { type: 'customer' },
    ['customer'],
    async (c, { at, eventId }) => {
      const received = await receiveUploads(
        deps,
        input.uploads ?? [],
        { claimId: c.id, existing: c.evidence },
        'web:material',
        at,
      );
      const added = await keepUploads(deps, received);
      const { claim: marked, notice } = customerResponded(
        {
          ...c,
          materialSubmissions: c.materialSubmissions + 1,
          ...(added.length > 0 ? { evidence: [...(c.evidence ?? []), ...added] } : {}),
        },
        { what: 'material', at, eventId, text: input.message, files: added.length },
      );
      return { claim: marked, note, outbox: [notice] };
    },
  );
}

/**
 * Sign the upload of one file the customer will send with material.
 * 1. Load with the token (404 otherwise); 2. the lifecycle must allow adding material now;
 * 3. the claim must have room for another upload; 4. sign it under the claim's own prefix.
 */
export async function requestMaterialUpload(
  deps: CustomerDeps,
  number: string,
  token: string | undefined,
  input: UploadRequest,
): Promise<UploadTicket> {
  const claim = await loadWithToken(deps.store, number, token);
  planTransition('add_material', claim.status, ['customer']);
  const max = deps.settings.evidence.maxUploadsPerClaim;
  if (uploadedCount(claim.evidence) >= max) throw tooManyUploads(max);
  return requestUpload(deps, input, claim.id);
}

/**
 * The customer withdraws their claim.
 * 1. Load with the token; 2. check the state allows withdrawal; 3. close with the reason and stop the
 * SLA clocks; 4. save + audit + the customer's withdrawal notice; relay it.
 */
export async function withdrawAsCustomer(
  deps: CustomerDeps,
  number: string,
  token: string | undefined,
  reason: string,
): Promise<Claim> {
  const claim = await loadWithToken(deps.store, number, token);
  // The claim closes, so its SLA clocks stop (applyChange's clock step).
  return applyChange(deps, claim, 'withdraw', { type: 'customer' }, ['customer'], (c, { at }) => ({
    claim: { ...c, closure: { reason: 'withdrawn', explanation: reason, at } },
    note: reason,
    outbox: [
      notificationMessage(
        'withdrawn',
        { withdrawnAt: at, reason, byStaff: false },
        {
          id: `${c.id}:withdrawn:v${c.version + 1}`,
          claim: c,
          recipient: { type: 'customer' },
          createdAt: at,
        },
      ),
    ],
  }));
}
