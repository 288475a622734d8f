import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { handToLegal } from '../../shared/domain/use-cases/resolution.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { httpEvent, invoke, staffClaims } from '../support/http.js';
import { acceptedMoneyClaim, agent, investigatingClaim, legal } from '../support/money.js';
import { recordFindings } from '../../shared/domain/use-cases/resolution.js';

/** Every money refusal over HTTP writes nothing (DynamoDB Local). */
describe('money API refusals', () => {
  let table: TestTable;
  let deps: ReturnType<typeof testDependencies>;
  let api: ReturnType<typeof createApi>;
  const agentClaims = { ...staffClaims(['agent'], 'HQ', 'agent-7'), 'custom:approval_limit': '10000' };
  const areaManager = { ...staffClaims(['manager'], 'HQ', 'area-mgr'), 'custom:approval_limit': '50000' };
  const financeClaims = staffClaims(['finance'], 'HQ', 'finance-1');

  beforeAll(async () => {
    table = await createTestTable();
    deps = testDependencies(table.store, undefined, table.money);
    api = createApi(deps);
  });

  async function refused(event: ReturnType<typeof httpEvent>) {
    const before = await table.allItems();
    const result = await invoke(api, event);
    expect(await table.allItems()).toEqual(before);
    return result;
  }

  it('refuses server-owned fields in a proposal (400) and a plan above the approver’s limit (403)', async () => {
    const { claim } = await investigatingClaim(deps);
    await recordFindings(deps, {
      ref: claim.id,
      principal: agent,
      input: { summary: 'x', evidenceRefs: [], rootCause: 'other', responsibility: 'company' },
    });
    const body = {
      type: 'compensation',
      items: [{ kind: 'direct_loss', description: '损失', amountFen: 60_000 }],
      executingDepartment: 'finance',
      dueOn: '2026-12-10',
    };
    for (const owned of [{ totalFen: 1 }, { status: 'approved' }, { proposedBy: 'someone' }]) {
      const result = await refused(
        httpEvent('POST', `/staff/claims/${claim.number}/propose`, {
          claims: agentClaims,
          body: { ...body, ...owned },
        }),
      );
      expect(result.status).toBe(400);
    }
    expect(
      (
        await invoke(
          api,
          httpEvent('POST', `/staff/claims/${claim.number}/propose`, { claims: agentClaims, body }),
        )
      ).status,
    ).toBe(200);
    const above = await refused(
      httpEvent('POST', `/staff/claims/${claim.number}/approve`, { claims: areaManager, body: {} }),
    );
    expect(above.status).toBe(403);
    expect((above.body['error'] as { message: string }).message).toMatch(
      /^方案金额 ¥600\.00 超出您的审批额度 ¥[\d,]+\.\d\d，请交由额度更高的同事审批。$/,
    );
  });

  it('refuses reconsideration after the window (422) and closure while in litigation (409)', async () => {
    const { claim, token } = await acceptedMoneyClaim(deps);
    deps.clock.advanceDays(16);
    const late = await refused(
      httpEvent('POST', `/claims/${claim.number}/reconsideration`, {
        customerToken: token,
        body: { reasons: '认为责任认定有误，请复议' },
      }),
    );
    expect(late.status).toBe(422);

    const { claim: other, token: otherToken } = await acceptedMoneyClaim(deps);
    await invoke(
      api,
      httpEvent('POST', `/claims/${other.number}/reconsideration`, {
        customerToken: otherToken,
        body: { reasons: '认为责任认定有误，请复议' },
      }),
    );
    await handToLegal(deps, {
      ref: other.id,
      principal: legal,
      input: { track: 'litigation', reason: '起诉' },
    });
    const closing = await refused(
      httpEvent('POST', `/claims/${other.number}/confirm-closure`, {
        customerToken: otherToken,
        body: {},
      }),
    );
    expect(closing.status).toBe(409);
  });

  it('refuses a wrong token (404), an unknown payout (404) and a payout confirmed by a non-finance role (403)', async () => {
    const { claim, payoutId } = await acceptedMoneyClaim(deps);
    expect(
      (
        await refused(
          httpEvent('POST', `/claims/${claim.number}/accept`, { customerToken: 'nope', body: {} }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await refused(
          httpEvent('POST', `/staff/payouts/${claim.id}:payout:9/confirm`, {
            claims: financeClaims,
            body: { voucherNumber: 'PZ-1' },
          }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await refused(
          httpEvent('POST', `/staff/payouts/${payoutId}/confirm`, {
            claims: agentClaims,
            body: { voucherNumber: 'PZ-1' },
          }),
        )
      ).status,
    ).toBe(403);
  });
});
