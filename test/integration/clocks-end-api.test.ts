import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApi } from '../../functions/api/app.js';
import { sweepDeadlines } from '../../shared/domain/use-cases/sweep.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { FixedClock, testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, postAs, staffClaims } from '../support/http.js';

const FiledSchema = z.object({ number: z.string(), id: z.string(), accessToken: z.string() });

/**
 * Issue 25's clocks through the API on DynamoDB Local: the on-site visit is recorded and ends its clock,
 * and the first reply is recorded on a claim that was already paid (executed). Filed Monday 2026-11-23
 * 10:00 Shanghai.
 */
describe('clocks that end (API on DynamoDB Local)', () => {
  let table: TestTable;
  let api: ReturnType<typeof createApi>;
  let deps: ReturnType<typeof testDependencies>;
  const clock = new FixedClock(new Date('2026-11-23T02:00:00Z'));
  const agent = staffClaims(['agent'], 'HQ', 'agent-7', 10_000);
  const approver = staffClaims(['agent'], 'HQ', 'agent-8', 10_000);
  const finance = staffClaims(['finance'], 'HQ', 'finance-1');
  beforeAll(async () => {
    table = await createTestTable();
    deps = testDependencies(table.store, clock, table.money);
    api = createApi(deps);
  });

  async function file(overrides: Record<string, unknown>) {
    const filed = await invoke(api, httpEvent('POST', '/claims', { body: formBody(overrides) }));
    expect(filed.status).toBe(201);
    return FiledSchema.parse(filed.body);
  }

  it('POST /staff/claims/{ref}/site-visit records who, when and what, stops the on-site clock, audited', async () => {
    clock.set('2026-11-23T02:00:00Z');
    const claim = await file({
      category: 'installation_quality',
      product: { name: '热水器安装', orderNumber: 'SO-SITE-1' },
    });
    const path = `/staff/claims/${claim.number}/site-visit`;
    // The body is strict and complete: nothing is written without who, when and the result.
    const incomplete = await postAs(api, path, agent, {
      visitedBy: '张师傅',
      visitedAt: '2026-11-23T14:00:00+08:00',
    });
    expect(incomplete.status).toBe(400);
    expect(JSON.stringify(incomplete.body)).toContain('result');
    const byFinance = await postAs(api, path, finance, {
      visitedBy: '张师傅',
      visitedAt: '2026-11-23T14:00:00+08:00',
      result: '支架松动',
    });
    expect(byFinance.status).toBe(403);

    clock.set('2026-11-23T07:00:00Z');
    const visited = await postAs(api, path, agent, {
      visitedBy: '张师傅',
      visitedAt: '2026-11-23T14:00:00+08:00',
      result: '现场确认热水器支架松动，已拍照取证',
    });
    expect(visited.status).toBe(200);
    expect(visited.body).toMatchObject({
      siteVisit: {
        visitedBy: '张师傅',
        visitedAt: '2026-11-23T06:00:00.000Z',
        result: '现场确认热水器支架松动，已拍照取证',
        recordedAt: '2026-11-23T07:00:00.000Z',
      },
      clocks: {
        on_site_visit: { state: 'stopped', stoppedAt: '2026-11-23T06:00:00.000Z', breachedAt: null },
        first_reply: { state: 'running' },
      },
    });
    const again = await postAs(api, path, agent, {
      visitedBy: '张师傅',
      visitedAt: '2026-11-23T14:00:00+08:00',
      result: 'again',
    });
    expect(again.status).toBe(409);

    const detail = await invoke(api, httpEvent('GET', `/staff/claims/${claim.number}`, { claims: agent }));
    const timeline = z
      .object({ timeline: z.array(z.object({ action: z.string(), note: z.optional(z.string()) })) })
      .parse(detail.body).timeline;
    expect(timeline.find((e) => e.action === 'record_site_visit')?.note).toBe(
      '张师傅, 2026-11-23T06:00:00.000Z: 现场确认热水器支架松动，已拍照取证',
    );
    // Past the visit's 24 hours the sweep finds nothing to breach on it.
    const summary = await sweepDeadlines(deps, new Date('2026-11-24T03:00:00Z'));
    expect(summary.breaches).toBe(0);
    expect((await table.store.getById(claim.id))?.clocks?.on_site_visit?.breachedAt).toBeNull();
  });

  it('the first reply is recorded on a paid (executed) claim with the documented body', async () => {
    clock.set('2026-11-23T02:00:00Z');
    const claim = await file({ product: { name: '电饭煲 R2', orderNumber: 'SO-PAID-1' } });
    const ref = `/staff/claims/${claim.number}`;
    for (const step of ['material-complete', 'start-investigation'])
      expect((await postAs(api, `${ref}/${step}`, agent)).status).toBe(200);
    expect(
      (
        await postAs(api, `${ref}/findings`, agent, {
          summary: '涂层批次缺陷',
          rootCause: 'batch_defect',
          responsibility: 'company',
        })
      ).status,
    ).toBe(200);
    const proposed = await postAs(api, `${ref}/propose`, agent, {
      type: 'compensation',
      items: [{ kind: 'direct_loss', description: '内胆更换费', amountFen: 6_050 }],
      executingDepartment: 'finance',
      dueOn: '2026-12-10',
    });
    expect(proposed.status).toBe(200);
    expect((await postAs(api, `${ref}/approve`, approver)).status).toBe(200);
    const accepted = await postAs(api, `/claims/${claim.number}/accept`, undefined, {}, claim.accessToken);
    expect(accepted.status).toBe(200);
    const payoutId = z
      .object({ payoutId: z.string() })
      .parse(deps.queues.sent.find((m) => m.queue === 'payout')?.body).payoutId;
    const paid = await postAs(api, `/staff/payouts/${payoutId}/confirm`, finance, {
      voucherNumber: 'PZ-25-1',
    });
    expect(paid.status).toBe(200);
    expect((await table.store.getById(claim.id))?.status).toBe('executed');

    // The console's old empty body is refused with the fields it lacks.
    const empty = await postAs(api, `${ref}/first-reply`, agent, {});
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toMatch(/channel/);
    expect(JSON.stringify(empty.body)).toMatch(/summary/);

    clock.set('2026-11-24T02:00:00Z');
    const replied = await postAs(api, `${ref}/first-reply`, agent, {
      channel: 'phone',
      summary: '已电话告知客户款项已支付',
    });
    expect(replied.status).toBe(200);
    expect(replied.body).toMatchObject({
      status: 'executed',
      clocks: { first_reply: { state: 'stopped', stoppedAt: '2026-11-24T02:00:00.000Z', breachedAt: null } },
    });
    // Long past the first-reply deadline, the paid claim shows no breach.
    await sweepDeadlines(deps, new Date('2026-11-30T02:00:00Z'));
    expect((await table.store.getById(claim.id))?.clocks?.first_reply?.breachedAt).toBeNull();
  });
});
