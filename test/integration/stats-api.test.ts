import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { sweepDeadlines } from '../../shared/domain/use-cases/sweep.js';
import { createTestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';

describe('monthly statistics from counters kept in each change’s transaction (DynamoDB Local)', () => {
  let api: ReturnType<typeof createApi>;
  let deps: ReturnType<typeof testDependencies>;
  const agent = staffClaims(['agent']);
  const manager = staffClaims(['manager']);

  const file = async (overrides: Record<string, unknown>) => {
    const result = await invoke(api, httpEvent('POST', '/claims', { body: formBody(overrides) }));
    expect(result.status).toBe(201);
    return String(result.body['number']);
  };
  const reply = (number: string) =>
    invoke(
      api,
      httpEvent('POST', `/staff/claims/${number}/first-reply`, {
        claims: agent,
        body: { channel: 'phone', summary: '已回复' },
      }),
    );

  beforeAll(async () => {
    const table = await createTestTable();
    deps = testDependencies(table.store);
    api = createApi(deps);
    // Monday 2026-11-23 10:00 Shanghai.
    const first = await file({ product: { name: '电热水壶 K1', orderNumber: 'SO-1' } });
    await file({ product: { name: '电热水壶 K1', orderNumber: 'SO-1' } }); // same customer and order: a repeat
    const late = await file({
      category: 'delivery_delay',
      product: { name: '空气炸锅', orderNumber: 'SO-2' },
      claimant: { name: '李雷', phone: '13900000001' },
    });
    deps.clock.set('2026-11-23T06:00:00Z'); // 4 working hours later
    expect((await reply(first)).status).toBe(200);
    // Thursday 18:00 passes: the sweep records the breach; the reply comes on Friday 10:00.
    await sweepDeadlines(deps, new Date('2026-11-26T10:00:00Z'));
    deps.clock.set('2026-11-27T02:00:00Z');
    expect((await reply(late)).status).toBe(200);
  });

  it('answers volume, repeats, first-reply time and attainment for the month', async () => {
    const result = await invoke(
      api,
      httpEvent('GET', '/staff/stats', { claims: manager, query: { month: '2026-11' } }),
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      month: '2026-11',
      volume: {
        total: 3,
        byCategory: { product_quality: 2, delivery_delay: 1 },
        // Products by the name as first typed; none beyond the top 20, so no other products.
        byProduct: { '电热水壶 K1': 2, 空气炸锅: 1 },
        otherProducts: 0,
        byUnit: { HQ: 3 },
      },
      repeatComplaints: 1,
      notAdmitted: 0,
      clocks: {
        first_reply: {
          completed: 2,
          met: 1,
          missed: 1,
          // The late one (breached, answered since) and the open breached repeat: 1 met of 3.
          misses: 2,
          attainment: 1 / 3,
          // 4 h, and Mon 8 + Tue 9 + Wed 9 + Thu 9 + Fri 1 = 36 h: mean 20 working hours.
          averageHours: 20,
          breaches: 2, // the late one and the repeat, which nobody answered
        },
        decision: { completed: 0, misses: 0, attainment: null },
      },
    });
    const empty = await invoke(
      api,
      httpEvent('GET', '/staff/stats', { claims: manager, query: { month: '2026-10' } }),
    );
    expect(empty.body).toMatchObject({ volume: { total: 0 } });
  });

  it('is for managers, executives and admins, and wants a YYYY-MM month', async () => {
    expect(
      (await invoke(api, httpEvent('GET', '/staff/stats', { claims: agent, query: { month: '2026-11' } })))
        .status,
    ).toBe(403);
    expect(
      (await invoke(api, httpEvent('GET', '/staff/stats', { claims: manager, query: { month: '2026-13' } })))
        .status,
    ).toBe(400);
  });
});
