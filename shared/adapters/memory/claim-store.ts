import type { AuditEvent } from '../../domain/audit.js';
import { chainEvent } from '../../domain/audit-chain.js';
import { kindConfirmed, summarize, type Claim, type ClaimSummary } from '../../domain/claim.js';
import { contactKeysOf, emailKey, phoneKey, productKey } from '../../domain/contact-keys.js';
import type { CategoryCode } from '../../domain/categories.js';
import { ValidationError } from '../../domain/errors.js';
import { isOpen } from '../../domain/lifecycle.js';
import {
  type ClaimStore,
  type IdempotencyRecord,
  type KeyedCounter,
  type KindSibling,
  type StatsKeyFamily,
  type DeadlineIndexEntry,
  type OutboxRef,
  type PendingOutboxMessage,
  type OrderSibling,
  type Page,
  type PageRequest,
  type QueueRead,
  type WorkQueueQuery,
} from '../../ports/claim-store.js';
import { normalizeOrderNumber } from '../dynamodb/keys.js';
import { deadlineOf } from '../../domain/sla/deadline.js';
import { queueSlaState } from '../../domain/sla/queue-sla.js';
import type { InMemoryCommitmentStore } from './commitment-store.js';
import { defaultPolicySettings } from '../../domain/settings.js';
import { fixedPolicySource } from '../../domain/policy-source.js';
import type { PolicySource } from '../../ports/policy-store.js';

/**
 * ClaimStore in memory, with the same observable rules as the DynamoDB adapter (conditional versions,
 * idempotency keys, sparse queues, newest-first pages). For use-case tests and the fault-injection suite;
 * data-access behaviour itself is tested against DynamoDB Local.
 */
export class InMemoryClaimStore implements ClaimStore {
  readonly claims = new Map<string, Claim>();
  readonly events = new Map<string, AuditEvent[]>();
  private readonly counters = new Map<number, number>();
  /** Idempotency records, written by the in-memory claim writer. */
  readonly idempotency = new Map<string, IdempotencyRecord>();
  /** Every outbox message written, with `relayedAt` once relayed. */
  readonly outbox: (PendingOutboxMessage & { relayedAt?: string })[] = [];

  /** Commitments that related writes (breaches) land on, as the DynamoDB store's transaction does. */
  commitments: InMemoryCommitmentStore | undefined;

  constructor(readonly policy: PolicySource = fixedPolicySource(defaultPolicySettings())) {}

  nextClaimSequence(year: number): Promise<number> {
    const next = (this.counters.get(year) ?? 0) + 1;
    this.counters.set(year, next);
    return Promise.resolve(next);
  }

  /** Every draw here is a write to the counter, so no number is ever in hand. */
  claimSequenceInHand(): number | null {
    return null;
  }

  getIdempotencyRecord(key: string): Promise<IdempotencyRecord | null> {
    return Promise.resolve(this.idempotency.get(key) ?? null);
  }

  /** Monthly counters by month, summed (the DynamoDB store spreads them over shard items). */
  readonly stats = new Map<string, Record<string, number>>();

  /** A unit's counters below HQ, by `<month>#<unit path>/` (the DynamoDB store: one partition a month). */
  readonly unitStats = new Map<string, Record<string, number>>();

  monthlyCounters(month: string, unitPath?: readonly string[]): Promise<Record<string, number>> {
    if (unitPath === undefined) return Promise.resolve({ ...(this.stats.get(month) ?? {}) });
    const prefix = `${month}#${unitPath.join('/')}/`;
    const totals: Record<string, number> = {};
    for (const [key, add] of this.unitStats) {
      if (!key.startsWith(prefix)) continue;
      for (const [name, n] of Object.entries(add)) totals[name] = (totals[name] ?? 0) + n;
    }
    return Promise.resolve(totals);
  }

  /** Keyed counters by `keyedStatsKey`, then key (the DynamoDB store keeps one item per key). */
  readonly keyedStats = new Map<string, Map<string, KeyedCounter>>();

  keyedCounters(
    month: string,
    family: StatsKeyFamily,
    query: { readonly top: number; readonly keys: readonly string[] },
    unitId?: string,
  ): Promise<KeyedCounter[]> {
    const all = [...(this.keyedStats.get(keyedStatsKey(month, family, unitId))?.values() ?? [])];
    const top = all.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)).slice(0, query.top);
    const named = all.filter((c) => query.keys.includes(c.key) && !top.includes(c));
    return Promise.resolve([...top, ...named].map((c) => ({ ...c })));
  }

  pendingOutbox(limit: number, createdBefore: Date): Promise<PendingOutboxMessage[]> {
    const before = createdBefore.getTime();
    // In the order of DynamoDB's pending-outbox index: creation time, then message id.
    const pending = this.outbox
      .filter((m) => m.relayedAt === undefined && new Date(m.createdAt).getTime() < before)
      .sort((a, b) => `${a.createdAt}#${a.id}`.localeCompare(`${b.createdAt}#${b.id}`))
      .slice(0, limit);
    return Promise.resolve(pending.map(({ relayedAt: _r, ...m }) => structuredClone(m)));
  }

  markRelayed(messages: readonly OutboxRef[], at: Date): Promise<void> {
    for (const m of this.outbox) {
      if (m.relayedAt === undefined && messages.some((r) => r.claimId === m.claimId && r.id === m.id))
        m.relayedAt = at.toISOString();
    }
    return Promise.resolve();
  }

  addAccessTokenHash(
    claimId: string,
    tokenHash: string,
    maxTokens: number,
    event: AuditEvent,
  ): Promise<boolean> {
    const stored = this.claims.get(claimId);
    if (!stored || stored.accessTokenHashes.length >= maxTokens) return Promise.resolve(false);
    stored.accessTokenHashes.push(tokenHash);
    this.appendEvent(claimId, event);
    return Promise.resolve(true);
  }

  /**
   * An event linked after the claim's last one, as the DynamoDB writers link it (there the head lives on
   * the claim item; here the list is the order of commits, so its last event is the head).
   */
  appendEvent(claimId: string, event: AuditEvent): void {
    const trail = this.events.get(claimId);
    trail?.push(chainEvent(structuredClone(event), trail.at(-1)?.hash));
  }

  getById(id: string): Promise<Claim | null> {
    const claim = this.claims.get(id);
    return Promise.resolve(claim ? structuredClone(claim) : null);
  }

  getByNumber(number: string): Promise<Claim | null> {
    const claim = [...this.claims.values()].find((c) => c.number === number);
    return Promise.resolve(claim ? structuredClone(claim) : null);
  }

  listEvents(claimId: string): Promise<AuditEvent[]> {
    return Promise.resolve(structuredClone(this.events.get(claimId) ?? []));
  }

  findByContact(
    contact: { phone: string } | { email: string },
    page: PageRequest,
  ): Promise<Page<ClaimSummary>> {
    const list = 'phone' in contact ? `phone:${phoneKey(contact.phone)}` : `email:${emailKey(contact.email)}`;
    return this.page(
      list,
      (c) => {
        const keys = contactKeysOf(c.claimant);
        return 'phone' in contact
          ? keys.phone === phoneKey(contact.phone)
          : keys.email === emailKey(contact.email);
      },
      page,
    );
  }

  findByOrder(orderNumber: string, page: PageRequest): Promise<Page<ClaimSummary>> {
    return this.page(
      `order:${normalizeOrderNumber(orderNumber)}`,
      (c) => this.sameOrder(c, orderNumber),
      page,
    );
  }

  orderSiblings(orderNumber: string, since: Date, limit: number): Promise<OrderSibling[]> {
    return Promise.resolve(
      this.newestSince(since, limit, (c) => this.sameOrder(c, orderNumber)).map((c) => ({
        number: c.number,
        contactKeys: contactKeysOf(c.claimant),
        receivedAt: c.receivedAt,
      })),
    );
  }

  kindSiblings(category: CategoryCode, product: string, since: Date, limit: number): Promise<KindSibling[]> {
    return Promise.resolve(
      this.newestSince(
        since,
        limit,
        // As the DynamoDB kind index: claims whose kind is still to be confirmed are not in it.
        (c) => c.category === category && productKey(c.product.name) === product && kindConfirmed(c),
      ).map((c) => ({ contactKeys: contactKeysOf(c.claimant), receivedAt: c.receivedAt })),
    );
  }

  workQueue(query: WorkQueueQuery): Promise<QueueRead> {
    const level = query.unitPath.length - 1;
    const unitId = query.unitPath[level];
    const { assigneeId, sla, now } = query;
    if (sla !== undefined && now === undefined) throw new Error('the SLA filter needs the instant');
    const matching = [...this.claims.values()]
      .filter(
        (c) =>
          isOpen(c.status) &&
          c.unitPath[level] === unitId &&
          (query.status === undefined || c.status === query.status) &&
          (assigneeId === undefined || (c.assigneeId ?? null) === assigneeId) &&
          (query.category === undefined || c.category === query.category) &&
          (query.customerResponded !== true || c.customerResponse !== undefined) &&
          (sla === undefined || queueSlaState(summarize(c).sla, now ?? '') === sla),
      )
      // The index's order: received time, then id, from the end asked for.
      .sort(
        (a, b) =>
          (a.receivedAt + a.id).localeCompare(b.receivedAt + b.id) * (query.from === 'oldest' ? 1 : -1),
      );
    return Promise.resolve({
      items: matching.slice(0, query.cap).map(summarize),
      capped: matching.length > query.cap,
    });
  }

  getManyById(ids: readonly string[]): Promise<Claim[]> {
    if (ids.length > 100) return Promise.reject(new ValidationError('at most 100 claims at once'));
    return Promise.resolve(
      [...new Set(ids)].flatMap((id) => {
        const claim = this.claims.get(id);
        return claim ? [structuredClone(claim)] : [];
      }),
    );
  }

  countOpenInUnit(unitPath: readonly string[]): Promise<number> {
    const level = unitPath.length - 1;
    const unitId = unitPath[level];
    return Promise.resolve(
      [...this.claims.values()].filter((c) => isOpen(c.status) && c.unitPath[level] === unitId).length,
    );
  }

  byAssignee(assigneeId: string, page: PageRequest): Promise<Page<ClaimSummary>> {
    return this.page(`assignee:${assigneeId}`, (c) => isOpen(c.status) && c.assigneeId === assigneeId, page);
  }

  async *deadlinesUntil(until: string): AsyncIterable<DeadlineIndexEntry> {
    const severity = (await this.policy.current()).settings.severity;
    const entries = [...this.claims.values()]
      .map((claim) => ({ claim, deadline: deadlineOf(claim, severity) }))
      .filter((e) => e.deadline !== null && e.deadline.indexAt <= until)
      .sort((a, b) => (a.deadline?.indexAt ?? '').localeCompare(b.deadline?.indexAt ?? ''));
    for (const { claim, deadline } of entries) {
      if (deadline) yield await Promise.resolve({ claimId: claim.id, deadline, summary: summarize(claim) });
    }
  }

  private sameOrder(claim: Claim, orderNumber: string): boolean {
    return (
      claim.product.orderNumber !== undefined &&
      normalizeOrderNumber(claim.product.orderNumber) === normalizeOrderNumber(orderNumber)
    );
  }

  /** As the DynamoDB index returns them: newest first (received time, then id), at most `limit`. */
  private newestSince(since: Date, limit: number, match: (claim: Claim) => boolean): Claim[] {
    return [...this.claims.values()]
      .filter((c) => Date.parse(c.receivedAt) >= since.getTime() && match(c))
      .sort((a, b) => `${b.receivedAt}#${b.id}`.localeCompare(`${a.receivedAt}#${a.id}`))
      .slice(0, limit);
  }

  /**
   * Offset cursors that name their list, so a cursor is refused on another list as the real adapter refuses
   * it. As in DynamoDB, a full page carries a cursor even when nothing follows (the next page is empty).
   */
  private page(
    list: string,
    match: (claim: Claim) => boolean,
    page: PageRequest,
  ): Promise<Page<ClaimSummary>> {
    const sorted = [...this.claims.values()]
      .filter(match)
      .sort(
        (a, b) =>
          (a.receivedAt + a.id).localeCompare(b.receivedAt + b.id) * (page.order === 'oldest' ? 1 : -1),
      );
    const [cursorList, cursorOffset] = page.cursor === undefined ? [list, '0'] : page.cursor.split('@');
    const offset = Number(cursorOffset);
    if (cursorList !== list || !Number.isInteger(offset) || offset < 0) {
      return Promise.reject(
        new ValidationError('the paging cursor is not valid for this list', [
          { path: 'cursor', message: 'invalid cursor' },
        ]),
      );
    }
    const items = sorted.slice(offset, offset + page.limit).map(summarize);
    const next = offset + page.limit;
    return Promise.resolve({ items, ...(items.length === page.limit ? { cursor: `${list}@${next}` } : {}) });
  }
}

/** Where the in-memory store files a month's keyed counters of one family (and unit, below HQ). */
export function keyedStatsKey(month: string, family: string, unitId?: string): string {
  return unitId === undefined ? `${month}#${family}` : `${month}#${family}#${unitId}`;
}
