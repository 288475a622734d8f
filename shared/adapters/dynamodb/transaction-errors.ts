import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

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
