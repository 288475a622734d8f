import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { InMemoryBlobStore } from '../../shared/adapters/memory/blob-store.js';
import { CSV_BOM, csvRecords } from '../../shared/domain/csv.js';
import { buildOrgTree } from '../../shared/domain/org-units.js';
import { REPORT_COLUMNS, overdueReport } from '../../shared/domain/use-cases/overdue-report.js';
import { createTestTable } from '../support/dynamo.js';
import { settings, testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';

/**
 * Issue 22, break 4: a store manager downloaded the whole company's overdue report (97 of 98 rows of other
 * units). Each reader below HQ now gets the rows of their own subtree, in the summary and in the CSV alike.
 */
const units = [
  ...settings.units,
  { id: 'EAST-SH02', name: '上海二店 Shanghai store 2', parentId: 'EAST' },
  { id: 'WEST', name: '西部大区 West region', parentId: 'HQ' },
  { id: 'WEST-CD01', name: '成都一店 Chengdu store 1', parentId: 'WEST' },
];

describe('aggregates scoped to the reader’s units (DynamoDB Local)', () => {
  let api: ReturnType<typeof createApi>;
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    const table = await createTestTable();
    const base = testDependencies(table.store);
    const deps = {
      ...base,
      settings: { ...base.settings, units },
      orgTree: buildOrgTree(units),
      reports: new InMemoryBlobStore(),
    };
    api = createApi(deps);
    for (const unitId of ['HQ', 'EAST-SH01', 'EAST-SH02', 'WEST-CD01']) {
      const filed = await invoke(
        api,
        httpEvent('POST', '/claims', {
          body: formBody({ product: { name: `产品 ${unitId}`, orderNumber: `SO-${unitId}` }, unitId }),
        }),
      );
      expect(filed.status).toBe(201);
      const number = filed.body['number'];
      if (typeof number !== 'string') throw new Error('no claim number');
      numbers[unitId] = number;
    }
    // A week on nobody has answered: every first reply is overdue.
    await overdueReport(deps, new Date('2026-11-30T18:00:00Z'));
  });

  const latest = async (unit: string) => {
    const answer = await invoke(
      api,
      httpEvent('GET', '/staff/reports/overdue/latest', { claims: staffClaims(['manager'], unit) }),
    );
    expect(answer.status).toBe(200);
    const report = answer.body['report'];
    if (typeof report !== 'object' || report === null) throw new Error('no report');
    return report;
  };
  const csvClaims = async (unit: string) => {
    const download = await api(
      httpEvent('GET', '/staff/reports/overdue/2026-12-01.csv', { claims: staffClaims(['manager'], unit) }),
      lambdaContext(),
    );
    expect(download.statusCode).toBe(200);
    const text = download.body ?? '';
    expect(text.startsWith(CSV_BOM + REPORT_COLUMNS.join(','))).toBe(true);
    const claimColumn = REPORT_COLUMNS.indexOf('claim_number');
    return [...csvRecords(text.slice(CSV_BOM.length))].slice(1).map((r) => r.cells[claimColumn]);
  };

  it.each([
    ['HQ', ['HQ', 'EAST-SH01', 'EAST-SH02', 'WEST-CD01']],
    ['EAST', ['EAST-SH01', 'EAST-SH02']],
    ['EAST-SH01', ['EAST-SH01']],
    ['WEST', ['WEST-CD01']],
    ['WEST-CD01', ['WEST-CD01']],
  ])('a manager of %s reads the overdue rows of %j only', async (unit, visible) => {
    const report = await latest(unit);
    expect(report).toMatchObject({ overdue: visible.length, dueSoon: 0, rows: visible.length });
    expect('byOwner' in report && Array.isArray(report.byOwner) ? report.byOwner : []).toEqual(
      [...visible].sort().map((unitId) => ({ unitId, owner: '(unassigned)', overdue: 1, dueSoon: 0 })),
    );
    expect((await csvClaims(unit)).sort()).toEqual(visible.map((u) => numbers[u]).sort());
  });
});
