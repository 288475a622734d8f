import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../../zod.js';
import { claimKey } from './keys.js';
import { cancellationCodes } from './transaction-errors.js';

/*
 * The claim item's `auditHead` (the latest audit event's hash, audit-chain.ts) is what serialises the
 * chain: every write of an event also moves the head, on condition that it is still the one the event was
 * linked to, so two events can never link to the same predecessor.
 */

export const AUDIT_HEAD = 'auditHead';

/** The condition that the claim's head is still `head` (absent: a claim whose trail predates the chain). */
export function headIs(head: string | undefined): { expression: string; values: Record<string, string> } {
  return head === undefined
    ? { expression: `attribute_not_exists(${AUDIT_HEAD})`, values: {} }
    : { expression: `${AUDIT_HEAD} = :auditHeadWas`, values: { ':auditHeadWas': head } };
}

/**
 * An Update of the claim item's head alone, for an event written without the claim (a recovery's ledger
 * entry, a sent notification). DynamoDB prices it by the whole claim item, as any write of it.
 */
export function headUpdate(tableName: string, claimId: string, was: string | undefined, next: string) {
  const condition = headIs(was);
  return {
    Update: {
      TableName: tableName,
      Key: claimKey(claimId),
      UpdateExpression: `SET ${AUDIT_HEAD} = :auditHead`,
      ConditionExpression: `attribute_exists(PK) AND ${condition.expression}`,
      ExpressionAttributeValues: { ':auditHead': next, ...condition.values },
    },
  };
}

/** An Update of the claim item (adding a token) that moves the head too: one item, one operation. */
export function alsoMovingHead<
  U extends {
    readonly Update: {
      readonly UpdateExpression: string;
      readonly ConditionExpression: string;
      readonly ExpressionAttributeValues: Record<string, unknown>;
    };
  },
>(update: U, was: string | undefined, next: string): U {
  const condition = headIs(was);
  return {
    ...update,
    Update: {
      ...update.Update,
      UpdateExpression: `${update.Update.UpdateExpression}, ${AUDIT_HEAD} = :auditHead`,
      ConditionExpression: `(${update.Update.ConditionExpression}) AND ${condition.expression}`,
      ExpressionAttributeValues: {
        ...update.Update.ExpressionAttributeValues,
        ':auditHead': next,
        ...condition.values,
      },
    },
  };
}

const HeadItemSchema = z.looseObject({ [AUDIT_HEAD]: z.optional(z.string()) });

/** The claim's head as stored now (a strongly consistent read), or null when there is no such claim. */
export async function readAuditHead(
  client: DynamoDBDocumentClient,
  tableName: string,
  claimId: string,
): Promise<{ readonly head: string | undefined } | null> {
  const result = await client.send(
    new GetCommand({
      TableName: tableName,
      Key: claimKey(claimId),
      // The key too: an item without a head still comes back, so "no claim" and "no head yet" differ.
      ProjectionExpression: `PK, ${AUDIT_HEAD}`,
      ConsistentRead: true,
    }),
  );
  if (!result.Item) return null;
  return { head: HeadItemSchema.parse(result.Item)[AUDIT_HEAD] };
}

/** How often a write whose head moved meanwhile is linked again and retried before it is a conflict. */
export const HEAD_RETRIES = 4;

/**
 * Sends a write that links an event after the claim's head: read, then sent with that head; read and sent
 * again while its refusal is the head having moved meanwhile (another event came first). Any other refusal
 * is the caller's to read.
 */
export async function sendLinked(
  client: DynamoDBDocumentClient,
  tableName: string,
  claimId: string,
  send: (head: string | undefined) => Promise<unknown>,
): Promise<void> {
  let head = (await readAuditHead(client, tableName, claimId))?.head;
  for (let tries = 1; ; tries++) {
    try {
      await send(head);
      return;
    } catch (error) {
      if (tries >= HEAD_RETRIES || !cancellationCodes(error).includes('ConditionalCheckFailed')) throw error;
      const now = (await readAuditHead(client, tableName, claimId))?.head;
      if (now === head) throw error;
      head = now;
    }
  }
}
