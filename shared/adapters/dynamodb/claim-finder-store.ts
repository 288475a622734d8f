import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import * as z from '../../zod.js';
import { rateHour, type LookupState } from '../../domain/claim-finder.js';
import { addTokenUpdate } from './token-list.js';
import {
  type ClaimFinderStore,
  type CodeRequestOutcome,
  type CodeRequestWrite,
  type RedeemWrite,
} from '../../ports/claim-finder-store.js';
import { eventPut, outboxToItem } from './claim-items.js';
import { chainEvent } from '../../domain/audit-chain.js';
import { alsoMovingHead, sendLinked } from './audit-head.js';
import { MAIL_ENTITY, SCHEMA_VERSION, lookupKey, lookupRateKey } from './keys.js';
import { TTL_ATTRIBUTE } from './table-definition.js';
import { cancellationCodes, transactWrite } from './transaction-errors.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const LookupItemSchema = z.object({
  number: z.string(),
  claimId: z.string(),
  challengeId: z.optional(z.string()),
  via: z.optional(z.enum(['email', 'sms'])),
  codeExpiresAt: z.optional(z.string()),
  codeHash: z.optional(z.string()),
  wrongCodes: z.int(),
  lockedUntil: z.optional(z.string()),
});

/** Counters and lookup items outlive what they count (an hour, a code, a lock) by a day, then TTL. */
const KEEP_SECONDS = 24 * 3600;
const ttlAfter = (at: Date, ms: number) => Math.floor((at.getTime() + ms) / 1000) + KEEP_SECONDS;

export class DynamoClaimFinderStore implements ClaimFinderStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(claimNumber: string): Promise<LookupState | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: lookupKey(claimNumber), ConsistentRead: true }),
    );
    return result.Item ? LookupItemSchema.parse(result.Item) : null;
  }

  /**
   * One transaction: both hourly counters (each refused at the limit), and for a match the lookup item
   * (refused while locked; any earlier code is dropped) and the notify intent in the claim's outbox.
   */
  async requestCode(write: CodeRequestWrite): Promise<CodeRequestOutcome> {
    const hour = rateHour(write.at);
    const items: TransactItem[] = [
      this.counter(lookupRateKey('NUMBER', write.number, hour), write),
      this.counter(lookupRateKey('CONTACT', `${write.contact.via}:${write.contact.key}`, hour), write),
    ];
    const { challenge } = write;
    if (challenge !== undefined) {
      items.push(
        {
          Update: {
            TableName: this.tableName,
            Key: lookupKey(write.number),
            UpdateExpression:
              'SET #number = :number, claimId = :claimId, challengeId = :challenge, via = :via, ' +
              'codeExpiresAt = :expires, wrongCodes = if_not_exists(wrongCodes, :zero), ' +
              'entityType = :entity, schemaVersion = :v, #ttl = :ttl REMOVE codeHash',
            ConditionExpression: 'attribute_not_exists(lockedUntil) OR lockedUntil <= :now',
            ExpressionAttributeNames: { '#number': 'number', '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: {
              ':number': write.number,
              ':claimId': challenge.claimId,
              ':challenge': challenge.challengeId,
              ':via': write.contact.via,
              ':expires': challenge.expiresAt,
              ':zero': 0,
              ':now': write.at.toISOString(),
              ':entity': MAIL_ENTITY.lookup,
              ':v': SCHEMA_VERSION,
              ':ttl': ttlAfter(new Date(challenge.expiresAt), 0),
            },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: outboxToItem(challenge.claimId, challenge.outbox, write.at.toISOString()),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      );
    }
    try {
      await transactWrite(this.client, items, true);
      return challenge === undefined ? 'counted' : 'issued';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes[0] === 'ConditionalCheckFailed' || codes[1] === 'ConditionalCheckFailed')
        return 'rate_limited';
      if (codes[2] === 'ConditionalCheckFailed') return 'locked';
      throw error;
    }
  }

  async countWrongCode(claimNumber: string, at: Date): Promise<number> {
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: lookupKey(claimNumber),
          UpdateExpression: 'ADD wrongCodes :one',
          ConditionExpression:
            'attribute_exists(PK) AND (attribute_not_exists(lockedUntil) OR lockedUntil <= :now)',
          ExpressionAttributeValues: { ':one': 1, ':now': at.toISOString() },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return z.object({ wrongCodes: z.int() }).parse(result.Attributes).wrongCodes;
    } catch (error) {
      // Locked meanwhile (or no lookup at all): nothing to count, the answer is the refusal anyway.
      if (error instanceof ConditionalCheckFailedException) return 0;
      throw error;
    }
  }

  async lock(claimNumber: string, until: string, max: number): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: lookupKey(claimNumber),
          // The lock also ends the code: after it, only a new code works.
          UpdateExpression: 'SET wrongCodes = :zero, lockedUntil = :until, #ttl = :ttl REMOVE codeHash',
          ConditionExpression: 'wrongCodes >= :max',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':zero': 0,
            ':until': until,
            ':max': max,
            ':ttl': ttlAfter(new Date(until), 0),
          },
        }),
      );
    } catch (error) {
      // A concurrent guess that also reached the limit locked it first.
      if (error instanceof ConditionalCheckFailedException) return;
      throw error;
    }
  }

  async redeem(write: RedeemWrite): Promise<boolean> {
    const { state } = write;
    const now = write.at.toISOString();
    const items = (head: string | undefined): TransactItem[] => {
      const event = chainEvent(write.event, head);
      const tokenUpdate: TransactItem = alsoMovingHead(
        addTokenUpdate({
          tableName: this.tableName,
          claimId: state.claimId,
          hash: write.tokenHash,
          maxTokens: write.maxTokens,
          read: write.tokens,
        }),
        head,
        event.hash ?? '',
      );
      return [
        {
          Update: {
            TableName: this.tableName,
            Key: lookupKey(state.number),
            UpdateExpression: 'SET wrongCodes = :zero REMOVE codeHash, challengeId, via, codeExpiresAt',
            ConditionExpression:
              'codeHash = :hash AND codeExpiresAt > :now AND wrongCodes < :maxWrong AND ' +
              '(attribute_not_exists(lockedUntil) OR lockedUntil <= :now)',
            ExpressionAttributeValues: {
              ':zero': 0,
              ':hash': state.codeHash ?? '',
              ':now': now,
              ':maxWrong': write.maxWrongCodes,
            },
          },
        },
        tokenUpdate,
        eventPut(this.tableName, event),
      ];
    };
    try {
      await sendLinked(this.client, this.tableName, state.claimId, (head) =>
        transactWrite(this.client, items(head), true),
      );
      return true;
    } catch (error) {
      if (cancellationCodes(error).includes('ConditionalCheckFailed')) return false;
      throw error;
    }
  }

  private counter(key: { PK: string; SK: string }, write: CodeRequestWrite): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: key,
        UpdateExpression: 'ADD #n :one SET entityType = :entity, schemaVersion = :v, #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(#n) OR #n < :max',
        ExpressionAttributeNames: { '#n': 'requested', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':one': 1,
          ':max': write.maxPerHour,
          ':entity': MAIL_ENTITY.lookupRate,
          ':v': SCHEMA_VERSION,
          ':ttl': ttlAfter(write.at, 3600_000),
        },
      },
    };
  }
}
