import type { RelatedWrite } from './claim-store.js';
import type { AuditEvent } from '../domain/audit.js';
import type { Claim } from '../domain/claim.js';
import type { OutboxMessage } from '../domain/messages.js';
import type { LedgerEntry, Payout, Recovery } from '../domain/payout.js';
import type { PayoutStatus } from '../domain/resolution.js';

/**
 * One money change, written as ONE transaction: the claim (conditional on its version), its audit event,
 * new payouts, payout and recovery updates (each conditional), ledger entries and outbox messages.
 * Any failed condition cancels all of it (ConflictError).
 */
export interface MoneyChange {
  readonly claimId: string;
  readonly event: AuditEvent;
  readonly claim?: { readonly next: Claim; readonly expectedVersion: number };
  readonly outbox?: readonly OutboxMessage[];
  readonly newPayouts?: readonly Payout[];
  readonly payoutUpdates?: readonly { readonly next: Payout; readonly expectedStatus: PayoutStatus }[];
  readonly newRecoveries?: readonly Recovery[];
  readonly recoveryUpdates?: readonly { readonly next: Recovery; readonly expectedVersion: number }[];
  readonly ledgerEntries?: readonly LedgerEntry[];
  /** Statistics counters (a completed decision or reconsideration clock) moved in the same transaction. */
  readonly related?: readonly RelatedWrite[];
}

/** Storage for payouts, recoveries, the ledger and quiet executed claims (issue 6), beside ClaimStore. */
export interface MoneyStore {
  saveMoneyChange(change: MoneyChange): Promise<void>;
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
