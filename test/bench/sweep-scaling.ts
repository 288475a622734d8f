import { claimCopy, intakeTemplate, putClaims } from '../support/put-claims.js';
/**
 * The deadline sweep as the table grows (part of `npm run bench`): 1% of the claims are due (half past
 * their first-reply deadline, half at its warning), the rest filed later and not yet in the sweep's range.
 * The sweep reads the deadline index up to now, so the index entries it reads per due claim should stay
 * at about 1 (target ≤ 1.1) whatever the table's size. Counted with CapacityMeter on the document client.
 * Before the sweep, the overdue report runs over the same table (its memory and index reads at each size).
 * Not a test; nothing here is asserted.
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoClaimStore } from '../../shared/adapters/dynamodb/claim-store.js';
import { DynamoClaimWriter } from '../../shared/adapters/dynamodb/claim-writer.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { InMemoryQueueSender } from '../../shared/adapters/memory/queue-sender.js';
import { createWorkingCalendar } from '../../shared/domain/calendar/index.js';
import type { Claim } from '../../shared/domain/claim.js';
import { fixedCalendarSource } from '../../shared/domain/sla/calendar-source.js';
import { sweepDeadlines } from '../../shared/domain/use-cases/sweep.js';
import { freePort, localDynamoClient, startDynamoLocal } from '../../infra/local/dynamodb-local.js';
import { FixedClock, SequentialIds, settings } from '../support/fixtures.js';
import { CapacityMeter } from './capacity.js';
import { measureReport, type ReportMemoryRow } from './report-memory.js';

const calendar = createWorkingCalendar();
/** Wednesday 2026-11-25 13:00 in Shanghai (as in test/integration/sweep-scale.test.ts). */
const NOW = new Date('2026-11-25T05:00:00Z');
/** Filed Monday 11-16 10:00: the first reply was due Thursday 11-19 18:00 (breached at NOW). */
const OVERDUE = '2026-11-16T02:00:00.000Z';
/** Filed Friday 11-20 09:00: due Wednesday 18:00, past its warning at NOW. */
const WARNING = '2026-11-20T01:00:00.000Z';
/**
 * Filed Wednesday 11-25 12:00, an hour before NOW: due Monday, so neither the sweep (nothing to warn of yet)
 * nor the overdue report (due beyond its two working days) lists them.
 */
const NOT_DUE = '2026-11-25T04:00:00.000Z';
/** Loading is skipped for a size whose projected load time (from the previous size's rate) is over this. */
const MAX_LOAD_MS = 360_000;

export interface SweepScalingRow {
  readonly claims: number;
  readonly due: number;
  readonly loadSeconds: number;
  /** Claims the sweep changed (each due claim once). */
  readonly changed: number;
  /** Deadline-index items the sweep's queries returned (CapacityMeter.itemsRead). */
  readonly indexItemsRead: number;
  /** indexItemsRead / due: target ≤ 1.1 at every size. */
  readonly itemsPerDue: number;
  /** Claims fetched by key (GetItem) per due claim: one read of each claim before it is changed. */
  readonly fetchedPerDue: number;
  /** Capacity units of the whole run (reads and the writes of each change) per due claim. */
  readonly unitsPerDue: number;
}

export interface SweepScaling {
  readonly rows: SweepScalingRow[];
  /** The overdue report over the same tables, run before the sweep changes them. */
  readonly reports: ReportMemoryRow[];
  /** Sizes asked for but not run, and why. */
  readonly skipped: { readonly claims: number; readonly reason: string }[];
}

export async function benchSweepScaling(
  sizes: readonly number[],
  log: (line: string) => void,
): Promise<SweepScaling> {
  const rows: SweepScalingRow[] = [];
  const reports: ReportMemoryRow[] = [];
  const skipped: { claims: number; reason: string }[] = [];
  const dynamo = await startDynamoLocal({ port: await freePort() });
  try {
    const admin = localDynamoClient(dynamo.endpoint);
    const template = await intakeTemplate({ product: { name: '电热水壶 K1' } });
    let msPerClaim: number | null = null;
    for (const size of sizes) {
      if (msPerClaim !== null && msPerClaim * size > MAX_LOAD_MS) {
        const projected = Math.round((msPerClaim * size) / 1000);
        const reason = `loading would take about ${projected} s (over ${MAX_LOAD_MS / 1000} s) on this machine`;
        log(`  skipping ${size} claims: ${reason}`);
        skipped.push({ claims: size, reason });
        continue;
      }
      const tableName = `bench-sweep-${size}`;
      await ensureTable(admin, tableName);
      const client = createDocumentClient({ endpoint: dynamo.endpoint });
      const due = Math.max(2, Math.round(size / 100));
      log(`  loading ${size} claims (${due} due)`);
      const started = performance.now();
      await load(client, tableName, template, size, due);
      const loadMs = performance.now() - started;
      msPerClaim = loadMs / size;
      log(`  overdue report over ${size} claims`);
      reports.push(await measureReport(client, tableName, size, due));

      const meter = new CapacityMeter();
      meter.attach(client);
      const summary = await sweepDeadlines(
        {
          store: new DynamoClaimStore(client, tableName),
          writer: new DynamoClaimWriter(client, tableName),
          clock: new FixedClock(NOW),
          ids: new SequentialIds(),
          calendars: fixedCalendarSource(calendar),
          settings,
          queues: new InMemoryQueueSender(),
        },
        NOW,
      );
      rows.push({
        claims: size,
        due,
        loadSeconds: Math.round(loadMs / 100) / 10,
        changed: summary.changed,
        indexItemsRead: meter.itemsRead,
        itemsPerDue: meter.itemsRead / due,
        fetchedPerDue: meter.itemsFetched / due,
        unitsPerDue: meter.units / due,
      });
      client.destroy();
      await admin.send(new DeleteTableCommand({ TableName: tableName }));
    }
    admin.destroy();
  } finally {
    await dynamo.stop();
  }
  return { rows, reports, skipped };
}

/** Writes `count` copies of the template, 1% due: half overdue, half at their warning. */
async function load(
  client: ReturnType<typeof createDocumentClient>,
  tableName: string,
  template: Claim,
  count: number,
  due: number,
): Promise<void> {
  await putClaims(client, tableName, count, (i) =>
    claimCopy({ calendar, settings }, template, i, {
      idPrefix: 'SWEEP',
      receivedAt: i < due / 2 ? OVERDUE : i < due ? WARNING : NOT_DUE,
      unitPath: ['HQ', 'EAST', 'EAST-SH01'],
    }),
  );
}
