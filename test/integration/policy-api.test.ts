import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApi } from '../../functions/api/app.js';
import { DynamoClaimWriter } from '../../shared/adapters/dynamodb/claim-writer.js';
import { DynamoPolicyStore } from '../../shared/adapters/dynamodb/policy-store.js';
import { cachedPolicySource, POLICY_CACHE_TTL_MS } from '../../shared/domain/policy-source.js';
import { createTestTable } from '../support/dynamo.js';
import { settings, testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, postAs, staffClaims } from '../support/http.js';

/**
 * Issue 15, the runtime policy through the API on DynamoDB Local: the document in the table, admin-only
 * saves with field paths in words, one 409 of two concurrent saves, the cache's minute, the history, and
 * a claim that records the policy version that decided its clocks and its approval tier.
 */
describe('the runtime policy API (DynamoDB Local)', () => {
  let api: ReturnType<typeof createApi>;
  let deps: ReturnType<typeof testDependencies>;
  const admin = staffClaims(['admin'], 'HQ', 'admin-zhou');
  const manager = staffClaims(['manager']);
  const agent = staffClaims(['agent'], 'HQ', 'agent-7', 10_000);
  const get = (path: string, claims: Record<string, string>) =>
    invoke(api, httpEvent('GET', path, { claims }));
  const put = (body: unknown, claims = admin) =>
    invoke(api, httpEvent('PUT', '/staff/admin/policy', { claims, body }));
  const Current = z.object({
    version: z.number(),
    savedBy: z.string(),
    settings: z.object({ money: z.object({ agentMaxFen: z.number() }).passthrough() }).passthrough(),
  });
  async function current() {
    const answer = await get('/staff/admin/policy', admin);
    expect(answer.status).toBe(200);
    return Current.parse(answer.body);
  }
  function withAgentTier(document: z.infer<typeof Current>['settings'], agentMaxFen: number) {
    return { ...document, money: { ...document.money, agentMaxFen } };
  }

  beforeAll(async () => {
    const table = await createTestTable();
    const base = testDependencies(table.store);
    const policyStore = new DynamoPolicyStore(table.client, table.tableName);
    // As in production: one minute's cache over the table, seeded with POLICY_SETTINGS (the defaults here).
    const policy = cachedPolicySource(policyStore, base.clock, settings);
    deps = { ...base, policy, writer: new DynamoClaimWriter(table.client, table.tableName, policy) };
    api = createApi({ ...deps, policyStore });
  });

  it('seeds version 1 from POLICY_SETTINGS; managers read it, agents may not', async () => {
    const first = await current();
    expect(first).toMatchObject({ version: 1, savedBy: 'POLICY_SETTINGS' });
    expect(first.settings.money.agentMaxFen).toBe(10_000);
    expect((await get('/staff/admin/policy', manager)).status).toBe(200);
    const refused = await get('/staff/admin/policy', agent);
    expect(refused.status).toBe(403);
    expect(refused.body['error']).toMatchObject({
      message: '您的角色不能执行此操作：需要经理、高管或系统管理员角色。',
    });
  });

  it('only an admin saves; a tier gap and a bad field are refused with their paths in words', async () => {
    const { settings: document } = await current();
    const byManager = await put({ expectedVersion: 1, settings: withAgentTier(document, 20_000) }, manager);
    expect(byManager.status).toBe(403);
    expect(byManager.body['error']).toMatchObject({
      message: '您的角色不能执行此操作：需要系统管理员角色。',
    });

    const gap = await put({ expectedVersion: 1, settings: withAgentTier(document, 60_000) });
    expect(gap.status).toBe(400);
    expect(gap.body['error']).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [
        {
          path: 'settings.money.areaManagerMaxFen',
          message: expect.stringContaining('审批层级须逐级递增') as unknown,
        },
      ],
    });
    const badField = await put({ expectedVersion: 1, settings: { ...document, filingWindowDays: -1 } });
    expect(badField.status).toBe(400);
    expect(JSON.stringify(badField.body)).toContain('settings.filingWindowDays');
    expect((await current()).version).toBe(1);
  });

  it('of two admins saving on the same version one gets 409; the other version is in force', async () => {
    const { settings: document } = await current();
    const [a, b] = await Promise.all([
      put({ expectedVersion: 1, settings: withAgentTier(document, 20_000), note: '坐席上限调至 ¥200' }),
      put({ expectedVersion: 1, settings: withAgentTier(document, 30_000) }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body['error']).toMatchObject({
      message: '策略已被他人修改（您编辑的是第 1 版），请重新载入后再改。',
    });
    // Settle on ¥200 whichever won.
    const now = await current();
    expect(now.version).toBe(2);
    if (now.settings.money.agentMaxFen !== 20_000) {
      expect((await put({ expectedVersion: 2, settings: withAgentTier(now.settings, 20_000) })).status).toBe(
        200,
      );
    }
  });

  it('keeps every version readable with who saved it, when and what changed', async () => {
    const history = await get('/staff/admin/policy/versions', manager);
    expect(history.status).toBe(200);
    const versions = z
      .object({
        versions: z.array(
          z.object({ version: z.number(), savedBy: z.string(), changes: z.array(z.unknown()) }),
        ),
      })
      .parse(history.body).versions;
    expect(versions.at(-1)).toMatchObject({ version: 1, savedBy: 'POLICY_SETTINGS', changes: [] });
    expect(versions[0]).toMatchObject({
      savedBy: 'admin-zhou',
      changes: [{ path: 'money.agentMaxFen', after: 20_000 }],
    });
    const old = await get('/staff/admin/policy/versions/1', manager);
    expect(Current.parse(old.body).settings.money.agentMaxFen).toBe(10_000);
    expect((await get('/staff/admin/policy/versions/99', manager)).status).toBe(404);
    expect((await get('/staff/admin/policy/versions/x', manager)).status).toBe(400);
  });

  it('a ¥150 plan proposed after the change is within the agent tier, and the claim shows the version', async () => {
    const inForce = (await current()).version;
    // Past the cache's minute every function reads the new version.
    deps.clock.advanceMs(POLICY_CACHE_TTL_MS);
    const filed = await invoke(
      api,
      httpEvent('POST', '/claims', { body: formBody({ claimedAmountFen: 15_000 }) }),
    );
    expect(filed.status).toBe(201);
    const number = z.object({ number: z.string() }).parse(filed.body).number;
    const post = (path: string, body: unknown = {}) =>
      postAs(api, `/staff/claims/${number}/${path}`, agent, body);
    expect((await post('material-complete')).status).toBe(200);
    expect((await post('start-investigation')).status).toBe(200);
    expect(
      (
        await post('findings', {
          summary: '壶底焊缝缺陷',
          evidenceRefs: ['QC-1'],
          rootCause: 'batch_defect',
          responsibility: 'company',
        })
      ).status,
    ).toBe(200);
    const proposed = await post('propose', {
      type: 'compensation',
      items: [{ kind: 'direct_loss', description: '产品价值', amountFen: 15_000 }],
      executingDepartment: 'customer_service',
      dueOn: '2026-12-10',
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({
      policyVersion: inForce,
      approval: { requiredTier: 'agent', policyVersion: inForce },
    });
  });

  it('refuses moving or closing a unit that holds open claims, with the count in words', async () => {
    const filed = await invoke(
      api,
      httpEvent('POST', '/claims', {
        body: formBody({ unitId: 'EAST-SH01', product: { name: '吹风机', orderNumber: 'SO-U1' } }),
      }),
    );
    expect(filed.status).toBe(201);
    const storeClaim = z.object({ number: z.string() }).parse(filed.body).number;
    const detail = await get(`/staff/claims/${storeClaim}`, manager);
    expect(detail.body['units']).toEqual([
      { id: 'HQ', name: { 'zh-CN': '总部', en: 'Headquarters' } },
      { id: 'EAST', name: { 'zh-CN': '华东大区', en: 'East region' } },
      { id: 'EAST-SH01', name: { 'zh-CN': '上海一店', en: 'Shanghai store 1' } },
    ]);
    const { version, settings: document } = await current();
    const units = z.array(z.object({ id: z.string() }).passthrough()).parse(document['units']);
    const closed = await put({
      expectedVersion: version,
      settings: { ...document, units: units.filter((u) => u.id !== 'EAST-SH01') },
    });
    expect(closed.status).toBe(400);
    expect(JSON.stringify(closed.body)).toContain('单位 EAST-SH01 仍有 1 件未结案的索赔，不能撤销');
    const moved = await put({
      expectedVersion: version,
      settings: {
        ...document,
        units: [
          ...units.map((u) => (u.id === 'EAST-SH01' ? { ...u, parentId: 'WEST' } : u)),
          { id: 'WEST', name: '西部大区', parentId: 'HQ' },
        ],
      },
    });
    expect(moved.status).toBe(400);
    expect(moved.body['error']).toMatchObject({
      issues: [
        {
          path: 'settings.units.2.parentId',
          message: expect.stringContaining('仍有 1 件未结案的索赔，不能调整上级') as unknown,
        },
      ],
    });
    // A unit without open claims is added (and could be moved) freely.
    const added = await put({
      expectedVersion: version,
      settings: { ...document, units: [...units, { id: 'WEST', name: '西部大区', parentId: 'HQ' }] },
    });
    expect(added.status).toBe(200);
  });
});
