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
 * Issue 15, categories as policy data on DynamoDB Local: a category an admin adds is offered by the form
 * options and accepted on intake once the other functions' one-minute cache has passed; retired, it is no
 * longer offered and intake and the facts edit refuse it in words, while the claim that carries it is still
 * named; a save that drops a code is refused.
 */
describe('claim categories in the runtime policy (DynamoDB Local)', () => {
  // The admin console's API and, apart, the intake function with its own cache of the policy.
  let adminApi: ReturnType<typeof createApi>;
  let intakeApi: ReturnType<typeof createApi>;
  let deps: ReturnType<typeof testDependencies>;
  const admin = staffClaims(['admin'], 'HQ', 'admin-zhou');
  const agent = staffClaims(['agent'], 'HQ', 'agent-7');
  const Current = z.object({
    version: z.number(),
    settings: z.object({ categories: z.array(z.object({ code: z.string() }).passthrough()) }).passthrough(),
  });
  const Options = z.object({ categories: z.array(z.object({ code: z.string(), name: z.string() })) });
  const Issues = z.object({
    error: z.object({
      code: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  });

  async function current() {
    const answer = await invoke(adminApi, httpEvent('GET', '/staff/admin/policy', { claims: admin }));
    return Current.parse(answer.body);
  }
  const put = (body: unknown) =>
    invoke(adminApi, httpEvent('PUT', '/staff/admin/policy', { claims: admin, body }));
  const file = (category: string, lang: 'zh-CN' | 'en' = 'zh-CN', orderNumber = `SO-${category}`) =>
    invoke(
      intakeApi,
      httpEvent('POST', '/claims', {
        body: formBody({ category, product: { name: '空气净化器 A3', orderNumber } }),
        headers: { 'accept-language': lang },
      }),
    );
  const formOptions = async (lang: 'zh-CN' | 'en') =>
    Options.parse((await invoke(intakeApi, httpEvent('GET', '/form-options', { query: { lang } }))).body)
      .categories;

  beforeAll(async () => {
    const table = await createTestTable();
    const base = testDependencies(table.store);
    const policyStore = new DynamoPolicyStore(table.client, table.tableName);
    const adminPolicy = cachedPolicySource(policyStore, base.clock, settings);
    const intakePolicy = cachedPolicySource(policyStore, base.clock, settings);
    deps = base;
    adminApi = createApi({
      ...base,
      policy: adminPolicy,
      policyStore,
      writer: new DynamoClaimWriter(table.client, table.tableName, adminPolicy),
    });
    intakeApi = createApi({
      ...base,
      policy: intakePolicy,
      policyStore,
      writer: new DynamoClaimWriter(table.client, table.tableName, intakePolicy),
    });
  });

  it('offers the seed categories in one language, and refuses an unknown code on intake in words', async () => {
    const zh = await formOptions('zh-CN');
    expect(zh).toHaveLength(10);
    expect(zh[0]).toEqual({ code: 'product_quality', name: '产品质量' });
    expect((await formOptions('en')).at(-1)).toEqual({ code: 'other', name: 'Other' });
    const unknown = await file('odour');
    expect(unknown.status).toBe(400);
    expect(Issues.parse(unknown.body).error.issues).toEqual([
      { path: 'category', message: '所选的问题类别不存在，请重新选择' },
    ]);
  });

  it('a category an admin adds is accepted on intake a save later, past the cache minute', async () => {
    const { version, settings: document } = await current();
    const saved = await put({
      expectedVersion: version,
      settings: {
        ...document,
        categories: [
          ...document.categories,
          { code: 'odour', name: { 'zh-CN': '异味', en: 'Odour' }, department: 'quality' },
        ],
      },
      note: '新增类别：异味',
    });
    expect(saved.status).toBe(200);
    // The intake function still holds the version before for its minute, then reads the new one.
    expect((await file('odour', 'zh-CN', 'SO-early')).status).toBe(400);
    deps.clock.advanceMs(POLICY_CACHE_TTL_MS);
    expect((await formOptions('zh-CN')).at(-1)).toEqual({ code: 'odour', name: '异味' });
    const filed = await file('odour');
    expect(filed.status).toBe(201);
    const number = z.object({ number: z.string() }).parse(filed.body).number;
    const detail = await invoke(adminApi, httpEvent('GET', `/staff/claims/${number}`, { claims: agent }));
    expect(detail.body['claim']).toMatchObject({ category: 'odour', department: 'quality' });
    const names = await invoke(adminApi, httpEvent('GET', '/staff/categories', { claims: agent }));
    expect(names.status).toBe(200);
    expect(names.body['categories']).toContainEqual({
      code: 'odour',
      name: { 'zh-CN': '异味', en: 'Odour' },
      active: true,
      department: 'quality',
    });
    expect((await invoke(adminApi, httpEvent('GET', '/staff/categories'))).status).toBe(401);
  });

  it('retired, it is no longer offered and intake and the facts edit refuse it; its claims keep its name', async () => {
    const older = await file('stock_out', 'zh-CN', 'SO-before-retiring');
    expect(older.status).toBe(201);
    const olderNumber = z.object({ number: z.string() }).parse(older.body).number;
    const { version, settings: document } = await current();
    const retired = document.categories.map((c) => (c.code === 'odour' ? { ...c, active: false } : c));
    expect(
      (await put({ expectedVersion: version, settings: { ...document, categories: retired } })).status,
    ).toBe(200);
    deps.clock.advanceMs(POLICY_CACHE_TTL_MS);
    expect((await formOptions('zh-CN')).map((c) => c.code)).not.toContain('odour');
    const refusedZh = await file('odour', 'zh-CN', 'SO-late');
    expect(refusedZh.status).toBe(400);
    expect(Issues.parse(refusedZh.body).error.issues[0]?.message).toBe('问题类别「异味」已停用，请重新选择');
    const refusedEn = await file('odour', 'en', 'SO-late-en');
    expect(Issues.parse(refusedEn.body).error.issues[0]?.message).toBe(
      'The kind of problem “Odour” is no longer offered; please choose another.',
    );
    const edit = await postAs(intakeApi, `/staff/claims/${olderNumber}/facts`, agent, { category: 'odour' });
    expect(edit.status).toBe(400);
    expect(Issues.parse(edit.body).error.issues[0]).toMatchObject({
      path: 'category',
      message: '问题类别「异味」已停用，请重新选择',
    });
    // Still named for the console (claims filed before it was retired carry it).
    const names = await invoke(adminApi, httpEvent('GET', '/staff/categories', { claims: agent }));
    expect(names.body['categories']).toContainEqual({
      code: 'odour',
      name: { 'zh-CN': '异味', en: 'Odour' },
      active: false,
      department: 'quality',
    });
  });

  it('refuses a save that drops a code: categories are retired, not removed', async () => {
    const { version, settings: document } = await current();
    const dropped = await put({
      expectedVersion: version,
      settings: { ...document, categories: document.categories.filter((c) => c.code !== 'odour') },
    });
    expect(dropped.status).toBe(400);
    expect(JSON.stringify(dropped.body)).toContain('类别「异味」不能删除，请改为停用');
    expect((await current()).version).toBe(version);
  });
});
