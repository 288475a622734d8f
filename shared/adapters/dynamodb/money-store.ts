import { queryAll } from './query-pages.js';
import { transactWrite } from './transaction-errors.js';
import { relatedWriteItem } from './related-writes.js';
import { TransactionCanceledException, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type TransactWriteCommandInput,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Claim } from '../../domain/claim.js';
import { defaultPolicySettings, type PolicySettings } from '../../domain/settings.js';
import { ConflictError } from '../../domain/errors.js';
import {
  LedgerEntrySchema,
  PayoutSchema,
  RecoverySchema,
  ledgerMonth,
  type LedgerEntry,
  type Payout,
  type Recovery,
} from '../../domain/payout.js';
import type { PayoutStatus } from '../../domain/resolution.js';
import type { MoneyChange, MoneyStore } from '../../ports/money-store.js';
import { claimFromItem, eventPut, outboxToItem, versionedClaimPut, type Item } from './claim-items.js';
import {
  ENTITY,
  EXECUTED_PARTITION,
  PAYOUT_SK_PREFIX,
  RECOVERY_SK_PREFIX,
  SCHEMA_VERSION,
  claimKey,
  ledgerEntryKey,
  ledgerMonthPartition,
  ledgerPartyPartition,
  payoutKey,
  recoveryKey,
  recoveryOfClaimKey,
} from './keys.js';
import { INDEXES } from './table-definition.js';

const STORAGE = new Set(['PK', 'SK', 'entityType', 'schemaVersion']);
for (const index of Object.values(INDEXES)) {
  STORAGE.add(index.partitionKey);
  STORAGE.add(index.sortKey);
}
const strip = (item: Item): Item => Object.fromEntries(Object.entries(item).filter(([k]) => !STORAGE.has(k)));

const payoutToItem = (p: Payout): Item => ({
  ...p,
  ...payoutKey(p.claimId, p.id),
  entityType: ENTITY.payout,
  schemaVersion: SCHEMA_VERSION,
});
const recoveryToItem = (r: Recovery): Item => ({
  ...r,
  ...recoveryKey(r.id),
  entityType: ENTITY.recovery,
  schemaVersion: SCHEMA_VERSION,
});
/** A pointer on the claim's partition so a claim lists its recoveries with one Query. */
const recoveryPointer = (r: Recovery): Item => ({
  ...recoveryOfClaimKey(r.claimId, r.id),
  entityType: 'RecoveryPointer',
  schemaVersion: SCHEMA_VERSION,
  recoveryId: r.id,
});
const entryToItem = (e: LedgerEntry): Item => {
  const month = ledgerMonth(e.at);
  return {
    ...e,
    ...ledgerEntryKey(e.recoveryId, e.id),
    entityType: ENTITY.ledgerEntry,
    schemaVersion: SCHEMA_VERSION,
    [INDEXES.ledgerByParty.partitionKey]: ledgerPartyPartition(e.partyKey),
    [INDEXES.ledgerByParty.sortKey]: `${month}#${e.at}#${e.id}`,
    [INDEXES.moneyByTime.partitionKey]: ledgerMonthPartition(month),
    [INDEXES.moneyByTime.sortKey]: `${e.partyKey}#${e.at}#${e.id}`,
  };
};

/** Payouts, recoveries and the ledger in the claims table; every change is one TransactWriteItems. */
export class DynamoMoneyStore implements MoneyStore {
  private readonly severityRules: PolicySettings['severity'];

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** As for the claim store: the claim's deadline-index entry depends on the severity rules. */
    settings: PolicySettings = defaultPolicySettings(),
  ) {
    this.severityRules = settings.severity;
  }

  async saveMoneyChange(change: MoneyChange): Promise<void> {
    const TableName = this.tableName;
    const puts = (Item: Item) => ({
      Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(PK)' },
    });
    const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [];
    if (change.claim) {
      items.push(
        versionedClaimPut(TableName, change.claim.next, change.claim.expectedVersion, this.severityRules),
      );
    }
    items.push(eventPut(TableName, change.event));
    for (const m of change.outbox ?? []) items.push(puts(outboxToItem(change.claimId, m, change.event.at)));
    for (const p of change.newPayouts ?? []) items.push(puts(payoutToItem(p)));
    for (const u of change.payoutUpdates ?? []) {
      items.push({
        Put: {
          TableName,
          Item: payoutToItem(u.next),
          ConditionExpression: '#status = :expected',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':expected': u.expectedStatus },
        },
      });
    }
    for (const r of change.newRecoveries ?? []) items.push(puts(recoveryToItem(r)), puts(recoveryPointer(r)));
    for (const u of change.recoveryUpdates ?? []) {
      items.push({
        Put: {
          TableName,
          Item: recoveryToItem(u.next),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': u.expectedVersion },
        },
      });
    }
    for (const e of change.ledgerEntries ?? []) items.push(puts(entryToItem(e)));
    const related = change.related ?? [];
    items.push(...related.map((write) => relatedWriteItem(TableName, write)));
    try {
      // Statistics counters are shared by many claims: a conflict on them alone is retried, briefly.
      await transactWrite(this.client, items, related.length > 0);
    } catch (error) {
      throw translate(error);
    }
  }

  async getPayout(id: string): Promise<Payout | null> {
    const claimId = id.split(':payout:')[0];
    if (claimId === undefined || claimId === id) return null;
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: payoutKey(claimId, id), ConsistentRead: true }),
    );
    return result.Item ? PayoutSchema.parse(strip(result.Item)) : null;
  }

  async listPayouts(claimId: string): Promise<Payout[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': claimKey(claimId).PK, ':prefix': PAYOUT_SK_PREFIX },
      ConsistentRead: true,
    });
    return items.map((i) => PayoutSchema.parse(strip(i)));
  }

  async transitionPayout(next: Payout, expectedStatus: PayoutStatus): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: payoutToItem(next),
          ConditionExpression: '#status = :expected',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':expected': expectedStatus },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async getRecovery(id: string): Promise<Recovery | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: recoveryKey(id), ConsistentRead: true }),
    );
    return result.Item ? RecoverySchema.parse(strip(result.Item)) : null;
  }

  async listRecoveries(claimId: string): Promise<Recovery[]> {
    const pointers = await this.queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': claimKey(claimId).PK, ':prefix': RECOVERY_SK_PREFIX },
    });
    const found = await Promise.all(pointers.map((p) => this.getRecovery(String(p['recoveryId']))));
    return found.filter((r): r is Recovery => r !== null);
  }

  async ledgerByParty(partyKeyValue: string, month?: string): Promise<LedgerEntry[]> {
    const index = INDEXES.ledgerByParty;
    const items = await this.queryAll({
      IndexName: index.indexName,
      KeyConditionExpression: month === undefined ? '#pk = :pk' : '#pk = :pk AND begins_with(#sk, :month)',
      ExpressionAttributeNames: { '#pk': index.partitionKey, ...(month ? { '#sk': index.sortKey } : {}) },
      ExpressionAttributeValues: {
        ':pk': ledgerPartyPartition(partyKeyValue),
        ...(month ? { ':month': `${month}#` } : {}),
      },
    });
    return items.map((i) => LedgerEntrySchema.parse(strip(i)));
  }

  async ledgerByMonth(month: string): Promise<LedgerEntry[]> {
    const index = INDEXES.moneyByTime;
    const items = await this.queryAll({
      IndexName: index.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.partitionKey },
      ExpressionAttributeValues: { ':pk': ledgerMonthPartition(month) },
    });
    return items.map((i) => LedgerEntrySchema.parse(strip(i)));
  }

  async executedBefore(before: Date, limit: number): Promise<Claim[]> {
    const index = INDEXES.moneyByTime;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk AND #sk < :before',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pk': EXECUTED_PARTITION, ':before': before.toISOString() },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map(claimFromItem);
  }

  private queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    return queryAll(this.client, { ...input, TableName: this.tableName });
  }
}

/** A lost race on any part of a money change is a 409: nothing was written, reload and retry. */
function translate(error: unknown): unknown {
  if (error instanceof TransactionCanceledException) {
    const codes = (error.CancellationReasons ?? []).map((r) => r.Code);
    if (codes.includes('ConditionalCheckFailed') || codes.includes('TransactionConflict')) {
      return new ConflictError('the claim or its payout changed at the same time; reload it and try again');
    }
  }
  return error;
}
