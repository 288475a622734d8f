import * as z from '../zod.js';
import { NotAdmittedReasonSchema } from './claim.js';
import { FenSchema } from './money.js';
import { PlanItemSchema, ReconsiderationOutcomeSchema, ResolutionTypeSchema } from './resolution.js';
import { ClockNameSchema } from './sla/clock-schema.js';
import { CustomerResponseKindSchema } from './customer-response.js';

/**
 * What each notification kind carries (SPEC §Notifications): raw facts only — ISO instants, integer fen,
 * codes — so the producer states what happened and the templates say it in the reader's language. The
 * producer and both templates of a kind share the inferred type, so a template reading a field its kind
 * does not carry, or a producer leaving one out, fails tsc; the notify queue parses bodies with these.
 * The customer's name and address are not copied in: the notify function reads them from the claim.
 */
const Instant = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();
const Text = z.string().check(z.maxLength(5000));
const Id = z.string().check(z.minLength(1), z.maxLength(200));
const Count = z.int().check(z.nonnegative());

export const NOTIFICATION_PAYLOADS = {
  /** SPEC §2 受理回执: received, the first-reply deadline, and any material the claim still needs. */
  acknowledgment: z.strictObject({
    receivedAt: Instant,
    firstReplyDue: Instant,
    missingMaterial: z.array(Text),
  }),
  material_request: z.strictObject({
    items: z.array(Text).check(z.minLength(1)),
    note: z.nullable(Text),
  }),
  deadline_extension: z.strictObject({
    clock: ClockNameSchema,
    previousDueAt: Instant,
    newDueAt: Instant,
    reason: Text,
  }),
  /** A holiday schedule loaded for `year` moved a running clock's deadline later (issue 25). */
  deadline_moved: z.strictObject({
    clock: ClockNameSchema,
    previousDueAt: Instant,
    newDueAt: Instant,
    year: z.int(),
  }),
  decision_offer: z.strictObject({
    revision: z.int().check(z.gte(1)),
    type: ResolutionTypeSchema,
    items: z.array(PlanItemSchema),
    totalFen: FenSchema,
    decidedAt: Instant,
    /** Until when a reconsideration may be asked for (the decision plus the window in days). */
    reconsiderationDeadline: Instant,
  }),
  payout_done: z.strictObject({
    amountFen: FenSchema,
    voucherNumber: Id,
  }),
  reconsideration_received: z.strictObject({
    requestedAt: Instant,
    decisionDue: Instant,
  }),
  reconsideration_decided: z.strictObject({
    outcome: ReconsiderationOutcomeSchema,
    reason: Text,
    totalFen: FenSchema,
    /** An amended plan that goes through approval (and legal review) before it is sent; absent: false. */
    pendingApproval: z.optional(z.boolean()),
  }),
  closure_survey: z.strictObject({
    closedAt: Instant,
  }),
  /** SPEC §3: refused at intake (filing window) or by staff, with the reason and its explanation. */
  not_admitted: z.strictObject({
    receivedAt: Instant,
    reason: NotAdmittedReasonSchema,
    explanation: Text,
    /** Refused on receipt (the filing window): this is the intake's reply, rate-limited like a receipt. */
    atIntake: z.boolean(),
  }),
  withdrawn: z.strictObject({
    withdrawnAt: Instant,
    reason: Text,
    /** Withdrawn by staff on the customer's behalf (phone, letter) rather than on the tracking page. */
    byStaff: z.boolean(),
  }),
  /** Staff sent the customer a fresh tracking link (issue 16: the customer lost theirs). */
  tracking_link: z.strictObject({
    requestedAt: Instant,
  }),
  /** Issue 17: a written reply from the claim's handler; the message is the point, so it is carried whole. */
  staff_reply: z.strictObject({
    message: Text,
    repliedAt: Instant,
    /** The handler's name from the directory (null: not in it; the mail then names no one). */
    byName: z.nullable(Text),
  }),
  assignment: z.strictObject({
    unitId: Id,
    severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    urgency: z.enum(['urgent', 'normal']),
    firstReplyDue: z.nullable(Instant),
  }),
  moved_to_hq: z.strictObject({
    /** An HQ manager took it over, or the customer escalated it. */
    by: z.enum(['hq_manager', 'customer']),
    fromUnitId: Id,
    toUnitId: Id,
    reason: Text,
  }),
  approval_needed: z.strictObject({
    revision: z.int().check(z.gte(1)),
    type: ResolutionTypeSchema,
    totalFen: FenSchema,
    proposedBy: z.strictObject({ id: Id, name: z.nullable(Text) }),
    /** Legal is asked first when the plan needs legal review. */
    legalReview: z.boolean(),
  }),
  /** The customer added material, replied, disputed or asked for reconsideration; or their mail was held. */
  /** Issue 17: a colleague named this staff member in an internal note on the claim. */
  note_mention: z.strictObject({
    byName: Text,
    at: Instant,
    /** The note, on one line and cut to `EXCERPT_CHARS` (the claim keeps all of it). */
    excerpt: Text,
  }),
  customer_responded: z.strictObject({
    what: CustomerResponseKindSchema,
    at: Instant,
    /** The start of the customer's words, on one line (the claim keeps all of them). */
    excerpt: z.nullable(Text),
    /** Files that came with it (kept on the claim; a held mail's are kept with the mail). */
    files: Count,
  }),
  deadline_warning: z.strictObject({
    clock: ClockNameSchema,
    dueAt: Instant,
    /** Share of the clock's time used when the sweep warned, in whole percent. */
    usedPercent: z.int().check(z.nonnegative()),
  }),
  breach_escalation: z.strictObject({
    clock: ClockNameSchema,
    dueAt: Instant,
    claimUnitId: Id,
    escalatedTo: Id,
  }),
  overdue_report: z.strictObject({
    date: IsoDate,
    unitId: Id,
    overdue: Count,
    dueSoon: Count,
  }),
} as const;

export type NotificationPayloads = {
  readonly [K in keyof typeof NOTIFICATION_PAYLOADS]: z.infer<(typeof NOTIFICATION_PAYLOADS)[K]>;
};
