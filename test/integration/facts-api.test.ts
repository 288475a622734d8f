import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApi } from '../../functions/api/app.js';
import { INDEXES } from '../../shared/adapters/dynamodb/table-definition.js';
import { claimKey, kindPartition } from '../../shared/adapters/dynamodb/keys.js';
import { productKey } from '../../shared/domain/contact-keys.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { FixedClock, intakeInput, testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, postAs, staffClaims } from '../support/http.js';

const FiledSchema = z.object({ number: z.string(), id: z.string() });
const SearchSchema = z.object({ items: z.array(z.object({ number: z.string(), productName: z.string() })) });

/**
 * Issue 25, item 4 through the API on DynamoDB Local: `POST /staff/claims/{ref}/facts`. Filed Monday
 * 2026-11-23 10:00 Shanghai.
 */
describe('POST /staff/claims/{ref}/facts (API on DynamoDB Local)', () => {
  let table: TestTable;
  let api: ReturnType<typeof createApi>;
  let deps: ReturnType<typeof testDependencies>;
  const clock = new FixedClock(new Date('2026-11-23T02:00:00Z'));
  const agent = staffClaims(['agent'], 'HQ', 'agent-7');
  const finance = staffClaims(['finance'], 'HQ', 'finance-1');
  beforeAll(async () => {
    table = await createTestTable();
    deps = testDependencies(table.store, clock, table.money);
    api = createApi(deps);
  });

  it('corrects product, category and amount: routing, severity, clocks, index keys and the audit follow', async () => {
    const filed = await invoke(api, httpEvent('POST', '/claims', { body: formBody() }));
    expect(filed.status).toBe(201);
    const claim = FiledSchema.parse(filed.body);
    const path = `/staff/claims/${claim.number}/facts`;

    // Strict and non-empty: nothing is written for a refused body.
    const onlyReason = await postAs(api, path, agent, { reason: '核实' });
    expect(onlyReason.status).toBe(400);
    expect(onlyReason.body['error']).toMatchObject({
      issues: [{ path: 'category', code: 'no_change', message: '请至少修改一项内容。' }],
    });
    expect((await postAs(api, path, agent, { severity: 1 })).status).toBe(400);
    expect((await postAs(api, path, finance, { claimedAmountFen: 1 })).status).toBe(403);
    expect((await postAs(api, path, agent, { claimedAmountFen: 1, expectedVersion: 7 })).status).toBe(409);
    expect((await table.store.getById(claim.id))?.version).toBe(1);

    const edited = await postAs(api, path, agent, {
      category: 'installation_quality',
      product: { name: '燃气热水器 H2', orderNumber: 'SO-FACTS-2' },
      claimedAmountFen: 450_000,
      reason: '电话核实：实为热水器安装问题',
      expectedVersion: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      version: 2,
      category: 'installation_quality',
      department: 'engineering',
      product: { name: '燃气热水器 H2', orderNumber: 'SO-FACTS-2', model: 'K1-2026' },
      claimedAmountFen: 450_000,
      severity: 2,
      clocks: { first_reply: { state: 'running' }, on_site_visit: { state: 'running' } },
    });

    // The stored item's keys follow the claim: found under the new order, in the new kind.
    const search = await invoke(
      api,
      httpEvent('GET', '/staff/search', { claims: agent, query: { order: 'SO-FACTS-2' } }),
    );
    expect(SearchSchema.parse(search.body).items).toEqual([
      expect.objectContaining({ number: claim.number, productName: '燃气热水器 H2' }),
    ]);
    const item = (await table.allItems()).find(
      (i) => i['PK'] === claimKey(claim.id).PK && i['SK'] === claimKey(claim.id).SK,
    );
    expect(item?.[INDEXES.byKind.partitionKey]).toBe(
      kindPartition('installation_quality', productKey('燃气热水器 H2')),
    );

    const detail = await invoke(api, httpEvent('GET', `/staff/claims/${claim.number}`, { claims: agent }));
    const timeline = z
      .object({
        timeline: z.array(
          z.object({
            action: z.string(),
            note: z.optional(z.string()),
            changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
          }),
        ),
      })
      .parse(detail.body).timeline;
    const event = timeline.find((e) => e.action === 'edit_facts');
    expect(event?.note).toBe('电话核实：实为热水器安装问题');
    expect(event?.changes).toEqual(
      expect.arrayContaining([
        { field: 'category', before: 'product_quality', after: 'installation_quality' },
        { field: 'claimedAmountFen', before: 19_900, after: 450_000 },
        { field: 'severity', before: 3, after: 2 },
      ]),
    );
  });

  it('an email claim whose day found turns out late is not admitted when staff enter it', async () => {
    const { claim } = await fileClaim(deps, {
      input: intakeInput({
        claimant: { name: '邮件客户', email: 'late@example.com' },
        product: { name: '（邮件未注明）' },
        category: 'other',
        foundOn: '2026-11-23',
      }),
      channel: 'email',
      actor: { type: 'customer' },
      missingMaterial: ['发现问题的日期'],
      toConfirm: ['product', 'category', 'foundOn'],
    });
    const late = await postAs(api, `/staff/claims/${claim.number}/facts`, agent, { foundOn: '2026-09-30' });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({
      status: 'not_admitted',
      foundOn: '2026-09-30',
      toConfirm: ['product', 'category'],
      closure: { reason: 'filing_window' },
    });
    expect(JSON.stringify(late.body)).toContain(
      '问题发现于 2026年9月30日，距提出索赔已 54 天，超过了 30 天的提出期限。',
    );
  });
});
