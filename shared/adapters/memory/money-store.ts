import type { Claim } from '../../domain/claim.js';
import { ledgerMonth, type LedgerEntry, type Payout, type Recovery } from '../../domain/payout.js';
import type { PayoutStatus } from '../../domain/resolution.js';
import type { MoneyStore } from '../../ports/money-store.js';
import type { InMemoryClaimStore } from './claim-store.js';

/**
 * MoneyStore in memory over an InMemoryClaimStore's maps, with the DynamoDB adapter's rules: a change
 * checks every condition first and then applies all of it, or nothing.
 */
export class InMemoryMoneyStore implements MoneyStore {
  readonly payouts = new Map<string, Payout>();
  readonly recoveries = new Map<string, Recovery>();
  readonly ledger: LedgerEntry[] = [];

  constructor(private readonly claims: InMemoryClaimStore) {}

  getPayout(id: string): Promise<Payout | null> {
    const p = this.payouts.get(id);
    return Promise.resolve(p ? structuredClone(p) : null);
  }

  listPayouts(claimId: string): Promise<Payout[]> {
    return Promise.resolve(
      [...this.payouts.values()].filter((p) => p.claimId === claimId).map((p) => structuredClone(p)),
    );
  }

  transitionPayout(next: Payout, expectedStatus: PayoutStatus): Promise<boolean> {
    if (this.payouts.get(next.id)?.status !== expectedStatus) return Promise.resolve(false);
    this.payouts.set(next.id, structuredClone(next));
    return Promise.resolve(true);
  }

  getRecovery(id: string): Promise<Recovery | null> {
    const r = this.recoveries.get(id);
    return Promise.resolve(r ? structuredClone(r) : null);
  }

  listRecoveries(claimId: string): Promise<Recovery[]> {
    return Promise.resolve(
      [...this.recoveries.values()].filter((r) => r.claimId === claimId).map((r) => structuredClone(r)),
    );
  }

  ledgerByParty(partyKey: string, month?: string): Promise<LedgerEntry[]> {
    return Promise.resolve(
      this.ledger
        .filter((e) => e.partyKey === partyKey && (month === undefined || ledgerMonth(e.at) === month))
        .sort((a, b) => (a.at + a.id).localeCompare(b.at + b.id))
        .map((e) => structuredClone(e)),
    );
  }

  ledgerByMonth(month: string): Promise<LedgerEntry[]> {
    return Promise.resolve(
      this.ledger
        .filter((e) => ledgerMonth(e.at) === month)
        .sort((a, b) => `${a.partyKey}#${a.at}#${a.id}`.localeCompare(`${b.partyKey}#${b.at}#${b.id}`))
        .map((e) => structuredClone(e)),
    );
  }

  executedBefore(before: Date, limit: number): Promise<Claim[]> {
    const due = [...this.claims.claims.values()]
      .filter((c) => c.status === 'executed' && c.execution && Date.parse(c.execution.at) < before.getTime())
      .sort((a, b) => (a.execution?.at ?? '').localeCompare(b.execution?.at ?? ''))
      .slice(0, limit);
    return Promise.resolve(due.map((c) => structuredClone(c)));
  }
}
