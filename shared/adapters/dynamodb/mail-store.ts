import { cancellationCodes } from './transaction-errors.js';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from '../../zod.js';
import type { AuditEvent } from '../../domain/audit.js';
import { ValidationError } from '../../domain/errors.js';
import { cursorJson } from '../../domain/paging-cursor.js';
import {
  isHeld,
  type HeldMailSettlement,
  type InboundRecord,
  type MailStore,
  type NotificationRecord,
  type PrepareNotification,
} from '../../ports/mail-store.js';
import { eventPut } from './claim-items.js';
import { chainEvent } from '../../domain/audit-chain.js';
import { alsoMovingHead, headUpdate, sendLinked } from './audit-head.js';
import { addTokenUpdate } from './token-list.js';
import {
  HELD_MAIL_PARTITION,
  MAIL_ENTITY,
  SCHEMA_VERSION,
  heldMailSort,
  ackRateKey,
  claimRateKey,
  inboundKey,
  lookupKey,
  notificationKey,
  sentMailKey,
  textOptOutKey,
} from './keys.js';
import { INDEXES, TTL_ATTRIBUTE } from './table-definition.js';

const OutcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('claim'),
    claimId: z.string(),
    claimNumber: z.string(),
    noAnswer: z.optional(z.array(z.string())),
  }),
  z.object({
    kind: z.literal('reply'),
    claimId: z.string(),
    claimNumber: z.string(),
    rateLimited: z.optional(z.literal(true)),
    replyAddress: z.optional(z.literal(true)),
  }),
  z.object({
    kind: z.literal('quarantined'),
    reasons: z.array(z.string()),
    claimId: z.optional(z.string()),
    note: z.optional(z.string()),
  }),
  z.object({ kind: z.literal('unparseable'), reason: z.string() }),
]);
const SettlementSchema = z.object({
  action: z.enum(['released', 'attached', 'dismissed']),
  by: z.object({ id: z.string(), name: z.optional(z.string()) }),
  at: z.string(),
  claimId: z.optional(z.string()),
  claimNumber: z.optional(z.string()),
});
const InboundItemSchema = z.object({
  sha256: z.string(),
  messageId: z.nullable(z.string()),
  rawKey: z.string(),
  from: z.nullable(z.string()),
  subject: z.nullable(z.string()),
  receivedAt: z.string(),
  outcome: OutcomeSchema,
  settled: z.optional(SettlementSchema),
});

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;
/** A held-mail page's cursor: the last item's keys in the held-mail partition of GSI14. */
const HeldCursorSchema = z.strictObject({
  PK: z.string().check(z.startsWith('INBOUND#')),
  SK: z.literal('INBOUND'),
  [INDEXES.moneyByTime.partitionKey]: z.literal(HELD_MAIL_PARTITION),
  [INDEXES.moneyByTime.sortKey]: z.string(),
});
const NotificationItemSchema = z.object({
  id: z.string(),
  claimId: z.nullable(z.string()),
  kind: z.string(),
  state: z.enum(['sending', 'sent', 'suppressed', 'failed']),
  to: z.array(z.string()),
  raw: z.optional(z.instanceof(Uint8Array)),
  ourMessageId: z.optional(z.string()),
  sentMessageId: z.optional(z.string()),
  reason: z.optional(z.string()),
  attempts: z.int(),
  updatedAt: z.string(),
});
const SentMailItemSchema = z.object({ PK: z.string(), claimId: z.string() });
/** Rate counters outlive their hour (or window) by a day, then DynamoDB's TTL removes them. */
const ACK_RATE_TTL_SECONDS = 25 * 3600;

/**
 * Mail records in the claims table. Every change is one conditional write or one transaction; items
 * are plain (no index), read by key.
 */
export class DynamoMailStore implements MailStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async recordTextOptOut(phone: string, at: string, keyword: string): Promise<void> {
    // Idempotent: the same opt-out twice leaves one item (the latest keyword and time).
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...textOptOutKey(phone),
          entityType: MAIL_ENTITY.textOptOut,
          schemaVersion: SCHEMA_VERSION,
          phone,
          keyword,
          at,
        },
      }),
    );
  }

  async isTextOptedOut(phone: string): Promise<boolean> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: textOptOutKey(phone), ConsistentRead: true }),
    );
    return result.Item !== undefined;
  }

  async getInbound(sha256: string): Promise<InboundRecord | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: inboundKey(sha256), ConsistentRead: true }),
    );
    return result.Item ? InboundItemSchema.parse(result.Item) : null;
  }

  async recordInbound(record: InboundRecord): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: inboundToItem(record),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async listHeldMail(page: { readonly limit: number; readonly cursor?: string | undefined }): Promise<{
    readonly items: readonly InboundRecord[];
    readonly cursor?: string;
  }> {
    const index = INDEXES.moneyByTime;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :held',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':held': HELD_MAIL_PARTITION },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeHeldCursor(page.cursor),
      }),
    );
    const items = (result.Items ?? []).map((item) => InboundItemSchema.parse(item));
    const last = result.LastEvaluatedKey;
    return {
      items,
      ...(last ? { cursor: Buffer.from(JSON.stringify(last), 'utf8').toString('base64url') } : {}),
    };
  }

  async settleHeldMail(sha256: string, settlement: HeldMailSettlement): Promise<boolean> {
    try {
      await this.client.send(new UpdateCommand(heldMailSettleUpdate(this.tableName, sha256, settlement)));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async claimForMessageIds(ids: readonly string[]): Promise<string | null> {
    const unique = [...new Set(ids)].filter((id) => id !== '').slice(0, 100);
    if (unique.length === 0) return null;
    const result = await this.client.send(
      new BatchGetCommand({
        RequestItems: { [this.tableName]: { Keys: unique.map(sentMailKey), ConsistentRead: true } },
      }),
    );
    const found = new Map<string, string>();
    for (const item of result.Responses?.[this.tableName] ?? []) {
      const parsed = SentMailItemSchema.parse(item);
      found.set(parsed.PK, parsed.claimId);
    }
    // In-Reply-To comes first in `ids`: the closest ancestor wins.
    for (const id of unique) {
      const claimId = found.get(sentMailKey(id).PK);
      if (claimId !== undefined) return claimId;
    }
    return null;
  }

  async takeAcknowledgmentAllowance(address: string, at: Date, max: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: ackRateKey(address, at.toISOString().slice(0, 13)),
          UpdateExpression: 'ADD sent :one SET entityType = :entity, schemaVersion = :v, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(sent) OR sent < :max',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':one': 1,
            ':max': max,
            ':entity': MAIL_ENTITY.ackRate,
            ':v': SCHEMA_VERSION,
            ':ttl': Math.floor(at.getTime() / 1000) + ACK_RATE_TTL_SECONDS,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async takeClaimAllowance(
    address: string,
    sha256: string,
    at: Date,
    windowMinutes: number,
    max: number,
  ): Promise<boolean> {
    const windowMs = windowMinutes * 60_000;
    const start = Math.floor(at.getTime() / windowMs) * windowMs;
    try {
      // A string set of message hashes: a redelivered message is already in it and passes again.
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: claimRateKey(address, new Date(start).toISOString()),
          UpdateExpression: 'ADD messages :sha SET entityType = :entity, schemaVersion = :v, #ttl = :ttl',
          ConditionExpression:
            'attribute_not_exists(messages) OR size(messages) < :max OR contains(messages, :one)',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':sha': new Set([sha256]),
            ':one': sha256,
            ':max': max,
            ':entity': MAIL_ENTITY.claimRate,
            ':v': SCHEMA_VERSION,
            ':ttl': Math.floor((start + windowMs) / 1000) + ACK_RATE_TTL_SECONDS,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async getNotification(id: string, claimId: string | null): Promise<NotificationRecord | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: notificationKey(id, claimId), ConsistentRead: true }),
    );
    return result.Item ? NotificationItemSchema.parse(result.Item) : null;
  }

  async prepareNotification(
    p: PrepareNotification,
  ): Promise<'prepared' | 'exists' | 'token_limit' | 'superseded'> {
    const record: NotificationRecord = {
      id: p.id,
      claimId: p.claimId,
      kind: p.kind,
      state: 'sending',
      to: [...p.to],
      raw: p.raw,
      ourMessageId: p.ourMessageId,
      attempts: 0,
      updatedAt: p.at,
    };
    const items = (head: string | undefined): TransactItems => {
      const list: TransactItems = [
        {
          Put: {
            TableName: this.tableName,
            Item: this.notificationItem(record),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ];
      if (p.tokenHash && p.claimId !== null) {
        const event = chainEvent(p.tokenHash.event, head);
        list.push(
          alsoMovingHead(
            addTokenUpdate({
              tableName: this.tableName,
              claimId: p.claimId,
              hash: p.tokenHash.hash,
              maxTokens: p.tokenHash.maxTokens,
              read: p.tokenHash.replacingOldestOf,
            }),
            head,
            event.hash ?? '',
          ),
          eventPut(this.tableName, event),
        );
      }
      if (p.lookupCode) list.push(this.codeUpdate(p.lookupCode));
      return list;
    };
    const codeAt = p.tokenHash && p.claimId !== null ? 3 : 1;
    try {
      const send = (head: string | undefined) =>
        this.client.send(new TransactWriteCommand({ TransactItems: items(head) }));
      const claimId = p.claimId;
      // Only a minted token writes an event (and so links after the claim's head).
      if (p.tokenHash && claimId !== null) await sendLinked(this.client, this.tableName, claimId, send);
      else await send(undefined);
      return 'prepared';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes[0] === 'ConditionalCheckFailed') return 'exists';
      if (p.lookupCode && codes[codeAt] === 'ConditionalCheckFailed') return 'superseded';
      if (codes[1] === 'ConditionalCheckFailed') return 'token_limit';
      throw error;
    }
  }

  private codeUpdate(code: NonNullable<PrepareNotification['lookupCode']>): TransactItems[number] {
    return {
      Update: {
        TableName: this.tableName,
        Key: lookupKey(code.claimNumber),
        UpdateExpression: 'SET codeHash = :hash',
        ConditionExpression: 'challengeId = :challenge AND attribute_not_exists(codeHash)',
        ExpressionAttributeValues: { ':hash': code.hash, ':challenge': code.challengeId },
      },
    };
  }

  async markSent(
    n: { id: string; claimId: string | null },
    sentMessageIds: readonly string[],
    at: string,
    event: AuditEvent | null,
  ): Promise<void> {
    const items = (head: string | undefined): TransactItems => [
      {
        Update: {
          TableName: this.tableName,
          Key: notificationKey(n.id, n.claimId),
          // The prepared bytes (which may hold a tracking token) are dropped once sent.
          UpdateExpression: 'SET #state = :sent, sentMessageId = :mid, updatedAt = :at REMOVE #raw',
          ConditionExpression: '#state = :sending',
          ExpressionAttributeNames: { '#state': 'state', '#raw': 'raw' },
          ExpressionAttributeValues: {
            ':sent': 'sent',
            ':sending': 'sending',
            ':mid': sentMessageIds[sentMessageIds.length - 1] ?? '',
            ':at': at,
          },
        },
      },
      ...(n.claimId === null
        ? []
        : sentMessageIds.map((id) => ({
            Put: {
              TableName: this.tableName,
              Item: {
                ...sentMailKey(id),
                entityType: MAIL_ENTITY.sentMail,
                schemaVersion: SCHEMA_VERSION,
                claimId: n.claimId,
                notificationId: n.id,
                sentAt: at,
              },
            },
          }))),
      ...this.linkedEvent(event, head),
    ];
    try {
      await this.sendWithEvent(event, items);
    } catch (error) {
      // Another delivery already marked it sent: the record is right as it is.
      if (cancellationCodes(error)[0] === 'ConditionalCheckFailed') return;
      throw error;
    }
  }

  async markFinal(
    n: { id: string; claimId: string | null; kind: string; to: readonly string[] },
    state: 'suppressed' | 'failed',
    reason: string,
    at: string,
    event: AuditEvent | null,
  ): Promise<void> {
    const record: NotificationRecord = {
      id: n.id,
      claimId: n.claimId,
      kind: n.kind,
      state,
      to: [...n.to],
      reason,
      attempts: 0,
      updatedAt: at,
    };
    try {
      await this.sendWithEvent(event, (head) => [
        {
          Put: {
            TableName: this.tableName,
            Item: this.notificationItem(record),
            ConditionExpression: 'attribute_not_exists(PK) OR #state = :sending',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':sending': 'sending' },
          },
        },
        ...this.linkedEvent(event, head),
      ]);
    } catch (error) {
      if (cancellationCodes(error)[0] === 'ConditionalCheckFailed') return;
      throw error;
    }
  }

  /**
   * A notification's audit event, linked after the claim's head, and the move of the head: written
   * without the claim's change, so the claim item takes the new head on its own.
   */
  private linkedEvent(event: AuditEvent | null, head: string | undefined): TransactItems {
    if (event === null) return [];
    const linked = chainEvent(event, head);
    return [
      headUpdate(this.tableName, event.claimId, head, linked.hash ?? ''),
      eventPut(this.tableName, linked),
    ];
  }

  private async sendWithEvent(
    event: AuditEvent | null,
    items: (head: string | undefined) => TransactItems,
  ): Promise<void> {
    const send = (head: string | undefined) =>
      this.client.send(new TransactWriteCommand({ TransactItems: items(head) }));
    if (event === null) await send(undefined);
    else await sendLinked(this.client, this.tableName, event.claimId, send);
  }

  async countAttempt(n: { id: string; claimId: string | null }, at: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: notificationKey(n.id, n.claimId),
        UpdateExpression: 'ADD attempts :one SET updatedAt = :at',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':one': 1, ':at': at },
      }),
    );
  }

  private notificationItem(record: NotificationRecord): Record<string, unknown> {
    return {
      ...record,
      ...notificationKey(record.id, record.claimId),
      entityType: MAIL_ENTITY.notification,
      schemaVersion: SCHEMA_VERSION,
    };
  }
}

/** The record kept for every inbound message, on its own partition keyed by the message's hash. */
export function inboundToItem(record: InboundRecord): Record<string, unknown> {
  const index = INDEXES.moneyByTime;
  return {
    ...record,
    ...inboundKey(record.sha256),
    entityType: MAIL_ENTITY.inbound,
    schemaVersion: SCHEMA_VERSION,
    // Held mail is listed for staff until one of them settles it (sparse: nothing else is indexed).
    ...(isHeld(record)
      ? {
          [index.partitionKey]: HELD_MAIL_PARTITION,
          [index.sortKey]: heldMailSort(record.receivedAt, record.sha256),
        }
      : {}),
  };
}

/**
 * Settles a held message: the settlement recorded and the held-mail index keys removed, on condition the
 * message is still held (in the index). Alone, or in the transaction of the claim it became or joined.
 */
export function heldMailSettleUpdate(tableName: string, sha256: string, settlement: HeldMailSettlement) {
  const index = INDEXES.moneyByTime;
  return {
    TableName: tableName,
    Key: inboundKey(sha256),
    UpdateExpression: 'SET #settled = :settled REMOVE #gsiPk, #gsiSk',
    ConditionExpression: '#gsiPk = :held AND attribute_not_exists(#settled)',
    ExpressionAttributeNames: {
      '#settled': 'settled',
      '#gsiPk': index.partitionKey,
      '#gsiSk': index.sortKey,
    },
    ExpressionAttributeValues: { ':settled': settlement, ':held': HELD_MAIL_PARTITION },
  };
}

/** A cursor is accepted only when it is a well-formed key of the held-mail partition. */
function decodeHeldCursor(cursor: string | undefined): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const key = HeldCursorSchema.safeParse(cursorJson(cursor));
  if (!key.success)
    throw new ValidationError('the paging cursor is not valid for this list', [
      { path: 'cursor', message: 'invalid cursor', code: 'invalid' },
    ]);
  return key.data;
}
