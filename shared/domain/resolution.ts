import * as z from '../zod.js';
import { nonEmptyText } from './text.js';
import { FenSchema } from './money.js';
import { addDays } from './shanghai-time.js';
import { StatutoryReviewSchema } from './statutory/plan-flag.js';

/**
 * Investigation, resolution plan, approval, offer, reconsideration and closure records (SPEC §6–11).
 * Stored on the claim; this module imports nothing from claim.ts so the claim schema can embed it.
 */
const Instant = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();

export const ROOT_CAUSES = [
  'batch_defect', // 生产批次缺陷
  'misuse', // 使用不当
  'service_error',
  'logistics',
  'supplier_material',
  'other',
] as const;
export const RootCauseSchema = z.enum(ROOT_CAUSES);
export type RootCause = z.infer<typeof RootCauseSchema>;

export const RESPONSIBLE_PARTIES = ['company', 'customer', 'third_party', 'supplier', 'franchisee'] as const;
export const ResponsiblePartySchema = z.enum(RESPONSIBLE_PARTIES);
export type ResponsibleParty = z.infer<typeof ResponsiblePartySchema>;
/** Parties that must be named, because someone may recover money from them or report to them. */
export const NAMED_PARTIES: readonly ResponsibleParty[] = ['third_party', 'supplier', 'franchisee'];
/** Parties HQ may pay for first and then recover from (先行赔付 / 追偿, SPEC §10). */
export const RECOVERABLE_PARTIES = ['supplier', 'franchisee'] as const;
export const RecoverablePartySchema = z.enum(RECOVERABLE_PARTIES);

export const FindingsSchema = z.strictObject({
  summary: z.string(),
  evidenceRefs: z.array(z.string()),
  rootCause: RootCauseSchema,
  /** `unclear` only survives when the "company pays when in doubt" policy is off. */
  responsibility: z.enum([...RESPONSIBLE_PARTIES, 'unclear']),
  partyName: z.optional(z.string()),
  /** True when the finding was "unclear" and the policy made the company responsible. */
  companyPaysPolicyApplied: z.boolean(),
  recordedAt: Instant,
  recordedBy: z.string(),
});
export type Findings = z.infer<typeof FindingsSchema>;

export const RESOLUTION_TYPES = [
  'refund',
  'replacement',
  'repair',
  'discount',
  'compensation',
  'apology',
  'none',
] as const;
export const ResolutionTypeSchema = z.enum(RESOLUTION_TYPES);
export type ResolutionType = z.infer<typeof ResolutionTypeSchema>;
/** Types finance pays out in money; the others record a shipping or work-order number instead. */
export const MONEY_TYPES: readonly ResolutionType[] = ['refund', 'discount', 'compensation'];

/**
 * How an item is settled: paid in money (`cash`), or given as goods (a new kettle) or a service (a repair,
 * a visit) whose amount is its value. Only cash items are paid out.
 */
export const SETTLEMENTS = ['cash', 'goods', 'service'] as const;
export const SettlementSchema = z.enum(SETTLEMENTS);
export type Settlement = z.infer<typeof SettlementSchema>;

export const PlanItemSchema = z.strictObject({
  kind: z.enum(['direct_loss', 'indirect_loss', 'other']),
  description: nonEmptyText(500),
  amountFen: FenSchema,
  /** Stored only when it differs from the default for the plan's type and the item's kind (`defaultSettlement`). */
  settlement: z.optional(SettlementSchema),
});
export type PlanItem = z.infer<typeof PlanItemSchema>;

/**
 * An item's settlement when it names none. A money type's items are cash. In a replacement, repair or other
 * plan the direct loss is made good in kind (a replacement's new product is goods, a repair's work a
 * service), while indirect losses and other items (误工补偿, shipping) are paid in cash, as they were before
 * items had a settlement.
 */
export function defaultSettlement(type: ResolutionType, kind: PlanItem['kind']): Settlement {
  if (MONEY_TYPES.includes(type) || kind !== 'direct_loss') return 'cash';
  return type === 'replacement' ? 'goods' : 'service';
}

/** How an item of a plan of this type is settled: its own `settlement`, else the default for its kind. */
export function settlementOf(item: Pick<PlanItem, 'kind' | 'settlement'>, type: ResolutionType): Settlement {
  return item.settlement ?? defaultSettlement(type, item.kind);
}

/** The items as stored: a settlement equal to the type's default is left out (older items read the same). */
export function storedPlanItems(items: readonly PlanItem[], type: ResolutionType): PlanItem[] {
  return items.map(({ settlement, ...rest }) =>
    settlement === undefined || settlement === defaultSettlement(type, rest.kind)
      ? rest
      : { ...rest, settlement },
  );
}

/** What a plan pays in money: its cash items (a replacement's kettle is goods, its shipping refund cash). */
export function cashFen(plan: {
  readonly type: ResolutionType;
  readonly items: readonly PlanItem[];
}): number {
  return plan.items
    .filter((item) => settlementOf(item, plan.type) === 'cash')
    .reduce((sum, item) => sum + item.amountFen, 0);
}

/**
 * Up to 20 plan items whose total is itself an exact amount: twenty amounts each below 2^53 fen can add up
 * past it, and the total then failed its own schema on the way out as a 500 (issue 22).
 */
export const PlanItemsSchema = z.array(PlanItemSchema).check(
  z.maxLength(20),
  z.refine((items) => items.reduce((sum, i) => sum + i.amountFen, 0) <= Number.MAX_SAFE_INTEGER, {
    message: 'the items add up to more than the largest amount we can record',
  }),
);

export const AdvancePaymentSchema = z.strictObject({
  partyType: RecoverablePartySchema,
  partyName: z.string(),
  basis: z.string(),
  dueOn: IsoDate,
});

export const PLAN_STATUSES = [
  'proposed',
  'approved',
  'rejected',
  'sent_back',
  'accepted',
  'disputed',
] as const;

export const ResolutionPlanSchema = z.strictObject({
  /** Counts proposals on this claim; approvals and offers name the revision they are about. */
  revision: z.int().check(z.gte(1)),
  type: ResolutionTypeSchema,
  items: z.array(PlanItemSchema),
  totalFen: FenSchema,
  executingDepartment: z.string(),
  dueOn: IsoDate,
  /** True when no amount was proposed and the quality default (1:1 of product value) filled it in. */
  defaultedFromProductValue: z.boolean(),
  advancePayment: z.optional(AdvancePaymentSchema),
  /** Issue 24: where the plan falls short of the customer's statutory entitlements, and the proposer's reason. */
  statutoryReview: z.optional(StatutoryReviewSchema),
  /** Issue 24: the statutory rules whose entitlement applied when the plan was proposed; absent: none. */
  statutoryRules: z.optional(z.array(z.string()).check(z.minLength(1))),
  proposedBy: z.string(),
  proposedAt: Instant,
  status: z.enum(PLAN_STATUSES),
});
export type ResolutionPlan = z.infer<typeof ResolutionPlanSchema>;

export const APPROVAL_TIERS = ['agent', 'area_manager', 'department_head', 'executive'] as const;
export const ApprovalTierSchema = z.enum(APPROVAL_TIERS);
export type ApprovalTier = z.infer<typeof ApprovalTierSchema>;

export const ApprovalStepSchema = z.strictObject({
  step: z.enum(['legal_cleared', 'approved', 'rejected', 'sent_back', 'reconsideration_decided']),
  revision: z.int().check(z.gte(1)),
  by: z.string(),
  roles: z.array(z.string()),
  at: Instant,
  reason: z.optional(z.string()),
});
export type ApprovalStep = z.infer<typeof ApprovalStepSchema>;

export const ApprovalRecordSchema = z.strictObject({
  revision: z.int().check(z.gte(1)),
  requiredTier: ApprovalTierSchema,
  /** The policy version (issue 15) whose tiers decided `requiredTier`; absent on records from before. */
  policyVersion: z.optional(z.int().check(z.gte(1))),
  legalReviewRequired: z.boolean(),
  legalReviewReasons: z.array(z.string()),
  legalClearedAt: z.optional(Instant),
  /** Every step on every revision, oldest first (the audit trail has them too). */
  steps: z.array(ApprovalStepSchema),
});
export type ApprovalRecord = z.infer<typeof ApprovalRecordSchema>;

/** The offer sent to the customer: the decision the reconsideration window counts from. */
export const OfferSchema = z.strictObject({
  revision: z.int().check(z.gte(1)),
  type: ResolutionTypeSchema,
  items: z.array(PlanItemSchema),
  totalFen: FenSchema,
  decidedAt: Instant,
  decidedBy: z.string(),
});
export type Offer = z.infer<typeof OfferSchema>;

/** SPEC §9: a reconsideration may be asked for within `windowDays` days of the decision. */
export function reconsiderationDeadline(offer: Pick<Offer, 'decidedAt'>, windowDays: number): Date {
  return addDays(new Date(offer.decidedAt), windowDays);
}

export const RECONSIDERATION_OUTCOMES = ['upheld', 'amended'] as const;
export const ReconsiderationOutcomeSchema = z.enum(RECONSIDERATION_OUTCOMES);
export type ReconsiderationOutcome = z.infer<typeof ReconsiderationOutcomeSchema>;

export const ReconsiderationSchema = z.strictObject({
  requestedAt: Instant,
  reasons: z.string(),
  /** Who proposed or approved the original decision: none of them may decide the reconsideration. */
  excludedHandlerIds: z.array(z.string()),
  decidedAt: z.optional(Instant),
  decidedBy: z.optional(z.string()),
  outcome: z.optional(ReconsiderationOutcomeSchema),
  reason: z.optional(z.string()),
});
export type Reconsideration = z.infer<typeof ReconsiderationSchema>;

export const LEGAL_TRACKS = ['mediation', 'arbitration', 'litigation'] as const;
export const LegalProceedingsSchema = z.strictObject({
  track: z.enum(LEGAL_TRACKS),
  reason: z.string(),
  at: Instant,
  by: z.string(),
});

export const PAYOUT_STATUSES = ['requested', 'submitting', 'paid', 'failed'] as const;
export const PayoutStatusSchema = z.enum(PAYOUT_STATUSES);
export type PayoutStatus = z.infer<typeof PayoutStatusSchema>;

/** The claim's view of its payouts (the payout items themselves carry the worker's state). */
export const PayoutRefSchema = z.strictObject({
  id: z.string(),
  amountFen: FenSchema,
  status: PayoutStatusSchema,
  voucherNumber: z.optional(z.string()),
});

export const ExecutionSchema = z.strictObject({
  kind: z.enum(['payout', 'shipping', 'work_order', 'other']),
  reference: z.string(),
  at: Instant,
});

export const FollowUpSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['return_visit', 'quality_revisit']),
  dueAt: Instant,
  status: z.enum(['scheduled', 'done']),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const SURVEY_RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const; // 满意 / 基本满意 / 不满意
export const SurveySchema = z.strictObject({
  rating: z.enum(SURVEY_RATINGS),
  comment: z.optional(z.string()),
  at: Instant,
});
