import * as z from '../zod.js';
import { FenSchema } from './money.js';
import { AdvancePaymentSchema, PayoutStatusSchema, RecoverablePartySchema } from './resolution.js';
import { PayeeSchema } from './payee.js';

/**
 * Payouts, recoveries (追偿) and the recovery ledger (SPEC §10). A payout moves
 * requested → submitting → paid | failed, each step a conditional write; its id is the payment
 * provider's idempotency key, so no retry, timeout or duplicate message pays twice.
 */
const Instant = z.iso.datetime({ offset: true });

/** Deterministic: the n-th payout of a claim has the same id however often its creation is retried. */
export const payoutId = (claimId: string, n: number): string => `${claimId}:payout:${n}`;
export const recoveryId = (payoutIdValue: string): string => `${payoutIdValue}:recovery`;

export const PayoutSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  claimId: z.string().check(z.minLength(1)),
  claimNumber: z.string(),
  sequence: z.int().check(z.gte(1)),
  amountFen: FenSchema,
  currency: z.literal('CNY'),
  payeeName: z.string(),
  /** Where the customer wants the money (issue 18), the account sealed; absent on payouts from before. */
  payee: z.optional(PayeeSchema),
  /** The plan revision the customer accepted: a payout exists only for an approved, accepted plan. */
  planRevision: z.int().check(z.gte(1)),
  status: PayoutStatusSchema,
  attempts: z.int().check(z.gte(0)),
  requestedAt: Instant,
  submittingAt: z.optional(Instant),
  settledAt: z.optional(Instant),
  voucherNumber: z.optional(z.string()),
  failureReason: z.optional(z.string()),
  advancePayment: z.optional(AdvancePaymentSchema),
});
export type Payout = z.infer<typeof PayoutSchema>;

/** The payout queue's message: which payout to drive. */
export const PayoutMessageSchema = z.strictObject({
  payoutId: z.string().check(z.minLength(1)),
  claimId: z.string().check(z.minLength(1)),
});
export type PayoutMessage = z.infer<typeof PayoutMessageSchema>;

/** One key per party, so the ledger groups "供应商 A" however its name was spaced. */
export function partyKey(type: z.infer<typeof RecoverablePartySchema>, name: string): string {
  return `${type}:${name.trim().replace(/\s+/g, ' ').toUpperCase()}`;
}

export const RecoverySchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  claimId: z.string(),
  claimNumber: z.string(),
  payoutId: z.string(),
  partyType: RecoverablePartySchema,
  partyName: z.string(),
  partyKey: z.string(),
  amountFen: FenSchema,
  recoveredFen: FenSchema,
  basis: z.string(),
  dueOn: z.iso.date(),
  status: z.enum(['open', 'settled']),
  openedAt: Instant,
  version: z.int().check(z.gte(1)),
});
export type Recovery = z.infer<typeof RecoverySchema>;

export const RECOVERY_METHODS = ['deposit_deduction', 'transfer'] as const; // 质保金扣除 / 转账
export const LedgerEntrySchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  recoveryId: z.string(),
  claimId: z.string(),
  claimNumber: z.string(),
  partyKey: z.string(),
  partyName: z.string(),
  /** `advance`: HQ paid first and the party owes it; the others reduce what is owed. */
  kind: z.enum(['advance', ...RECOVERY_METHODS]),
  amountFen: FenSchema,
  balanceAfterFen: FenSchema,
  reference: z.optional(z.string()),
  at: Instant,
  by: z.string(),
  /** The claim's unit path when the entry was made: who below HQ may read it (entries before it: HQ only). */
  unitPath: z.optional(z.array(z.string())),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** `YYYY-MM` of an instant in Asia/Shanghai, the month the ledger files an entry under. */
export function ledgerMonth(at: string): string {
  return new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 7);
}
