import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { INDEXES, TABLE_DEFINITION } from '../../shared/adapters/dynamodb/table-definition.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { itemSize, priceWrite, type Item } from '../bench/write-units.js';

/**
 * The cost bench prices writes with a model because DynamoDB Local misreports transactions. For single-item
 * writes Local's figures are right, so the model must agree with them there, table and index by index.
 */
describe('the write-units model against DynamoDB Local (single-item writes)', () => {
  let table: TestTable;
  beforeEach(async () => {
    table = await createTestTable();
  });

  const Units = z.object({ CapacityUnits: z.number().optional() });
  const Reported = z.object({
    ConsumedCapacity: z
      .object({ Table: Units.optional(), GlobalSecondaryIndexes: z.record(z.string(), Units).optional() })
      .optional(),
  });

  async function reported(write: () => Promise<unknown>) {
    const consumed = Reported.parse(await write()).ConsumedCapacity;
    return {
      table: consumed?.Table?.CapacityUnits ?? 0,
      indexes: Object.fromEntries(
        Object.entries(consumed?.GlobalSecondaryIndexes ?? {}).map(([name, c]) => [
          name,
          c.CapacityUnits ?? 0,
        ]),
      ),
    };
  }

  async function current(key: Item): Promise<Item | undefined> {
    return (
      await table.client.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))
    ).Item;
  }

  async function put(item: Item) {
    const key = { PK: item['PK'], SK: item['SK'] };
    const before = await current(key);
    const got = await reported(() =>
      table.client.send(
        new PutCommand({ TableName: table.tableName, Item: item, ReturnConsumedCapacity: 'INDEXES' }),
      ),
    );
    const modeled = priceWrite(before, await current(key), { transactional: false });
    return { got, modeled };
  }

  const queue = INDEXES.queueLevel1;
  const base = (extra: Item): Item => ({ PK: 'CLAIM#C1', SK: 'CLAIM', ...extra });

  it('sizes items as DynamoDB does: names and values, nested maps and lists, numbers by digits', () => {
    expect(itemSize({ a: 'xyz' })).toBe(4);
    expect(itemSize({ n: 12345 })).toBe(1 + 4);
    expect(itemSize({ m: { k: 'v' } })).toBe(1 + 3 + 1 + 1 + 1);
    expect(itemSize({ l: ['a', 'b'] })).toBe(1 + 3 + 2 + 2);
    expect(itemSize({ 中: '文' })).toBe(6);
  });

  it('a new item of 4.8 KB with two index entries: table and each index as Local reports', async () => {
    const { got, modeled } = await put(
      base({
        body: 'x'.repeat(3200),
        [queue.partitionKey]: 'QUEUE#HQ',
        [queue.sortKey]: '2026-12-01',
        summary: { status: 'received', title: 'y'.repeat(1500) },
        [INDEXES.byNumber.partitionKey]: 'NUMBER#CLM-1',
        [INDEXES.byNumber.sortKey]: 'CLAIM',
      }),
    );
    expect(modeled.table).toBe(got.table);
    expect(modeled.indexes).toEqual(got.indexes);
    expect(modeled.table).toBe(5);
    expect(modeled.indexes).toEqual({ GSI6: 2, GSI1: 1 });
  });

  it('replacing it: projections unchanged cost nothing, a changed summary one write, a moved key two', async () => {
    const first = base({
      body: 'x'.repeat(500),
      [queue.partitionKey]: 'QUEUE#HQ',
      [queue.sortKey]: '2026-12-01',
      summary: { status: 'received' },
    });
    await put(first);
    const unchanged = await put({ ...first, body: 'z'.repeat(500) });
    expect(unchanged.modeled.indexes).toEqual(unchanged.got.indexes);
    expect(unchanged.modeled.indexes).toEqual({});
    const changed = await put({ ...first, summary: { status: 'triaged' } });
    expect(changed.modeled.indexes).toEqual(changed.got.indexes);
    expect(changed.modeled.indexes).toEqual({ GSI6: 1 });
    const moved = await put({ ...first, summary: { status: 'triaged' }, [queue.sortKey]: '2026-12-02' });
    expect(moved.modeled.indexes).toEqual(moved.got.indexes);
    expect(moved.modeled.indexes).toEqual({ GSI6: 2 });
  });

  it('an update priced by the larger image; leaving a sparse index costs its entry', async () => {
    await put(base({ body: 'x'.repeat(1500), GSI5PK: 'ASSIGNEE#a', GSI5SK: '1', summary: { s: 1 } }));
    const key = { PK: 'CLAIM#C1', SK: 'CLAIM' };
    const before = await current(key);
    const got = await reported(() =>
      table.client.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: key,
          UpdateExpression: 'SET body = :b REMOVE GSI5PK, GSI5SK',
          ExpressionAttributeValues: { ':b': 'short' },
          ReturnConsumedCapacity: 'INDEXES',
        }),
      ),
    );
    const modeled = priceWrite(before, await current(key), { transactional: false });
    expect(modeled.table).toBe(got.table);
    expect(modeled.table).toBe(2);
    expect(modeled.indexes).toEqual(got.indexes);
    expect(modeled.indexes).toEqual({ GSI5: 1 });
  });

  it('in a transaction the table write doubles per item and the indexes do not', () => {
    const after = base({ body: 'x'.repeat(1500), [queue.partitionKey]: 'Q', [queue.sortKey]: 'S' });
    const price = priceWrite(undefined, after, { transactional: true }, TABLE_DEFINITION.indexes);
    expect(price).toEqual({ table: 4, indexes: { GSI6: 1 }, total: 5 });
    expect(priceWrite(after, after, { transactional: true, conditionCheck: true })).toEqual({
      table: 4,
      indexes: {},
      total: 4,
    });
  });
});
