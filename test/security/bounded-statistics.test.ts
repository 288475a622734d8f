import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApi } from '../../functions/api/app.js';
import { claimKey, statsKey, statsKeyPartition } from '../../shared/adapters/dynamodb/keys.js';
import type { Claim } from '../../shared/domain/claim.js';
import { intakeCounters, mergeCounters, TOP_PRODUCTS } from '../../shared/domain/sla/statistics.js';
import type { RelatedWrite } from '../../shared/ports/claim-writer.js';
import { StatsSchema, productRows, statsCsv } from '../../web/src/stats-csv.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';
import { intakeTemplate } from '../support/put-claims.js';

/**
 * Issue 22, break 1: every intake ADDed `volume.product.<name>` to one of 16 monthly statistics items, so
 * customer-chosen names grew those items toward DynamoDB's 400 KB limit; then intake (and staff actions
 * whose counters land in the same items) failed until the month ended. Here a month is filled with 20,000
 * distinct 200-character product names, written through the same related writes and claim writer intake
 * uses (in batches, for speed), and intake, a first reply and the statistics still work, bounded.
 */
const NAMES = 20_000;
/** The first 25 names get more claims (2 + i), so the top 20 is not a tie. */
const HEAVY = 25;
/**
 * Stored claim-writer transactions hold at most 100 items: the audit event, the move of its claim's audit head
 * (a change without the claim item writes the head beside the event, issue 21's hash chain), and up to 98
 * counters.
 */
const PER_COMMIT = 98;
const IN_FLIGHT = 4;
const MONTH = '2026-11';

/** A 200-character name, distinct per i, in Chinese (3 bytes a character: the worst case in UTF-8). */
const nameOf = (i: number) => `${String(i).padStart(5, '0')}${'超长产品名称'.repeat(33)}`.slice(0, 200);
const claimsOf = (i: number) => (i < HEAVY ? 2 + i : 1);

describe('statistics stay bounded whatever product names customers type (DynamoDB Local)', () => {
  let table: TestTable;
  let api: ReturnType<typeof createApi>;
  let deps: ReturnType<typeof testDependencies>;
  const queried = { items: 0 };
  const fillClaims = Array.from({ length: NAMES }, (_, i) => claimsOf(i)).reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    table = await createTestTable();
    deps = testDependencies(table.store, undefined, table.money);
    api = createApi(deps);
    deps.clock.set('2026-11-23T02:00:00Z'); // Monday 10:00 Shanghai
    const template = await intakeTemplate();
    const claimAt = (i: number): Claim => ({
      ...template,
      id: `FILL${String(i).padStart(8, '0')}`,
      receivedAt: '2026-11-10T02:00:00.000Z',
      product: { ...template.product, name: nameOf(i) },
    });
    // Intake's own counters for each claim, merged as a change merges them: the per-product writes in
    // batches (distinct items, so batches do not contend), the shard counters once at the end.
    const shards: RelatedWrite[] = [];
    const keyed: RelatedWrite[] = [];
    for (let i = 0; i < NAMES; i++)
      for (let n = 0; n < claimsOf(i); n++)
        for (const w of intakeCounters(claimAt(i))) (w.type === 'stats_key' ? keyed : shards).push(w);
    const batches: RelatedWrite[][] = [];
    const merged = mergeCounters(keyed);
    for (let i = 0; i < merged.length; i += PER_COMMIT) batches.push(merged.slice(i, i + PER_COMMIT));
    batches.push(mergeCounters(shards));
    const commit = (related: RelatedWrite[], b: number) =>
      deps.writer.commit({
        claimId: `FILL-BATCH-${b}`,
        event: {
          id: `EVT-FILL-${String(b).padStart(4, '0')}`,
          claimId: `FILL-BATCH-${b}`,
          at: '2026-11-10T02:00:00.000Z',
          actor: { type: 'system', id: 'bounded-statistics-test' },
          channel: 'system',
          action: 'file_claim',
          changes: [],
        },
        outbox: [],
        related,
      });
    // Each batch's stand-in claim exists as a bare item, so its event can move the claim's audit head.
    await Promise.all(
      batches.map((_, b) =>
        table.client.send(new PutCommand({ TableName: table.tableName, Item: claimKey(`FILL-BATCH-${b}`) })),
      ),
    );
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        for (let b = next++; b < batches.length; b = next++) await commit(batches[b] ?? [], b);
      }),
    );
    table.client.middlewareStack.add(
      (nextHandler, context) => async (args) => {
        const result = await nextHandler(args);
        const output = z.looseObject({ ScannedCount: z.number().optional() }).safeParse(result.output);
        if (context.commandName === 'QueryCommand' && output.success)
          queried.items += output.data.ScannedCount ?? 0;
        return result;
      },
      { step: 'initialize', name: 'countQueried' },
    );
  }, 600_000);

  it("keeps the month's shard items small: no product name in them", async () => {
    const shards = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': statsKey(MONTH, 0).PK },
      }),
    );
    expect(shards.Items?.length).toBeGreaterThan(0);
    for (const item of shards.Items ?? []) {
      expect(Object.keys(item).some((name) => name.startsWith('volume.product.'))).toBe(false);
      expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(2_000);
    }
    // Each product is an item of its own, a couple of KB at most.
    let products = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await table.client.send(
        new QueryCommand({
          TableName: table.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': statsKeyPartition(MONTH, 'product') },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      products += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    expect(products).toBe(NAMES);
  });

  it('still files claims with new long product names, and staff still record the first reply', async () => {
    for (let k = 0; k < 3; k++) {
      const result = await invoke(
        api,
        httpEvent('POST', '/claims', {
          body: formBody({ product: { name: `新${k}${'长'.repeat(198)}`, orderNumber: `SO-NEW-${k}` } }),
        }),
      );
      expect(result.status).toBe(201);
      const number = String(result.body['number']);
      const reply = await invoke(
        api,
        httpEvent('POST', `/staff/claims/${number}/first-reply`, {
          claims: staffClaims(['agent']),
          body: { channel: 'phone', summary: '已回复' },
        }),
      );
      expect(reply.status).toBe(200);
    }
  });

  it('answers the top 20 products and the other products bucket, with the right sums, in bounded reads', async () => {
    queried.items = 0;
    const result = await invoke(
      api,
      httpEvent('GET', '/staff/stats', { claims: staffClaims(['manager']), query: { month: MONTH } }),
    );
    expect(result.status).toBe(200);
    const stats = StatsSchema.parse(result.body);
    const total = fillClaims + 3;
    expect(stats.volume.total).toBe(total);
    expect(stats.clocks['first_reply']?.completed).toBe(3);
    // The heaviest 20 names (2 + 24 claims down to 2 + 5), by the name as typed.
    const top = Object.entries(stats.volume.byProduct).sort((a, b) => b[1] - a[1]);
    expect(top).toHaveLength(TOP_PRODUCTS);
    expect(top.map(([, n]) => n)).toEqual(Array.from({ length: TOP_PRODUCTS }, (_, k) => 2 + HEAVY - 1 - k));
    expect(top[0]?.[0]).toBe(nameOf(HEAVY - 1));
    const named = top.reduce((sum, [, n]) => sum + n, 0);
    expect(stats.volume.otherProducts).toBe(total - named);
    // 16 shard items and 20 index items, however many products the month has.
    expect(queried.items).toBeLessThanOrEqual(16 + TOP_PRODUCTS);

    // The dashboard shows the 20 and one "other products" row, in both languages; the CSV names it too.
    const zh = productRows(stats, 'zh-CN');
    expect(zh).toHaveLength(TOP_PRODUCTS + 1);
    expect(zh.at(-1)).toEqual({ key: '其他产品', value: total - named });
    expect(productRows(stats, 'en').at(-1)?.key).toBe('Other products');
    expect(statsCsv(stats)).toContain(`${MONTH},volume,other_products,claims,${total - named}`);
  });
});
