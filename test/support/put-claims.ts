import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { claimToItem } from '../../shared/adapters/dynamodb/claim-items.js';
import type { Claim } from '../../shared/domain/claim.js';

const BATCH = 25; // BatchWriteItem's limit
const IN_FLIGHT = 16;

/**
 * Writes claims `claimAt(0 … count-1)` as production stores them (claimToItem), with BatchWrite and
 * unprocessed items retried. Claims are generated a round of batches at a time, so even 100k never sit in
 * memory at once. For loading large tables in tests and benchmarks; production writes go through the store.
 */
export async function putClaims(
  client: DynamoDBDocumentClient,
  tableName: string,
  count: number,
  claimAt: (i: number) => Claim,
): Promise<void> {
  const write = async (from: number): Promise<void> => {
    const items: Claim[] = [];
    for (let i = from; i < Math.min(count, from + BATCH); i++) items.push(claimAt(i));
    let requests = items.map((c) => ({ PutRequest: { Item: claimToItem(c) } }));
    while (requests.length > 0) {
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []).flatMap((r) =>
        r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : [],
      );
    }
  };
  for (let i = 0; i < count; i += BATCH * IN_FLIGHT) {
    const starts: number[] = [];
    for (let b = i; b < Math.min(count, i + BATCH * IN_FLIGHT); b += BATCH) starts.push(b);
    await Promise.all(starts.map(write));
  }
}
