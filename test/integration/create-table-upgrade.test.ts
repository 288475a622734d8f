import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  localDynamoClient,
  startDynamoLocal,
  type RunningDynamo,
} from '../../infra/local/dynamodb-local.js';
import { createTableInput, ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { INDEXES } from '../../shared/adapters/dynamodb/table-definition.js';

describe('ensureTable on a local table from an older version', () => {
  // Its own DynamoDB Local: building an index on the run's shared instance waits behind every other file's load.
  let dynamo: RunningDynamo;
  beforeAll(async () => {
    dynamo = await startDynamoLocal({ port: await freePort() });
  });
  afterAll(async () => {
    await dynamo.stop();
  });

  it('adds the indexes it lacks (the deadline and commitment indexes), keeping the rest', async () => {
    const client = localDynamoClient(dynamo.endpoint);
    const tableName = `old-${randomUUID()}`;
    const added: string[] = [INDEXES.deadlines.indexName, INDEXES.commitmentsBreached.indexName];
    const input = createTableInput(tableName);
    const oldIndexes = (input.GlobalSecondaryIndexes ?? []).filter((i) => !added.includes(i.IndexName ?? ''));
    const used = new Set(oldIndexes.flatMap((i) => (i.KeySchema ?? []).map((k) => k.AttributeName)));
    await client.send(
      new CreateTableCommand({
        ...input,
        GlobalSecondaryIndexes: oldIndexes,
        AttributeDefinitions: (input.AttributeDefinitions ?? []).filter(
          (a) => a.AttributeName === 'PK' || a.AttributeName === 'SK' || used.has(a.AttributeName),
        ),
      }),
    );
    expect(await ensureTable(client, tableName)).toBe('exists');
    const table = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const names = (table.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName);
    expect(names).toEqual(expect.arrayContaining([...added, INDEXES.byNumber.indexName]));
    expect(names).toHaveLength(input.GlobalSecondaryIndexes?.length ?? 0);
    client.destroy();
  }, 60_000);
});
