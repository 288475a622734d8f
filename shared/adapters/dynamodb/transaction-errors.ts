import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

/** Why each item of a cancelled TransactWriteItems failed, in item order (empty for other errors). */
export function cancellationCodes(error: unknown): (string | undefined)[] {
  return error instanceof TransactionCanceledException
    ? (error.CancellationReasons ?? []).map((r) => r.Code)
    : [];
}

/** The condition on the item at `itemIndex` failed (e.g. the idempotency record already existed). */
export function failedCondition(error: unknown, itemIndex: number): boolean {
  return cancellationCodes(error)[itemIndex] === 'ConditionalCheckFailed';
}

export function isTransactionConflict(error: unknown): boolean {
  return cancellationCodes(error).includes('TransactionConflict');
}

/** Cancelled only by a concurrent transaction, no condition failed: worth a short retry. */
export function onlyTransactionConflict(error: unknown): boolean {
  const codes = cancellationCodes(error);
  return codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
}

const CONFLICT_ATTEMPTS = 5;

/**
 * One TransactWriteItems. With `retryConflicts` (the items include shared counter items) two unrelated
 * claims' changes can collide on the same counter; DynamoDB then cancels one with TransactionConflict,
 * having written nothing, so it is retried a few times with jitter instead of surfacing as a 409 for an
 * unrelated edit. A failed condition is never retried.
 */
export async function transactWrite(
  client: DynamoDBDocumentClient,
  items: NonNullable<TransactWriteCommandInput['TransactItems']>,
  retryConflicts: boolean,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!retryConflicts || !onlyTransactionConflict(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}
