import { fixedPolicySource } from '../../shared/domain/policy-source.js';
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
  { id: 'EAST-SH02', name: { 'zh-CN': '上海二店', en: 'Shanghai store 2' }, parentId: 'EAST' },
  { id: 'WEST', name: { 'zh-CN': '西部大区', en: 'West region' }, parentId: 'HQ' },
  { id: 'WEST-CD01', name: { 'zh-CN': '成都一店', en: 'Chengdu store 1' }, parentId: 'WEST' },
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
      policy: fixedPolicySource({ ...base.settings, units }),
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

describe('monthly statistics scoped to the reader’s units, claims counted under their current unit', () => {
  let api: ReturnType<typeof createApi>;
  const hq = staffClaims(['manager'], 'HQ');

  const file = async (unitId: string, product: string, order: string): Promise<string> => {
    const filed = await invoke(
      api,
      httpEvent('POST', '/claims', {
        body: formBody({ product: { name: product, orderNumber: order }, unitId }),
      }),
    );
    expect(filed.status).toBe(201);
    const number = filed.body['number'];
    if (typeof number !== 'string') throw new Error('no claim number');
    return number;
  };
  const act = async (number: string, segment: string, body: unknown, claims = hq) =>
    expect(
      (await invoke(api, httpEvent('POST', `/staff/claims/${number}/${segment}`, { claims, body }))).status,
    ).toBe(200);
  const stats = async (unit: string) => {
    const answer = await invoke(
      api,
      httpEvent('GET', '/staff/stats', {
        claims: staffClaims(['manager'], unit),
        query: { month: '2026-11' },
      }),
    );
    expect(answer.status).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    const table = await createTestTable();
    const base = testDependencies(table.store);
    api = createApi({ ...base, policy: fixedPolicySource({ ...base.settings, units }) });
    await file('EAST-SH01', '电水壶', 'SO-S1');
    await file('EAST-SH02', '电水壶', 'SO-S2');
    await file('WEST-CD01', '吹风机', 'SO-S3');
    // Filed at HQ, then dispatched to the Chengdu store: it counts there now.
    await act(await file('HQ', '吹风机', 'SO-S4'), 'assign', { unitId: 'WEST-CD01' });
    // Refused by staff: counted as not admitted, at HQ and at the Shanghai store.
    await act(await file('HQ', '台灯', 'SO-S5'), 'not-admit', {
      reason: 'out_of_scope',
      explanation: '非本公司产品',
    });
    await act(
      await file('EAST-SH01', '台灯', 'SO-S6'),
      'not-admit',
      { reason: 'out_of_scope', explanation: '非本公司产品' },
      staffClaims(['agent'], 'EAST-SH01'),
    );
  });

  it.each([
    [
      'HQ',
      6,
      { HQ: 1, 'EAST-SH01': 2, 'EAST-SH02': 1, 'WEST-CD01': 2 },
      { 电水壶: 2, 吹风机: 2, 台灯: 2 },
      2,
    ],
    ['EAST', 3, { 'EAST-SH01': 2, 'EAST-SH02': 1 }, { 电水壶: 2, 台灯: 1 }, 1],
    ['EAST-SH02', 1, { 'EAST-SH02': 1 }, { 电水壶: 1 }, 0],
    ['WEST', 2, { 'WEST-CD01': 2 }, { 吹风机: 2 }, 0],
  ])(
    'a manager of %s reads %i claims of their units',
    async (unit, total, byUnit, byProduct, notAdmitted) => {
      const body = await stats(unit);
      expect(body).toMatchObject({ volume: { total, byProduct, otherProducts: 0 }, notAdmitted });
      const volume = body['volume'];
      const units =
        typeof volume === 'object' && volume !== null && 'byUnit' in volume ? volume.byUnit : null;
      expect(units).toEqual(byUnit);
    },
  );
});
