import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createWorkingCalendar } from '../../shared/domain/calendar/index.js';
import {
  DUPLICATE_CANDIDATES,
  fileClaim,
  sameKindReadLimit,
} from '../../shared/domain/use-cases/file-claim.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { intakeInput, settings, testDependencies } from '../support/fixtures.js';
import { claimCopy, intakeTemplate, putClaims } from '../support/put-claims.js';

/**
 * Issue 22, break 2: intake read every claim of the last 30 days under the same order number and of the
 * same kind (category + product) to flag duplicates and apply the "≥ 3 customers" rule, so one client
 * filing again and again slowed every later intake toward the API timeout. Now each is ONE Query, newest
 * first with `Limit`: with 50 siblings seeded the store returns and DynamoDB Local scans no more than the
 * bound, and an intake's queries together scan at most the two bounds.
 */
const SIBLINGS = 50;
const NOW = new Date('2026-11-23T02:00:00Z');
const ctx = { calendar: createWorkingCalendar(), settings };
const OutputSchema = z.looseObject({ ScannedCount: z.number().optional() });

describe('intake reads a bounded number of siblings, however many there are', () => {
  let table: TestTable;
  const scanned: { index: string; count: number }[] = [];

  beforeAll(async () => {
    table = await createTestTable();
    const template = await intakeTemplate();
    // Fifty claims about the same product under the same order this month: even ones from the customer
    // who files next (duplicates), odd ones from fifty other customers (same kind).
    await putClaims(table.client, table.tableName, SIBLINGS, (i) => {
      const copy = claimCopy(ctx, template, i, {
        idPrefix: 'SIB',
        receivedAt: new Date(NOW.getTime() - (SIBLINGS - i) * 60_000).toISOString(),
        unitPath: ['HQ'],
      });
      const phone = i % 2 === 0 ? '13800138000' : `1370000${String(i).padStart(4, '0')}`;
      return { ...copy, claimant: { ...copy.claimant, phone } };
    });
    table.client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const output = OutputSchema.safeParse(result.output);
        const input = z.looseObject({ IndexName: z.string().optional() }).safeParse(args.input);
        if (context.commandName === 'QueryCommand' && output.success)
          scanned.push({
            index: input.success ? (input.data.IndexName ?? 'table') : 'table',
            count: output.data.ScannedCount ?? 0,
          });
        return result;
      },
      { step: 'initialize', name: 'countScanned' },
    );
  }, 60_000);

  it('order siblings: the newest DUPLICATE_CANDIDATES, from one Query scanning no more', async () => {
    scanned.length = 0;
    const siblings = await table.store.orderSiblings('SO-1001', new Date(0), DUPLICATE_CANDIDATES);
    expect(siblings).toHaveLength(DUPLICATE_CANDIDATES);
    const times = siblings.map((s) => s.receivedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(times[0]).toBe(new Date(NOW.getTime() - 60_000).toISOString());
    expect(scanned).toEqual([{ index: 'GSI4', count: DUPLICATE_CANDIDATES }]);
  });

  it('kind siblings: the newest sameKindReadLimit, from one Query scanning no more', async () => {
    scanned.length = 0;
    const limit = sameKindReadLimit(settings);
    expect(limit).toBeLessThan(SIBLINGS);
    const siblings = await table.store.kindSiblings('product_quality', '电热水壶 k1', new Date(0), limit);
    expect(siblings).toHaveLength(limit);
    expect(scanned).toEqual([{ index: 'GSI9', count: limit }]);
  });

  it('an intake scans at most both bounds and still flags duplicates and the same-kind rule', async () => {
    scanned.length = 0;
    const deps = testDependencies(table.store, undefined, table.money);
    deps.clock.set(NOW.toISOString());
    const { claim } = await fileClaim(deps, {
      input: intakeInput(),
      channel: 'web',
      actor: { type: 'customer' },
    });
    const total = scanned.reduce((sum, q) => sum + q.count, 0);
    expect(total).toBeLessThanOrEqual(DUPLICATE_CANDIDATES + sameKindReadLimit(settings));
    // Of the 20 newest under the order, every other one is this customer's: 10 possible duplicates.
    expect(claim.possibleDuplicateOf).toHaveLength(DUPLICATE_CANDIDATES / 2);
    expect(claim.severity).toBe(2);
    expect(claim.severityReasons.join(' ')).toMatch(/same-kind complaints within 30 days/);
  });
});
