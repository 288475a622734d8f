import { z } from 'zod';
import { EvidenceItemSchema } from '../evidence.js';

/** What the console reads from the staff API, loosely: fields it does not show may come and go. */
export const SummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.string(),
  category: z.string(),
  severity: z.number(),
  urgency: z.string(),
  unitId: z.string(),
  assigneeId: z.string().optional(),
  claimantName: z.string(),
  productName: z.string(),
  receivedAt: z.string(),
  possibleDuplicate: z.boolean(),
});
export const PageSchema = z.object({ items: z.array(SummarySchema), cursor: z.string().optional() });
export const DetailSchema = z.object({
  claim: z
    .object({
      id: z.string(),
      number: z.string(),
      status: z.string(),
      version: z.number(),
      description: z.string(),
      claimant: z
        .object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() })
        .loose(),
      product: z.object({ name: z.string(), orderNumber: z.string().optional() }).loose(),
      unitId: z.string(),
      assigneeId: z.string().optional(),
      severity: z.number(),
      severityReasons: z.array(z.string()),
      urgency: z.string(),
      possibleDuplicateOf: z.array(z.string()),
      allowedActions: z.array(z.string()),
      resolution: z
        .object({ type: z.string(), totalFen: z.number().int(), status: z.string() })
        .loose()
        .optional(),
      payouts: z
        .array(
          z.object({
            id: z.string(),
            amountFen: z.number().int(),
            status: z.string(),
            voucherNumber: z.string().optional(),
          }),
        )
        .optional(),
      evidence: z.array(EvidenceItemSchema).optional(),
      clocks: z
        .record(
          z.string(),
          z
            .object({
              state: z.string(),
              dueAt: z.string(),
              warningAt: z.string(),
              breachedAt: z.string().nullable(),
              /** Set once the clock was extended: a clock is extended at most once. */
              extension: z.object({ newDueAt: z.string() }).loose().nullable().optional(),
            })
            .loose(),
        )
        .optional(),
    })
    .loose(),
  timeline: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      note: z.string().optional(),
      actor: z.object({ type: z.string(), id: z.string().optional() }).loose(),
    }),
  ),
});
export type Detail = z.infer<typeof DetailSchema>;
export type Claim = Detail['claim'];
export type Clocks = Claim['clocks'];

export const MeSchema = z.object({ id: z.string(), roles: z.array(z.string()) }).loose();

/** `GET /staff/claims/{ref}/payouts`: the claim's payouts (with failure reasons) and recoveries (追偿). */
export const MoneySchema = z.object({
  payouts: z.array(
    z
      .object({
        id: z.string(),
        amountFen: z.number().int(),
        status: z.string(),
        voucherNumber: z.string().optional(),
        failureReason: z.string().optional(),
      })
      .loose(),
  ),
  recoveries: z.array(
    z
      .object({
        id: z.string(),
        partyType: z.string(),
        partyName: z.string(),
        amountFen: z.number().int(),
        recoveredFen: z.number().int(),
        dueOn: z.string(),
        status: z.string(),
        version: z.number().int(),
      })
      .loose(),
  ),
});
export type Money = z.infer<typeof MoneySchema>;

/** `GET /staff/ledger`: entries per party and/or month, with totals in fen. */
export const LedgerSchema = z.object({
  entries: z.array(
    z
      .object({
        id: z.string(),
        claimNumber: z.string(),
        partyName: z.string(),
        kind: z.string(),
        amountFen: z.number().int(),
        balanceAfterFen: z.number().int(),
        reference: z.string().optional(),
        at: z.string(),
      })
      .loose(),
  ),
  totals: z.object({
    advancedFen: z.number().int(),
    recoveredFen: z.number().int(),
    netFen: z.number().int(),
  }),
});

export const CommitmentSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    customerId: z.string(),
    customerName: z.string(),
    subject: z.object({ kind: z.string(), name: z.string(), model: z.string().optional() }).loose(),
    type: z.string(),
    content: z.string(),
    validFrom: z.string(),
    validUntil: z.string(),
    ownerId: z.string(),
    status: z.string(),
    breaches: z.array(z.object({ claimId: z.string(), at: z.string() }).loose()),
  })
  .loose();
export type Commitment = z.infer<typeof CommitmentSchema>;
export const CommitmentListSchema = z.object({ items: z.array(CommitmentSchema) });
export const CommitmentOverviewSchema = z.object({
  expiring: z.array(CommitmentSchema),
  breached: z.array(CommitmentSchema),
});
