import { putClaims } from '../support/put-claims.js';
/**
 * The overdue report's memory as the number of overdue claims grows (part of `npm run bench`). The report
 * streams the deadline index page by page into the blob store, so its peak heap should stay flat (one page
 * and the per-unit counts), not grow with the claims. Not a test; nothing here is asserted.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoClaimStore } from '../../shared/adapters/dynamodb/claim-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { InMemoryClaimStore } from '../../shared/adapters/memory/claim-store.js';
import { InMemoryQueueSender } from '../../shared/adapters/memory/queue-sender.js';
import { createWorkingCalendar } from '../../shared/domain/calendar/index.js';
import type { Claim } from '../../shared/domain/claim.js';
import { fixedCalendarSource } from '../../shared/domain/sla/calendar-source.js';
import { intakeClocks } from '../../shared/domain/sla/claim-clocks.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { overdueReport } from '../../shared/domain/use-cases/overdue-report.js';
import type { BlobStore } from '../../shared/ports/blob-store.js';
import { freePort, startDynamoLocal } from '../../infra/local/dynamodb-local.js';
import { intakeInput, settings, testDependencies } from '../support/fixtures.js';

const UNITS = [['HQ', 'EAST', 'EAST-SH01'], ['HQ', 'EAST'], ['HQ']] as const;
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
  readonly overdueClaims: number;
  readonly rows: number;
  readonly csvBytes: number;
  readonly peakHeapMb: number;
  readonly heapBeforeMb: number;
}

export async function benchReportMemory(
  sizes: readonly number[],
  log: (line: string) => void,
): Promise<ReportMemoryRow[]> {
  const results: ReportMemoryRow[] = [];
  const dynamo = await startDynamoLocal({ port: await freePort() });
  try {
    const admin = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const template = (
      await fileClaim(testDependencies(new InMemoryClaimStore()), {
        input: intakeInput(),
        channel: 'web',
        actor: { type: 'customer' },
      })
    ).claim;
    for (const size of sizes) {
      log(`  loading ${size} overdue claims`);
      const tableName = `bench-${size}`;
      await ensureTable(admin, tableName);
      const client = createDocumentClient({ endpoint: dynamo.endpoint });
      await load(client, tableName, template, size);
      const reports = new CountingBlobStore();
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
      const result = await overdueReport(deps, new Date('2026-11-25T05:00:00Z'));
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
      results.push({
        overdueClaims: size,
        rows: result.rows,
        csvBytes: reports.bytes,
        peakHeapMb: mb(peak),
        heapBeforeMb: mb(before),
      });
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
  await putClaims(client, tableName, count, (i) => {
    const unitPath = UNITS[i % UNITS.length] ?? ['HQ'];
    const base: Claim = {
      ...template,
      id: `BENCH${String(i).padStart(8, '0')}`,
      number: `CLM-2026-${String(i + 1).padStart(6, '0')}`,
      receivedAt,
      updatedAt: receivedAt,
      unitId: unitPath[unitPath.length - 1] ?? 'HQ',
      unitPath: [...unitPath],
      ...(i % 4 === 0 ? {} : { assigneeId: `agent-${i % 17}` }),
    };
    const clocks = intakeClocks({ calendar, settings }, base, new Date(receivedAt));
    return clocks ? { ...base, clocks } : base;
  });
}
