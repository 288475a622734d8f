import type { Claim } from '../../domain/claim.js';
import { ConflictError } from '../../domain/errors.js';
import { ledgerMonth, type LedgerEntry, type Payout, type Recovery } from '../../domain/payout.js';
import type { PayoutStatus } from '../../domain/resolution.js';
import type { MoneyChange, MoneyStore } from '../../ports/money-store.js';
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

  saveMoneyChange(change: MoneyChange): Promise<void> {
    const conflict = () =>
      Promise.reject(
        new ConflictError('the claim or its payout changed at the same time; reload it and try again'),
      );
    if (change.claim && this.claims.claims.get(change.claimId)?.version !== change.claim.expectedVersion)
      return conflict();
    if (change.newPayouts?.some((p) => this.payouts.has(p.id))) return conflict();
    if (change.payoutUpdates?.some((u) => this.payouts.get(u.next.id)?.status !== u.expectedStatus))
      return conflict();
    if (change.newRecoveries?.some((r) => this.recoveries.has(r.id))) return conflict();
    if (change.recoveryUpdates?.some((u) => this.recoveries.get(u.next.id)?.version !== u.expectedVersion))
      return conflict();
    if (
      change.outbox?.some((m) =>
        this.claims.outbox.some((o) => o.claimId === change.claimId && o.id === m.id),
      )
    )
      return conflict();

    if (change.claim) this.claims.claims.set(change.claimId, structuredClone(change.claim.next));
    this.claims.events.get(change.claimId)?.push(structuredClone(change.event));
    for (const m of change.outbox ?? [])
      this.claims.outbox.push({ ...structuredClone(m), claimId: change.claimId, createdAt: change.event.at });
    for (const p of [...(change.newPayouts ?? []), ...(change.payoutUpdates ?? []).map((u) => u.next)])
      this.payouts.set(p.id, structuredClone(p));
    for (const r of [...(change.newRecoveries ?? []), ...(change.recoveryUpdates ?? []).map((u) => u.next)])
      this.recoveries.set(r.id, structuredClone(r));
    for (const e of change.ledgerEntries ?? []) this.ledger.push(structuredClone(e));
    this.claims.applyRelated(change.related ?? []);
    return Promise.resolve();
  }

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
