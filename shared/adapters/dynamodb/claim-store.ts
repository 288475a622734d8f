import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { batchGet, queryAll, queryItems } from './query-pages.js';
import { cancellationCodes, failedCondition, transactWrite } from './transaction-errors.js';
import {
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import * as z from '../../zod.js';
import type { AuditEvent } from '../../domain/audit.js';
import { chainEvent } from '../../domain/audit-chain.js';
import { alsoMovingHead, sendLinked } from './audit-head.js';
import type { Claim, ClaimSummary } from '../../domain/claim.js';
import { emailKey, phoneKey } from '../../domain/contact-keys.js';
import type { CategoryCode } from '../../domain/categories.js';
import { ValidationError } from '../../domain/errors.js';
import { claimChangedMeanwhile } from '../../domain/claim-lookup.js';
import { summarize } from '../../domain/claim.js';
import { defaultPolicySettings } from '../../domain/settings.js';
import { fixedPolicySource } from '../../domain/policy-source.js';
import type { PolicySource } from '../../ports/policy-store.js';
import type { SlaFilter } from '../../domain/sla/queue-sla.js';
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
import { NumberBlocks } from './number-blocks.js';
import { INDEXES, QUEUE_INDEX_BY_LEVEL, type IndexDefinition } from './table-definition.js';
import {
  ENTITY,
  EVENT_SK_PREFIX,
  PENDING_OUTBOX_PARTITION,
  outboxKey,
  SCHEMA_VERSION,
  assigneePartition,
  claimIdFromPk,
  claimKey,
  counterKey,
  DEADLINE_SHARDS,
  deadlinePartition,
  statsKey,
  statsKeyKey,
  statsKeyPartition,
  unitStatsPartition,
  unitStatsPathPrefix,
  STATS_KEY_SK_PREFIX,
  emailPartition,
  idempotencyKey,
  kindPartition,
  numberPartition,
  orderPartition,
  phonePartition,
  queuePartition,
} from './keys.js';
import {
  LookupFactsSchema,
  claimFromItem,
  deadlineEntryFromIndexItem,
  eventFromItem,
  eventPut,
  pendingOutboxFromItem,
  summaryFromIndexItem,
  type Item,
} from './claim-items.js';

type QueryFilter = Pick<
  QueryCommandInput,
  'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
>;

/** The SLA states as filter expressions over the summary's `sla` map, as queueSlaState decides them. */
const BREACHED = '(summary.sla.breached = :true OR summary.sla.dueAt <= :now)';
const PAST_WARNING = 'summary.sla.warnAt <= :now';
const SLA_FILTERS: Record<SlaFilter, string> = {
  breached: BREACHED,
  due_soon: `${PAST_WARNING} AND NOT ${BREACHED}`,
  paused: `summary.sla.paused = :true AND NOT ${BREACHED} AND NOT (${PAST_WARNING})`,
};

/**
 * The work queue's filters over the projected summary: status, the unit (on the assignee index, whose
 * partition spans units), assigned or not, SLA state, category, customer responded. A filter still reads
 * (and is charged for) the items it drops; it saves what travels back and is parsed.
 */
function queueFilter(query: WorkQueueQuery): QueryFilter | undefined {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (query.status !== undefined) {
    parts.push('summary.#status = :status');
    names['#status'] = 'status';
    values[':status'] = query.status;
  }
  if (typeof query.assigneeId === 'string') {
    const unitId = query.unitPath.at(-1);
    if (unitId === undefined) throw new ValidationError('a work queue needs a unit');
    parts.push('contains(summary.unitPath, :unit)');
    values[':unit'] = unitId;
  } else if (query.assigneeId === null) {
    parts.push('attribute_not_exists(summary.assigneeId)');
  }
  if (query.category !== undefined) {
    parts.push('summary.category = :category');
    values[':category'] = query.category;
  }
  if (query.customerResponded === true) parts.push('attribute_exists(summary.customerResponse)');
  if (query.sla !== undefined) {
    if (query.now === undefined) throw new Error('the SLA filter needs the instant');
    parts.push(SLA_FILTERS[query.sla]);
    values[':now'] = query.now;
    values[':true'] = true;
  }
  if (parts.length === 0) return undefined;
  return {
    FilterExpression: parts.join(' AND '),
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

const CursorSchema = z.record(z.string(), z.string());
const IdempotencyItemSchema = z.object({ claimId: z.string(), requestHash: z.string() });
const CounterSchema = z.object({ sequence: z.int().check(z.positive()) });
/** Pages with a filter may need several reads; this bounds the work of one request. */
const MAX_READS_PER_PAGE = 10;
/** BatchGetItem's limit. */
const BATCH_GET_KEYS = 100;
/** Deadline index entries per Query page: small items, so a page stays far below 1 MB. */
const DEADLINE_PAGE = 200;

/** The sparse queue index of a unit's level (HQ, region, store) and the unit's id. */
function queueIndexOf(unitPath: readonly string[]) {
  const level = unitPath.length - 1;
  const index = QUEUE_INDEX_BY_LEVEL[level];
  const unitId = unitPath[level];
  if (!index || unitId === undefined)
    throw new ValidationError(`no work-queue index for unit depth ${unitPath.length}`);
  return { index, unitId };
}

/**
 * The single-table DynamoDB implementation of ClaimStore. Every read is a GetItem, BatchGetItem or Query
 * on a designed index (no Scan). Claims are written by the DynamoClaimWriter.
 */
export class DynamoClaimStore implements ClaimStore {
  private readonly numbers = new NumberBlocks((year, count) => this.reserveClaimNumbers(year, count));

  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
    /** The policy the claims are indexed by; the writer of the same table takes the same source. */
    readonly policy: PolicySource = fixedPolicySource(defaultPolicySettings()),
  ) {}

  /** Drawn from blocks reserved on the year's counter (see NumberBlocks): usually no round trip at all. */
  nextClaimSequence(year: number): Promise<number> {
    return this.numbers.next(year);
  }

  claimSequenceInHand(year: number): number | null {
    return this.numbers.inHand(year);
  }

  private async reserveClaimNumbers(year: number, count: number): Promise<number> {
    const result = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: counterKey('CLAIM_NUMBER', year),
        UpdateExpression: 'ADD #sequence :count SET entityType = :entity, schemaVersion = :schema',
        ExpressionAttributeNames: { '#sequence': 'sequence' },
        ExpressionAttributeValues: { ':count': count, ':entity': ENTITY.counter, ':schema': SCHEMA_VERSION },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return CounterSchema.parse(result.Attributes).sequence;
  }

  async getIdempotencyRecord(key: string): Promise<IdempotencyRecord | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: idempotencyKey(key), ConsistentRead: true }),
    );
    return result.Item ? IdempotencyItemSchema.parse(result.Item) : null;
  }

  async pendingOutbox(limit: number, createdBefore: Date): Promise<PendingOutboxMessage[]> {
    // The index's sort key starts with the creation time, so the age bound is part of the key condition.
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.pendingOutbox.indexName,
        KeyConditionExpression: '#pk = :pk AND #sk < :before',
        ExpressionAttributeNames: {
          '#pk': INDEXES.pendingOutbox.partitionKey,
          '#sk': INDEXES.pendingOutbox.sortKey,
        },
        ExpressionAttributeValues: {
          ':pk': PENDING_OUTBOX_PARTITION,
          ':before': createdBefore.toISOString(),
        },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map(pendingOutboxFromItem);
  }

  async markRelayed(messages: readonly OutboxRef[], at: Date): Promise<void> {
    // One small update each: relaying a message twice is harmless, so no transaction is needed. The
    // condition keeps the first arrival's time and never creates a row for a message without one.
    await Promise.all(
      messages.map(async (m) => {
        try {
          await this.client.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: outboxKey(m.claimId, m.id),
              UpdateExpression: 'SET relayedAt = :at REMOVE #gpk, #gsk',
              ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(relayedAt)',
              ExpressionAttributeNames: {
                '#gpk': INDEXES.pendingOutbox.partitionKey,
                '#gsk': INDEXES.pendingOutbox.sortKey,
              },
              ExpressionAttributeValues: { ':at': at.toISOString() },
            }),
          );
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error; // already relayed, or gone
        }
      }),
    );
  }

  async addAccessTokenHash(
    claimId: string,
    tokenHash: string,
    maxTokens: number,
    event: AuditEvent,
  ): Promise<boolean> {
    try {
      await sendLinked(this.client, this.tableName, claimId, (head) => {
        const linked = chainEvent(event, head);
        // Replays of one double-click race each other on the same item; transactWrite retries that briefly.
        return transactWrite(
          this.client,
          [
            alsoMovingHead(
              {
                Update: {
                  TableName: this.tableName,
                  Key: claimKey(claimId),
                  UpdateExpression: 'SET accessTokenHashes = list_append(accessTokenHashes, :hash)',
                  ConditionExpression: 'attribute_exists(PK) AND size(accessTokenHashes) < :max',
                  ExpressionAttributeValues: { ':hash': [tokenHash], ':max': maxTokens },
                },
              },
              head,
              linked.hash ?? '',
            ),
            eventPut(this.tableName, linked),
          ],
          true,
        );
      });
      return true;
    } catch (error) {
      if (failedCondition(error, 0)) return false;
      throw translateWriteError(error);
    }
  }

  async getById(id: string): Promise<Claim | null> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: claimKey(id) }));
    return result.Item ? claimFromItem(result.Item) : null;
  }

  async getByNumber(number: string): Promise<Claim | null> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.byNumber.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': INDEXES.byNumber.partitionKey },
        ExpressionAttributeValues: { ':pk': numberPartition(number) },
        Limit: 1,
      }),
    );
    const pk: unknown = result.Items?.[0]?.['PK'];
    const id = typeof pk === 'string' ? claimIdFromPk(pk) : undefined;
    return id === undefined ? null : this.getById(id);
  }

  async listEvents(claimId: string): Promise<AuditEvent[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': claimKey(claimId).PK, ':prefix': EVENT_SK_PREFIX },
    });
    return items.map(eventFromItem);
  }

  async findByContact(
    contact: { phone: string } | { email: string },
    page: PageRequest,
  ): Promise<Page<ClaimSummary>> {
    const [index, partition] =
      'phone' in contact
        ? [INDEXES.byPhone, phonePartition(phoneKey(contact.phone))]
        : [INDEXES.byEmail, emailPartition(emailKey(contact.email))];
    return this.summariesViaKeys(index, partition, page);
  }

  findByOrder(orderNumber: string, page: PageRequest): Promise<Page<ClaimSummary>> {
    return this.summariesViaKeys(INDEXES.byOrder, orderPartition(orderNumber), page);
  }

  async orderSiblings(orderNumber: string, since: Date, limit: number): Promise<OrderSibling[]> {
    const items = await this.newestSince(INDEXES.byOrder, orderPartition(orderNumber), since, limit);
    return items.map((item) => {
      const lookup = LookupFactsSchema.parse(item['lookup']);
      return {
        number: lookup.number,
        contactKeys: lookup.contact,
        receivedAt: receivedAtOf(item, INDEXES.byOrder),
      };
    });
  }

  async kindSiblings(
    category: CategoryCode,
    productKeyValue: string,
    since: Date,
    limit: number,
  ): Promise<KindSibling[]> {
    const partition = kindPartition(category, productKeyValue);
    const items = await this.newestSince(INDEXES.byKind, partition, since, limit);
    return items.map((item) => ({
      contactKeys: LookupFactsSchema.parse(item['lookup']).contact,
      receivedAt: receivedAtOf(item, INDEXES.byKind),
    }));
  }

  async workQueue(query: WorkQueueQuery): Promise<QueueRead> {
    const filter = queueFilter(query);
    const [index, partition] =
      typeof query.assigneeId === 'string'
        ? [INDEXES.byAssignee, assigneePartition(query.assigneeId)]
        : ((q) => [q.index, queuePartition(q.unitId)] as const)(queueIndexOf(query.unitPath));
    const items: ClaimSummary[] = [];
    const entries = queryItems(this.client, {
      TableName: this.tableName,
      IndexName: index.indexName,
      KeyConditionExpression: '#pk = :pk',
      // Only the summary (and the key its id comes from) travels back: rows are all the queue needs.
      ProjectionExpression: 'PK, #summary',
      ExpressionAttributeNames: {
        '#pk': index.partitionKey,
        '#summary': 'summary',
        ...filter?.ExpressionAttributeNames,
      },
      ExpressionAttributeValues: { ':pk': partition, ...filter?.ExpressionAttributeValues },
      ...(filter?.FilterExpression ? { FilterExpression: filter.FilterExpression } : {}),
      ScanIndexForward: query.from === 'oldest',
    });
    for await (const item of entries) {
      // One past the cap says there are more; the pages after it are never read.
      if (items.length === query.cap) return { items, capped: true };
      items.push(summaryFromIndexItem(item));
    }
    return { items, capped: false };
  }

  async getManyById(ids: readonly string[]): Promise<Claim[]> {
    if (ids.length > BATCH_GET_KEYS) throw new ValidationError(`at most ${BATCH_GET_KEYS} claims at once`);
    return this.batchGetClaims(ids.map((id) => claimKey(id).PK));
  }

  async countOpenInUnit(unitPath: readonly string[]): Promise<number> {
    const { index, unitId } = queueIndexOf(unitPath);
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': index.partitionKey },
          ExpressionAttributeValues: { ':pk': queuePartition(unitId) },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      count += result.Count ?? 0;
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  byAssignee(assigneeId: string, page: PageRequest): Promise<Page<ClaimSummary>> {
    return this.summaryPage(INDEXES.byAssignee, assigneePartition(assigneeId), page);
  }

  async monthlyCounters(month: string, unitPath?: readonly string[]): Promise<Record<string, number>> {
    const totals: Record<string, number> = {};
    const shards = queryItems(
      this.client,
      unitPath === undefined
        ? {
            TableName: this.tableName,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': statsKey(month, 0).PK },
          }
        : {
            TableName: this.tableName,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :path)',
            ExpressionAttributeValues: {
              ':pk': unitStatsPartition(month),
              ':path': unitStatsPathPrefix(unitPath),
            },
          },
    );
    for await (const item of shards) {
      for (const [name, value] of Object.entries(item)) {
        if (typeof value === 'number' && name !== 'schemaVersion') totals[name] = (totals[name] ?? 0) + value;
      }
    }
    return totals;
  }

  async keyedCounters(
    month: string,
    family: StatsKeyFamily,
    query: { readonly top: number; readonly keys: readonly string[] },
    unitId?: string,
  ): Promise<KeyedCounter[]> {
    const index = INDEXES.statsTopKeys;
    const partition = statsKeyPartition(month, family, unitId);
    // Highest counts first: the index's sort key is the count itself (a number).
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
        Limit: query.top,
      }),
    );
    const top = (result.Items ?? []).map((item) => keyedCounterFromItem(item, index.sortKey));
    // Fewer than `top`: that is every key of the month, so the named ones are among them (or absent).
    if (top.length < query.top || query.keys.length === 0) return top;
    const have = new Set(top.map((c) => c.key));
    const wanted = [...new Set(query.keys)].filter((key) => !have.has(key));
    const named: KeyedCounter[] = [];
    for (let i = 0; i < wanted.length; i += BATCH_GET_KEYS) {
      const keys = wanted
        .slice(i, i + BATCH_GET_KEYS)
        .map((key): Record<string, unknown> => ({ ...statsKeyKey(month, family, key, unitId) }));
      for (const item of await batchGet(this.client, this.tableName, keys))
        named.push(keyedCounterFromItem(item, index.sortKey));
    }
    return [...top, ...named];
  }

  async *deadlinesUntil(until: string): AsyncIterable<DeadlineIndexEntry> {
    const index = INDEXES.deadlines;
    for (let shard = 0; shard < DEADLINE_SHARDS; shard++) {
      const entries = queryItems(this.client, {
        TableName: this.tableName,
        IndexName: index.indexName,
        // `~` sorts after every character of a claim id, so entries at exactly `until` are included.
        KeyConditionExpression: '#pk = :pk AND #sk <= :until',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pk': deadlinePartition(shard), ':until': `${until}#~` },
        Limit: DEADLINE_PAGE,
      });
      for await (const item of entries) yield deadlineEntryFromIndexItem(item);
    }
  }

  /** A page of an index that carries the summary map. */
  private async summaryPage(
    index: IndexDefinition,
    partition: string,
    page: PageRequest,
  ): Promise<Page<ClaimSummary>> {
    const { items, cursor } = await this.queryPage(index, partition, page);
    return { items: items.map(summaryFromIndexItem), ...(cursor ? { cursor } : {}) };
  }

  /** A page of a keys-only index, resolved to summaries with one BatchGetItem. */
  private async summariesViaKeys(
    index: IndexDefinition,
    partition: string,
    page: PageRequest,
  ): Promise<Page<ClaimSummary>> {
    const { items, cursor } = await this.queryPage(index, partition, page);
    const claims = await this.batchGetClaims(items.map((item) => String(item['PK'])));
    const byPk = new Map(claims.map((claim) => [claimKey(claim.id).PK, claim]));
    const summaries = items.flatMap((item) => {
      const claim = byPk.get(String(item['PK']));
      return claim ? [summarize(claim)] : [];
    });
    return { items: summaries, ...(cursor ? { cursor } : {}) };
  }

  private async batchGetClaims(pks: string[]): Promise<Claim[]> {
    if (pks.length === 0) return [];
    const items = await batchGet(
      this.client,
      this.tableName,
      [...new Set(pks)].map((PK) => ({ PK, SK: 'CLAIM' })),
    );
    return items.map(claimFromItem);
  }

  /**
   * One page of an index partition, newest first by default. A filter may leave a read short, so reads
   * continue (bounded) until the page is full; the cursor is built from the last item returned.
   */
  private async queryPage(
    index: IndexDefinition,
    partition: string,
    page: PageRequest,
    filter?: Pick<
      QueryCommandInput,
      'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    >,
  ): Promise<{ items: Item[]; cursor?: string }> {
    const collected: Item[] = [];
    let startKey = decodeCursor(page.cursor, index, partition);
    let reads = 0;
    let more = true;
    while (collected.length < page.limit && more && reads < MAX_READS_PER_PAGE) {
      reads++;
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': index.partitionKey, ...filter?.ExpressionAttributeNames },
          ExpressionAttributeValues: { ':pk': partition, ...filter?.ExpressionAttributeValues },
          ...(filter?.FilterExpression ? { FilterExpression: filter.FilterExpression } : {}),
          ScanIndexForward: page.order === 'oldest',
          Limit: page.limit - collected.length,
          ExclusiveStartKey: startKey,
        }),
      );
      collected.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
      more = startKey !== undefined;
    }
    const last = collected[collected.length - 1];
    const cursor = more && last ? encodeCursor(last, index) : undefined;
    return { items: collected, ...(cursor ? { cursor } : {}) };
  }

  /**
   * The newest `limit` items of a partition whose time-ordered sort key is at or after `since`: ONE Query
   * with `Limit` and no filter, so it reads at most `limit` items (index items are small: one page) however
   * many the partition holds. Intake's cost therefore does not grow with the history of an order or kind.
   */
  private async newestSince(
    index: IndexDefinition,
    partition: string,
    since: Date,
    limit: number,
  ): Promise<Item[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk AND #sk >= :since',
        // Only what the decisions read: the time-ordered sort key and the immutable lookup facts.
        ProjectionExpression: '#sk, #lookup',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey, '#lookup': 'lookup' },
        ExpressionAttributeValues: { ':pk': partition, ':since': since.toISOString() },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return result.Items ?? [];
  }
}

const KeyedCounterItemSchema = z.looseObject({ SK: z.string(), label: z.string() });

/** A keyed counter item (table or index): its key from the sort key, its count from the index's sort key. */
function keyedCounterFromItem(item: Item, countAttribute: string): KeyedCounter {
  const parsed = KeyedCounterItemSchema.parse(item);
  return {
    key: parsed.SK.slice(STATS_KEY_SK_PREFIX.length),
    label: parsed.label,
    count: z.number().parse(item[countAttribute]),
  };
}

/** The receivedAt of a time-ordered index entry: its sort key is `<receivedAt>#<id>`. */
function receivedAtOf(item: Item, index: IndexDefinition): string {
  return z.string().parse(item[index.sortKey]).split('#')[0] ?? '';
}

function encodeCursor(item: Item, index: IndexDefinition): string {
  const key = {
    PK: String(item['PK']),
    SK: String(item['SK']),
    [index.partitionKey]: String(item[index.partitionKey]),
    [index.sortKey]: String(item[index.sortKey]),
  };
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** A cursor is accepted only if it is well-formed and points into the partition being read. */
function decodeCursor(
  cursor: string | undefined,
  index: IndexDefinition,
  partition: string,
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = new ValidationError('the paging cursor is not valid for this list', [
    { path: 'cursor', message: 'invalid cursor' },
  ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const key = CursorSchema.safeParse(parsed);
  if (!key.success || key.data[index.partitionKey] !== partition || Object.keys(key.data).length !== 4)
    throw invalid;
  if (
    !key.data['PK']?.startsWith('CLAIM#') ||
    key.data['SK'] !== 'CLAIM' ||
    key.data[index.sortKey] === undefined
  )
    throw invalid;
  return key.data;
}

/** A lost race on a claim (stale version or a concurrent transaction) is a 409 for the caller. */
function translateWriteError(error: unknown): unknown {
  const codes = cancellationCodes(error);
  if (codes.includes('ConditionalCheckFailed') || codes.includes('TransactionConflict')) {
    return claimChangedMeanwhile();
  }
  return error;
}
