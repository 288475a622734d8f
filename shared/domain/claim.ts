import * as z from 'zod';
import { CategorySchema, ChannelSchema, LanguageSchema, RemedySchema } from './categories.js';
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

/** A calendar date as the customer states it (Asia/Shanghai), e.g. when the problem was found. */
export const IsoDateSchema = z.iso.date();
export const IsoInstantSchema = z.iso.datetime({ offset: true });

const trimmed = (max: number) => z.string().trim().min(1).max(max);

/** Mainland mobile or landline, optionally +86; stored as digits only so lookups match however it was typed. */
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{5,23}$/, 'a phone number of digits, optionally with +, spaces or dashes');
export const EmailSchema = z.email().max(254);

/** The facts the severity and urgency rules read (SPEC §4). All optional at intake; default false. */
export const ClaimFactsSchema = z.strictObject({
  litigationFiled: z.boolean().default(false),
  mediaOrRegulator: z.boolean().default(false),
  threatensMediaOrLegal: z.boolean().default(false),
  involvesSafety: z.boolean().default(false),
  involvesFunds: z.boolean().default(false),
  largeScaleFailure: z.boolean().default(false),
  /** The customer needs an answer by this date, possibly sooner than the normal deadline. */
  answerNeededBy: IsoDateSchema.optional(),
});
export type ClaimFacts = z.infer<typeof ClaimFactsSchema>;

/**
 * The intake fields of SPEC §Lifecycle 1, as every channel submits them. Strict: status, amounts owed,
 * assignee and the like are server-owned and a body naming them is refused.
 */
export const IntakeFieldsSchema = z.strictObject({
  claimant: z.strictObject({
    name: trimmed(100),
    phone: PhoneSchema.optional(),
    email: EmailSchema.optional(),
    /** How many people this complaint is made for (SPEC §4 counts complainants). */
    complainantCount: z.number().int().min(1).max(100_000).default(1),
  }),
  product: z.strictObject({
    name: trimmed(200),
    model: trimmed(100).optional(),
    quantity: z.number().int().min(1).max(1_000_000).default(1),
    orderNumber: trimmed(64).optional(),
  }),
  foundOn: IsoDateSchema,
  description: trimmed(5000),
  category: CategorySchema.default('other'),
  requestedRemedy: RemedySchema,
  claimedAmountFen: FenSchema.default(0),
  facts: ClaimFactsSchema.prefault({}),
  language: LanguageSchema.default('zh-CN'),
  /** Store or region the claim concerns, when the customer knows it; HQ dispatches otherwise. */
  unitId: z.string().max(40).optional(),
  /** A commitment (承诺) the claim cites; its response promise becomes the first-reply target. */
  commitmentId: z.string().trim().min(1).max(64).optional(),
  /** Files uploaded first through `POST /claims/uploads`; recorded as evidence with their checksums. */
  uploads: UploadRefsSchema.optional(),
});

/** Every channel must leave a way to reach the customer. */
export function requireContact<
  S extends z.ZodType<{ claimant: { phone?: string | undefined; email?: string | undefined } }>,
>(schema: S) {
  return schema.refine((v) => v.claimant.phone !== undefined || v.claimant.email !== undefined, {
    message: 'give a phone number or an email address so we can reach you',
    path: ['claimant', 'phone'],
  });
}

export const IntakeInputSchema = requireContact(IntakeFieldsSchema);
export type IntakeInput = z.infer<typeof IntakeInputSchema>;

export const ActorSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('customer') }),
  z.strictObject({
    type: z.literal('staff'),
    id: z.string().min(1),
    name: z.string().optional(),
    roles: z.array(StaffRoleSchema),
  }),
  z.strictObject({ type: z.literal('system'), id: z.string().min(1) }),
]);
export type Actor = z.infer<typeof ActorSchema>;

export const MaterialRequestSchema = z.strictObject({
  items: z.array(z.string().min(1).max(200)).min(1).max(20),
  note: z.string().max(2000).optional(),
  requestedAt: IsoInstantSchema,
});

export const ClosureSchema = z.strictObject({
  reason: z.string().min(1),
  explanation: z.string().max(2000),
  at: IsoInstantSchema,
});

/** An attachment kept as evidence (SPEC §14: attachments kept with checksums). */
export const EvidenceSchema = z.strictObject({
  /** Blob key in the evidence store. */
  key: z.string().min(1),
  name: z.string().max(255),
  contentType: z.string().max(255),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Where it came from, e.g. `email:<message id>`. */
  source: z.string().max(1000),
  addedAt: IsoInstantSchema,
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** The claim as stored (entity `Claim`, schema version 1). */
export const ClaimSchema = z.strictObject({
  id: z.string().min(1),
  number: z.string().regex(/^CLM-\d{4}-\d{6,}$/),
  version: z.number().int().min(1),
  status: ClaimStatusSchema,
  channel: ChannelSchema,
  language: LanguageSchema,
  claimant: z.strictObject({
    name: z.string(),
    phone: z.string().optional(),
    email: z.string().optional(),
    complainantCount: z.number().int().min(1),
  }),
  product: z.strictObject({
    name: z.string(),
    model: z.string().optional(),
    quantity: z.number().int().min(1),
    orderNumber: z.string().optional(),
  }),
  foundOn: IsoDateSchema,
  receivedAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
  description: z.string(),
  category: CategorySchema,
  department: z.string(),
  requestedRemedy: RemedySchema,
  claimedAmountFen: FenSchema,
  facts: ClaimFactsSchema,
  severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  severityReasons: z.array(z.string()),
  urgency: z.enum(['urgent', 'normal']),
  urgencyReasons: z.array(z.string()),
  unitId: z.string(),
  unitPath: z.array(z.string()).min(1),
  assigneeId: z.string().optional(),
  materialRequest: MaterialRequestSchema.optional(),
  materialSubmissions: z.number().int().min(0),
  possibleDuplicateOf: z.array(z.string()),
  closure: ClosureSchema.optional(),
  /** SHA-256 hashes of the customer's access tokens; the tokens themselves are never stored. */
  accessTokenHashes: z.array(z.string().regex(/^[0-9a-f]{64}$/)).min(1),
  createdBy: ActorSchema,
  // Money: investigation → plan → approval → offer → payout → closure (SPEC §6–11, shared/domain/resolution.ts).
  findings: FindingsSchema.optional(),
  resolution: ResolutionPlanSchema.optional(),
  approval: ApprovalRecordSchema.optional(),
  offer: OfferSchema.optional(),
  reconsideration: ReconsiderationSchema.optional(),
  legalProceedings: LegalProceedingsSchema.optional(),
  payouts: z.array(PayoutRefSchema).optional(),
  execution: ExecutionSchema.optional(),
  followUps: z.array(FollowUpSchema).optional(),
  survey: SurveySchema.optional(),
  /** Attachments received with the claim or later (email attachments today). Optional: older items lack it. */
  evidence: z.array(EvidenceSchema).optional(),
  /** SLA clocks (SPEC §5), started, paused and stopped by the lifecycle actions; absent before they existed. */
  clocks: ClaimClocksSchema.optional(),
  /** The commitment (承诺) the claim cites, whose response promise sets the first-reply target. */
  commitmentId: z.string().min(1).max(64).optional(),
});
export type Claim = z.infer<typeof ClaimSchema>;
export type Severity = Claim['severity'];
export type Urgency = Claim['urgency'];

/** What work queues and search results show: small, so the indexes that carry it stay cheap. */
export const ClaimSummarySchema = z.strictObject({
  id: z.string(),
  number: z.string(),
  status: ClaimStatusSchema,
  category: CategorySchema,
  severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  urgency: z.enum(['urgent', 'normal']),
  unitId: z.string(),
  unitPath: z.array(z.string()),
  assigneeId: z.string().optional(),
  claimantName: z.string(),
  productName: z.string(),
  claimedAmountFen: FenSchema,
  receivedAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
  possibleDuplicate: z.boolean(),
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
    updatedAt: claim.updatedAt,
    possibleDuplicate: claim.possibleDuplicateOf.length > 0,
  };
}
