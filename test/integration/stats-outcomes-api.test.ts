import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { createPayoutHandler } from '../../functions/payout/app.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { FixedClock, testDependencies } from '../support/fixtures.js';
import { httpEvent, invoke, postAs, staffClaims } from '../support/http.js';
import { CountingGateway, acceptedMoneyClaim } from '../support/money.js';
import { sqsEvent, sqsRecord } from '../support/sqs.js';

/**
 * Money, satisfaction and root-cause counters through the API on DynamoDB Local: each moves in the
 * transaction of the change that causes it, so a duplicate delivery or a concurrent duplicate request,
 * refused by that transaction's condition, moves nothing.
 */
describe('outcome statistics kept in each change’s transaction (API on DynamoDB Local)', () => {
  let table: TestTable;
  let deps: ReturnType<typeof testDependencies>;
  let api: ReturnType<typeof createApi>;
  const clock = new FixedClock(new Date('2026-11-23T02:00:00Z'));
  const finance = staffClaims(['finance'], 'HQ', 'finance-1');
  const executive = staffClaims(['executive']);

  const post = (path: string, claims: Record<string, string> | undefined, body: unknown, token?: string) =>
    postAs(api, path, claims, body, token);
  const stats = async (month: string) => {
    const result = await invoke(
      api,
      httpEvent('GET', '/staff/stats', { claims: executive, query: { month } }),
    );
    expect(result.status).toBe(200);
    return result.body;
  };

  beforeAll(async () => {
    table = await createTestTable();
    deps = testDependencies(table.store, clock, table.money);
    api = createApi(deps);
  });

  it('counts a payout paid by the worker once, however often its message is delivered', async () => {
    const { payoutId } = await acceptedMoneyClaim(deps);
    const message = deps.queues.sent.find((m) => m.queue === 'payout' && m.id === payoutId);
    if (!message) throw new Error('no payout message');
    const gateway = new CountingGateway();
    const worker = createPayoutHandler({ ...deps, gateway });
    const deliver = (n: number) =>
      worker(sqsEvent(sqsRecord(message.body, message.id, `delivery-${n}`)), lambdaContext());
    // Two deliveries at once (one wins the requested → submitting write), then a late redelivery.
    await Promise.all([deliver(1), deliver(2)]);
    expect((await deliver(3)).batchItemFailures).toEqual([]);
    expect(gateway.payments).toHaveLength(1);
    expect(await stats('2026-11')).toMatchObject({
      money: { paidFen: 8_000, payoutsPaid: 1, advancedFen: 8_000, advances: 1, recoveredFen: 0 },
      topRootCauses: [{ rootCause: 'supplier_material', claims: 1 }],
    });
  });

  it('counts money paid by finance’s voucher once when two confirmations race, in the Shanghai month', async () => {
    const { payoutId, claim, token } = await acceptedMoneyClaim(deps);
    // 1 December 00:30 in Shanghai, still 30 November in UTC.
    clock.set('2026-11-30T16:30:00Z');
    const [a, b] = await Promise.all([
      post(`/staff/payouts/${payoutId}/confirm`, finance, { voucherNumber: 'PZ-A' }),
      post(`/staff/payouts/${payoutId}/confirm`, finance, { voucherNumber: 'PZ-B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await stats('2026-12')).toMatchObject({ money: { paidFen: 8_000, payoutsPaid: 1 } });
    expect(await stats('2026-11')).toMatchObject({ money: { paidFen: 8_000, payoutsPaid: 1 } });

    // Two recovery entries for the same balance at once: the recovery's version lets one through.
    const recovery = `${payoutId}:recovery`;
    const entry = { method: 'deposit_deduction', amountFen: 5_000, reference: 'DK-1' };
    const [r1, r2] = await Promise.all([
      post(`/staff/recoveries/${recovery}/entries`, finance, entry),
      post(`/staff/recoveries/${recovery}/entries`, finance, entry),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    expect(
      (await post(`/staff/recoveries/${recovery}/entries`, finance, { ...entry, amountFen: 3_000 })).status,
    ).toBe(200);
    expect(await stats('2026-12')).toMatchObject({ money: { recoveredFen: 8_000, recoveries: 2 } });

    // The customer closes and rates; a second answer to the same closure is refused and not counted.
    expect((await post(`/claims/${claim.number}/confirm-closure`, undefined, {}, token)).status).toBe(200);
    expect(
      (await post(`/claims/${claim.number}/survey`, undefined, { rating: 'basically_satisfied' }, token))
        .status,
    ).toBe(200);
    expect(
      (await post(`/claims/${claim.number}/survey`, undefined, { rating: 'satisfied' }, token)).status,
    ).toBe(409);
    expect(await stats('2026-12')).toMatchObject({
      satisfaction: { satisfied: 0, basicallySatisfied: 1, unsatisfied: 0, answers: 1, satisfiedRate: 1 },
    });
    // The findings were recorded in November, so that is where the root cause counts.
    expect(await stats('2026-11')).toMatchObject({
      topRootCauses: [{ rootCause: 'supplier_material', claims: 2 }],
      satisfaction: { answers: 0, satisfiedRate: null },
    });
  });
});
