import type { Claim } from '../domain/claim.js';
import type { LedgerEntry, Payout, Recovery } from '../domain/payout.js';
import type { PayoutStatus } from '../domain/resolution.js';

/**
 * Reads of payouts, recoveries, the ledger and quiet executed claims, beside ClaimStore. They are written
 * with their claim's change through the ClaimWriter; only a payout's own status moves here alone.
 */
export interface MoneyStore {
  getPayout(payoutId: string): Promise<Payout | null>;
  listPayouts(claimId: string): Promise<Payout[]>;
  /** One conditional write of a payout alone; false when its status was no longer `expectedStatus`. */
  transitionPayout(next: Payout, expectedStatus: PayoutStatus): Promise<boolean>;
  getRecovery(recoveryId: string): Promise<Recovery | null>;
  listRecoveries(claimId: string): Promise<Recovery[]>;
  /** Ledger entries of one party, oldest first; `month` (YYYY-MM) narrows to that month. */
  ledgerByParty(partyKey: string, month?: string): Promise<LedgerEntry[]>;
  /** Ledger entries of every party in one month (YYYY-MM), by party then time. */
  ledgerByMonth(month: string): Promise<LedgerEntry[]>;
  /** Claims in `executed` whose execution was recorded before `before`, oldest first (sparse index). */
  executedBefore(before: Date, limit: number): Promise<Claim[]>;
}
