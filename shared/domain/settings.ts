import * as z from 'zod';
import { CategorySchema, type CATEGORIES } from './categories.js';
import { FenSchema } from './money.js';
import { SlaTargetSchema } from './calendar/sla-clock.js';
import { EvidenceSettingsSchema } from './evidence.js';

/**
 * Policy settings: every rule the seeds disagree on is a setting with the SPEC's default (SPEC preamble).
 * Operators override any part through the POLICY_SETTINGS JSON; missing parts keep their defaults.
 */
const UnitSchema = z.strictObject({
  id: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'unit ids are upper-case letters, digits and dashes'),
  name: z.string().min(1),
  parentId: z.string().optional(),
});
export type UnitDefinition = z.infer<typeof UnitSchema>;

const DEFAULT_ROUTING: Record<(typeof CATEGORIES)[number], string> = {
  product_quality: 'quality',
  delivery_delay: 'logistics',
  wrong_shipment: 'warehouse',
  packaging_damage: 'logistics',
  stock_out: 'supply_chain',
  service_attitude: 'customer_service',
  installation_quality: 'engineering',
  logistics: 'logistics',
  pricing: 'sales',
  other: 'customer_service',
};

export const PolicySettingsSchema = z.strictObject({
  /** SPEC §3: claims filed more than this many days after the problem was found are not admitted. */
  filingWindowDays: z.number().int().positive().default(30),
  /** SPEC §3: same contact + same order within this many days is flagged as a possible duplicate. */
  duplicateWindowDays: z.number().int().positive().default(30),
  severity: z
    .strictObject({
      level1MinAmountFen: FenSchema.default(3_000_000),
      level1MinComplainants: z.number().int().positive().default(10),
      level1UnresolvedDays: z.number().int().positive().default(30),
      level2MinAmountFen: FenSchema.default(300_000),
      level2MinComplainants: z.number().int().positive().default(3),
      level2SameKindComplaints: z.number().int().positive().default(3),
      level2SameKindWindowDays: z.number().int().positive().default(30),
      level2UnresolvedDays: z.number().int().positive().default(15),
    })
    .prefault({}),
  /** SPEC §5: the normal first-reply target, which an "answer needed sooner" date is compared with. */
  firstReplyWorkingDays: z.number().int().positive().default(3),
  /** SPEC §4: category → responsible department. */
  routing: z.record(CategorySchema, z.string().min(1)).default(DEFAULT_ROUTING),
  /** SPEC §12: the organisation tree, HQ → region → store (at most three levels). */
  units: z
    .array(UnitSchema)
    .min(1)
    .default([
      { id: 'HQ', name: '总部 Headquarters' },
      { id: 'EAST', name: '华东大区 East region', parentId: 'HQ' },
      { id: 'EAST-SH01', name: '上海一店 Shanghai store 1', parentId: 'EAST' },
    ]),
  /** Unit that receives web, email and hotline claims before dispatch (SPEC §12: HQ dispatches). */
  intakeUnitId: z.string().default('HQ'),
  /** How long a replayed Idempotency-Key returns the first result. */
  idempotencyTtlHours: z.number().int().positive().default(24),
  /** Tokens a replayed submission may add to one claim before replays stop issuing new ones. */
  maxAccessTokensPerClaim: z.number().int().min(1).max(10).default(5),
  /** SPEC §6–11: investigation, approval by amount, reconsideration, closure and return visits. */
  money: z
    .strictObject({
      /** SPEC §6 宁可我吃亏: a finding of "unclear" makes the company responsible. */
      companyPaysWhenUnclear: z.boolean().default(true),
      /** SPEC §7: quality claims without a proposed amount get this percentage of the product value. */
      qualityCompensationPercent: z.number().int().min(0).max(1000).default(100),
      /** SPEC §8 tiers, inclusive upper bounds in fen; above the department head's, the executive. */
      agentMaxFen: FenSchema.default(10_000),
      areaManagerMaxFen: FenSchema.default(50_000),
      departmentHeadMaxFen: FenSchema.default(3_000_000),
      /** SPEC §8: legal review first above this amount (or when litigation is threatened). */
      legalReviewAboveFen: FenSchema.default(3_000_000),
      /** SPEC §9: calendar days after the decision within which reconsideration may be requested. */
      reconsiderationWindowDays: z.number().int().positive().default(15),
      /** SPEC §11: an executed claim closes itself after this many quiet days. */
      autoCloseQuietDays: z.number().int().positive().default(7),
      /** SPEC §11: return visit this many working days after closure; quality cases again after N months. */
      returnVisitWorkingDays: z.number().int().positive().default(5),
      qualityRevisitMonths: z.number().int().positive().default(3),
    })
    .prefault({}),
  /** Mail in and out (issue 5). */
  mail: z
    .strictObject({
      /** At most this many acknowledgments to one address per hour; more are recorded, not sent. */
      maxAcknowledgmentsPerSenderPerHour: z.number().int().min(1).default(5),
      /** Larger inbound messages are kept raw and recorded, not parsed. */
      maxMessageBytes: z
        .number()
        .int()
        .positive()
        .default(30 * 1024 * 1024),
      /** Deeper MIME trees, or header blocks larger than this, are kept raw and recorded. */
      maxMimeDepth: z.number().int().min(1).default(30),
      maxHeaderBytes: z
        .number()
        .int()
        .positive()
        .default(256 * 1024),
      /** Attachments kept per message; the rest are listed in the record, not saved. */
      maxAttachments: z.number().int().min(0).default(40),
      /** No staff directory yet: `<unitId>:<role>` → addresses, and staff id → address. */
      staffRecipients: z.record(z.string(), z.array(z.email()).min(1)).default({}),
      staffAddresses: z.record(z.string(), z.email()).default({}),
    })
    .prefault({}),
  /** Browser uploads of evidence: size and count limits, how long signed URLs live. */
  evidence: EvidenceSettingsSchema,
  /** SPEC §5 SLA clocks, warnings and escalation (see sla-policy.ts). */
  sla: z
    .strictObject({
      /** A warning goes out once this share of a clock's time is used. */
      warningRatio: z.number().gt(0).lt(1).default(0.8),
      firstReply: SlaTargetSchema.default({ workingDays: 3 }),
      firstReplyUrgent: SlaTargetSchema.default({ workingDays: 1 }),
      decision: SlaTargetSchema.default({ workingDays: 15 }),
      decisionUrgent: SlaTargetSchema.default({ workingDays: 3 }),
      reconsideration: SlaTargetSchema.default({ workingDays: 15 }),
      onSiteVisit: SlaTargetSchema.default({ calendarHours: 24 }),
      /** Categories whose claims need an on-site evidence visit (the 24 h clock starts at intake). */
      onSiteCategories: z.array(CategorySchema).default(['installation_quality']),
      /**
       * Targets for particular claims, first match wins over the defaults above (a commitment's own
       * response promise wins over all of them for the first reply).
       */
      rules: z
        .array(
          z.strictObject({
            clock: z.enum(['first_reply', 'decision', 'reconsideration', 'on_site_visit']),
            category: CategorySchema.optional(),
            severity: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
            urgency: z.enum(['urgent', 'normal']).optional(),
            target: SlaTargetSchema,
          }),
        )
        .default([]),
      /** A breached claim escalates one unit up (SPEC §12) each time this many more working days pass. */
      escalateAgainAfterWorkingDays: z.number().int().positive().default(1),
      /** The nightly report lists claims due within this many working days (and every overdue one). */
      reportHorizonWorkingDays: z.number().int().nonnegative().default(2),
    })
    .prefault({}),
});
export type PolicySettings = z.infer<typeof PolicySettingsSchema>;

export function defaultPolicySettings(): PolicySettings {
  return PolicySettingsSchema.parse({});
}
