import { rateLimitNote } from '../../../shared/domain/mail/rate-limit-note.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/domain/claim.js';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { InMemoryMoneyStore } from '../../../shared/adapters/memory/money-store.js';
import {
  OfferSchema,
  cashFen,
  defaultSettlement,
  settlementOf,
  storedPlanItems,
  type PlanItem,
} from '../../../shared/domain/resolution.js';
import {
  acceptOffer,
  confirmClosure,
  recordSurvey,
} from '../../../shared/domain/use-cases/customer-decision.js';
import {
  addMaterialAsCustomer,
  conversationOf,
  viewClaimAsCustomer,
} from '../../../shared/domain/use-cases/customer-claim.js';
import { confirmPayout } from '../../../shared/domain/use-cases/payouts.js';
import {
  approveResolution,
  proposeResolution,
  recordExecution,
  recordFindings,
} from '../../../shared/domain/use-cases/resolution.js';
import { applyTriageAction } from '../../../shared/domain/use-cases/triage.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { intakeInput, principal, testDependencies } from '../../support/fixtures.js';
import { agent, areaManager, finance, investigatingClaim } from '../../support/money.js';

const kettle: PlanItem = { kind: 'direct_loss', description: '换新电热水壶', amountFen: 19_900 };
const shipping: PlanItem = { kind: 'indirect_loss', description: '往返运费', amountFen: 2_000 };

describe('plan items: cash, goods or a service', () => {
  it('defaults by plan type and item kind: money types pay cash, a replacement’s product is goods', () => {
    expect(defaultSettlement('refund', 'direct_loss')).toBe('cash');
    expect(defaultSettlement('compensation', 'other')).toBe('cash');
    expect(defaultSettlement('replacement', 'direct_loss')).toBe('goods');
    expect(defaultSettlement('repair', 'direct_loss')).toBe('service');
    // Indirect losses of a replacement (误工补偿, shipping) were paid before items had a settlement.
    expect(defaultSettlement('replacement', 'indirect_loss')).toBe('cash');
    expect(settlementOf({ kind: 'direct_loss', settlement: 'cash' }, 'replacement')).toBe('cash');
  });

  it('stores a settlement only where it differs from the default, and older items still parse', () => {
    expect(storedPlanItems([{ ...kettle, settlement: 'goods' }, shipping], 'replacement')).toEqual([
      kettle,
      shipping,
    ]);
    expect(storedPlanItems([{ ...kettle, settlement: 'cash' }], 'replacement')).toEqual([
      { ...kettle, settlement: 'cash' },
    ]);
    const older = {
      revision: 1,
      type: 'replacement',
      items: [kettle],
      totalFen: 19_900,
      decidedAt: '2026-11-20T02:00:00.000Z',
      decidedBy: 'mgr-1',
    };
    expect(OfferSchema.parse(older).items).toEqual([kettle]);
  });

  it('counts only the cash items as money paid', () => {
    expect(cashFen({ type: 'replacement', items: [kettle, shipping] })).toBe(2_000);
    expect(cashFen({ type: 'replacement', items: [{ ...kettle, settlement: 'cash' }] })).toBe(19_900);
    expect(cashFen({ type: 'refund', items: [kettle] })).toBe(19_900);
    expect(cashFen({ type: 'repair', items: [{ ...kettle, description: '上门维修' }] })).toBe(0);
  });
});

describe('the customer view of an offer, the conversation, the survey', () => {
  let store: InMemoryClaimStore;
  let deps: ReturnType<typeof testDependencies>;

  beforeEach(() => {
    store = new InMemoryClaimStore();
    deps = testDependencies(store, undefined, new InMemoryMoneyStore(store));
  });

  async function replacementOffer() {
    const { claim, token } = await investigatingClaim(deps);
    await recordFindings(deps, {
      ref: claim.id,
      principal: agent,
      input: {
        summary: '加热盘焊点开裂，属产品质量问题',
        evidenceRefs: [],
        rootCause: 'batch_defect',
        responsibility: 'company',
      },
    });
    await proposeResolution(deps, {
      ref: claim.id,
      principal: agent,
      input: {
        type: 'replacement',
        items: [kettle, shipping],
        executingDepartment: '华东仓储部',
        dueOn: '2026-12-10',
      },
    });
    await approveResolution(deps, { ref: claim.id, principal: areaManager, input: {} });
    return { claim, token };
  }

  it('words the offer: each item’s settlement, the cash part, department, date, findings, reconsideration', async () => {
    const { claim, token } = await replacementOffer();
    const view = await viewClaimAsCustomer(deps, claim.number, token);
    expect(view.offer).toMatchObject({
      type: 'replacement',
      items: [
        { description: '换新电热水壶', amountFen: 19_900, settlement: 'goods' },
        { description: '往返运费', amountFen: 2_000, settlement: 'cash' },
      ],
      totalFen: 21_900,
      cashFen: 2_000,
      executingDepartment: '华东仓储部',
      dueOn: '2026-12-10',
      findingsSummary: '加热盘焊点开裂，属产品质量问题',
    });
    const decided = Date.parse(view.offer?.decidedAt ?? '');
    const window = deps.settings.money.reconsiderationWindowDays;
    expect(Date.parse(view.offer?.reconsiderUntil ?? '')).toBe(decided + window * 86_400_000);
    expect(view.mayWithdraw).toBe(true);
  });

  it('pays only the cash items of an accepted replacement', async () => {
    const { claim, token } = await replacementOffer();
    const accepted = await acceptOffer(deps, claim.number, token);
    expect(accepted.payouts?.map((p) => p.amountFen)).toEqual([2_000]);
  });

  it('shows our replies and the customer’s messages in order, never internal notes', async () => {
    const filed = await fileClaim(deps, {
      input: intakeInput(),
      channel: 'web',
      actor: { type: 'customer' },
    });
    const token = filed.accessToken ?? '';
    const manager = principal(['manager']);
    await applyTriageAction(deps, {
      ref: filed.claim.id,
      action: 'assign',
      payload: { assigneeId: 'agent-7' },
      principal: manager,
    });
    await applyTriageAction(deps, {
      ref: filed.claim.id,
      action: 'record_first_reply',
      payload: { channel: 'phone', summary: '已电话联系，请补充购买发票' },
      principal: principal(['agent']),
    });
    await applyTriageAction(deps, {
      ref: filed.claim.id,
      action: 'request_material',
      payload: { items: ['购买发票'] },
      principal: principal(['agent']),
    });
    let view = await viewClaimAsCustomer(deps, filed.claim.number, token);
    expect(view.materialReceivedAt).toBeUndefined();
    await addMaterialAsCustomer(deps, filed.claim.number, token, { message: '发票照片已上传' });
    view = await viewClaimAsCustomer(deps, filed.claim.number, token);
    expect(view.status).toBe('needs_material');
    expect(view.materialReceivedAt).toBeDefined();
    expect(view.conversation.map(({ from, kind, text, channel }) => ({ from, kind, text, channel }))).toEqual(
      [
        { from: 'staff', kind: 'reply', text: '已电话联系，请补充购买发票', channel: 'phone' },
        { from: 'staff', kind: 'material_request', text: '购买发票', channel: undefined },
        { from: 'customer', kind: 'material', text: '发票照片已上传', channel: undefined },
      ],
    );
    expect(JSON.stringify(view.conversation)).not.toContain('agent-7');
  });

  it('sorts the conversation by time whatever order the events come in', () => {
    const customer = { type: 'customer' } as const;
    const staff: Actor = { type: 'staff', id: 'a', roles: ['agent'] };
    expect(
      conversationOf([
        { at: '2026-11-21T02:00:00.000Z', action: 'dispute_offer', actor: customer, note: '金额太低' },
        {
          at: '2026-11-20T02:00:00.000Z',
          action: 'record_first_reply',
          actor: staff,
          note: 'email: 已回邮件',
        },
        { at: '2026-11-20T03:00:00.000Z', action: 'record_findings', actor: staff, note: '内部结论' },
      ]).map((e) => e.text),
    ).toEqual(['已回邮件', '金额太低']);
  });

  it('has the customer’s mailed replies, without the staff-only note a rate-limited one carries', () => {
    const customer = { type: 'customer' } as const;
    const merged = `${rateLimitNote(3, 60, 'zh-CN')}\n\n回复：漏水照片\n\n照片见附件，请查收。`;
    expect(
      conversationOf([
        {
          at: '2026-11-20T02:00:00.000Z',
          action: 'customer_email',
          actor: customer,
          note: '回复：发票\n\n发票已补',
        },
        { at: '2026-11-21T02:00:00.000Z', action: 'customer_email', actor: customer, note: merged },
        {
          at: '2026-11-22T02:00:00.000Z',
          action: 'customer_email',
          actor: customer,
          note: `${rateLimitNote(3, 60, 'en')}\n\nRe: photos`,
        },
      ]),
    ).toEqual([
      { at: '2026-11-20T02:00:00.000Z', from: 'customer', kind: 'email', text: '回复：发票\n\n发票已补' },
      {
        at: '2026-11-21T02:00:00.000Z',
        from: 'customer',
        kind: 'email',
        text: '回复：漏水照片\n\n照片见附件，请查收。',
      },
      { at: '2026-11-22T02:00:00.000Z', from: 'customer', kind: 'email', text: 'Re: photos' },
    ]);
  });

  it('offers the survey once per closure, then tells it is rated', async () => {
    const fresh = await replacementOffer();
    const accepted = await acceptOffer(deps, fresh.claim.number, fresh.token);
    const payoutId = accepted.payouts?.[0]?.id ?? '';
    await confirmPayout(deps, { payoutId, voucherNumber: 'PZ-1', principal: finance });
    await recordExecution(deps, {
      ref: fresh.claim.id,
      principal: agent,
      input: { kind: 'shipping', reference: 'SF1' },
    });
    await confirmClosure(deps, fresh.claim.number, fresh.token);
    let view = await viewClaimAsCustomer(deps, fresh.claim.number, fresh.token);
    expect(view).toMatchObject({ status: 'closed', surveyOpen: true, deadlines: [], mayWithdraw: false });
    await recordSurvey(deps, fresh.claim.number, fresh.token, { rating: 'satisfied' });
    view = await viewClaimAsCustomer(deps, fresh.claim.number, fresh.token);
    expect(view).toMatchObject({ surveyOpen: false, survey: { rating: 'satisfied' }, deadlines: [] });
  });
});
