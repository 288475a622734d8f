import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { NotificationIntentSchema } from '../../../shared/domain/messages.js';
import { ForbiddenError, InvalidTransitionError } from '../../../shared/domain/errors.js';
import { viewClaimAsCustomer, withdrawAsCustomer } from '../../../shared/domain/use-cases/customer-claim.js';
import { escalateToHq } from '../../../shared/domain/use-cases/escalate-to-hq.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { sweepDeadlines } from '../../../shared/domain/use-cases/sweep.js';
import { applyTriageAction } from '../../../shared/domain/use-cases/triage.js';
import { intakeInput, principal, testDependencies } from '../../support/fixtures.js';

/** Issue 25: HQ takes a store's claim over; the customer takes a store's refusal or missed deadline to HQ. */
describe('moving a claim up to headquarters', () => {
  let store: InMemoryClaimStore;
  let deps: ReturnType<typeof testDependencies>;
  let atStore: Claim;
  let token: string;
  const hqManager = principal(['manager'], 'HQ', { id: 'hq-mgr' });
  const storeManager = principal(['manager'], 'EAST-SH01', { id: 'store-mgr' });

  beforeEach(async () => {
    store = new InMemoryClaimStore();
    deps = testDependencies(store);
    const filed = await fileClaim(deps, {
      input: intakeInput({ unitId: 'EAST-SH01' }),
      channel: 'web',
      actor: { type: 'customer' },
    });
    atStore = filed.claim;
    token = filed.accessToken ?? '';
    deps.queues.sent.length = 0;
  });

  const notices = () =>
    deps.queues.sent
      .filter((m) => m.queue === 'notify')
      .map((m) => NotificationIntentSchema.parse(m.body))
      .filter((i) => i.kind === 'moved_to_hq');

  it('lets an HQ manager take a store claim over, recorded, and tells the store', async () => {
    const takeOver = (who = hqManager, ref = atStore.id) =>
      applyTriageAction(deps, {
        ref,
        action: 'take_over',
        payload: { reason: '门店处理迟缓' },
        principal: who,
      });
    await expect(takeOver(storeManager)).rejects.toThrow(ForbiddenError);
    const taken = await takeOver();
    expect(taken).toMatchObject({
      unitId: 'HQ',
      unitPath: ['HQ'],
      assigneeId: 'hq-mgr',
      hqEscalation: { by: 'hq_manager', reason: '门店处理迟缓', fromUnitId: 'EAST-SH01' },
    });
    expect((await store.listEvents(atStore.id)).at(-1)).toMatchObject({
      action: 'take_over',
      note: '门店处理迟缓',
    });
    expect(notices()).toEqual([
      expect.objectContaining({
        recipient: { type: 'unit_role', unitId: 'EAST-SH01', role: 'manager' },
        data: { by: 'hq_manager', fromUnitId: 'EAST-SH01', toUnitId: 'HQ', reason: '门店处理迟缓' },
      }),
    ]);
    await expect(takeOver()).rejects.toThrow(InvalidTransitionError);
  });

  it('refuses the customer’s escalation while the store is on time, and once at HQ', async () => {
    expect((await viewClaimAsCustomer(deps, atStore.number, token)).mayEscalateToHq).toBe(false);
    await expect(escalateToHq(deps, atStore.number, token, { reason: '想找总部' })).rejects.toThrow(
      'when a store refused it or missed one of its deadlines',
    );
    const atHq = await fileClaim(deps, {
      input: intakeInput({ product: { name: '台灯', orderNumber: 'SO-9' } }),
      channel: 'web',
      actor: { type: 'customer' },
    });
    await expect(
      escalateToHq(deps, atHq.claim.number, atHq.accessToken, { reason: '想找总部' }),
    ).rejects.toThrow('already handled by headquarters');
  });

  it('reopens a store’s refusal at HQ with a fresh first-reply clock, telling the store and HQ', async () => {
    await applyTriageAction(deps, {
      ref: atStore.id,
      action: 'not_admit',
      payload: { reason: 'groundless', explanation: '门店认为不属质量问题' },
      principal: storeManager,
    });
    expect((await viewClaimAsCustomer(deps, atStore.number, token)).mayEscalateToHq).toBe(true);
    deps.clock.set('2026-11-24T02:00:00Z');
    deps.queues.sent.length = 0;
    const escalated = await escalateToHq(deps, atStore.number, token, { reason: '门店判断有误，请总部复核' });
    expect(escalated).toMatchObject({
      status: 'received',
      unitId: 'HQ',
      hqEscalation: { by: 'customer', fromUnitId: 'EAST-SH01' },
      clocks: { first_reply: { state: 'running', startedAt: '2026-11-24T02:00:00.000Z' } },
    });
    expect(escalated.closure).toBeUndefined();
    expect(notices().map((n) => n.recipient)).toEqual([
      { type: 'unit_role', unitId: 'EAST-SH01', role: 'manager' },
      { type: 'unit_role', unitId: 'HQ', role: 'manager' },
    ]);
    const view = await viewClaimAsCustomer(deps, atStore.number, token);
    expect(view.timeline.at(-1)).toMatchObject({
      action: 'escalate_to_hq',
      note: '门店判断有误，请总部复核',
    });
    expect(view.mayEscalateToHq).toBe(false);
  });

  it('takes an open claim whose deadline the store missed to HQ, as it stands', async () => {
    await sweepDeadlines(deps, new Date('2026-11-27T10:00:00Z'));
    const breached = await store.getById(atStore.id);
    expect(breached?.clocks?.first_reply?.breachedAt).not.toBeNull();
    const escalated = await escalateToHq(deps, atStore.number, token, { reason: '三天没人答复' });
    expect(escalated).toMatchObject({ status: 'received', unitId: 'HQ', unitPath: ['HQ'] });
  });

  it('offers the escalation only in a state the customer may escalate from, not once withdrawn', async () => {
    await sweepDeadlines(deps, new Date('2026-11-27T10:00:00Z'));
    expect((await viewClaimAsCustomer(deps, atStore.number, token)).mayEscalateToHq).toBe(true);
    await withdrawAsCustomer(deps, atStore.number, token, '已自行解决');
    const view = await viewClaimAsCustomer(deps, atStore.number, token);
    expect(view).toMatchObject({ status: 'withdrawn', mayEscalateToHq: false, mayWithdraw: false });
  });
});
