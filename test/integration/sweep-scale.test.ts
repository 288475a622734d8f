import { claimCopy, intakeTemplate, putClaims } from '../support/put-claims.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InMemoryQueueSender } from '../../shared/adapters/memory/queue-sender.js';
import { createWorkingCalendar } from '../../shared/domain/calendar/index.js';
import { fixedCalendarSource } from '../../shared/domain/sla/calendar-source.js';
import { sweepDeadlines } from '../../shared/domain/use-cases/sweep.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { FixedClock, SequentialIds, settings, writerFor } from '../support/fixtures.js';

const calendar = createWorkingCalendar();
const ctx = { calendar, settings };
/** Wednesday 2026-11-25 13:00 in Shanghai. */
const NOW = new Date('2026-11-25T05:00:00Z');
const TOTAL = 10_000;
/** Filed Monday 11-16 10:00: the 3-working-day first reply was due Thursday 11-19 18:00 (breached). */
const OVERDUE = { count: 25, receivedAt: '2026-11-16T02:00:00.000Z' };
/** Filed Friday 11-20 09:00: due Wednesday 18:00, 31 of 36 working hours used at NOW (warning). */
const WARNING = { count: 25, receivedAt: '2026-11-20T01:00:00.000Z' };
/** Filed Tuesday 11-24 10:00: due Friday, a third used; not in the sweep's range yet. */
const NOT_DUE = '2026-11-24T02:00:00.000Z';

const OutputSchema = z.looseObject({ ScannedCount: z.number().optional(), Item: z.unknown().optional() });
const WRITES = new Set([
  'TransactWriteItemsCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'BatchWriteItemCommand',
  'DeleteItemCommand',
]);

describe('deadline sweep over 10,000 claims on DynamoDB Local', () => {
  let table: TestTable;
  const io = { itemsRead: 0, indexEntriesRead: 0, writes: 0 };

  beforeAll(async () => {
    table = await createTestTable();
    // A template claim as intake makes it; the 10,000 are copies with their own id, number and clocks.
    const template = await intakeTemplate({ product: { name: '电热水壶 K1' } });
    await putClaims(table.client, table.tableName, TOTAL, (i) =>
      claimCopy(ctx, template, i, {
        idPrefix: 'CLAIM',
        receivedAt:
          i < OVERDUE.count
            ? OVERDUE.receivedAt
            : i < OVERDUE.count + WARNING.count
              ? WARNING.receivedAt
              : NOT_DUE,
        unitPath: ['HQ', 'EAST', 'EAST-SH01'],
      }),
    );

    // Count what the store reads and writes from here on, at the SDK's boundary.
    table.client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const output = OutputSchema.safeParse(result.output);
        const name = context.commandName ?? '';
        if (name === 'QueryCommand' && output.success) {
          io.indexEntriesRead += output.data.ScannedCount ?? 0;
          io.itemsRead += output.data.ScannedCount ?? 0;
        }
        if (name === 'GetItemCommand' && output.success && output.data.Item !== undefined) io.itemsRead++;
        if (WRITES.has(name)) io.writes++;
        return result;
      },
      { step: 'initialize', name: 'countItems' },
    );
  }, 120_000);

  it('reads only the 50 due claims, and a second run at the same instant writes nothing', async () => {
    const queues = new InMemoryQueueSender();
    const deps = {
      store: table.store,
      writer: writerFor(table.store),
      clock: new FixedClock(NOW),
      ids: new SequentialIds(),
      calendars: fixedCalendarSource(calendar),
      settings,
      queues,
    };

    const first = await sweepDeadlines(deps, NOW);
    expect(first).toMatchObject({ read: 50, changed: 50, warnings: 25, breaches: 25, conflicts: 0 });
    // 50 index entries, then each due claim read once before it is changed.
    expect(io.indexEntriesRead).toBe(50);
    expect(io.itemsRead).toBe(100);
    expect(queues.sent.map((m) => m.body)).toHaveLength(50);
    expect(queues.sent.filter((m) => m.id.includes(':breach_escalation:first_reply:'))).toHaveLength(25);
    expect(queues.sent.find((m) => m.id.includes(':breach_escalation:'))?.body).toMatchObject({
      recipient: { type: 'unit_role', unitId: 'EAST-SH01', role: 'manager' },
    });

    io.itemsRead = 0;
    io.indexEntriesRead = 0;
    io.writes = 0;
    const second = await sweepDeadlines(deps, NOW);
    // The breached claims stay in the index (they are overdue) but have nothing due until the next escalation.
    expect(second).toMatchObject({ changed: 0, warnings: 0, breaches: 0, relayed: 0 });
    expect(second.read).toBe(25);
    expect(io.itemsRead).toBe(25);
    expect(io.writes).toBe(0);
    expect(queues.sent).toHaveLength(50);
  }, 60_000);
});
