import { batchGet, queryAll } from './query-pages.js';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Claim } from '../../domain/claim.js';
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
import type { MoneyStore } from '../../ports/money-store.js';
import { claimFromItem, type Item } from './claim-items.js';
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
import { INDEXES, type IndexDefinition } from './table-definition.js';

const STORAGE = new Set(['PK', 'SK', 'entityType', 'schemaVersion']);
for (const index of Object.values(INDEXES)) {
  STORAGE.add(index.partitionKey);
  STORAGE.add(index.sortKey);
}
const strip = (item: Item): Item => Object.fromEntries(Object.entries(item).filter(([k]) => !STORAGE.has(k)));

export const payoutToItem = (p: Payout): Item => ({
  ...p,
  ...payoutKey(p.claimId, p.id),
  entityType: ENTITY.payout,
  schemaVersion: SCHEMA_VERSION,
});
export const recoveryToItem = (r: Recovery): Item => ({
  ...r,
  ...recoveryKey(r.id),
  entityType: ENTITY.recovery,
  schemaVersion: SCHEMA_VERSION,
});
/** A pointer on the claim's partition so a claim lists its recoveries with one Query. */
export const recoveryPointer = (r: Recovery): Item => ({
  ...recoveryOfClaimKey(r.claimId, r.id),
  entityType: 'RecoveryPointer',
  schemaVersion: SCHEMA_VERSION,
  recoveryId: r.id,
});
export const entryToItem = (e: LedgerEntry): Item => {
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
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

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

  /**
   * Executed claims recorded strictly before `before`, oldest first, at most `limit`.
   * 1. Their keys from GSI15 (execution time in epoch ms), then the claims by key.
   * 2. Claims executed before that index held them still wait in GSI14 (whole claims): read there too
   *    until none is left (docs/upgrade.md), and merge by execution time.
   */
  async executedBefore(before: Date, limit: number): Promise<Claim[]> {
    const keys = await this.executedEntries(INDEXES.statsTopKeys, before.getTime(), limit);
    const current = (
      await batchGet(
        this.client,
        this.tableName,
        keys.map((item) => ({ PK: String(item['PK']), SK: String(item['SK']) })),
      )
    ).map(claimFromItem);
    const older = (await this.executedEntries(INDEXES.moneyByTime, before.toISOString(), limit)).map(
      claimFromItem,
    );
    const byId = new Map<string, Claim>();
    for (const claim of [...older, ...current]) byId.set(claim.id, claim);
    // A claim re-read by key is still executed only if it still has its execution (a close may have won).
    return [...byId.values()]
      .filter((claim) => claim.status === 'executed' && claim.execution !== undefined)
      .sort((a, b) => (a.execution?.at ?? '').localeCompare(b.execution?.at ?? ''))
      .slice(0, limit);
  }

  /** The `EXECUTED` partition of an index, entries sorted before `before` (a number in GSI15, ISO in GSI14). */
  private async executedEntries(
    index: IndexDefinition,
    before: number | string,
    limit: number,
  ): Promise<Item[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk AND #sk < :before',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pk': EXECUTED_PARTITION, ':before': before },
        Limit: limit,
      }),
    );
    return result.Items ?? [];
  }

  private queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    return queryAll(this.client, { ...input, TableName: this.tableName });
  }
}
