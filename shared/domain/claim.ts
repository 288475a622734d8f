import * as z from '../zod.js';
import { nonEmptyText } from './text.js';
import { toE164 } from './phone.js';
import {
  CategoryCodeSchema,
  ChannelSchema,
  FALLBACK_CATEGORY,
  LanguageSchema,
  RemedySchema,
} from './categories.js';
import { ClaimStatusSchema, StaffRoleSchema } from './lifecycle.js';
import { FenSchema } from './money.js';
import { UploadRefsSchema } from './evidence.js';
import {
  ApprovalRecordSchema,
  ExecutionSchema,
  FindingsSchema,
  FollowUpSchema,
  LegalProceedingsSchema,
  OfferSchema,
  PayoutRefSchema,
  ReconsiderationSchema,
  ResolutionPlanSchema,
  SurveySchema,
} from './resolution.js';
import { ClaimClocksSchema } from './sla/clock-schema.js';
import { CustomerResponseSchema } from './customer-response.js';
import { SlaSummarySchema, slaSummaryOf } from './sla/queue-sla.js';
import { IntakeStatutoryFactsSchema } from './statutory/intake-facts.js';
import { StatutoryFactsSchema } from './statutory/remedy-facts.js';
import { PrivacyConsentInputSchema, PrivacyConsentSchema } from './privacy-notice.js';

/** A calendar date as the customer states it (Asia/Shanghai), e.g. when the problem was found. */
export const IsoDateSchema = z.iso.date();
export const IsoInstantSchema = z.iso.datetime({ offset: true });

/**
 * The customer's phone: a mainland mobile, or an international number with its country code (a landline
 * too, written +86 21 …), so a text message can reach it. Kept as typed (trimmed); lookups compare digits.
 */
export const PhoneSchema = z.string().check(
  z.trim(),
  z.refine(
    // One rule with the SMS sender's: a phone is accepted exactly when it can be texted.
    (value) => toE164(value) !== null,
    {
      message: 'a mainland mobile number or an international number with its country code',
      params: { code: 'invalid_phone' },
    },
  ),
);
export const EmailSchema = z.email().check(z.maxLength(254));

/** The facts the severity and urgency rules read (SPEC §4). All optional at intake; default false. */
export const ClaimFactsSchema = z.strictObject({
  litigationFiled: z._default(z.boolean(), false),
  mediaOrRegulator: z._default(z.boolean(), false),
  threatensMediaOrLegal: z._default(z.boolean(), false),
  involvesSafety: z._default(z.boolean(), false),
  involvesFunds: z._default(z.boolean(), false),
  largeScaleFailure: z._default(z.boolean(), false),
  /** The customer needs an answer by this date, possibly sooner than the normal deadline. */
  answerNeededBy: z.optional(IsoDateSchema),
});
export type ClaimFacts = z.infer<typeof ClaimFactsSchema>;

/** The facts of a claim that reports none of them: every flag false. */
export const NO_FACTS = {
  litigationFiled: false,
  mediaOrRegulator: false,
  threatensMediaOrLegal: false,
  involvesSafety: false,
  involvesFunds: false,
  largeScaleFailure: false,
} as const satisfies ClaimFacts;

/**
 * The intake fields of SPEC §Lifecycle 1, as every channel submits them. Strict: status, amounts owed,
 * assignee and the like are server-owned and a body naming them is refused.
 */
export const IntakeFieldsSchema = z.strictObject({
  claimant: z.strictObject({
    name: nonEmptyText(100),
    phone: z.optional(PhoneSchema),
    email: z.optional(EmailSchema),
    /** How many people this complaint is made for (SPEC §4 counts complainants). */
    complainantCount: z._default(z.int().check(z.gte(1), z.lte(100_000)), 1),
  }),
  product: z.strictObject({
    name: nonEmptyText(200),
    model: z.optional(nonEmptyText(100)),
    quantity: z._default(z.int().check(z.gte(1), z.lte(1_000_000)), 1),
    orderNumber: z.optional(nonEmptyText(64)),
  }),
  foundOn: IsoDateSchema,
  description: nonEmptyText(5000),
  category: z._default(CategoryCodeSchema, FALLBACK_CATEGORY),
  requestedRemedy: RemedySchema,
  claimedAmountFen: z._default(FenSchema, 0),
  facts: z.prefault(ClaimFactsSchema, {}),
  language: z._default(LanguageSchema, 'zh-CN'),
  /** Store or region the claim concerns, when the customer knows it; HQ dispatches otherwise. */
  unitId: z.optional(z.string().check(z.maxLength(40))),
  /** A commitment (承诺) the claim cites; its response promise becomes the first-reply target. */
  commitmentId: z.optional(nonEmptyText(64)),
  /** Files uploaded first through `POST /claims/uploads`; recorded as evidence with their checksums. */
  uploads: z.optional(UploadRefsSchema),
  /** Issue 24: how, when and at what price the goods were bought, as far as the customer says. */
  statutoryFacts: z.optional(IntakeStatutoryFactsSchema),
  /**
   * The consent line of the web form (个人信息保护法): the notice version the customer agreed to. Required on
   * the web (POST /claims); staff may send it for a customer who agreed on the phone or at the counter.
   */
  privacyConsent: z.optional(PrivacyConsentInputSchema),
});

/** Every channel must leave a way to reach the customer. */
export function requireContact<
  S extends z.ZodMiniType<{ claimant: { phone?: string | undefined; email?: string | undefined } }>,
>(schema: S): S {
  return schema.check(
    z.refine((v) => v.claimant.phone !== undefined || v.claimant.email !== undefined, {
      message: 'give a phone number or an email address so we can reach you',
      path: ['claimant', 'phone'],
      params: { code: 'contact_required' },
    }),
  );
}

export const IntakeInputSchema = requireContact(IntakeFieldsSchema);
export type IntakeInput = z.infer<typeof IntakeInputSchema>;

export const StaffActorSchema = z.strictObject({
  type: z.literal('staff'),
  id: z.string().check(z.minLength(1)),
  name: z.optional(z.string()),
  roles: z.array(StaffRoleSchema),
});
export const SystemActorSchema = z.strictObject({
  type: z.literal('system'),
  id: z.string().check(z.minLength(1)),
});
export const ActorSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('customer') }),
  StaffActorSchema,
  SystemActorSchema,
]);
export type Actor = z.infer<typeof ActorSchema>;

export const MaterialRequestSchema = z.strictObject({
  items: z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.minLength(1), z.maxLength(20)),
  note: z.optional(z.string().check(z.maxLength(2000))),
  requestedAt: IsoInstantSchema,
});

/** Why staff do not admit a claim (SPEC §3); `groundless` is 误投诉, closed with an explanation. */
export const NOT_ADMITTED_REASONS = [
  'filing_window',
  'groundless',
  'out_of_scope',
  'duplicate',
  'other',
] as const;
export const NotAdmittedReasonSchema = z.enum(NOT_ADMITTED_REASONS);
export type NotAdmittedReason = z.infer<typeof NotAdmittedReasonSchema>;

export const ClosureSchema = z.strictObject({
  reason: z.string().check(z.minLength(1)),
  explanation: z.string().check(z.maxLength(2000)),
  at: IsoInstantSchema,
});

/** The on-site evidence visit (SPEC §5: within 24 hours where the category needs one), as staff recorded it. */
export const SiteVisitSchema = z.strictObject({
  /** Who went: a name or staff id, as the visitor signs the report. */
  visitedBy: z.string().check(z.minLength(1), z.maxLength(128)),
  visitedAt: IsoInstantSchema,
  /** What the visit found, in the visitor's words. */
  result: z.string().check(z.minLength(1), z.maxLength(2000)),
  recordedAt: IsoInstantSchema,
});
export type SiteVisit = z.infer<typeof SiteVisitSchema>;

/** A claim moved up to HQ (SPEC §12): taken over by an HQ manager, or escalated by the customer. */
export const HqEscalationSchema = z.strictObject({
  by: z.enum(['hq_manager', 'customer']),
  at: IsoInstantSchema,
  reason: z.string().check(z.minLength(1), z.maxLength(2000)),
  /** The unit that had it: its managers are told. */
  fromUnitId: z.string().check(z.minLength(1)),
});
export type HqEscalation = z.infer<typeof HqEscalationSchema>;

/** An attachment kept as evidence (SPEC §14: attachments kept with checksums). */
export const EvidenceSchema = z.strictObject({
  /** Blob key in the evidence store. */
  key: z.string().check(z.minLength(1)),
  name: z.string().check(z.maxLength(255)),
  contentType: z.string().check(z.maxLength(255)),
  size: z.int().check(z.gte(0)),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  /** Where it came from, e.g. `email:<message id>`. */
  source: z.string().check(z.maxLength(1000)),
  addedAt: IsoInstantSchema,
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * Facts a channel could not know and only filled with a stand-in (email: the product, the category, the
 * day found). Staff confirm them through the facts edit; until then the claim is not counted as a
 * same-kind complaint, and the filing window waits for the real day found.
 */
export const TO_CONFIRM_FIELDS = ['product', 'category', 'foundOn'] as const;
export const ToConfirmFieldSchema = z.enum(TO_CONFIRM_FIELDS);
export type ToConfirmField = z.infer<typeof ToConfirmFieldSchema>;

/** Whether the claim's category and product are real facts, so it counts in the same-kind rule. */
export function kindConfirmed(claim: {
  readonly toConfirm?: readonly ToConfirmField[] | undefined;
}): boolean {
  return !(claim.toConfirm ?? []).some((field) => field === 'product' || field === 'category');
}

/** The claim as stored (entity `Claim`, schema version 1). */
export const ClaimSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  number: z.string().check(z.regex(/^CLM-\d{4}-\d{6,}$/)),
  version: z.int().check(z.gte(1)),
  status: ClaimStatusSchema,
  channel: ChannelSchema,
  language: LanguageSchema,
  claimant: z.strictObject({
    name: z.string(),
    phone: z.optional(z.string()),
    email: z.optional(z.string()),
    complainantCount: z.int().check(z.gte(1)),
  }),
  product: z.strictObject({
    name: z.string(),
    model: z.optional(z.string()),
    quantity: z.int().check(z.gte(1)),
    orderNumber: z.optional(z.string()),
  }),
  foundOn: IsoDateSchema,
  receivedAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
  description: z.string(),
  category: CategoryCodeSchema,
  department: z.string(),
  requestedRemedy: RemedySchema,
  claimedAmountFen: FenSchema,
  facts: ClaimFactsSchema,
  /** The facts the statutory remedy rules read (issue 24); absent when none is known (nothing stored). */
  statutoryFacts: z.optional(StatutoryFactsSchema),
  severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  severityReasons: z.array(z.string()),
  urgency: z.enum(['urgent', 'normal']),
  urgencyReasons: z.array(z.string()),
  unitId: z.string(),
  unitPath: z.array(z.string()).check(z.minLength(1)),
  assigneeId: z.optional(z.string()),
  materialRequest: z.optional(MaterialRequestSchema),
  materialSubmissions: z.int().check(z.gte(0)),
  possibleDuplicateOf: z.array(z.string()),
  closure: z.optional(ClosureSchema),
  /** SHA-256 hashes of the customer's access tokens; the tokens themselves are never stored. */
  accessTokenHashes: z.array(z.string().check(z.regex(/^[0-9a-f]{64}$/))).check(z.minLength(1)),
  createdBy: ActorSchema,
  // Money: investigation → plan → approval → offer → payout → closure (SPEC §6–11, shared/domain/resolution.ts).
  findings: z.optional(FindingsSchema),
  resolution: z.optional(ResolutionPlanSchema),
  approval: z.optional(ApprovalRecordSchema),
  offer: z.optional(OfferSchema),
  reconsideration: z.optional(ReconsiderationSchema),
  legalProceedings: z.optional(LegalProceedingsSchema),
  payouts: z.optional(z.array(PayoutRefSchema)),
  execution: z.optional(ExecutionSchema),
  followUps: z.optional(z.array(FollowUpSchema)),
  survey: z.optional(SurveySchema),
  /** Attachments received with the claim or later (email attachments today). Optional: older items lack it. */
  evidence: z.optional(z.array(EvidenceSchema)),
  /** The on-site visit, once recorded (it stops the on-site clock). */
  siteVisit: z.optional(SiteVisitSchema),
  /** The latest move up to HQ, once there was one. */
  hqEscalation: z.optional(HqEscalationSchema),
  /** The customer's latest material, reply, dispute or request that no staff member has opened yet. */
  customerResponse: z.optional(CustomerResponseSchema),
  /** SLA clocks (SPEC §5), started, paused and stopped by the lifecycle actions; absent before they existed. */
  clocks: z.optional(ClaimClocksSchema),
  /** The policy version (issue 15) whose targets set the clocks at intake; absent on claims filed before. */
  policyVersion: z.optional(z.int().check(z.gte(1))),
  /** The commitment (承诺) the claim cites, whose response promise sets the first-reply target. */
  commitmentId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** Stand-in facts staff still have to confirm (email intake); absent once all are confirmed. */
  toConfirm: z.optional(z.array(ToConfirmFieldSchema).check(z.minLength(1))),
  /** The customer's consent to the privacy notice: its version and when; absent where none was given. */
  privacyConsent: z.optional(PrivacyConsentSchema),
  /**
   * The `hash` of the claim's latest audit event (audit-chain.ts), kept here because the claim item is
   * rewritten with every change anyway: the next event links to it without a read. Set by the writer;
   * absent on claims whose trail predates the chain.
   */
  auditHead: z.optional(z.string()),
});
export type Claim = z.infer<typeof ClaimSchema>;
export type Severity = Claim['severity'];
export type Urgency = Claim['urgency'];

/** What work queues and search results show: small, so the indexes that carry it stay cheap. */
export const ClaimSummarySchema = z.strictObject({
  id: z.string(),
  number: z.string(),
  status: ClaimStatusSchema,
  category: CategoryCodeSchema,
  severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  urgency: z.enum(['urgent', 'normal']),
  unitId: z.string(),
  unitPath: z.array(z.string()),
  assigneeId: z.optional(z.string()),
  claimantName: z.string(),
  productName: z.string(),
  claimedAmountFen: FenSchema,
  receivedAt: IsoInstantSchema,
  /**
   * Not written any more: a summary that changed with every edit rewrote every index that projects it
   * (work queues, assignee, deadlines) on every change. Still accepted from items stored before.
   */
  updatedAt: z.optional(IsoInstantSchema),
  possibleDuplicate: z.boolean(),
  /** "Customer responded" in the queue until a staff member opens the claim. */
  customerResponse: z.optional(CustomerResponseSchema),
  /** The clocks as the work queue shows and filters them; absent without a live clock (and before issue 17). */
  sla: z.optional(SlaSummarySchema),
});
export type ClaimSummary = z.infer<typeof ClaimSummarySchema>;

export function summarize(claim: Claim): ClaimSummary {
  return {
    id: claim.id,
    number: claim.number,
    status: claim.status,
    category: claim.category,
    severity: claim.severity,
    urgency: claim.urgency,
    unitId: claim.unitId,
    unitPath: claim.unitPath,
    ...(claim.assigneeId !== undefined ? { assigneeId: claim.assigneeId } : {}),
    claimantName: claim.claimant.name,
    productName: claim.product.name,
    claimedAmountFen: claim.claimedAmountFen,
    receivedAt: claim.receivedAt,
    possibleDuplicate: claim.possibleDuplicateOf.length > 0,
    ...(claim.customerResponse !== undefined ? { customerResponse: claim.customerResponse } : {}),
    ...slaPart(claim),
  };
}

function slaPart(claim: Claim): { sla?: NonNullable<ClaimSummary['sla']> } {
  const sla = slaSummaryOf(claim.clocks);
  return sla ? { sla } : {};
}
