import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { InMemoryMoneyStore } from '../../../shared/adapters/memory/money-store.js';
import { approvalLimitOf, requiredTier } from '../../../shared/domain/approval-policy.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { ForbiddenError, InvalidTransitionError, PolicyRefusalError } from '../../../shared/domain/errors.js';
import { partyKey } from '../../../shared/domain/payout.js';
import { defaultPolicySettings } from '../../../shared/domain/settings.js';
import {
  acceptOffer,
  autoCloseQuietClaims,
  confirmClosure,
  disputeOffer,
  recordSurvey,
  requestReconsideration,
} from '../../../shared/domain/use-cases/customer-decision.js';
import { SimulatedGateway } from '../../../shared/adapters/payments/simulated.js';
import {
  confirmPayout,
  failPayout,
  processPayout,
  retryPayout,
  payoutsForAcceptedPlan,
  recordRecovery,
  recoveryLedger,
} from '../../../shared/domain/use-cases/payouts.js';
import {
  FindingsInputSchema,
  approveResolution,
  clearLegalReview,
  concludeLegal,
  decideReconsideration,
  handToLegal,
  proposeResolution,
  recordExecution,
  recordFindings,
  sendBack,
} from '../../../shared/domain/use-cases/resolution.js';
import { applyTriageAction } from '../../../shared/domain/use-cases/triage.js';
import { claimUpdate } from '../../../shared/domain/claim-change.js';
import type { StaffPrincipal } from '../../../shared/domain/principal.js';
import { principal, testDependencies } from '../../support/fixtures.js';
import { createWorkingCalendar } from '../../../shared/domain/calendar/working-calendar.js';
import { shippedSchedules } from '../../../shared/domain/calendar/shipped-schedules.js';
import { shanghaiDate } from '../../../shared/domain/shanghai-time.js';
import { storeHolidaySchedule } from '../../../shared/domain/use-cases/calendar.js';
import {
  acceptedMoneyClaim,
  agent,
  areaManager,
  deptHead,
  executive,
  finance,
  investigatingClaim,
  legal,
} from '../../support/money.js';

const money = defaultPolicySettings().money;

describe('approval policy', () => {
  it.each([
    [10_000, 'agent'],
    [10_001, 'area_manager'],
    [50_000, 'area_manager'],
    [50_001, 'department_head'],
    [3_000_000, 'department_head'],
    [3_000_001, 'executive'],
  ] as const)('%i fen needs the %s tier', (fen, tier) => {
    expect(requiredTier(fen, 3, money)).toBe(tier);
  });

  it('sends every level-1 claim to the executive, whatever the amount', () => {
    expect(requiredTier(100, 1, money)).toBe('executive');
  });

  it("caps the token's limit by the role's tier", () => {
    expect(approvalLimitOf({ ...agent, approvalLimitFen: 1_000_000 }, money)).toBe(10_000);
    expect(approvalLimitOf({ ...deptHead, approvalLimitFen: 90_000_000 }, money)).toBe(3_000_000);
    expect(approvalLimitOf({ ...areaManager }, money)).toBe(50_000);
    expect(approvalLimitOf({ ...executive }, money)).toBe(100_000_000);
    expect(approvalLimitOf({ ...finance, approvalLimitFen: 1_000_000 }, money)).toBe(0);
  });
});

describe('money use cases (in memory)', () => {
  let store: InMemoryClaimStore;
  let moneyStore: InMemoryMoneyStore;
  let deps: ReturnType<typeof testDependencies>;

  beforeEach(() => {
    store = new InMemoryClaimStore();
    moneyStore = new InMemoryMoneyStore(store);
    deps = testDependencies(store, undefined, moneyStore);
  });

  async function withFindings(overrides: Record<string, unknown> = {}) {
    const { claim, token } = await investigatingClaim(deps, overrides);
    await recordFindings(deps, {
      ref: claim.id,
      principal: agent,
      input: { summary: '包装破损', evidenceRefs: [], rootCause: 'logistics', responsibility: 'company' },
    });
    return { claim, token };
  }

  async function propose(ref: string, amountFen: number, by = agent) {
    return proposeResolution(deps, {
      ref,
      principal: by,
      input: {
        type: 'compensation',
        items: [{ kind: 'direct_loss', description: '损失', amountFen }],
        executingDepartment: 'finance',
        dueOn: '2026-12-10',
      },
    });
  }

  const approve = (ref: string, by = agent) => approveResolution(deps, { ref, principal: by, input: {} });

  describe('investigation', () => {
    it('makes the company responsible for an unclear finding when the policy flag is on', async () => {
      const { claim } = await investigatingClaim(deps);
      const next = await recordFindings(deps, {
        ref: claim.id,
        principal: agent,
        input: {
          summary: '无法判定',
          evidenceRefs: ['photo-1'],
          rootCause: 'other',
          responsibility: 'unclear',
        },
      });
      expect(next.findings).toMatchObject({
        responsibility: 'company',
        companyPaysPolicyApplied: true,
        evidenceRefs: ['photo-1'],
      });
    });

    it('keeps "unclear" when the policy flag is off', async () => {
      deps = {
        ...deps,
        settings: { ...deps.settings, money: { ...deps.settings.money, companyPaysWhenUnclear: false } },
      };
      const { claim } = await investigatingClaim(deps);
      const next = await recordFindings(deps, {
        ref: claim.id,
        principal: agent,
        input: { summary: '无法判定', evidenceRefs: [], rootCause: 'other', responsibility: 'unclear' },
      });
      expect(next.findings).toMatchObject({ responsibility: 'unclear', companyPaysPolicyApplied: false });
    });

    it('requires the party to be named for a supplier, franchisee or third party', () => {
      const result = FindingsInputSchema.safeParse({
        summary: 'x',
        rootCause: 'logistics',
        responsibility: 'third_party',
      });
      expect(result.success).toBe(false);
    });
  });

  describe('resolution plan', () => {
    it('defaults a quality claim without amounts to 1:1 of the product value', async () => {
      const { claim } = await withFindings();
      const next = await proposeResolution(deps, {
        ref: claim.id,
        principal: agent,
        input: {
          type: 'refund',
          items: [],
          executingDepartment: 'finance',
          dueOn: '2026-12-10',
          productValueFen: 12_345,
        },
      });
      expect(next.resolution).toMatchObject({ totalFen: 12_345, defaultedFromProductValue: true });
      expect(next.approval?.requiredTier).toBe('area_manager');
    });

    it('applies the quality default to the categories the policy flags as quality cases, not by code', async () => {
      // Issue 15: the flag is data; here pricing carries it and product_quality does not.
      deps = {
        ...deps,
        settings: {
          ...deps.settings,
          categories: deps.settings.categories.map((c) => ({ ...c, qualityCase: c.code === 'pricing' })),
        },
      };
      const plan: Parameters<typeof proposeResolution>[1]['input'] = {
        type: 'refund',
        items: [],
        executingDepartment: 'finance',
        dueOn: '2026-12-10',
        productValueFen: 12_345,
      };
      const pricing = (await withFindings({ category: 'pricing' })).claim;
      const flagged = await proposeResolution(deps, { ref: pricing.id, principal: agent, input: plan });
      expect(flagged.resolution).toMatchObject({ totalFen: 12_345, defaultedFromProductValue: true });
      const quality = (await withFindings({ category: 'product_quality', product: { name: '水壶 B' } }))
        .claim;
      const unflagged = await proposeResolution(deps, { ref: quality.id, principal: agent, input: plan });
      expect(unflagged.resolution?.totalFen).toBe(0);
      expect(unflagged.resolution?.defaultedFromProductValue).not.toBe(true);
    });

    it('needs legal review first when litigation is threatened, whatever the amount', async () => {
      const { claim } = await withFindings({ facts: { threatensMediaOrLegal: true } });
      const next = await propose(claim.id, 5_000);
      expect(next.status).toBe('legal_review');
      expect(next.approval?.legalReviewReasons).toEqual(['litigation threatened or filed']);
      await expect(approve(claim.id)).rejects.toThrow(InvalidTransitionError);
      await clearLegalReview(deps, { ref: claim.id, principal: legal, input: { reason: 'ok' } });
      expect((await approve(claim.id)).status).toBe('offer_sent');
    });

    it('refuses an advance payment when no supplier or franchisee is responsible', async () => {
      const { claim } = await withFindings();
      await expect(
        proposeResolution(deps, {
          ref: claim.id,
          principal: agent,
          input: {
            type: 'compensation',
            items: [{ kind: 'direct_loss', description: 'x', amountFen: 100 }],
            executingDepartment: 'finance',
            dueOn: '2026-12-10',
            advancePayment: { basis: 'x', dueOn: '2027-01-01' },
          },
        }),
      ).rejects.toThrow('supplier or franchisee');
    });

    it('tells the tier role in the claim’s unit that approval is needed', async () => {
      const { claim } = await withFindings();
      await propose(claim.id, 40_000);
      const intent = deps.queues.sent.find((m) => m.id.startsWith(`${claim.id}:approval_needed`));
      expect(intent?.body).toMatchObject({
        kind: 'approval_needed',
        recipient: { type: 'unit_role', unitId: 'HQ', role: 'manager' },
        data: { totalFen: 40_000 },
      });
    });
  });

  describe('approval refusals', () => {
    it('refuses an approval above the approver’s limit, and takes one within it', async () => {
      const { claim } = await withFindings();
      await propose(claim.id, 60_000); // department-head tier
      await expect(approve(claim.id, areaManager)).rejects.toThrow(ForbiddenError);
      await expect(approve(claim.id, areaManager)).rejects.toThrow('above your approval limit');
      expect((await approve(claim.id, deptHead)).status).toBe('offer_sent');
    });

    it('refuses an approver whose role is below the tier even with a high token limit', async () => {
      const { claim } = await withFindings();
      await propose(claim.id, 20_000);
      await expect(approve(claim.id, { ...agent, approvalLimitFen: 10_000_000 })).rejects.toThrow(
        'area_manager tier',
      );
    });

    it('refuses self-approval above the agent tier, allows it within', async () => {
      const { claim } = await withFindings();
      await propose(claim.id, 20_000, deptHead);
      await expect(approve(claim.id, deptHead)).rejects.toThrow(
        'nobody approves their own proposal above the agent tier',
      );
      const { claim: small } = await withFindings({ claimant: { name: '李四', phone: '13900000000' } });
      await propose(small.id, 10_000, agent);
      expect((await approve(small.id, agent)).status).toBe('offer_sent');
    });

    it('decides the tier when approving: a claim that became level 1 since the proposal needs the executive', async () => {
      const { claim } = await withFindings();
      const proposed = await propose(claim.id, 5_000); // agent tier when proposed
      expect(proposed.approval?.requiredTier).toBe('agent');
      await deps.writer.commit(
        claimUpdate(
          proposed,
          { ...proposed, severity: 1 },
          {
            eventId: 'EVT-SEV1',
            at: '2026-11-24T02:00:00.000Z',
            actor: { type: 'system', id: 'sweep' },
            action: 'assign',
          },
        ).change,
      );
      await expect(approve(claim.id, agent)).rejects.toThrow('executive tier');
      await expect(approve(claim.id, areaManager)).rejects.toThrow('executive tier');
      const approved = await approve(claim.id, executive);
      expect(approved).toMatchObject({ status: 'offer_sent', approval: { requiredTier: 'executive' } });
    });

    it('sends a plan to legal review at approval when litigation was filed after the proposal', async () => {
      const { claim } = await withFindings();
      const proposed = await propose(claim.id, 5_000);
      expect(proposed.status).toBe('proposed');
      await deps.writer.commit(
        claimUpdate(
          proposed,
          { ...proposed, facts: { ...proposed.facts, litigationFiled: true } },
          {
            eventId: 'EVT-LIT',
            at: '2026-11-24T02:00:00.000Z',
            actor: { type: 'system', id: 'test' },
            action: 'assign',
          },
        ).change,
      );
      deps.queues.sent.length = 0;
      const routed = await approve(claim.id, agent);
      expect(routed).toMatchObject({
        status: 'legal_review',
        approval: { legalReviewRequired: true, legalReviewReasons: ['litigation threatened or filed'] },
      });
      expect(routed.offer).toBeUndefined();
      const events = await store.listEvents(claim.id);
      expect(events.at(-1)?.action).toBe('send_to_legal_review');
      const toLegal = deps.queues.sent.find((m) => m.id.startsWith(`${claim.id}:approval_needed`));
      expect(toLegal?.body).toMatchObject({
        kind: 'approval_needed',
        recipient: { type: 'unit_role', unitId: 'HQ', role: 'legal' },
        data: { legalReview: true },
      });
      await clearLegalReview(deps, { ref: claim.id, principal: legal, input: { reason: '风险可控' } });
      expect((await approve(claim.id, agent)).status).toBe('offer_sent');
    });

    it('records rejection and send-back with reasons, back to investigation', async () => {
      const { claim } = await withFindings();
      await propose(claim.id, 20_000);
      const back = await sendBack(deps, {
        ref: claim.id,
        principal: areaManager,
        input: { reason: '补充证据' },
      });
      expect(back.status).toBe('investigating');
      expect(back.approval?.steps.at(-1)).toMatchObject({
        step: 'sent_back',
        by: 'area-mgr',
        reason: '补充证据',
      });
      expect(back.resolution?.status).toBe('sent_back');
    });
  });

  describe('customer decision and reconsideration', () => {
    async function offered() {
      const { claim, token } = await withFindings();
      await propose(claim.id, 20_000);
      await approve(claim.id, areaManager);
      return { claim, token };
    }

    it('approval ends the decision clock and a reconsideration runs its own, each counted in the month', async () => {
      const { claim, token } = await offered();
      const approved = await store.getById(claim.id);
      expect(approved?.clocks?.decision?.state).toBe('stopped');
      await requestReconsideration(deps, claim.number, token, '认为责任认定有误，请复议');
      expect((await store.getById(claim.id))?.clocks?.reconsideration?.state).toBe('running');
      const otherManager = principal(['manager'], 'HQ', { id: 'mgr-3', approvalLimitFen: 50_000 });
      await decideReconsideration(deps, {
        ref: claim.id,
        principal: otherManager,
        input: { outcome: 'upheld', reason: '维持' },
      });
      expect((await store.getById(claim.id))?.clocks?.reconsideration?.state).toBe('stopped');
      const counters = await store.monthlyCounters(claim.receivedAt.slice(0, 7));
      expect(counters).toMatchObject({
        'clock.decision.stopped': 1,
        'clock.decision.met': 1,
        'clock.reconsideration.stopped': 1,
        'clock.reconsideration.met': 1,
      });
    });

    it('sends an amendment past the legal threshold to legal and the executive, never straight to payout', async () => {
      const { claim, token } = await withFindings();
      await propose(claim.id, 20_000);
      await approve(claim.id, areaManager);
      await requestReconsideration(deps, claim.number, token, '损失远大于此，请复议');
      const decider = principal(['manager'], 'HQ', { id: 'mgr-2', approvalLimitFen: 10_000_000 });
      deps.queues.sent.length = 0;
      const decided = await decideReconsideration(deps, {
        ref: claim.id,
        principal: decider,
        input: {
          outcome: 'amended',
          reason: '全额支持',
          items: [{ kind: 'direct_loss', description: '全部损失', amountFen: 5_000_000 }],
        },
      });
      expect(decided).toMatchObject({
        status: 'legal_review',
        resolution: { revision: 2, totalFen: 5_000_000, status: 'proposed' },
        approval: { requiredTier: 'executive', legalReviewRequired: true },
      });
      expect(decided.approval?.legalClearedAt).toBeUndefined();
      const bodies = deps.queues.sent.map((m) => m.body);
      const told = deps.queues.sent.find((m) => m.id.startsWith(`${claim.id}:reconsideration_decided`));
      expect(told?.body).toMatchObject({ kind: 'reconsideration_decided', data: { pendingApproval: true } });
      expect(bodies).not.toContainEqual(expect.objectContaining({ kind: 'decision_offer' }));
      await expect(acceptOffer(deps, claim.number, token)).rejects.toThrow(InvalidTransitionError);
      expect(moneyStore.payouts.size).toBe(0);

      await clearLegalReview(deps, { ref: claim.id, principal: legal, input: { reason: '证据充分' } });
      await expect(approve(claim.id, deptHead)).rejects.toThrow('executive tier');
      const approved = await approve(claim.id, executive);
      expect(approved).toMatchObject({ status: 'offer_sent', offer: { revision: 2, totalFen: 5_000_000 } });
      const accepted = await acceptOffer(deps, claim.number, token);
      expect(accepted.payouts?.map((p) => p.amountFen)).toEqual([5_000_000]);
    });

    it('lets the decider send an amendment within the agent tier at once', async () => {
      const { claim, token } = await offered();
      await requestReconsideration(deps, claim.number, token, '请复议');
      const decider = principal(['manager'], 'HQ', { id: 'mgr-2', approvalLimitFen: 50_000 });
      const decided = await decideReconsideration(deps, {
        ref: claim.id,
        principal: decider,
        input: {
          outcome: 'amended',
          reason: '调整',
          items: [{ kind: 'direct_loss', description: 'x', amountFen: 9_000 }],
        },
      });
      expect(decided).toMatchObject({
        status: 'offer_sent',
        offer: { revision: 2, totalFen: 9_000 },
        approval: { requiredTier: 'agent' },
      });
    });

    it('holds payouts during arbitration, and a closure through legal is final whatever the survey says', async () => {
      const { claim, token, payoutId } = await acceptedMoneyClaim(deps);
      await requestReconsideration(deps, claim.number, token, '金额不足以弥补损失，请复议');
      await handToLegal(deps, {
        ref: claim.id,
        principal: legal,
        input: { track: 'arbitration', reason: '客户申请仲裁' },
      });
      await expect(
        confirmPayout(deps, { payoutId, voucherNumber: 'PZ-1', principal: finance }),
      ).rejects.toThrow('nothing is paid until legal concludes it');
      const gateway = new SimulatedGateway();
      expect(await processPayout({ ...deps, gateway }, payoutId)).toBe('held');
      expect(moneyStore.payouts.get(payoutId)?.status).toBe('requested');

      deps.queues.sent.length = 0;
      const concluded = await concludeLegal(deps, {
        ref: claim.id,
        principal: legal,
        input: { reason: '仲裁裁决：按原方案赔付' },
      });
      expect(concluded.status).toBe('closed');
      expect(deps.queues.sent).toContainEqual(
        expect.objectContaining({ queue: 'payout', body: { payoutId, claimId: claim.id } }),
      );
      expect(await processPayout({ ...deps, gateway }, payoutId)).toBe('paid');

      const rated = await recordSurvey(deps, claim.number, token, {
        rating: 'unsatisfied',
        comment: '不满意裁决',
      });
      expect(rated).toMatchObject({ status: 'closed', survey: { rating: 'unsatisfied' } });
      expect((await store.listEvents(claim.id)).at(-1)?.action).toBe('record_survey');
    });

    it('a dispute reopens negotiation and a new proposal follows', async () => {
      const { claim, token } = await offered();
      const disputed = await disputeOffer(deps, claim.number, token, '金额太低');
      expect(disputed.status).toBe('negotiating');
      const again = await propose(claim.id, 30_000);
      expect(again).toMatchObject({ status: 'proposed', resolution: { revision: 2, totalFen: 30_000 } });
    });

    it('refuses reconsideration after the window, accepts it within', async () => {
      const { claim, token } = await offered();
      deps.clock.advanceDays(15);
      const requested = await requestReconsideration(deps, claim.number, token, '认为责任认定有误，请复议');
      expect(requested.status).toBe('reconsideration');
      expect(requested.reconsideration?.requestedAt).toBe(deps.clock.now().toISOString());

      const { claim: late, token: lateToken } = await offered();
      deps.clock.advanceDays(15);
      deps.clock.set(new Date(deps.clock.now().getTime() + 60_000).toISOString());
      await expect(
        requestReconsideration(deps, late.number, lateToken, '认为责任认定有误，请复议'),
      ).rejects.toThrow(PolicyRefusalError);
      expect((await store.getById(late.id))?.status).toBe('offer_sent');
    });

    it('is decided by a different handler, finally; then litigation freezes closure until legal concludes', async () => {
      const { claim, token } = await offered();
      await requestReconsideration(deps, claim.number, token, '认为责任认定有误，请复议');
      await expect(
        decideReconsideration(deps, {
          ref: claim.id,
          principal: areaManager,
          input: { outcome: 'upheld', reason: '维持' },
        }),
      ).rejects.toThrow('someone other than the original handlers');
      const otherManager = principal(['manager'], 'HQ', { id: 'mgr-2', approvalLimitFen: 50_000 });
      const decided = await decideReconsideration(deps, {
        ref: claim.id,
        principal: otherManager,
        input: {
          outcome: 'amended',
          reason: '部分支持',
          items: [{ kind: 'direct_loss', description: 'x', amountFen: 25_000 }],
        },
      });
      // ¥250 is the area-manager tier: the decider proposed it, so someone else approves it (SPEC §8).
      expect(decided).toMatchObject({
        status: 'proposed',
        resolution: { revision: 2, totalFen: 25_000, proposedBy: 'mgr-2', status: 'proposed' },
        approval: { revision: 2, requiredTier: 'area_manager', legalReviewRequired: false },
        offer: { totalFen: 20_000, revision: 1 },
      });
      await expect(approve(claim.id, otherManager)).rejects.toThrow('nobody approves their own proposal');
      const approved = await approve(claim.id, deptHead);
      expect(approved).toMatchObject({ status: 'offer_sent', offer: { totalFen: 25_000, revision: 2 } });
      await expect(requestReconsideration(deps, claim.number, token, '仍不同意，请再次复议')).rejects.toThrow(
        'final',
      );
      // Nothing but legal hand-over follows the final reconsideration: no second negotiation either.
      await expect(disputeOffer(deps, claim.number, token, '仍不同意')).rejects.toThrow(
        'what remains is mediation, arbitration or litigation',
      );

      const handed = await handToLegal(deps, {
        ref: claim.id,
        principal: legal,
        input: { track: 'litigation', reason: '客户起诉' },
      });
      expect(handed.status).toBe('legal_proceedings');
      await expect(confirmClosure(deps, claim.number, token)).rejects.toThrow(InvalidTransitionError);
      deps.clock.advanceDays(30);
      expect((await autoCloseQuietClaims(deps, deps.clock.now())).closed).toEqual([]);
      const concluded = await concludeLegal(deps, {
        ref: claim.id,
        principal: legal,
        input: { reason: '判决结案' },
      });
      expect(concluded.status).toBe('closed');
    });
  });

  describe('payouts and execution', () => {
    it('refuses a payout for a plan that is not approved', async () => {
      const { claim, token } = await withFindings();
      const proposed = await propose(claim.id, 20_000);
      expect(() => payoutsForAcceptedPlan(proposed, proposed.updatedAt)).toThrow(PolicyRefusalError);
      const forged: Claim = { ...proposed, status: 'offer_sent' };
      expect(() => payoutsForAcceptedPlan(forged, forged.updatedAt)).toThrow('not been approved');
      await expect(acceptOffer(deps, claim.number, token)).rejects.toThrow(InvalidTransitionError);
      expect(moneyStore.payouts.size).toBe(0);
    });

    it('executes a replacement with a shipping number instead of a payout', async () => {
      const { claim, token } = await withFindings();
      await proposeResolution(deps, {
        ref: claim.id,
        principal: agent,
        input: { type: 'replacement', items: [], executingDepartment: 'warehouse', dueOn: '2026-12-01' },
      });
      await approve(claim.id);
      const accepted = await acceptOffer(deps, claim.number, token);
      expect(accepted.status).toBe('executing');
      expect(moneyStore.payouts.size).toBe(0);
      const done = await recordExecution(deps, {
        ref: claim.id,
        principal: agent,
        input: { kind: 'shipping', reference: 'SF1234567890' },
      });
      expect(done).toMatchObject({
        status: 'executed',
        execution: { kind: 'shipping', reference: 'SF1234567890' },
      });
    });

    it.each(['shipped first', 'paid first'] as const)(
      'pays the compensation items of a replacement plan and executes it once shipped and paid (%s)',
      async (order) => {
        const { claim, token } = await withFindings();
        await proposeResolution(deps, {
          ref: claim.id,
          principal: agent,
          input: {
            type: 'replacement',
            items: [{ kind: 'indirect_loss', description: '误工补偿', amountFen: 5_000 }],
            executingDepartment: 'warehouse',
            dueOn: '2026-12-01',
          },
        });
        await approve(claim.id);
        const accepted = await acceptOffer(deps, claim.number, token);
        expect(accepted.status).toBe('executing');
        const payoutId = accepted.payouts?.[0]?.id ?? '';
        expect([...moneyStore.payouts.values()].map((p) => p.amountFen)).toEqual([5_000]);
        const ship = () =>
          recordExecution(deps, {
            ref: claim.id,
            principal: agent,
            input: { kind: 'shipping', reference: 'SF1' },
          });
        const pay = () => confirmPayout(deps, { payoutId, voucherNumber: 'PZ-9', principal: finance });
        if (order === 'shipped first') {
          expect((await ship()).status).toBe('executing');
          await pay();
        } else {
          await pay();
          expect((await store.getById(claim.id))?.status).toBe('executing');
          await ship();
        }
        expect(await store.getById(claim.id)).toMatchObject({
          status: 'executed',
          execution: { kind: 'shipping', reference: 'SF1' },
          payouts: [{ id: payoutId, status: 'paid', amountFen: 5_000 }],
        });
      },
    );

    it('refuses to record a money resolution as executed without its payout', async () => {
      const { claim } = await acceptedMoneyClaim(deps);
      await expect(
        recordExecution(deps, { ref: claim.id, principal: agent, input: { kind: 'other', reference: 'x' } }),
      ).rejects.toThrow('executed by its payout');
    });
  });

  describe('recovery (追偿)', () => {
    it('records recoveries to the fen, refuses over-recovery, and keeps the ledger per party and month', async () => {
      const { claim, payoutId } = await acceptedMoneyClaim(deps);
      await confirmPayout(deps, { payoutId, voucherNumber: 'PZ-1', principal: finance });
      const [recovery] = await moneyStore.listRecoveries(claim.id);
      if (!recovery) throw new Error('no recovery opened');
      expect(recovery).toMatchObject({
        amountFen: 8_000,
        recoveredFen: 0,
        partyType: 'supplier',
        status: 'open',
      });

      const partial = await recordRecovery(deps, {
        recoveryId: recovery.id,
        principal: finance,
        input: { method: 'deposit_deduction', amountFen: 5_000, reference: '质保金扣款单 D-1' },
      });
      expect(partial).toMatchObject({ recoveredFen: 5_000, status: 'open' });
      await expect(
        recordRecovery(deps, {
          recoveryId: recovery.id,
          principal: finance,
          input: { method: 'transfer', amountFen: 3_001, reference: 'T-1' },
        }),
      ).rejects.toThrow(PolicyRefusalError);
      await expect(
        recordRecovery(deps, {
          recoveryId: recovery.id,
          principal: agent,
          input: { method: 'transfer', amountFen: 1, reference: 'T-1' },
        }),
      ).rejects.toThrow(ForbiddenError);
      const settled = await recordRecovery(deps, {
        recoveryId: recovery.id,
        principal: finance,
        input: { method: 'transfer', amountFen: 3_000, reference: 'T-2' },
      });
      expect(settled).toMatchObject({ recoveredFen: 8_000, status: 'settled' });

      const byParty = await recoveryLedger(deps, finance, { partyType: 'supplier', partyName: ' 甲供应商 ' });
      expect(byParty.entries.map((e) => [e.kind, e.amountFen, e.balanceAfterFen])).toEqual([
        ['advance', 8_000, 8_000],
        ['deposit_deduction', 5_000, 3_000],
        ['transfer', 3_000, 0],
      ]);
      expect(byParty.totals).toEqual({ advancedFen: 8_000, recoveredFen: 8_000, netFen: 0 });
      const byMonth = await recoveryLedger(deps, finance, { month: '2026-11' });
      expect(byMonth.entries.every((e) => e.partyKey === partyKey('supplier', '甲供应商'))).toBe(true);
      expect(byMonth.entries).toHaveLength(3);
      await expect(recoveryLedger(deps, agent, { month: '2026-11' })).rejects.toThrow(ForbiddenError);
    });

    it('shows finance below HQ only the ledger entries of claims in their units', async () => {
      const atHq = await acceptedMoneyClaim(deps);
      await confirmPayout(deps, { payoutId: atHq.payoutId, voucherNumber: 'PZ-HQ', principal: finance });
      const atStore = await acceptedMoneyClaim(deps);
      // Dispatched to the store before the payout: the advance is booked under the store's unit path.
      await applyTriageAction(deps, {
        ref: atStore.claim.id,
        action: 'assign',
        payload: { unitId: 'EAST-SH01' },
        principal: principal(['manager']),
      });
      await confirmPayout(deps, { payoutId: atStore.payoutId, voucherNumber: 'PZ-SH01', principal: finance });
      const claimsIn = async (who: StaffPrincipal) =>
        (await recoveryLedger(deps, who, { month: '2026-11' })).entries.map((e) => e.claimNumber);

      expect(await claimsIn(finance)).toEqual(
        expect.arrayContaining([atHq.claim.number, atStore.claim.number]),
      );
      for (const unit of ['EAST', 'EAST-SH01']) {
        expect(await claimsIn(principal(['finance'], unit))).toEqual([atStore.claim.number]);
        const store = await recoveryLedger(deps, principal(['executive'], unit), { month: '2026-11' });
        expect(store.totals).toEqual({ advancedFen: 8_000, recoveredFen: 0, netFen: 8_000 });
      }
    });
  });

  describe('closure', () => {
    async function executed() {
      const { claim, token, payoutId } = await acceptedMoneyClaim(deps);
      await confirmPayout(deps, { payoutId, voucherNumber: 'PZ-1', principal: finance });
      return { claim, token };
    }

    it('never closes by itself when the policy switches the auto-close off', async () => {
      const { claim } = await executed();
      const off = {
        ...deps,
        settings: { ...deps.settings, money: { ...deps.settings.money, autoCloseQuietDays: null } },
      };
      deps.clock.advanceDays(60);
      expect(await autoCloseQuietClaims(off, deps.clock.now())).toEqual({ closed: [], skipped: [] });
      expect((await store.getById(claim.id))?.status).toBe('executed');
    });

    it('closes itself after the quiet period, not before, scheduling return visits', async () => {
      const { claim } = await executed();
      deps.clock.advanceDays(6);
      expect((await autoCloseQuietClaims(deps, deps.clock.now())).closed).toEqual([]);
      deps.clock.advanceDays(2);
      const result = await autoCloseQuietClaims(deps, deps.clock.now());
      expect(result.closed).toEqual([claim.number]);
      const closed = await store.getById(claim.id);
      expect(closed).toMatchObject({
        status: 'closed',
        closure: { reason: 'auto_closed', explanation: '执行后 7 天无异议，自动关闭' },
      });
      const closedAt = new Date(closed?.closure?.at ?? '');
      expect(closed?.followUps).toEqual([
        {
          id: `${claim.id}:return_visit:1`,
          kind: 'return_visit',
          dueAt: (await deps.calendars.current()).addWorkingDays(closedAt, 5).at,
          status: 'scheduled',
        },
        {
          id: `${claim.id}:quality_revisit:2`,
          kind: 'quality_revisit',
          dueAt: new Date(Date.UTC(2027, 2, closedAt.getUTCDate(), closedAt.getUTCHours())).toISOString(),
          status: 'scheduled',
        },
      ]);
      expect(deps.queues.sent.some((m) => m.id.startsWith(`${claim.id}:closure_survey`))).toBe(true);
    });

    it("dates the return visit with the calendar in force, the operator's schedule included", async () => {
      const { claim } = await executed();
      deps.clock.advanceDays(8);
      const closingAt = deps.clock.now();
      const shipped = createWorkingCalendar();
      // The operator declares the next working day a holiday: the visit moves one working day later.
      const nextWorkingDay = shanghaiDate(new Date(shipped.addWorkingDays(closingAt, 1).at));
      const year = Number(nextWorkingDay.slice(0, 4));
      const schedule = {
        year,
        source: 'operator test',
        days: [
          ...(shippedSchedules().find((s) => s.year === year)?.days ?? []),
          { date: nextWorkingDay, kind: 'holiday' as const, name: '临时休假' },
        ],
      };
      await storeHolidaySchedule(deps, { operator: 'ops' }, schedule);
      await autoCloseQuietClaims(deps, deps.clock.now());
      const visit = (await store.getById(claim.id))?.followUps?.find((f) => f.kind === 'return_visit');
      const loaded = createWorkingCalendar({ schedules: [...shippedSchedules(), schedule] });
      expect(visit?.dueAt).toBe(loaded.addWorkingDays(closingAt, 5).at);
      expect(visit?.dueAt).not.toBe(shipped.addWorkingDays(closingAt, 5).at);
    });

    it('"unsatisfied" reopens negotiation; a closure is rated once', async () => {
      const { claim, token } = await executed();
      await confirmClosure(deps, claim.number, token);
      const reopened = await recordSurvey(deps, claim.number, token, {
        rating: 'unsatisfied',
        comment: '不满意',
      });
      expect(reopened).toMatchObject({ status: 'negotiating', survey: { rating: 'unsatisfied' } });
      expect(reopened.closure).toBeUndefined();

      const { claim: other, token: otherToken } = await executed();
      await confirmClosure(deps, other.number, otherToken);
      await recordSurvey(deps, other.number, otherToken, { rating: 'basically_satisfied' });
      await expect(recordSurvey(deps, other.number, otherToken, { rating: 'satisfied' })).rejects.toThrow(
        'already been rated',
      );
    });
  });
});

describe('failed payouts', () => {
  it('finance fails a stuck payout and retries it as a new payout, which the worker pays', async () => {
    const store = new InMemoryClaimStore();
    const moneyStore = new InMemoryMoneyStore(store);
    const deps = testDependencies(store, undefined, moneyStore);
    const { claim, payoutId } = await acceptedMoneyClaim(deps);
    await expect(retryPayout(deps, { payoutId, principal: finance })).rejects.toThrow(InvalidTransitionError);
    const failed = await failPayout(deps, { payoutId, reason: '银行退票', principal: finance });
    expect(failed).toMatchObject({ status: 'failed', failureReason: '银行退票' });
    expect(await store.getById(claim.id)).toMatchObject({
      status: 'executing',
      payouts: [{ id: payoutId, status: 'failed' }],
    });
    const retry = await retryPayout(deps, { payoutId, principal: finance });
    expect(retry).toMatchObject({ id: `${claim.id}:payout:2`, status: 'requested', amountFen: 8_000 });
    expect(deps.queues.sent.filter((m) => m.queue === 'payout').map((m) => m.id)).toEqual([
      payoutId,
      retry.id,
    ]);
    await expect(retryPayout(deps, { payoutId, principal: finance })).rejects.toThrow(InvalidTransitionError);
    const gateway = new SimulatedGateway();
    expect(await processPayout({ ...deps, gateway }, retry.id)).toBe('paid');
    expect(await store.getById(claim.id)).toMatchObject({
      status: 'executed',
      payouts: [
        { id: payoutId, status: 'failed' },
        { id: retry.id, status: 'paid' },
      ],
    });
    expect(await moneyStore.listRecoveries(claim.id)).toHaveLength(1);
  });
});

describe('re-acceptance after reconsideration', () => {
  it('pays only the difference of an amended offer, and nothing again for an upheld one', async () => {
    const store = new InMemoryClaimStore();
    const moneyStore = new InMemoryMoneyStore(store);
    const deps = testDependencies(store, undefined, moneyStore);
    const gateway = new SimulatedGateway();
    const { claim, token, payoutId } = await acceptedMoneyClaim(deps);
    expect(await processPayout({ ...deps, gateway }, payoutId)).toBe('paid');
    expect((await store.getById(claim.id))?.status).toBe('executed');

    await requestReconsideration(deps, claim.number, token, '配件之外还有误工损失，请复议');
    const otherManager = principal(['manager'], 'HQ', { id: 'mgr-2', approvalLimitFen: 50_000 });
    await decideReconsideration(deps, {
      ref: claim.id,
      principal: otherManager,
      input: {
        outcome: 'amended',
        reason: '补偿误工',
        items: [
          { kind: 'direct_loss', description: '配件', amountFen: 8_000 },
          { kind: 'indirect_loss', description: '误工', amountFen: 2_000 },
        ],
      },
    });
    const accepted = await acceptOffer(deps, claim.number, token);
    expect(accepted.status).toBe('executing');
    const second = accepted.payouts?.[1];
    expect(second).toMatchObject({ id: `${claim.id}:payout:2`, amountFen: 2_000, status: 'requested' });
    expect(await processPayout({ ...deps, gateway }, second?.id ?? '')).toBe('paid');
    expect((await store.getById(claim.id))?.status).toBe('executed');

    // Another claim: reconsideration upheld after payment → accepted again → executed, no new payout.
    const other = await acceptedMoneyClaim(deps);
    expect(await processPayout({ ...deps, gateway }, other.payoutId)).toBe('paid');
    await requestReconsideration(deps, other.claim.number, other.token, '请复议，理由见附件材料');
    await decideReconsideration(deps, {
      ref: other.claim.id,
      principal: otherManager,
      input: { outcome: 'upheld', reason: '维持原决定' },
    });
    const again = await acceptOffer(deps, other.claim.number, other.token);
    expect(again).toMatchObject({ status: 'executed', payouts: [{ id: other.payoutId, status: 'paid' }] });
    expect((await moneyStore.listPayouts(other.claim.id)).length).toBe(1);
  });
});
