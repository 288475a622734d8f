import * as z from '../../zod.js';
import { CategoryCodeSchema } from '../categories.js';
import {
  EmailSchema,
  IsoDateSchema,
  PhoneSchema,
  kindConfirmed,
  type Claim,
  type ToConfirmField,
} from '../claim.js';
import { contactKeysOf, productKey } from '../contact-keys.js';
import { ValidationError } from '../errors.js';
import { checkFilingWindow } from '../filing-window.js';
import { TRANSITIONS, type ClaimStatus } from '../lifecycle.js';
import { notificationMessage, type OutboxMessage } from '../messages.js';
import { FenSchema } from '../money.js';
import type { StaffPrincipal } from '../principal.js';
import { departmentFor, requireOfferedCategory } from '../category-policy.js';
import { escalateOnly, gradeSeverity, gradeUrgency } from '../severity.js';
import { shanghaiDate } from '../shanghai-time.js';
import { nonEmptyText } from '../text.js';
import { StaffStatutoryFactsSchema, withStaffStatutoryFacts } from '../statutory/intake-facts.js';
import { countSameKindFromOthers } from './file-claim.js';
import { staffChange, type ActionDeps } from './money-change.js';

/** The fields a facts edit may name; at least one of them (a reason alone changes nothing). */
const FACT_FIELDS = [
  'category',
  'product',
  'foundOn',
  'claimedAmountFen',
  'claimant',
  'facts',
  'statutoryFacts',
] as const;

const atLeastOne = (message: string) =>
  z.refine<object>((value) => Object.values(value).some((v) => v !== undefined), {
    message,
    params: { code: 'no_change' },
  });

/**
 * `POST /staff/claims/{ref}/facts`: the facts staff correct after intake (SPEC §1, §4). Strict, every
 * field optional but at least one fact named; status, severity, urgency, routing and clocks are the
 * server's and follow from the facts.
 */
export const EditFactsSchema = z
  .strictObject({
    category: z.optional(CategoryCodeSchema),
    product: z.optional(
      z
        .strictObject({
          name: z.optional(nonEmptyText(200)),
          model: z.optional(nonEmptyText(100)),
          quantity: z.optional(z.int().check(z.gte(1), z.lte(1_000_000))),
          orderNumber: z.optional(nonEmptyText(64)),
        })
        .check(atLeastOne('name a product field to correct')),
    ),
    /** The day the customer found the problem (Asia/Shanghai); checked against the filing window. */
    foundOn: z.optional(IsoDateSchema),
    claimedAmountFen: z.optional(FenSchema),
    /** The contact and the number of complainants. */
    claimant: z.optional(
      z
        .strictObject({
          name: z.optional(nonEmptyText(100)),
          phone: z.optional(PhoneSchema),
          email: z.optional(EmailSchema),
          complainantCount: z.optional(z.int().check(z.gte(1), z.lte(100_000))),
        })
        .check(atLeastOne('name a contact field to correct')),
    ),
    /** The severity and urgency facts; `answerNeededBy: null` removes the date. */
    facts: z.optional(
      z
        .strictObject({
          litigationFiled: z.optional(z.boolean()),
          mediaOrRegulator: z.optional(z.boolean()),
          threatensMediaOrLegal: z.optional(z.boolean()),
          involvesSafety: z.optional(z.boolean()),
          involvesFunds: z.optional(z.boolean()),
          largeScaleFailure: z.optional(z.boolean()),
          answerNeededBy: z.optional(z.nullable(IsoDateSchema)),
        })
        .check(atLeastOne('name a fact to correct')),
    ),
    /**
     * Issue 24: the facts the statutory remedy rules read, findings of fraud or safety included; `null`
     * takes a fact back to not known.
     */
    statutoryFacts: z.optional(
      StaffStatutoryFactsSchema.check(atLeastOne('name a purchase fact to correct')),
    ),
    /** Why, for the timeline. */
    reason: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
    expectedVersion: z.optional(z.int().check(z.gte(1))),
  })
  .check(
    z.refine((p) => FACT_FIELDS.some((field) => p[field] !== undefined), {
      message: `name at least one of ${FACT_FIELDS.join(', ')}`,
      path: ['category'],
      params: { code: 'no_change' },
    }),
  );
export type EditFactsInput = z.infer<typeof EditFactsSchema>;

/** The claim with the named facts replaced; which stand-ins the edit confirmed. */
export function withEditedFacts(claim: Claim, input: EditFactsInput): Claim {
  const f = input.facts ?? {};
  const { answerNeededBy: _date, ...kept } = claim.facts;
  const answerNeededBy = f.answerNeededBy === undefined ? claim.facts.answerNeededBy : f.answerNeededBy;
  const facts: Claim['facts'] = {
    ...kept,
    litigationFiled: f.litigationFiled ?? kept.litigationFiled,
    mediaOrRegulator: f.mediaOrRegulator ?? kept.mediaOrRegulator,
    threatensMediaOrLegal: f.threatensMediaOrLegal ?? kept.threatensMediaOrLegal,
    involvesSafety: f.involvesSafety ?? kept.involvesSafety,
    involvesFunds: f.involvesFunds ?? kept.involvesFunds,
    largeScaleFailure: f.largeScaleFailure ?? kept.largeScaleFailure,
    ...(answerNeededBy !== null && answerNeededBy !== undefined ? { answerNeededBy } : {}),
  };
  const p = input.product ?? {};
  const c = input.claimant ?? {};
  const confirmed: ToConfirmField[] = [
    ...(input.product?.name !== undefined ? (['product'] as const) : []),
    ...(input.category !== undefined ? (['category'] as const) : []),
    ...(input.foundOn !== undefined ? (['foundOn'] as const) : []),
  ];
  const { toConfirm: _was, ...rest } = claim;
  const toConfirm = (claim.toConfirm ?? []).filter((field) => !confirmed.includes(field));
  const next: Claim = {
    ...rest,
    ...(input.category !== undefined ? { category: input.category } : {}),
    ...(input.foundOn !== undefined ? { foundOn: input.foundOn } : {}),
    ...(input.claimedAmountFen !== undefined ? { claimedAmountFen: input.claimedAmountFen } : {}),
    product: {
      ...claim.product,
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(p.model !== undefined ? { model: p.model } : {}),
      ...(p.quantity !== undefined ? { quantity: p.quantity } : {}),
      ...(p.orderNumber !== undefined ? { orderNumber: p.orderNumber } : {}),
    },
    claimant: {
      ...claim.claimant,
      ...(c.name !== undefined ? { name: c.name } : {}),
      ...(c.phone !== undefined ? { phone: c.phone } : {}),
      ...(c.email !== undefined ? { email: c.email } : {}),
      ...(c.complainantCount !== undefined ? { complainantCount: c.complainantCount } : {}),
    },
    facts,
    ...(toConfirm.length > 0 ? { toConfirm } : {}),
  };
  return next;
}

/**
 * Staff correct a claim's facts (category, product, day found, amount, contact, severity and urgency facts,
 * and the statutory remedy facts of issue 24: purchase, price, goods, findings of fraud or safety).
 * 1. Load the claim (404 outside the caller's units); role and state from the lifecycle table (`edit_facts`:
 *    agent or manager, any open state); the edit must change something.
 * 2. Routing: the department follows the category.
 * 3. Severity is graded again from the corrected facts and only ever raised (`escalateOnly`). The same-kind
 *    count is read again only when the kind (category, product) changed or was just confirmed: one bounded
 *    read of the kind index, as intake does; otherwise it cannot raise the level further.
 * 4. Urgency is graded again from the facts against the normal first-reply date (both ways: it is a fact).
 * 5. A day found that is now known is checked against the filing window (from the day received): late,
 *    a claim still in admission is not admitted, the customer told why; a later one keeps going with the
 *    finding in the audit note for staff. A day in the future is refused (400).
 * 6. Through `applyChange`: the clocks follow the new rule (targets recounted from their own start; an
 *    on-site clock starts when the category now needs a visit; all stop on not admitted), the audit event
 *    carries the diff of every field that moved, one conditional write.
 */
export async function editFacts(
  deps: ActionDeps,
  ref: string,
  input: EditFactsInput,
  principal: StaffPrincipal,
): Promise<Claim> {
  return staffChange(
    deps,
    ref,
    principal,
    'edit_facts',
    async (claim, { now, at }) => {
      // A new category must be one the policy offers now; keeping the claim's own (even retired) is no change.
      if (input.category !== undefined && input.category !== claim.category)
        requireOfferedCategory(deps.settings.categories, input.category);
      const edited = withStatutoryEdit(withEditedFacts(claim, input), input, now);
      if (edited.claimant.phone === undefined && edited.claimant.email === undefined) {
        throw new ValidationError('the claim needs a phone number or an email address', [
          {
            path: 'claimant.phone',
            message: 'give a phone number or an email address',
            code: 'contact_required',
          },
        ]);
      }
      if (JSON.stringify(edited) === JSON.stringify(claim)) {
        throw new ValidationError('the edit changes nothing', [
          { path: 'category', message: 'every value named is already the claim’s', code: 'no_change' },
        ]);
      }
      const { settings } = deps;
      const kindMoved =
        kindConfirmed(edited) &&
        (!kindConfirmed(claim) ||
          edited.category !== claim.category ||
          productKey(edited.product.name) !== productKey(claim.product.name));
      const sameKindFromOthers = kindMoved
        ? await countSameKindFromOthers(deps.store, edited, contactKeysOf(edited.claimant), now, settings)
        : 0;
      const severity = escalateOnly(
        { value: claim.severity, reasons: claim.severityReasons },
        gradeSeverity(
          {
            claimedAmountFen: edited.claimedAmountFen,
            complainantCount: edited.claimant.complainantCount,
            litigationFiled: edited.facts.litigationFiled,
            mediaOrRegulator: edited.facts.mediaOrRegulator,
            sameKindFromOthers,
            // Severity by time is the sweep's (with its fault rule); an edit changes no age.
            unresolvedDays: 0,
            companyAtFault: false,
          },
          settings.severity,
        ),
      );
      const calendar = await deps.calendars.current();
      const normalReplyDue = calendar.addWorkingDays(claim.receivedAt, settings.firstReplyWorkingDays).at;
      const urgency = gradeUrgency(edited.facts, shanghaiDate(new Date(normalReplyDue)));
      const graded: Claim = {
        ...edited,
        department: departmentFor(edited.category, settings.categories),
        severity: severity.value,
        severityReasons: [...severity.reasons],
        urgency: urgency.value,
        urgencyReasons: [...urgency.reasons],
      };
      const window =
        input.foundOn === undefined
          ? null
          : checkFilingWindow(
              input.foundOn,
              new Date(claim.receivedAt),
              settings.filingWindowDays,
              claim.language,
            );
      const reason = input.reason !== undefined && input.reason !== '' ? input.reason : undefined;
      if (window === null || window.admitted) return { claim: graded, note: reason };
      if (!ADMISSION_STATES.includes(claim.status)) {
        return {
          claim: graded,
          note: [reason, `${window.reason} (${LATE_PAST_ADMISSION})`]
            .filter((n) => n !== undefined)
            .join('\n'),
        };
      }
      const closure = { reason: 'filing_window', explanation: window.reason, at };
      return {
        claim: { ...graded, closure },
        status: 'not_admitted' as const,
        note: [reason, window.reason].filter((n) => n !== undefined).join('\n'),
        outbox: (next: Claim) => [lateRefusal(next, at)],
      };
    },
    input.expectedVersion,
  );
}

/** The claim with the staff's statutory facts applied (issue 24); none left: none stored. */
function withStatutoryEdit(claim: Claim, input: EditFactsInput, now: Date): Claim {
  if (input.statutoryFacts === undefined) return claim;
  const { statutoryFacts: before, ...rest } = claim;
  const after = withStaffStatutoryFacts(before, input.statutoryFacts, now);
  return after ? { ...rest, statutoryFacts: after } : rest;
}

/** Where a claim can still be not admitted (the lifecycle's not_admit). */
const ADMISSION_STATES: readonly ClaimStatus[] = TRANSITIONS.not_admit.from;

const LATE_PAST_ADMISSION = '已过受理阶段，由处理人决定 / past admission: the handler decides';

/** SPEC §3: the customer is told the claim is not admitted, with the filing-window reason. */
function lateRefusal(next: Claim, at: string): OutboxMessage {
  return notificationMessage(
    'not_admitted',
    {
      receivedAt: next.receivedAt,
      reason: 'filing_window',
      explanation: next.closure?.explanation ?? '',
      atIntake: false,
    },
    {
      id: `${next.id}:not_admitted:v${next.version}`,
      claim: next,
      recipient: { type: 'customer' },
      createdAt: at,
    },
  );
}
