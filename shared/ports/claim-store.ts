import type { AuditEvent } from '../domain/audit.js';
import type { OutboxMessage } from '../domain/messages.js';
import type { Claim, ClaimSummary } from '../domain/claim.js';
import type { ContactKeys } from '../domain/contact-keys.js';
import type { CategoryCode } from '../domain/categories.js';
import type { ClaimStatus } from '../domain/lifecycle.js';
import type { DeadlineEntry } from '../domain/sla/deadline.js';
import type { SlaFilter } from '../domain/sla/queue-sla.js';
import type { StatsKeyFamily } from './claim-writer.js';

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque; pass back to get the next page. Absent on the last page. */
  readonly cursor?: string;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string | undefined;
  /** Newest first unless `oldest`. */
  readonly order?: 'newest' | 'oldest' | undefined;
}

export interface IdempotencyRecord {
  readonly claimId: string;
  readonly requestHash: string;
}

/** An earlier claim under the same order number, with the facts duplicate detection compares. */
export interface OrderSibling {
  readonly number: string;
  readonly contactKeys: ContactKeys;
  readonly receivedAt: string;
}

export interface KindSibling {
  readonly contactKeys: ContactKeys;
  readonly receivedAt: string;
}

/**
 * A unit's open claims as the work queue reads them: every match (up to `cap`), for the use case to sort,
 * count and page (DynamoDB cannot sort the queue index by anything but received time; docs/design.md).
 */
export interface WorkQueueQuery {
  /** Unit whose queue is read: its own open claims and those of every unit below it. */
  readonly unitPath: readonly string[];
  readonly status?: ClaimStatus | undefined;
  /**
   * Only claims assigned to this person (read from the assignee index, then kept to the unit), or with
   * `null` only unassigned ones.
   */
  readonly assigneeId?: string | null | undefined;
  /** Only rows in this SLA state at `now` (see queueSlaState); needs `now`. */
  readonly sla?: SlaFilter | undefined;
  /** The request's instant, for the SLA filter (ISO). */
  readonly now?: string | undefined;
  readonly category?: CategoryCode | undefined;
  /** Only claims whose summary carries a customer response no staff member has opened yet. */
  readonly customerResponded?: boolean | undefined;
  /**
   * Which end of the received-time order is read first, and so which claims are kept when there are more
   * than `cap`: `oldest` keeps the longest-waiting ones (those whose deadlines come first).
   */
  readonly from: 'newest' | 'oldest';
  /** At most this many summaries are returned; `capped` says there were more. */
  readonly cap: number;
}

/** What a work-queue read found, in received-time order from the end `from` names. */
export interface QueueRead {
  readonly items: readonly ClaimSummary[];
  /** More claims matched than `cap`; the rest were not read. */
  readonly capped: boolean;
}

/**
 * What the claims use cases read from storage, and the bookkeeping beside it (claim numbers, outbox
 * relay marks, tracking tokens). Claims themselves change only through the ClaimWriter. Each method is
 * one GetItem, Query or small write; adapters translate their failures into domain errors.
 */
export interface ClaimStore {
  /** Next claim number of the year: unique, gaps possible, in filing order only within one container. */
  nextClaimSequence(year: number): Promise<number>;
  /**
   * A number of the year this process already holds, taken without a round trip; null when drawing one
   * would need a write. Intake uses it to check its Idempotency-Key inside the transaction instead of first.
   */
  claimSequenceInHand(year: number): number | null;
  getIdempotencyRecord(key: string): Promise<IdempotencyRecord | null>;
  /**
   * Outbox messages written before `createdBefore` and not yet relayed, oldest first (for the relay's
   * catch-up).
   */
  pendingOutbox(limit: number, createdBefore: Date): Promise<PendingOutboxMessage[]>;
  /**
   * Marks messages relayed: they leave the pending index and stay on the claim as its record. Harmless
   * when repeated (the first time stays recorded) and when there is no such outbox row.
   */
  markRelayed(messages: readonly OutboxRef[], at: Date): Promise<void>;
  /**
   * Adds a token hash to a claim without moving its version (replayed intake), with its audit event,
   * as long as the claim holds fewer than `maxTokens`. Returns false when the limit is reached.
   */
  addAccessTokenHash(
    claimId: string,
    tokenHash: string,
    maxTokens: number,
    event: AuditEvent,
  ): Promise<boolean>;
  getById(id: string): Promise<Claim | null>;
  getByNumber(number: string): Promise<Claim | null>;
  /** Audit trail, oldest first. */
  listEvents(claimId: string): Promise<AuditEvent[]>;
  findByContact(
    contact: { phone: string } | { email: string },
    page: PageRequest,
  ): Promise<Page<ClaimSummary>>;
  findByOrder(orderNumber: string, page: PageRequest): Promise<Page<ClaimSummary>>;
  /**
   * Claims under an order number filed since `since`, newest first, at most `limit` (for duplicate
   * flagging): one Query reading at most `limit` index items, however many claims the order has.
   */
  orderSiblings(orderNumber: string, since: Date, limit: number): Promise<OrderSibling[]>;
  /**
   * Claims of one category about one product filed since `since`, newest first, at most `limit` (for the
   * same-kind severity rule): one Query reading at most `limit` index items.
   */
  kindSiblings(
    category: CategoryCode,
    productKey: string,
    since: Date,
    limit: number,
  ): Promise<KindSibling[]>;
  /**
   * Every open claim of a unit's queue that matches (up to `cap`): Queries of the level's sparse queue index
   * (or the assignee index), page after page, filtered on the projected summary.
   */
  workQueue(query: WorkQueueQuery): Promise<QueueRead>;
  /** Claims by id, at most 100 (one BatchGetItem); ids it does not hold are left out, order not kept. */
  getManyById(ids: readonly string[]): Promise<Claim[]>;
  byAssignee(assigneeId: string, page: PageRequest): Promise<Page<ClaimSummary>>;
  /**
   * How many open claims a unit and the units below it hold (its work queue, counted: one `Select: COUNT`
   * Query on the level's sparse queue index, however many there are).
   */
  countOpenInUnit(unitPath: readonly string[]): Promise<number>;
  /**
   * Claims in the sparse deadline index whose index instant is at or before `until`, read page by page
   * across its shards (so memory stays flat however many there are). Only open claims with a running clock
   * or a pending severity regrade are in the index.
   */
  deadlinesUntil(until: string): AsyncIterable<DeadlineIndexEntry>;
  /**
   * The month's statistics counters, summed over their shards (one Query). Months written before issue 22
   * also hold `volume.product.<key>` here; later ones keep products in keyed counters. With `unitPath` (a
   * unit below HQ): the counters of that unit and every unit under it (one Query of their items).
   */
  monthlyCounters(month: string, unitPath?: readonly string[]): Promise<Record<string, number>>;
  /**
   * A month's keyed counters of one family: the `top` highest counts (ties in any order) and, of `keys`,
   * those that exist (for merging legacy counters); each key once. Bounded: one Query of at most `top`
   * index items, plus reads by key only when `keys` is not empty and the month has `top` keys or more.
   */
  keyedCounters(
    month: string,
    family: StatsKeyFamily,
    query: { readonly top: number; readonly keys: readonly string[] },
    /** A unit below HQ: the counters of its subtree (absent: the organisation's). */
    unitId?: string,
  ): Promise<KeyedCounter[]>;
}

/** One customer-chosen key's monthly counter (a product's claims). */
export interface KeyedCounter {
  readonly key: string;
  readonly label: string;
  readonly count: number;
}

/** Related writes are the claim writer's (shared/ports/claim-writer.ts); re-exported for their readers. */
export type { RelatedWrite, StatsKeyFamily } from './claim-writer.js';

/** One claim as the deadline index projects it. */
export interface DeadlineIndexEntry {
  readonly claimId: string;
  readonly deadline: DeadlineEntry;
  readonly summary: ClaimSummary;
}

/** What identifies an outbox row: its claim and the message's id. */
export type OutboxRef = Pick<PendingOutboxMessage, 'claimId' | 'id'>;

export interface PendingOutboxMessage extends OutboxMessage {
  readonly claimId: string;
  readonly createdAt: string;
}
