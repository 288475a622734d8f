import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApi } from '../../functions/api/app.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { FixedClock, testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, postAs, staffClaims } from '../support/http.js';

const FiledSchema = z.object({ number: z.string(), accessToken: z.string() });
const Words = z.object({ 'zh-CN': z.string(), en: z.string() });
const DetailSchema = z.object({
  statutory: z.object({
    entitlements: z.array(z.object({ words: Words, reason: Words, source: Words })),
  }),
});
const FRAUD = '退一赔三：¥597.00（3 × ¥199.00），不低于 ¥500.00 → ¥597.00';

/**
 * Issue 24 through the API on DynamoDB Local: a claim filed with its purchase facts (bought online on
 * 18 Nov 2026, received on the 20th, ¥199), fraud found by staff; the console and the tracking page show the
 * entitlements; a ¥100 compensation is flagged, refused without a reason, and with one goes to legal review
 * first, its flags and reason on the plan for the approver. Filed Monday 2026-11-23 10:00 Shanghai.
 */
describe('statutory remedies through the API (DynamoDB Local)', () => {
  let table: TestTable;
  let api: ReturnType<typeof createApi>;
  const clock = new FixedClock(new Date('2026-11-23T02:00:00Z'));
  const agent = staffClaims(['agent'], 'HQ', 'agent-7', 10_000);
  const legal = staffClaims(['legal'], 'HQ', 'legal-1');
  beforeAll(async () => {
    table = await createTestTable();
    api = createApi(testDependencies(table.store, clock, table.money));
  });

  it('refuses a purchase date after today and a receipt before the purchase, in words', async () => {
    const refused = await invoke(
      api,
      httpEvent('POST', '/claims', {
        body: formBody({ statutoryFacts: { purchaseDate: '2026-11-24' } }),
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body['error']).toMatchObject({
      issues: [
        { path: 'statutoryFacts.purchaseDate', code: 'future_date', message: '购买日期不能晚于今天。' },
      ],
    });
    const backwards = await invoke(
      api,
      httpEvent('POST', '/claims', {
        body: formBody({ statutoryFacts: { purchaseDate: '2026-11-20', receiptDate: '2026-11-19' } }),
      }),
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body['error']).toMatchObject({
      issues: [
        { path: 'statutoryFacts.receiptDate', code: 'date_order', message: '收货日期不能早于购买日期。' },
      ],
    });
  });

  it('shows the entitlements and forces legal review of a plan below them, with the recorded reason', async () => {
    const filed = await invoke(
      api,
      httpEvent('POST', '/claims', {
        body: formBody({
          statutoryFacts: {
            purchaseChannel: 'online',
            purchaseDate: '2026-11-18',
            receiptDate: '2026-11-20',
            pricePaidFen: 19_900,
            exclusions: [],
          },
        }),
      }),
    );
    expect(filed.status).toBe(201);
    const { number, accessToken } = FiledSchema.parse(filed.body);
    const post = (path: string, claims: Record<string, string>, body: unknown = {}) =>
      postAs(api, `/staff/claims/${number}/${path}`, claims, body);
    expect(
      (await post('facts', agent, { statutoryFacts: { fraudFound: true, qualityDefect: true } })).status,
    ).toBe(200);

    const detail = await invoke(api, httpEvent('GET', `/staff/claims/${number}`, { claims: agent }));
    const words = DetailSchema.parse(detail.body).statutory.entitlements.map((e) => e.words['zh-CN']);
    expect(words).toContain(FRAUD);
    expect(words).toContain('七日无理由退货：可要求退货');
    const view = await invoke(api, httpEvent('GET', `/claims/${number}`, { customerToken: accessToken }));
    const shown = z.array(z.object({ words: Words, source: Words })).parse(view.body['entitlements']);
    expect(shown.find((e) => e.words['zh-CN'] === FRAUD)?.source).toEqual({
      'zh-CN': '《消费者权益保护法》第五十五条第一款',
      en: 'Consumer Rights Protection Law, art. 55(1)',
    });

    for (const step of ['material-complete', 'start-investigation'])
      expect((await post(step, agent)).status).toBe(200);
    expect(
      (
        await post('findings', agent, {
          summary: '宣传与实物不符',
          rootCause: 'service_error',
          responsibility: 'company',
        })
      ).status,
    ).toBe(200);
    const plan = {
      type: 'compensation',
      items: [{ kind: 'direct_loss', description: '补偿', amountFen: 10_000 }],
      executingDepartment: 'finance',
      dueOn: '2026-12-10',
    };
    // Below ¥597.00 and not the return the law lets the customer choose: no reason, no plan.
    const bare = await post('propose', agent, plan);
    expect(bare.status).toBe(400);
    const refusal = z
      .object({ error: z.object({ issues: z.array(z.object({ path: z.string(), message: z.string() })) }) })
      .parse(bare.body);
    expect(refusal.error.issues.map((i) => i.path)).toEqual(['statutoryReason']);
    expect(refusal.error.issues[0]?.message).toContain('方案现金合计 ¥100.00，低于法定金额 ¥597.00');
    const proposed = await post('propose', agent, { ...plan, statutoryReason: '客户同意以补偿了结，已录音' });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({
      status: 'legal_review',
      approval: { requiredTier: 'agent', legalReviewRequired: true },
      resolution: { status: 'proposed', statutoryReview: { reason: '客户同意以补偿了结，已录音' } },
    });
    const flagged = z
      .object({
        approval: z.object({ legalReviewReasons: z.array(z.string()) }),
        resolution: z.object({
          statutoryReview: z.object({
            flags: z.array(z.object({ ruleCode: z.string(), reason: z.string() })),
          }),
        }),
      })
      .parse(proposed.body);
    expect(flagged.resolution.statutoryReview.flags.map((f) => `${f.ruleCode}:${f.reason}`)).toEqual(
      expect.arrayContaining(['fraud_compensation:below_minimum', 'distance_return:lacks_choice']),
    );
    expect(
      flagged.approval.legalReviewReasons.some((r) => r.startsWith('statutory: The plan pays ¥100.00')),
    ).toBe(true);

    // The approver cannot approve before legal has; legal clears, then the agent tier approves.
    expect((await post('approve', agent)).status).toBe(409);
    expect((await post('legal-clear', legal, { reason: '客户书面同意，风险可控' })).body).toMatchObject({
      status: 'proposed',
    });
    const approved = await post('approve', agent);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'offer_sent' });

    // The month's statistics: one plan where an entitlement applied, flagged for both kinds of shortfall.
    const stats = await invoke(
      api,
      httpEvent('GET', '/staff/stats', {
        claims: staffClaims(['manager'], 'HQ'),
        query: { month: '2026-11' },
      }),
    );
    expect(stats.status).toBe(200);
    expect(stats.body['statutory']).toEqual({
      plans: 1,
      byRule: { quality_return: 1, distance_return: 1, fraud_compensation: 1 },
      flagged: 1,
      belowMinimum: 1,
      lacksChoice: 1,
    });
  });
});
