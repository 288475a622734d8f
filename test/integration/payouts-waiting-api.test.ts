import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { acceptedMoneyClaim, finance, offeredMoneyClaim } from '../support/money.js';
import { failPayout, confirmPayout } from '../../shared/domain/use-cases/payouts.js';
import { httpEvent, invoke, staffClaims } from '../support/http.js';

interface Listed {
  items: {
    claimNumber: string;
    claimantName: string;
    payout: { id: string; status: string; amountFen: number };
  }[];
  truncated: boolean;
}

/**
 * Finance's list of payouts waiting (issue 17), through the API on DynamoDB Local: what is to pay, confirm or
 * retry across the caller's units, nothing paid, nothing of a claim not yet accepted; finance and admin only.
 */
describe('GET /staff/payouts: the payouts waiting for finance (DynamoDB Local)', () => {
  let table: TestTable;
  let deps: ReturnType<typeof testDependencies>;
  let api: ReturnType<typeof createApi>;

  beforeEach(async () => {
    table = await createTestTable();
    deps = testDependencies(table.store, undefined, table.money);
    api = createApi(deps);
  });

  const list = async (claims: Record<string, string>) =>
    invoke(api, httpEvent('GET', '/staff/payouts', { claims }));

  it('lists requested and failed payouts oldest first, leaves paid ones and offers not yet accepted out', async () => {
    const waiting = await acceptedMoneyClaim(deps);
    const failed = await acceptedMoneyClaim(deps);
    const paid = await acceptedMoneyClaim(deps);
    await offeredMoneyClaim(deps);
    await failPayout(deps, { payoutId: failed.payoutId, reason: '账户已冻结', principal: finance });
    await confirmPayout(deps, { payoutId: paid.payoutId, voucherNumber: 'V-1', principal: finance });

    const answer = await list(staffClaims(['finance']));
    expect(answer.status).toBe(200);
    const body = answer.body as unknown as Listed;
    expect(body.truncated).toBe(false);
    expect(body.items.map((i) => [i.claimNumber, i.payout.id, i.payout.status])).toEqual([
      [waiting.claim.number, waiting.payoutId, 'requested'],
      [failed.claim.number, failed.payoutId, 'failed'],
    ]);
    expect(body.items[0]?.claimantName).toBe(waiting.claim.claimant.name);
    expect(body.items[0]?.payout.amountFen).toBe(8_000);
  });

  it('refuses an agent in words', async () => {
    await acceptedMoneyClaim(deps);
    const refusal = await invoke(
      api,
      httpEvent('GET', '/staff/payouts', {
        claims: staffClaims(['agent']),
        headers: { 'accept-language': 'zh-CN' },
      }),
    );
    expect(refusal.status).toBe(403);
    expect(JSON.stringify(refusal.body)).toContain('您的角色不能执行此操作：需要财务');
  });
});
