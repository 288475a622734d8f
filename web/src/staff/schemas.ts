import { ReplyTemplateSchema } from '../../../shared/domain/reply-templates.js';
import * as z from '../../../shared/zod.js';
import { PlanItemSchema, RESOLUTION_TYPES } from '../../../shared/domain/resolution.js';
import { EvidenceItemSchema } from '../evidence.js';
import { NoticesSchema } from '../notice-texts.js';
import { AuditIntegrityViewSchema } from './audit-integrity.js';
import { PAYEE_METHODS } from '../../../shared/domain/payee.js';

/** What the console reads from the staff API, loosely: fields it does not show may come and go. */
export const SummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.string(),
  category: z.string(),
  severity: z.number(),
  urgency: z.string(),
  unitId: z.string(),
  assigneeId: z.optional(z.string()),
  claimantName: z.string(),
  productName: z.string(),
  receivedAt: z.string(),
  possibleDuplicate: z.boolean(),
  /** What the customer sent that no staff member has opened yet. */
  customerResponse: z.optional(z.object({ what: z.string(), at: z.string() })),
  claimedAmountFen: z.optional(z.int()),
  /** Queue rows (issue 17): the clocks' summary, the SLA state at the request's time, names to show. */
  sla: z.optional(z.looseObject({ clock: z.optional(z.string()), dueAt: z.optional(z.string()) })),
  slaState: z.optional(z.string()),
  unitName: z.optional(z.object({ 'zh-CN': z.string(), en: z.string() })),
  assigneeName: z.optional(z.string()),
});
export type Row = z.infer<typeof SummarySchema>;
export const PageSchema = z.object({
  items: z.array(SummarySchema),
  cursor: z.optional(z.string()),
  /** The work queue's count of matching rows (a search has none); at least that many when `capped`. */
  total: z.optional(z.int()),
  capped: z.optional(z.boolean()),
});
export const DetailSchema = z.object({
  claim: z.looseObject({
    id: z.string(),
    number: z.string(),
    status: z.string(),
    version: z.number(),
    /** The customer's language: what is sent to them (a saved reply) is written in it. */
    language: z._default(z.enum(['zh-CN', 'en']), 'zh-CN'),
    description: z.string(),
    claimant: z.looseObject({
      name: z.string(),
      phone: z.optional(z.string()),
      email: z.optional(z.string()),
    }),
    product: z.looseObject({
      name: z.string(),
      orderNumber: z.optional(z.string()),
      model: z.optional(z.string()),
      quantity: z.optional(z.int()),
    }),
    channel: z.optional(z.string()),
    category: z.optional(z.string()),
    foundOn: z.optional(z.string()),
    /** What the customer asked for, and how much: the plan form starts from them. */
    requestedRemedy: z.optional(z.string()),
    claimedAmountFen: z.optional(z.int()),
    /** Recorded findings (their presence makes the plan the next step). */
    findings: z.optional(
      z.looseObject({
        summary: z.string(),
        rootCause: z.string(),
        responsibility: z.string(),
        partyName: z.optional(z.string()),
      }),
    ),
    /** Stand-in facts still to be confirmed by staff (email intake). */
    toConfirm: z.optional(z.array(z.string())),
    unitId: z.string(),
    unitPath: z.array(z.string()),
    assigneeId: z.optional(z.string()),
    severity: z.number(),
    severityReasons: z.array(z.string()),
    urgency: z.string(),
    possibleDuplicateOf: z.array(z.string()),
    allowedActions: z.array(z.string()),
    customerResponse: z.optional(z.object({ what: z.string(), at: z.string() })),
    resolution: z.optional(
      z.looseObject({
        type: z.enum(RESOLUTION_TYPES),
        totalFen: z.int(),
        status: z.string(),
        items: z._default(z.array(PlanItemSchema), []),
        executingDepartment: z.optional(z.string()),
        dueOn: z.optional(z.string()),
        proposedBy: z.optional(z.string()),
        advancePayment: z.optional(z.looseObject({ partyName: z.string(), dueOn: z.string() })),
      }),
    ),
    /** The policy version that set the clocks at intake, and the one that decided the approval tier. */
    policyVersion: z.optional(z.int()),
    approval: z.optional(z.looseObject({ requiredTier: z.string(), policyVersion: z.optional(z.int()) })),
    payouts: z.optional(
      z.array(
        z.object({
          id: z.string(),
          amountFen: z.int(),
          status: z.string(),
          voucherNumber: z.optional(z.string()),
        }),
      ),
    ),
    evidence: z.optional(z.array(EvidenceItemSchema)),
    clocks: z.optional(
      z.record(
        z.string(),
        z.looseObject({
          state: z.string(),
          dueAt: z.string(),
          warningAt: z.string(),
          breachedAt: z.nullable(z.string()),
          /** Pauses so far; the last one is open while the clock is paused (waiting for material). */
          pauses: z.optional(z.array(z.looseObject({ at: z.string() }))),
          /** Set once the clock was extended: a clock is extended at most once. */
          extension: z.optional(z.nullable(z.looseObject({ newDueAt: z.string() }))),
        }),
      ),
    ),
  }),
  /** The claim's units from the head office down, named in both languages. */
  units: z.optional(
    z.array(z.object({ id: z.string(), name: z.object({ 'zh-CN': z.string(), en: z.string() }) })),
  ),
  /** Issue 24: the statutory assessment, read by the statutory panel (statutory-panel.ts). */
  statutory: z.optional(z.unknown()),
  timeline: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      note: z.optional(z.string()),
      actor: z.looseObject({ type: z.string(), id: z.optional(z.string()) }),
      /** The fields the event changed: an assignment's new assignee and unit are named from them. */
      changes: z.optional(z.array(z.looseObject({ field: z.string(), after: z.optional(z.unknown()) }))),
    }),
  ),
  /** Whether the timeline's hash chain holds (audit-integrity.ts warns when it does not). */
  auditIntegrity: z.optional(AuditIntegrityViewSchema),
});
export type Detail = z.infer<typeof DetailSchema>;
export type Claim = Detail['claim'];
export type Clocks = Claim['clocks'];

export const MeSchema = z.looseObject({
  id: z.string(),
  roles: z.array(z.string()),
  notices: z.optional(NoticesSchema),
  /** The pickers of the queue and the assign form: the caller's units in tree order and active colleagues. */
  queue: z.optional(
    z.object({
      units: z.array(
        z.object({
          id: z.string(),
          name: z.object({ 'zh-CN': z.string(), en: z.string() }),
          parentId: z.optional(z.string()),
          depth: z.int(),
        }),
      ),
      colleagues: z.array(z.object({ id: z.string(), name: z.string(), unitId: z.optional(z.string()) })),
      /** Saved replies of the policy in force (issue 17), filled with a claim's values in the reply box. */
      replyTemplates: z._default(z.array(ReplyTemplateSchema), []),
    }),
  ),
});
export type QueueChoices = NonNullable<z.infer<typeof MeSchema>['queue']>;

/** One payout as the staff API sends it (the payee masked). */
export const PayoutRowSchema = z.looseObject({
  id: z.string(),
  /** The n-th payout of its claim: how people name it. */
  sequence: z.optional(z.int()),
  amountFen: z.int(),
  status: z.string(),
  requestedAt: z.optional(z.string()),
  voucherNumber: z.optional(z.string()),
  failureReason: z.optional(z.string()),
  /** Where the money goes (issue 18), the account masked. */
  payee: z.optional(
    z.object({
      method: z.enum(PAYEE_METHODS),
      holderName: z.optional(z.string()),
      bank: z.optional(z.string()),
      accountMasked: z.optional(z.string()),
    }),
  ),
});

/** `GET /staff/claims/{ref}/payouts`: the claim's payouts (with failure reasons) and recoveries (追偿). */
export const MoneySchema = z.object({
  payouts: z.array(PayoutRowSchema),
  recoveries: z.array(
    z.looseObject({
      id: z.string(),
      partyType: z.string(),
      partyName: z.string(),
      amountFen: z.int(),
      recoveredFen: z.int(),
      dueOn: z.string(),
      status: z.string(),
      version: z.int(),
    }),
  ),
});
export type Money = z.infer<typeof MoneySchema>;

/** `GET /staff/ledger`: entries per party and/or month, with totals in fen. */
export const LedgerSchema = z.object({
  entries: z.array(
    z.looseObject({
      id: z.string(),
      claimNumber: z.string(),
      partyName: z.string(),
      kind: z.string(),
      amountFen: z.int(),
      balanceAfterFen: z.int(),
      reference: z.optional(z.string()),
      at: z.string(),
    }),
  ),
  totals: z.object({
    advancedFen: z.int(),
    recoveredFen: z.int(),
    netFen: z.int(),
  }),
});

export const CommitmentSchema = z.looseObject({
  id: z.string(),
  version: z.int(),
  customerId: z.string(),
  customerName: z.string(),
  subject: z.looseObject({ kind: z.string(), name: z.string(), model: z.optional(z.string()) }),
  type: z.string(),
  content: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  ownerId: z.string(),
  status: z.string(),
  breaches: z.array(z.looseObject({ claimId: z.string(), at: z.string() })),
});
export type Commitment = z.infer<typeof CommitmentSchema>;
export const CommitmentListSchema = z.object({ items: z.array(CommitmentSchema) });
export const CommitmentOverviewSchema = z.object({
  expiring: z.array(CommitmentSchema),
  breached: z.array(CommitmentSchema),
});
