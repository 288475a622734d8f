/**
 * The single table and its indexes, as plain data. The local bootstrap turns it into a CreateTable call
 * and the CDK data stack into a TableV2, so the two can never drift. Key strings are built in `keys.ts`.
 *
 * Projection choices keep write cost down: an update writes to a GSI only when an attribute projected
 * into it changes. Lookup indexes project keys (plus the few immutable facts duplicate detection needs);
 * only the work-queue and assignee indexes carry the `summary` map, which changes with status anyway.
 */
export type Projection =
  | { readonly type: 'KEYS_ONLY' }
  | { readonly type: 'INCLUDE'; readonly nonKeyAttributes: readonly string[] }
  | { readonly type: 'ALL' };

export interface IndexDefinition {
  readonly indexName: string;
  /** What the index answers, for readers of the template and docs/design.md. */
  readonly purpose: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** DynamoDB type of the sort key: a string unless said otherwise (a count sorts as a number). */
  readonly sortKeyType?: KeyAttributeType;
  readonly projection: Projection;
}

export type KeyAttributeType = 'S' | 'N';

export const TABLE_PARTITION_KEY = 'PK';
export const TABLE_SORT_KEY = 'SK';
/** DynamoDB TTL attribute (epoch seconds): idempotency records expire through it. */
export const TTL_ATTRIBUTE = 'expiresAt';

const SUMMARY: Projection = { type: 'INCLUDE', nonKeyAttributes: ['summary'] };
const LOOKUP_FACTS: Projection = { type: 'INCLUDE', nonKeyAttributes: ['lookup'] };

export const INDEXES = {
  byNumber: {
    indexName: 'GSI1',
    purpose: 'claim by its human-readable number (CLM-2026-000123)',
    partitionKey: 'GSI1PK',
    sortKey: 'GSI1SK',
    projection: { type: 'KEYS_ONLY' },
  },
  byPhone: {
    indexName: 'GSI2',
    purpose: "claims by the customer's phone, newest first",
    partitionKey: 'GSI2PK',
    sortKey: 'GSI2SK',
    projection: { type: 'KEYS_ONLY' },
  },
  byEmail: {
    indexName: 'GSI3',
    purpose: "claims by the customer's email, newest first",
    partitionKey: 'GSI3PK',
    sortKey: 'GSI3SK',
    projection: { type: 'KEYS_ONLY' },
  },
  byOrder: {
    indexName: 'GSI4',
    purpose:
      'claims by order number; carries the immutable lookup facts (number, contact keys) for duplicate detection',
    partitionKey: 'GSI4PK',
    sortKey: 'GSI4SK',
    projection: LOOKUP_FACTS,
  },
  byAssignee: {
    indexName: 'GSI5',
    purpose: 'open claims by assignee (sparse: closed claims leave it)',
    partitionKey: 'GSI5PK',
    sortKey: 'GSI5SK',
    projection: SUMMARY,
  },
  queueLevel1: {
    indexName: 'GSI6',
    purpose: 'work queue of a level-1 unit (HQ): its open claims and those of every unit below',
    partitionKey: 'GSI6PK',
    sortKey: 'GSI6SK',
    projection: SUMMARY,
  },
  queueLevel2: {
    indexName: 'GSI7',
    purpose: 'work queue of a level-2 unit (region): its open claims and its stores',
    partitionKey: 'GSI7PK',
    sortKey: 'GSI7SK',
    projection: SUMMARY,
  },
  queueLevel3: {
    indexName: 'GSI8',
    purpose: 'work queue of a level-3 unit (store)',
    partitionKey: 'GSI8PK',
    sortKey: 'GSI8SK',
    projection: SUMMARY,
  },
  byKind: {
    indexName: 'GSI9',
    purpose: 'claims of one category about one product, for the same-kind severity rule',
    partitionKey: 'GSI9PK',
    sortKey: 'GSI9SK',
    projection: LOOKUP_FACTS,
  },
  pendingOutbox: {
    indexName: 'GSI10',
    purpose: 'outbox messages not yet relayed to their queue (sparse: relayed messages leave it)',
    partitionKey: 'GSI10PK',
    sortKey: 'GSI10SK',
    projection: { type: 'ALL' },
  },
  deadlines: {
    indexName: 'GSI11',
    purpose:
      'sparse, sharded deadline index: open claims by next warning or deadline (DUE#<shard>), for the sweep and the overdue report',
    partitionKey: 'GSI11PK',
    sortKey: 'GSI11SK',
    projection: { type: 'INCLUDE', nonKeyAttributes: ['summary', 'deadline'] },
  },
  commitmentsBreached: {
    indexName: 'GSI12',
    purpose:
      'commitments with a breach, latest first (sparse); active commitments by end of validity share GSI11',
    partitionKey: 'GSI12PK',
    sortKey: 'GSI12SK',
    projection: { type: 'INCLUDE', nonKeyAttributes: ['summary'] },
  },
  ledgerByParty: {
    indexName: 'GSI13',
    purpose: 'recovery ledger (追偿) of one supplier or franchisee, sorted by month and time',
    partitionKey: 'GSI13PK',
    sortKey: 'GSI13SK',
    projection: { type: 'ALL' },
  },
  moneyByTime: {
    indexName: 'GSI14',
    purpose:
      'overloaded: ledger entries by month; held mail staff have not settled, newest first (HELD_MAIL, sparse); executed claims by execution time only if written before executed claims moved to GSI15',
    partitionKey: 'GSI14PK',
    sortKey: 'GSI14SK',
    projection: { type: 'ALL' },
  },
  statsTopKeys: {
    indexName: 'GSI15',
    purpose:
      "overloaded and sparse, its sort key a number: a month's per-product counters by count, highest first (the dashboard's top products); executed claims by execution time in epoch ms (auto-close), keys only",
    partitionKey: 'GSI15PK',
    sortKey: 'GSI15SK',
    sortKeyType: 'N',
    projection: { type: 'INCLUDE', nonKeyAttributes: ['label'] },
  },
} as const satisfies Record<string, IndexDefinition>;

export type IndexName = keyof typeof INDEXES;

/** The queue index for each depth of the organisation tree (HQ = 1, region = 2, store = 3). */
export const QUEUE_INDEX_BY_LEVEL = [INDEXES.queueLevel1, INDEXES.queueLevel2, INDEXES.queueLevel3] as const;

export const TABLE_DEFINITION = {
  partitionKey: TABLE_PARTITION_KEY,
  sortKey: TABLE_SORT_KEY,
  ttlAttribute: TTL_ATTRIBUTE,
  indexes: Object.values(INDEXES) as readonly IndexDefinition[],
} as const;

/**
 * Every key attribute with its DynamoDB type: strings, except a sort key an index declares numeric. One
 * attribute has one type across the table and its indexes.
 */
export function allKeyAttributes(): { readonly name: string; readonly type: KeyAttributeType }[] {
  const types = new Map<string, KeyAttributeType>([
    [TABLE_PARTITION_KEY, 'S'],
    [TABLE_SORT_KEY, 'S'],
  ]);
  const add = (name: string, type: KeyAttributeType) => {
    const known = types.get(name);
    if (known !== undefined && known !== type)
      throw new Error(`key attribute ${name} is declared both ${known} and ${type}`);
    types.set(name, type);
  };
  for (const index of TABLE_DEFINITION.indexes) {
    add(index.partitionKey, 'S');
    add(index.sortKey, index.sortKeyType ?? 'S');
  }
  return [...types].map(([name, type]) => ({ name, type }));
}
