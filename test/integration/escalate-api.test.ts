import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { createTestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';

/** Issue 25: the take-over and escalation routes on DynamoDB Local, with the roles and units they need. */
describe('moving claims to headquarters through the API (DynamoDB Local)', () => {
  let api: ReturnType<typeof createApi>;
  const fileAtStore = async (order: string) => {
    const filed = await invoke(
      api,
      httpEvent('POST', '/claims', {
        body: formBody({ product: { name: '电水壶', orderNumber: order }, unitId: 'EAST-SH01' }),
      }),
    );
    expect(filed.status).toBe(201);
    const { number, accessToken } = filed.body;
    if (typeof number !== 'string' || typeof accessToken !== 'string') throw new Error('no claim');
    return { number, accessToken };
  };

  beforeAll(async () => {
    api = createApi(testDependencies((await createTestTable()).store));
  });

  it('lets only HQ managers take a store claim over', async () => {
    const { number } = await fileAtStore('SO-T1');
    const takeOver = (claims: Record<string, string>) =>
      invoke(
        api,
        httpEvent('POST', `/staff/claims/${number}/take-over`, { claims, body: { reason: '总部接管' } }),
      );
    expect((await takeOver(staffClaims(['manager'], 'EAST-SH01'))).status).toBe(403);
    const taken = await takeOver(staffClaims(['manager'], 'HQ'));
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({
      unitId: 'HQ',
      hqEscalation: { by: 'hq_manager', fromUnitId: 'EAST-SH01' },
    });
    // The console offers taking over to HQ's managers only.
    const { number: other } = await fileAtStore('SO-T3');
    const asStore = await invoke(
      api,
      httpEvent('GET', `/staff/claims/${other}`, { claims: staffClaims(['manager'], 'EAST-SH01') }),
    );
    const asHq = await invoke(
      api,
      httpEvent('GET', `/staff/claims/${other}`, { claims: staffClaims(['manager'], 'HQ') }),
    );
    expect(JSON.stringify(asStore.body)).not.toContain('take_over');
    expect(JSON.stringify(asHq.body)).toContain('take_over');
  });

  it('takes a store’s refusal to HQ on the customer’s request, and refuses an escalation not due', async () => {
    const { number, accessToken } = await fileAtStore('SO-T2');
    const escalate = () =>
      invoke(
        api,
        httpEvent('POST', `/claims/${number}/escalate`, {
          customerToken: accessToken,
          body: { reason: '门店判断有误' },
        }),
      );
    const early = await escalate();
    expect(early.status).toBe(422);
    expect(early.body['error']).toMatchObject({
      code: 'POLICY_REFUSED',
      reason: 'escalation_not_due',
      message: '只有门店拒绝了您的索赔，或错过了处理期限时，才能转交总部处理。',
    });
    const refused = await invoke(
      api,
      httpEvent('POST', `/staff/claims/${number}/not-admit`, {
        claims: staffClaims(['agent'], 'EAST-SH01'),
        body: { reason: 'groundless', explanation: '不属质量问题' },
      }),
    );
    expect(refused.status).toBe(200);
    const escalated = await escalate();
    expect(escalated.status).toBe(200);
    expect(escalated.body).toEqual({ number, status: 'received', unitId: 'HQ' });
    const view = await invoke(api, httpEvent('GET', `/claims/${number}`, { customerToken: accessToken }));
    expect(view.body).toMatchObject({ status: 'received', mayEscalateToHq: false });
  });
});
