import { claimChangedMeanwhile } from '../../domain/claim-lookup.js';
import { isHeld, type InboundRecord } from '../../ports/mail-store.js';
import {
  RelatedWriteRefusedError,
  type ClaimChange,
  type ClaimWriter,
  type RelatedWrite,
} from '../../ports/claim-writer.js';
import type { KeyedCounter } from '../../ports/claim-store.js';
import { keyedStatsKey, type InMemoryClaimStore } from './claim-store.js';
import type { InMemoryMoneyStore } from './money-store.js';

/**
 * ClaimWriter in memory, with the DynamoDB writer's rules: every condition is checked before anything is
 * written, so a refused change writes nothing; a refused idempotency key or inbound record is
 * RelatedWriteRefusedError, any other failed condition a ConflictError.
 */
export class InMemoryClaimWriter implements ClaimWriter {
  /** Inbound mail records written beside a claim change (the mail store's own records live elsewhere). */
  readonly inbound = new Map<string, InboundRecord>();

  constructor(
    private readonly claims: InMemoryClaimStore,
    private readonly money?: InMemoryMoneyStore,
  ) {}

  commit(change: ClaimChange): Promise<void> {
    try {
      this.check(change);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const write = change.claim;
    // Token appends do not move the version: a change read before one keeps the token (as DynamoDB's writer
    // does by writing it again with the stored tokens).
    const stored = this.claims.claims.get(change.claimId);
    const tokens =
      write?.type === 'update' &&
      stored &&
      stored.accessTokenHashes.length > write.claim.accessTokenHashes.length
        ? stored.accessTokenHashes
        : write?.claim.accessTokenHashes;
    if (write && tokens)
      this.claims.claims.set(change.claimId, structuredClone({ ...write.claim, accessTokenHashes: tokens }));
    if (write?.type === 'create') this.claims.events.set(change.claimId, []);
    this.claims.appendEvent(change.claimId, change.event);
    for (const m of change.outbox)
      this.claims.outbox.push({ ...structuredClone(m), claimId: change.claimId, createdAt: change.event.at });
    for (const related of change.related) this.apply(related);
    return Promise.resolve();
  }

  private check(change: ClaimChange): void {
    const conflict = claimChangedMeanwhile();
    const stored = this.claims.claims.get(change.claimId);
    const write = change.claim;
    if (write?.type === 'create' && stored) throw conflict;
    if (write?.type === 'update' && stored?.version !== write.expectedVersion) throw conflict;

    if (
      change.outbox.some((m) => this.claims.outbox.some((o) => o.claimId === change.claimId && o.id === m.id))
    )
      throw conflict;
    for (const related of change.related) {
      if (this.refuses(related)) {
        if (
          related.type === 'idempotency' ||
          related.type === 'inbound_record' ||
          related.type === 'held_mail_settled'
        )
          throw new RelatedWriteRefusedError(related);
        throw conflict;
      }
    }
  }

  private refuses(write: RelatedWrite): boolean {
    const money = this.money;
    switch (write.type) {
      case 'stats':
      case 'stats_key':
        return false;
      case 'commitment_breach':
        return !this.claims.commitments?.commitments.has(write.commitmentId);
      case 'idempotency':
        return this.claims.idempotency.has(write.key);
      case 'inbound_record':
        return this.inbound.has(write.record.sha256);
      case 'held_mail_settled': {
        const held = this.inbound.get(write.sha256);
        return held === undefined || !isHeld(held);
      }
      case 'payout_new':
        return requireMoney(money).payouts.has(write.payout.id);
      case 'payout_update':
        return requireMoney(money).payouts.get(write.next.id)?.status !== write.expectedStatus;
      case 'recovery_new':
        return requireMoney(money).recoveries.has(write.recovery.id);
      case 'recovery_update':
        return requireMoney(money).recoveries.get(write.next.id)?.version !== write.expectedVersion;
      case 'ledger_entry':
        return requireMoney(money).ledger.some((e) => e.id === write.entry.id);
    }
  }

  private apply(write: RelatedWrite): void {
    switch (write.type) {
      case 'stats': {
        const [items, key] =
          write.unitPath === undefined
            ? [this.claims.stats, write.month]
            : [this.claims.unitStats, `${write.month}#${write.unitPath.join('/')}/`];
        const counters = items.get(key) ?? {};
        for (const [name, n] of Object.entries(write.add)) counters[name] = (counters[name] ?? 0) + n;
        items.set(key, counters);
        return;
      }
      case 'stats_key': {
        const family = keyedStatsKey(write.month, write.family, write.unitId);
        const keys = this.claims.keyedStats.get(family) ?? new Map<string, KeyedCounter>();
        const counter = keys.get(write.key);
        keys.set(write.key, {
          key: write.key,
          label: counter?.label ?? write.label,
          count: (counter?.count ?? 0) + write.n,
        });
        this.claims.keyedStats.set(family, keys);
        return;
      }
      case 'commitment_breach':
        this.claims.commitments?.apply(write);
        return;
      case 'idempotency':
        this.claims.idempotency.set(write.key, { claimId: write.claimId, requestHash: write.requestHash });
        return;
      case 'inbound_record':
        this.inbound.set(write.record.sha256, structuredClone(write.record));
        return;
      case 'held_mail_settled': {
        const held = this.inbound.get(write.sha256);
        if (held) this.inbound.set(write.sha256, { ...held, settled: structuredClone(write.settlement) });
        return;
      }
      case 'payout_new':
        requireMoney(this.money).payouts.set(write.payout.id, structuredClone(write.payout));
        return;
      case 'payout_update':
        requireMoney(this.money).payouts.set(write.next.id, structuredClone(write.next));
        return;
      case 'recovery_new':
        requireMoney(this.money).recoveries.set(write.recovery.id, structuredClone(write.recovery));
        return;
      case 'recovery_update':
        requireMoney(this.money).recoveries.set(write.next.id, structuredClone(write.next));
        return;
      case 'ledger_entry':
        requireMoney(this.money).ledger.push(structuredClone(write.entry));
        return;
    }
  }
}

function requireMoney(money: InMemoryMoneyStore | undefined): InMemoryMoneyStore {
  if (!money) throw new Error('this in-memory writer was built without a money store');
  return money;
}
