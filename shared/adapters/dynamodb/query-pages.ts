import {
  BatchGetCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

export type Item = Record<string, unknown>;

/** Every item a Query returns, page after page (the partitions it is used on are bounded by design). */
export async function queryAll(client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  for await (const item of queryItems(client, input)) items.push(item);
  return items;
}

/** The items of a Query as a stream, one page in memory at a time (the sweep and the report read this way). */
export async function* queryItems(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
): AsyncIterable<Item> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    yield* result.Items ?? [];
    startKey = result.LastEvaluatedKey;
  } while (startKey);
}

/** Rounds of BatchGetItem for the keys DynamoDB left unprocessed, before the rest is given up. */
const MAX_BATCH_ROUNDS = 10;

/** Items by key (at most 100), unprocessed keys retried a bounded number of times; order not kept. */
export async function batchGet(
  client: DynamoDBDocumentClient,
  tableName: string,
  primaryKeys: readonly Record<string, unknown>[],
): Promise<Item[]> {
  const found: Item[] = [];
  let keys: Record<string, unknown>[] = [...primaryKeys];
  for (let round = 0; keys.length > 0 && round < MAX_BATCH_ROUNDS; round++) {
    const result = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
    found.push(...(result.Responses?.[tableName] ?? []));
    keys = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
  }
  return found;
}
