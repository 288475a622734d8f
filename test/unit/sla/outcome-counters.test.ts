import { describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { ForbiddenError } from '../../../shared/domain/errors.js';
import type { Findings } from '../../../shared/domain/resolution.js';
import type { LedgerEntry, Payout } from '../../../shared/domain/payout.js';
import { moneyCounters, outcomeCounters } from '../../../shared/domain/sla/outcome-counters.js';
import { mergeCounters } from '../../../shared/domain/sla/statistics.js';
import { monthlyStatistics } from '../../../shared/domain/use-cases/statistics.js';
import { confirmPayout, recordRecovery } from '../../../shared/domain/use-cases/payouts.js';
import { recordSurvey, confirmClosure } from '../../../shared/domain/use-cases/customer-decision.js';
import { recordFindings } from '../../../shared/domain/use-cases/resolution.js';
import { principal, testDependencies } from '../../support/fixtures.js';
import { acceptedMoneyClaim, agent, finance } from '../../support/money.js';

const payout = (status: Payout['status'], amountFen: number): Payout => ({
  id: 'c1:payout:1',
  claimId: 'c1',
  claimNumber: 'CLM-2026-000001',
  sequence: 1,
  amountFen,
  currency: 'CNY',
  payeeName: '王芳',
  planRevision: 1,
  status,
  attempts: 1,
  requestedAt: '2026-11-23T02:00:00Z',
});

const entry = (kind: LedgerEntry['kind'], amountFen: number): LedgerEntry => ({
  id: `e-${kind}`,
  recoveryId: 'r1',
  claimId: 'c1',
  claimNumber: 'CLM-2026-000001',
  partyKey: 'supplier:甲',
  partyName: '甲',
  kind,
  amountFen,
  balanceAfterFen: 0,
  at: '2026-11-23T02:00:00Z',
  by: 'finance-1',
});

const findings = (rootCause: Findings['rootCause'], recordedAt: string): Findings => ({
  summary: 's',
  evidenceRefs: [],
  rootCause,
  responsibility: 'company',
  companyPaysPolicyApplied: false,
  recordedAt,
  recordedBy: 'agent-7',
});

/** A claim at HQ: only the organisation's counters move (a unit's below HQ are tested with placement). */
const atHq = { id: 'c1', unitPath: ['HQ'] };

const adds = (writes: ReturnType<typeof mergeCounters>) =>
  writes.map((w) => (w.type === 'stats' ? { month: w.month, add: w.add } : w));

describe('outcome counters', () => {
  it('count a payout settled as paid, in the Shanghai month of the settle, and nothing for a failed one', () => {
    // 2026-11-30 17:00 UTC is 1 December in Shanghai.
    const paid = moneyCounters(atHq, '2026-11-30T17:00:00Z', [
      { type: 'payout_update', next: payout('paid', 8_000), expectedStatus: 'submitting' },
      { type: 'ledger_entry', entry: entry('advance', 8_000) },
    ]);
    expect(adds(paid)).toEqual([
      {
        month: '2026-12',
        add: {
          'money.paidFen': 8_000,
          'money.payoutsPaid': 1,
          'money.advancedFen': 8_000,
          'money.advances': 1,
        },
      },
    ]);
    expect(
      moneyCounters(atHq, '2026-11-23T02:00:00Z', [
        { type: 'payout_update', next: payout('failed', 8_000), expectedStatus: 'submitting' },
      ]),
    ).toEqual([]);
  });

  it('count recovered money by ledger entry', () => {
    const recovered = moneyCounters(atHq, '2026-11-23T02:00:00Z', [
      { type: 'ledger_entry', entry: entry('deposit_deduction', 3_000) },
      { type: 'ledger_entry', entry: entry('transfer', 2_000) },
    ]);
    expect(adds(recovered)).toEqual([
      { month: '2026-11', add: { 'money.recoveredFen': 5_000, 'money.recoveries': 2 } },
    ]);
  });

  it('count a claim once under its current root cause, moving it when the findings are revised', () => {
    const base = atHq;
    const none = { ...base };
    const first = { ...base, findings: findings('batch_defect', '2026-11-23T02:00:00Z') };
    expect(adds(mergeCounters(outcomeCounters(none, first)))).toEqual([
      { month: '2026-11', add: { 'rootCause.batch_defect': 1 } },
    ]);
    // Same cause restated the same month: nothing moves.
    const restated = { ...base, findings: findings('batch_defect', '2026-11-24T02:00:00Z') };
    expect(mergeCounters(outcomeCounters(first, restated))).toEqual([]);
    // Revised to another cause next month: out of November's old cause, into December's new one.
    const revised = { ...base, findings: findings('logistics', '2026-12-02T02:00:00Z') };
    expect(adds(mergeCounters(outcomeCounters(restated, revised)))).toEqual([
      { month: '2026-11', add: { 'rootCause.batch_defect': -1 } },
      { month: '2026-12', add: { 'rootCause.logistics': 1 } },
    ]);
  });

  it('count each survey answer once, by rating', () => {
    const closed = atHq;
    const rated = {
      ...closed,
      survey: { rating: 'basically_satisfied' as const, at: '2026-11-25T02:00:00Z' },
    };
    expect(adds(outcomeCounters(closed, rated))).toEqual([
      { month: '2026-11', add: { 'survey.basically_satisfied': 1 } },
    ]);
    expect(outcomeCounters(rated, { ...rated })).toEqual([]);
  });

  it('merge writes to one counter item per month and shard, keeping other related writes', () => {
    const breach = { type: 'commitment_breach', commitmentId: 'k', claimId: 'c1', at: 'x' } as const;
    const merged = mergeCounters([
      breach,
      { type: 'stats', month: '2026-11', shard: 3, add: { a: 1, b: 2 } },
      { type: 'stats', month: '2026-11', shard: 3, add: { a: 1, b: -2 } },
      { type: 'stats', month: '2026-12', shard: 3, add: { a: 1 } },
    ]);
    expect(merged).toEqual([
      breach,
      { type: 'stats', month: '2026-11', shard: 3, add: { a: 2 } },
      { type: 'stats', month: '2026-12', shard: 3, add: { a: 1 } },
    ]);
  });
});

describe('monthly statistics with money, satisfaction and root causes (in memory)', () => {
  it('answers what the use cases counted, in fen, with the satisfied rate and the top root causes', async () => {
    const store = new InMemoryClaimStore();
    const deps = testDependencies(store);
    const { claim, token, payoutId } = await acceptedMoneyClaim(deps);
    await confirmPayout(deps, { payoutId, voucherNumber: 'PZ-1', principal: finance });
    await recordRecovery(deps, {
      recoveryId: `${payoutId}:recovery`,
      principal: finance,
      input: { method: 'deposit_deduction', amountFen: 3_000, reference: 'DK-1' },
    });
    await confirmClosure(deps, claim.number, token);
    await recordSurvey(deps, claim.number, token, { rating: 'satisfied' });
    const stats = await monthlyStatistics(deps, principal(['executive']), '2026-11');
    expect(stats.money).toEqual({
      paidFen: 8_000,
      payoutsPaid: 1,
      advancedFen: 8_000,
      advances: 1,
      recoveredFen: 3_000,
      recoveries: 1,
    });
    expect(stats.satisfaction).toEqual({
      satisfied: 1,
      basicallySatisfied: 0,
      unsatisfied: 0,
      answers: 1,
      satisfiedRate: 1,
    });
    expect(stats.topRootCauses).toEqual([{ rootCause: 'supplier_material', claims: 1 }]);
    const empty = await monthlyStatistics(deps, principal(['manager']), '2026-10');
    expect(empty.satisfaction.satisfiedRate).toBeNull();
    expect(empty.topRootCauses).toEqual([]);
    expect(empty.money.paidFen).toBe(0);
    await expect(monthlyStatistics(deps, principal(['agent']), '2026-11')).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('orders root causes by claims, then by name', async () => {
    const deps = testDependencies(new InMemoryClaimStore());
    const { investigatingClaim } = await import('../../support/money.js');
    for (const [i, rootCause] of (['logistics', 'misuse', 'logistics'] as const).entries()) {
      const { claim } = await investigatingClaim(deps, {
        product: { name: 'K1', orderNumber: `SO-RC-${i}` },
        claimant: { name: '王芳', phone: `1380013800${i}` },
      });
      await recordFindings(deps, {
        ref: claim.id,
        principal: agent,
        input: { summary: 's', evidenceRefs: [], rootCause, responsibility: 'company' },
      });
    }
    const stats = await monthlyStatistics(deps, principal(['admin']), '2026-11');
    expect(stats.topRootCauses).toEqual([
      { rootCause: 'logistics', claims: 2 },
      { rootCause: 'misuse', claims: 1 },
    ]);
  });
});
