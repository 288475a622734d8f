import { CSV_BOM } from '../../shared/domain/csv.js';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { MAX_CSV_RESPONSE_BYTES } from '../../functions/api/routes/reports.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { FolderBlobStore } from '../../shared/adapters/local/folder-blob-store.js';
import { InMemoryBlobStore } from '../../shared/adapters/memory/blob-store.js';
import { REPORT_COLUMNS, overdueReport } from '../../shared/domain/use-cases/overdue-report.js';
import { createTestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';

/** The overdue report read back through the API: the local folder store, as `npm start` keeps it. */
describe('overdue report API (DynamoDB Local, local blob folder)', () => {
  let folder: string;
  let deps: ReturnType<typeof testDependencies>;
  let api: ReturnType<typeof createApi>;
  const manager = staffClaims(['manager']);
  const latest = (claims = manager) =>
    invoke(api, httpEvent('GET', '/staff/reports/overdue/latest', { claims }));
  const csv = (date: string, claims = manager) =>
    api(httpEvent('GET', `/staff/reports/overdue/${date}.csv`, { claims }), lambdaContext());

  beforeAll(async () => {
    const table = await createTestTable();
    folder = await mkdtemp(join(tmpdir(), 'claims-report-api-'));
    deps = { ...testDependencies(table.store), reports: new FolderBlobStore(folder) };
    api = createApi(deps);
    // Two claims on Monday 2026-11-23 at HQ, nobody answers: both first replies are overdue a week on.
    for (const order of ['SO-R1', 'SO-R2'])
      expect(
        (
          await invoke(
            api,
            httpEvent('POST', '/claims', {
              body: formBody({ product: { name: `产品 ${order}`, orderNumber: order } }),
            }),
          )
        ).status,
      ).toBe(201);
  });

  it('answers a null report before the first night, not an error', async () => {
    const none = await latest();
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ report: null });
  });

  it('answers the latest report’s summary and serves its CSV, to managers, executives and admins only', async () => {
    await overdueReport(deps, new Date('2026-11-30T18:00:00Z'));
    const answer = await latest();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      report: {
        date: '2026-12-01',
        generatedAt: '2026-11-30T18:00:00.000Z',
        rows: 2,
        overdue: 2,
        dueSoon: 0,
        csvKey: 'overdue/2026-12-01/overdue.csv',
        summaryKey: 'overdue/2026-12-01/summary.csv',
        byOwner: [{ unitId: 'HQ', owner: '(unassigned)', overdue: 2, dueSoon: 0 }],
        csvPath: '/staff/reports/overdue/2026-12-01.csv',
      },
    });

    const download = await csv('2026-12-01', staffClaims(['executive']));
    expect(download.statusCode).toBe(200);
    expect(download.headers).toMatchObject({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="overdue-2026-12-01.csv"',
    });
    const stored = await readFile(join(folder, 'overdue/2026-12-01/overdue.csv'), 'utf8');
    expect(download.body).toBe(stored);
    expect(download.body?.split('\r\n')[0]).toBe(CSV_BOM + REPORT_COLUMNS.join(','));
    // The bytes Excel gets, from the bucket and over HTTP: EF BB BF first, so it reads the file as UTF-8.
    const storedBytes = await readFile(join(folder, 'overdue/2026-12-01/overdue.csv'));
    expect([...storedBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect([...Buffer.from(download.body ?? '', 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    for (const roles of [['agent'], ['finance'], ['legal']] as const) {
      expect((await latest(staffClaims([...roles]))).status).toBe(403);
      expect((await csv('2026-12-01', staffClaims([...roles]))).statusCode).toBe(403);
    }
    expect((await invoke(api, httpEvent('GET', '/staff/reports/overdue/latest'))).status).toBe(401);
  });

  it('answers 404 for a day without a report and 400 for a malformed date', async () => {
    expect((await csv('2026-11-02')).statusCode).toBe(404);
    expect((await csv('2026-13-45')).statusCode).toBe(400);
    expect((await csv('latest')).statusCode).toBe(400);
  });

  it('keeps pointing at the newest date when an older day is rerun, and a rerun of the same run changes nothing', async () => {
    const before = await readFile(join(folder, 'overdue/latest.json'), 'utf8');
    await overdueReport(deps, new Date('2026-11-30T18:00:00Z'));
    expect(await readFile(join(folder, 'overdue/latest.json'), 'utf8')).toBe(before);
    await overdueReport(deps, new Date('2026-11-26T18:00:00Z'));
    expect((await latest()).body).toMatchObject({ report: { date: '2026-12-01' } });
    // The older day's own CSV is there to download all the same.
    expect((await csv('2026-11-27')).statusCode).toBe(200);
    await overdueReport(deps, new Date('2026-12-01T18:00:00Z'));
    expect((await latest()).body).toMatchObject({ report: { date: '2026-12-02' } });
  });

  it('refuses to stream a CSV larger than a Lambda response can carry, saying where it is', async () => {
    const reports = new InMemoryBlobStore();
    await reports.put('overdue/2026-12-01/overdue.csv', 'x'.repeat(MAX_CSV_RESPONSE_BYTES + 1), 'text/csv');
    const big = createApi({ ...deps, reports });
    const result = await invoke(
      big,
      httpEvent('GET', '/staff/reports/overdue/2026-12-01.csv', { claims: manager }),
    );
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({ error: { code: 'REPORT_TOO_LARGE' } });
    expect(JSON.stringify(result.body)).toContain('reports/overdue/2026-12-01/');
  });
});
