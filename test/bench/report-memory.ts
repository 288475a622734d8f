import { claimCopy, intakeTemplate, putClaims } from '../support/put-claims.js';
/**
 * The overdue report's memory (part of `npm run bench`). The report streams the deadline index page by page
 * into the blob store, so its peak heap should stay flat (one page and the per-unit counts), not grow with
 * the claims. `measureReport` runs it over the sweep-scaling tables (1k/10k/100k claims, 1% due);
 * `benchReportMemory` adds a stress table where every claim is overdue. Not a test; nothing is asserted.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoClaimStore } from '../../shared/adapters/dynamodb/claim-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { InMemoryQueueSender } from '../../shared/adapters/memory/queue-sender.js';
import { createWorkingCalendar } from '../../shared/domain/calendar/index.js';
import type { Claim } from '../../shared/domain/claim.js';
import { fixedCalendarSource } from '../../shared/domain/sla/calendar-source.js';
import { overdueReport } from '../../shared/domain/use-cases/overdue-report.js';
import type { BlobStore } from '../../shared/ports/blob-store.js';
import { freePort, localDynamoClient, startDynamoLocal } from '../../infra/local/dynamodb-local.js';
import { settings } from '../support/fixtures.js';
import { CapacityMeter } from './capacity.js';

const UNITS = [['HQ', 'EAST', 'EAST-SH01'], ['HQ', 'EAST'], ['HQ']] as const;
/** Wednesday 2026-11-25 13:00 in Shanghai, as in the sweep-scaling bench. */
const REPORT_NOW = new Date('2026-11-25T05:00:00Z');
const calendar = createWorkingCalendar();

/** Counts bytes and drops them, so the measurement is the report's own memory, not the file's. */
class CountingBlobStore implements BlobStore {
  bytes = 0;
  put(_key: string, body: Uint8Array | string): Promise<void> {
    this.bytes += typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    return Promise.resolve();
  }
  get(): Promise<Uint8Array | null> {
    return Promise.resolve(null);
  }
  head(): Promise<null> {
    return Promise.resolve(null);
  }
  async putStream(_key: string, chunks: AsyncIterable<Uint8Array | string>): Promise<void> {
    for await (const chunk of chunks)
      this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  }
}

export interface ReportMemoryRow {
  /** Claims in the table. */
  readonly claims: number;
  /** Claims the report should list (overdue or due within its horizon). */
  readonly due: number;
  readonly rows: number;
  /** Deadline-index items the report's queries returned, per report row (CapacityMeter). */
  readonly itemsPerRow: number;
  readonly csvBytes: number;
  readonly peakHeapMb: number;
  readonly heapBeforeMb: number;
}

/**
 * Runs the overdue report as of the benchmarks' NOW over a loaded table and measures its peak heap (sampled
 * every 5 ms from a collected start) and the deadline-index items it reads.
 */
export async function measureReport(
  client: DynamoDBDocumentClient,
  tableName: string,
  claims: number,
  due: number,
): Promise<ReportMemoryRow> {
  const reports = new CountingBlobStore();
  const meter = new CapacityMeter();
  meter.attach(client);
  const deps = {
    store: new DynamoClaimStore(client, tableName),
    calendars: fixedCalendarSource(calendar),
    settings,
    queues: new InMemoryQueueSender(),
    reports,
  };
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  const result = await overdueReport(deps, REPORT_NOW);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  meter.detach(client);
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return {
    claims,
    due,
    rows: result.rows,
    itemsPerRow: result.rows === 0 ? 0 : meter.itemsRead / result.rows,
    csvBytes: reports.bytes,
    peakHeapMb: mb(peak),
    heapBeforeMb: mb(before),
  };
}

export async function benchReportMemory(
  sizes: readonly number[],
  log: (line: string) => void,
): Promise<ReportMemoryRow[]> {
  const results: ReportMemoryRow[] = [];
  const dynamo = await startDynamoLocal({ port: await freePort() });
  try {
    const admin = localDynamoClient(dynamo.endpoint);
    const template = await intakeTemplate();
    for (const size of sizes) {
      log(`  loading ${size} overdue claims (stress: every claim in the report)`);
      const tableName = `bench-${size}`;
      await ensureTable(admin, tableName);
      const client = createDocumentClient({ endpoint: dynamo.endpoint });
      await load(client, tableName, template, size);
      results.push(await measureReport(client, tableName, size, size));
      client.destroy();
    }
    admin.destroy();
  } finally {
    await dynamo.stop();
  }
  return results;
}

async function load(
  client: ReturnType<typeof createDocumentClient>,
  tableName: string,
  template: Claim,
  count: number,
): Promise<void> {
  const receivedAt = '2026-11-16T02:00:00.000Z';
  await putClaims(client, tableName, count, (i) =>
    claimCopy({ calendar, settings }, template, i, {
      idPrefix: 'BENCH',
      receivedAt,
      unitPath: UNITS[i % UNITS.length] ?? ['HQ'],
      ...(i % 4 === 0 ? {} : { assigneeId: `agent-${i % 17}` }),
    }),
  );
}
