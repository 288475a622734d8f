/**
 * Every key string the table uses, in one place: keys are a persisted contract, pinned by tests.
 * Upper-case prefixes with `#`; time-ordered sort keys start with the UTC ISO instant so they sort by time.
 */
export const ENTITY = {
  claim: 'Claim',
  auditEvent: 'AuditEvent',
  counter: 'Counter',
  idempotency: 'IdempotencyRecord',
  outbox: 'OutboxMessage',
  payout: 'Payout',
  recovery: 'Recovery',
  ledgerEntry: 'LedgerEntry',
  holidaySchedule: 'HolidaySchedule',
  commitment: 'Commitment',
  statistics: 'MonthlyCounters',
  keyedStatistics: 'KeyedMonthlyCounter',
  policyVersion: 'PolicyVersion',
  currentPolicy: 'CurrentPolicy',
  staffMember: 'StaffMember',
  staffEvent: 'StaffEvent',
} as const;

export const SCHEMA_VERSION = 1;

export interface PrimaryKey {
  readonly PK: string;
  readonly SK: string;
}

export const claimKey = (claimId: string): PrimaryKey => ({ PK: `CLAIM#${claimId}`, SK: 'CLAIM' });
export const eventKey = (claimId: string, eventId: string): PrimaryKey => ({
  PK: `CLAIM#${claimId}`,
  SK: `EVENT#${eventId}`,
});
export const EVENT_SK_PREFIX = 'EVENT#';
export const outboxKey = (claimId: string, messageId: string): PrimaryKey => ({
  PK: `CLAIM#${claimId}`,
  SK: `OUTBOX#${messageId}`,
});
export const PENDING_OUTBOX_PARTITION = 'OUTBOX#PENDING';
export const counterKey = (name: string, year: number): PrimaryKey => ({
  PK: `COUNTER#${name}#${year}`,
  SK: 'COUNTER',
});
export const idempotencyKey = (key: string): PrimaryKey => ({ PK: `IDEMPOTENCY#${key}`, SK: 'IDEMPOTENCY' });

export const claimIdFromPk = (pk: string): string | undefined =>
  pk.startsWith('CLAIM#') ? pk.slice('CLAIM#'.length) : undefined;

/** Index partition keys. */
export const numberPartition = (number: string): string => `NUMBER#${number}`;
export const NUMBER_SORT = 'CLAIM';
export const phonePartition = (phoneKey: string): string => `PHONE#${phoneKey}`;
export const emailPartition = (emailKey: string): string => `EMAIL#${emailKey}`;
export const orderPartition = (orderNumber: string): string => `ORDER#${normalizeOrderNumber(orderNumber)}`;
export const assigneePartition = (assigneeId: string): string => `ASSIGNEE#${assigneeId}`;
export const queuePartition = (unitId: string): string => `QUEUE#${unitId}`;
export const kindPartition = (category: string, productKey: string): string =>
  `KIND#${category}#${productKey}`;

/**
 * Sort key for every time-ordered claim index: `<receivedAt ISO>#<claim id>`. The id breaks ties: claims
 * received in the same instant (a burst of mail with second-precision dates) still list newest first.
 */
export const timeOrderedSort = (receivedAt: string, claimId: string): string => `${receivedAt}#${claimId}`;

/** Order numbers are compared without case or surrounding space: "so-1001 " is order SO-1001. */
export function normalizeOrderNumber(orderNumber: string): string {
  return orderNumber.trim().toUpperCase();
}

/** Money (issue 6): payouts live on their claim's partition; recoveries have their own. */
export const payoutKey = (claimId: string, payoutId: string): PrimaryKey => ({
  PK: `CLAIM#${claimId}`,
  SK: `PAYOUT#${payoutId}`,
});
export const PAYOUT_SK_PREFIX = 'PAYOUT#';
export const recoveryKey = (recoveryId: string): PrimaryKey => ({
  PK: `RECOVERY#${recoveryId}`,
  SK: 'RECOVERY',
});
export const recoveryOfClaimKey = (claimId: string, recoveryId: string): PrimaryKey => ({
  PK: `CLAIM#${claimId}`,
  SK: `RECOVERY#${recoveryId}`,
});
export const RECOVERY_SK_PREFIX = 'RECOVERY#';
export const ledgerEntryKey = (recoveryId: string, entryId: string): PrimaryKey => ({
  PK: `RECOVERY#${recoveryId}`,
  SK: `ENTRY#${entryId}`,
});
export const ledgerPartyPartition = (partyKey: string): string => `LEDGER#${partyKey}`;
export const ledgerMonthPartition = (month: string): string => `LEDGER_MONTH#${month}`;
export const EXECUTED_PARTITION = 'EXECUTED';
/** Mail in and out (issue 5): plain items, no index. */
export const MAIL_ENTITY = {
  inbound: 'InboundMail',
  sentMail: 'SentMail',
  ackRate: 'AcknowledgmentRate',
  claimRate: 'MailClaimRate',
  notification: 'NotificationRecord',
  textOptOut: 'TextOptOut',
  lookup: 'ClaimLookup',
  lookupRate: 'ClaimLookupRate',
} as const;
/**
 * "Find my claim" (issue 16): one item per claim number with its latest code (hashed), wrong-code count
 * and lock; and hourly counters of codes asked for per claim number and per contact.
 */
export const lookupKey = (claimNumber: string): PrimaryKey => ({ PK: `LOOKUP#${claimNumber}`, SK: 'LOOKUP' });
export const lookupRateKey = (scope: 'NUMBER' | 'CONTACT', key: string, hour: string): PrimaryKey => ({
  PK: `LOOKUPRATE#${scope}#${key}#${hour}`,
  SK: 'LOOKUPRATE',
});
/** A phone (E.164) that answered an SMS with an opt-out keyword: no more texts go to it. */
export const textOptOutKey = (phone: string): PrimaryKey => ({ PK: `SMSOPTOUT#${phone}`, SK: 'SMSOPTOUT' });
/** One per inbound message, by the SHA-256 of its raw bytes: the same message twice is stored once. */
export const inboundKey = (sha256: string): PrimaryKey => ({ PK: `INBOUND#${sha256}`, SK: 'INBOUND' });
/**
 * Held mail (quarantined or unreadable, not yet settled by staff) in the sparse GSI14 partition, sorted
 * `<receivedAt>#<sha256>`: the staff's held-mail list. Settling removes the index keys.
 */
export const HELD_MAIL_PARTITION = 'HELD_MAIL';
export const heldMailSort = (receivedAt: string, sha256: string): string => `${receivedAt}#${sha256}`;
/** A Message-ID of mail we sent (normalised) → its claim, for threading replies. */
export const sentMailKey = (messageId: string): PrimaryKey => ({ PK: `MAIL#${messageId}`, SK: 'MAIL' });
/** Acknowledgments sent to one address in one UTC hour (`YYYY-MM-DDTHH`). */
export const ackRateKey = (address: string, hour: string): PrimaryKey => ({
  PK: `ACKRATE#${address.toLowerCase()}#${hour}`,
  SK: 'ACKRATE',
});
/** Claims filed from one sender's mail in one window (its start, an ISO instant), by message hash. */
export const claimRateKey = (address: string, windowStart: string): PrimaryKey => ({
  PK: `CLAIMRATE#${address.toLowerCase()}#${windowStart}`,
  SK: 'CLAIMRATE',
});
/** A notification's record: on its claim's partition (read with the claim), or alone without a claim. */
export const notificationKey = (id: string, claimId: string | null): PrimaryKey =>
  claimId === null
    ? { PK: `NOTIFIED#${id}`, SK: 'NOTIFIED' }
    : { PK: `CLAIM#${claimId}`, SK: `NOTIFIED#${id}` };
/**
 * The sparse deadline index (GSI11) is spread over this many partitions so no one partition takes every
 * write of a busy day; the sweep and the report query each shard. A persisted contract: changing it needs
 * every claim item rewritten.
 */
export const DEADLINE_SHARDS = 8;
export const deadlinePartition = (shard: number): string => `DUE#${shard}`;
/** Sort key of the deadline index: `<next warning or deadline ISO>#<claim id>`. */
export const deadlineSort = (at: string, claimId: string): string => `${at}#${claimId}`;
/** A stable shard for a claim (FNV-1a of its id), so a claim's entry moves only within its shard. */
export function deadlineShardOf(claimId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < claimId.length; i++) {
    hash ^= claimId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % DEADLINE_SHARDS;
}

/** Operator holiday schedules, one item per year in one partition, so all load with one Query. */
export const CALENDAR_PARTITION = 'CALENDAR';
export const holidayScheduleKey = (year: number): PrimaryKey => ({
  PK: CALENDAR_PARTITION,
  SK: `SCHEDULE#${year}`,
});

/**
 * The policy document (issue 15): every version its own item in one partition, numbered so the sort key
 * orders them, and the current pointer beside them (a copy of the version in force, read with one GetItem).
 */
export const POLICY_PARTITION = 'POLICY';
export const POLICY_VERSION_SK_PREFIX = 'VERSION#';
export const policyVersionKey = (version: number): PrimaryKey => ({
  PK: POLICY_PARTITION,
  SK: `${POLICY_VERSION_SK_PREFIX}${String(version).padStart(10, '0')}`,
});
export const currentPolicyKey = (): PrimaryKey => ({ PK: POLICY_PARTITION, SK: 'CURRENT' });

/** A commitment lives in its customer's partition, so a customer's commitments are one Query. */
export const commitmentKey = (customerId: string, commitmentId: string): PrimaryKey => ({
  PK: `CUSTOMER#${customerId}`,
  SK: `COMMITMENT#${commitmentId}`,
});
export const COMMITMENT_SK_PREFIX = 'COMMITMENT#';
/** Active commitments by end of validity (GSI11, beside the claims' DUE# shards). */
export const ACTIVE_COMMITMENTS_PARTITION = 'COMMITMENTS#ACTIVE';
/** Breached commitments by latest breach (GSI12). */
export const BREACHED_COMMITMENTS_PARTITION = 'COMMITMENTS#BREACHED';

/**
 * A unit's monthly counters (below HQ): one partition per month, sort key the unit's path, so a subtree is
 * one `begins_with` Query. Spread over a few shards per unit, as the intake unit takes many writes.
 */
export const UNIT_STATS_SHARDS = 4;
export const unitStatsPartition = (month: string): string => `STATS#${month}#UNITS`;
export const unitStatsPathPrefix = (unitPath: readonly string[]): string => `PATH#${unitPath.join('/')}/`;
export const unitStatsKey = (month: string, unitPath: readonly string[], shard: number): PrimaryKey => ({
  PK: unitStatsPartition(month),
  SK: `${unitStatsPathPrefix(unitPath)}#${String(shard % UNIT_STATS_SHARDS).padStart(2, '0')}`,
});

/** Monthly statistics counters, spread over shard items in one partition (read with one Query). */
export const statsKey = (month: string, shard: number): PrimaryKey => ({
  PK: `STATS#${month}`,
  SK: `SHARD#${String(shard).padStart(2, '0')}`,
});

/**
 * A monthly counter of one customer-chosen key (a product), in its own small item: the month's partition
 * of that family holds one item per key, so no item grows with the number of keys. `key` is a product
 * key (≤ 200 characters, so the sort key stays under DynamoDB's 1,024 bytes).
 */
export const statsKeyPartition = (month: string, family: string, unitId?: string): string =>
  `STATS#${month}#${family.toUpperCase()}${unitId === undefined ? '' : `#UNIT#${unitId}`}`;
export const STATS_KEY_SK_PREFIX = 'KEY#';
export const statsKeyKey = (month: string, family: string, key: string, unitId?: string): PrimaryKey => ({
  PK: statsKeyPartition(month, family, unitId),
  SK: `${STATS_KEY_SK_PREFIX}${key}`,
});

/**
 * The staff directory (issue 15): every entry in one partition, so the whole directory is one Query and
 * needs no index; each entry's audit trail in its own partition, time-ordered by the event's ULID.
 */
export const STAFF_DIRECTORY_PARTITION = 'STAFF#DIRECTORY';
export const STAFF_MEMBER_SK_PREFIX = 'MEMBER#';
export const staffMemberKey = (staffId: string): PrimaryKey => ({
  PK: STAFF_DIRECTORY_PARTITION,
  SK: `${STAFF_MEMBER_SK_PREFIX}${staffId}`,
});
export const staffEventPartition = (staffId: string): string => `STAFF#EVENTS#${staffId}`;
export const staffEventKey = (staffId: string, eventId: string): PrimaryKey => ({
  PK: staffEventPartition(staffId),
  SK: `${EVENT_SK_PREFIX}${eventId}`,
});
