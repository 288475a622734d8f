import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { InMemoryMoneyStore } from '../../../shared/adapters/memory/money-store.js';
import { createWorkingCalendar } from '../../../shared/domain/calendar/index.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { InvalidTransitionError, ValidationError } from '../../../shared/domain/errors.js';
import {
  CLAIM_STATUSES,
  OPEN_STATUSES,
  TERMINAL_STATUSES,
  planTransition,
} from '../../../shared/domain/lifecycle.js';
import { NotificationIntentSchema, CUSTOMER_NOTIFICATION_KINDS } from '../../../shared/domain/messages.js';
import { deadlineOf } from '../../../shared/domain/sla/deadline.js';
import { planSweep } from '../../../shared/domain/sla/sweep-plan.js';
import { clockEntries } from '../../../shared/domain/sla/clock-schema.js';
import { promisedDeadlines, viewClaimAsCustomer } from '../../../shared/domain/use-cases/customer-claim.js';
import { confirmClosure, recordSurvey } from '../../../shared/domain/use-cases/customer-decision.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { confirmPayout } from '../../../shared/domain/use-cases/payouts.js';
import { mailOf } from '../../../shared/domain/use-cases/send-notification.js';
import { sweepDeadlines } from '../../../shared/domain/use-cases/sweep.js';
import { applyTriageAction } from '../../../shared/domain/use-cases/triage.js';
import { intakeInput, principal, settings, testDependencies } from '../../support/fixtures.js';
import { acceptedMoneyClaim, finance } from '../../support/money.js';

/**
 * Issue 25, "clocks that can never end", case by case: the on-site visit is recorded and stops its clock;
 * the first reply is recorded from any open state (after execution too); every clock stops at a terminal
 * state and the sweep leaves terminal claims alone; a closed, rated claim promises the customer nothing.
 * Filed at the fixtures' clock, Monday 2026-11-23 10:00 Shanghai (02:00Z).
 */
const agent = principal(['agent'], 'HQ', { id: 'agent-7' });
type Deps = ReturnType<typeof testDependencies>;

function fresh(): { deps: Deps; store: InMemoryClaimStore } {
  const store = new InMemoryClaimStore();
  return { deps: testDependencies(store, undefined, new InMemoryMoneyStore(store)), store };
}

async function installationClaim(deps: Deps, order: string): Promise<Claim> {
  const filed = await fileClaim(deps, {
    input: intakeInput({
      category: 'installation_quality',
      product: { name: '热水器安装', orderNumber: order },
    }),
    channel: 'web',
    actor: { type: 'customer' },
  });
  return filed.claim;
}

const visit = (visitedAt: string) => ({
  visitedBy: '张师傅',
  visitedAt,
  result: '现场确认热水器支架松动，已拍照取证',
});

describe('the on-site visit ends its clock', () => {
  let deps: Deps;
  let store: InMemoryClaimStore;
  let claim: Claim;

  beforeEach(async () => {
    ({ deps, store } = fresh());
    claim = await installationClaim(deps, 'SO-VISIT-1');
  });

  it('an installation claim starts the 24-hour clock; recording the visit stops it at the visit’s time, audited', async () => {
    expect(claim.clocks?.on_site_visit).toMatchObject({
      state: 'running',
      dueAt: '2026-11-24T02:00:00.000Z',
    });
    deps.clock.set('2026-11-23T08:00:00Z'); // recorded at 16:00 Shanghai
    const visited = await applyTriageAction(deps, {
      ref: claim.number,
      action: 'record_site_visit',
      payload: visit('2026-11-23T14:30:00+08:00'),
      principal: agent,
    });
    expect(visited.clocks?.on_site_visit).toMatchObject({
      state: 'stopped',
      stoppedAt: '2026-11-23T06:30:00.000Z',
    });
    expect(visited.siteVisit).toEqual({
      visitedBy: '张师傅',
      visitedAt: '2026-11-23T06:30:00.000Z',
      result: '现场确认热水器支架松动，已拍照取证',
      recordedAt: '2026-11-23T08:00:00.000Z',
    });
    // The first reply is a different promise: still running.
    expect(visited.clocks?.first_reply?.state).toBe('running');
    const event = (await store.listEvents(claim.id)).find((e) => e.action === 'record_site_visit');
    expect(event).toMatchObject({
      actor: { type: 'staff', id: 'agent-7' },
      note: '张师傅, 2026-11-23T06:30:00.000Z: 现场确认热水器支架松动，已拍照取证',
    });
    expect(event?.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['clocks', 'siteVisit']));
    // Counted as an on-time visit in the month's statistics.
    expect(store.stats.get('2026-11')).toMatchObject({
      'clock.on_site_visit.stopped': 1,
      'clock.on_site_visit.met': 1,
    });
  });

  it('after the visit the sweep neither breaches nor escalates it; without one it does', async () => {
    const unvisited = await installationClaim(deps, 'SO-VISIT-2');
    deps.clock.set('2026-11-23T05:00:00Z');
    await applyTriageAction(deps, {
      ref: claim.number,
      action: 'record_site_visit',
      payload: visit('2026-11-23T12:00:00+08:00'),
      principal: agent,
    });
    deps.queues.sent.length = 0;
    const summary = await sweepDeadlines(deps, new Date('2026-11-24T03:00:00Z'));
    expect(summary.breaches).toBe(1);
    const breaches = deps.queues.sent.filter((m) => m.id.includes(':breach_escalation:'));
    expect(breaches.map((m) => m.id)).toEqual([
      `${unvisited.id}:breach_escalation:on_site_visit:2026-11-24T02:00:00.000Z:HQ`,
    ]);
    expect(store.claims.get(claim.id)?.clocks?.on_site_visit?.breachedAt).toBeNull();
  });

  it('refuses a second visit, a visit in the future and one before the claim was received', async () => {
    const record = (visitedAt: string) =>
      applyTriageAction(deps, {
        ref: claim.number,
        action: 'record_site_visit',
        payload: visit(visitedAt),
        principal: agent,
      });
    await expect(record('2026-11-23T12:00:00+08:00')).rejects.toThrow(ValidationError);
    await expect(record('2026-11-23T09:00:00+08:00')).rejects.toThrow(
      'the visit cannot be before the claim was received',
    );
    deps.clock.set('2026-11-23T04:00:00Z');
    await record('2026-11-23T12:00:00+08:00');
    await expect(record('2026-11-23T12:00:00+08:00')).rejects.toThrow(InvalidTransitionError);
  });
});

describe('the first reply is recorded from any open state', () => {
  it('the lifecycle table allows it from every open state and from no terminal one', () => {
    for (const status of CLAIM_STATUSES) {
      const take = () => planTransition('record_first_reply', status, ['agent']);
      if (OPEN_STATUSES.includes(status)) expect(take()).toBe(status);
      else expect(take).toThrow(InvalidTransitionError);
    }
    for (const status of OPEN_STATUSES)
      expect(planTransition('record_site_visit', status, ['manager'])).toBe(status);
  });

  it('on a paid (executed) claim it stops the first-reply clock, so the sweep shows no breach', async () => {
    const { deps, store } = fresh();
    const { claim, payoutId } = await acceptedMoneyClaim(deps);
    await confirmPayout(deps, { payoutId, voucherNumber: 'PZ-25', principal: finance });
    expect(store.claims.get(claim.id)?.status).toBe('executed');
    deps.clock.set('2026-11-24T02:00:00Z');
    const replied = await applyTriageAction(deps, {
      ref: claim.number,
      action: 'record_first_reply',
      payload: { channel: 'phone', summary: '已电话告知款项已支付' },
      principal: agent,
    });
    expect(replied.status).toBe('executed');
    expect(replied.clocks?.first_reply).toMatchObject({ state: 'stopped', breachedAt: null });
    deps.queues.sent.length = 0;
    const summary = await sweepDeadlines(deps, new Date('2026-11-27T02:00:00Z'));
    expect(summary).toMatchObject({ warnings: 0, breaches: 0, escalations: 0 });
    expect(deps.queues.sent.filter((m) => m.id.includes('breach') || m.id.includes('warning'))).toEqual([]);
  });
});

describe('every clock stops at a terminal state', () => {
  it('a paid claim closed without a recorded first reply: all clocks stopped, out of the sweep', async () => {
    const { deps, store } = fresh();
    const { claim, token, payoutId } = await acceptedMoneyClaim(deps);
    await confirmPayout(deps, { payoutId, voucherNumber: 'PZ-26', principal: finance });
    expect(store.claims.get(claim.id)?.clocks?.first_reply?.state).toBe('running');
    const closed = await confirmClosure(deps, claim.number, token);
    expect(closed.status).toBe('closed');
    expect(clockEntries(closed.clocks).map(([name, c]) => [name, c.state])).toEqual(
      clockEntries(closed.clocks).map(([name]) => [name, 'stopped']),
    );
    expect(closed.clocks?.first_reply?.stoppedAt).toBe('2026-11-23T02:00:00.000Z');
    expect(deadlineOf(closed, settings.severity)).toBeNull();
    // A stop by closure is not a first reply: it is not counted as one.
    expect(store.stats.get('2026-11')?.['clock.first_reply.stopped']).toBeUndefined();
    deps.queues.sent.length = 0;
    const summary = await sweepDeadlines(deps, new Date('2027-01-04T02:00:00Z'));
    expect(summary).toMatchObject({ read: 0, warnings: 0, breaches: 0, escalations: 0, regraded: 0 });
  });

  it('the sweep plans nothing for a terminal claim whose stored clocks still run (closed before this fix)', async () => {
    const { deps } = fresh();
    const claim = await installationClaim(deps, 'SO-OLD-1');
    const ctx = { calendar: createWorkingCalendar(), settings };
    const later = new Date('2026-12-30T02:00:00Z');
    expect(planSweep(ctx, claim, later)?.counts.breaches).toBe(2);
    for (const status of TERMINAL_STATUSES) expect(planSweep(ctx, { ...claim, status }, later)).toBeNull();
  });
});

describe('a closed, rated claim promises the customer no reply', () => {
  it('the tracking view has no deadlines, and no message after closure promises a reply (zh-CN, en)', async () => {
    const { deps } = fresh();
    const { claim, token, payoutId } = await acceptedMoneyClaim(deps);
    await confirmPayout(deps, { payoutId, voucherNumber: 'PZ-27', principal: finance });
    const open = await viewClaimAsCustomer(deps, claim.number, token);
    expect(open.deadlines.map((d) => d.clock)).toEqual(['first_reply']);
    deps.queues.sent.length = 0;
    await confirmClosure(deps, claim.number, token);
    await recordSurvey(deps, claim.number, token, { rating: 'satisfied' });
    const view = await viewClaimAsCustomer(deps, claim.number, token);
    expect(view.status).toBe('closed');
    expect(view.deadlines).toEqual([]);

    const customerKinds: readonly string[] = CUSTOMER_NOTIFICATION_KINDS;
    const intents = deps.queues.sent
      .filter((m) => m.queue === 'notify')
      .map((m) => NotificationIntentSchema.parse(m.body))
      .filter((i) => customerKinds.includes(i.kind));
    expect(intents.map((i) => i.kind)).toContain('closure_survey');
    const stored = await deps.store.getById(claim.id);
    const notify = { publicBaseUrl: 'https://claims.example', settings };
    for (const intent of intents) {
      const zh = mailOf(notify, { ...intent, language: 'zh-CN' }, stored, 'tok-1');
      const en = mailOf(notify, { ...intent, language: 'en' }, stored, 'tok-1');
      expect(`${zh.subject}\n${zh.body}`).not.toMatch(/工作日内答复|前给您首次答复|首次答复时限/);
      expect(`${en.subject}\n${en.body}`).not.toMatch(/We answer within|first reply/i);
    }
  });

  it('a claim closed before this fix, its clocks still running, shows no deadline either', async () => {
    const { deps } = fresh();
    const claim = await installationClaim(deps, 'SO-OLD-2');
    expect(promisedDeadlines(claim).map((d) => d.clock)).toEqual(['first_reply', 'on_site_visit']);
    for (const status of TERMINAL_STATUSES) expect(promisedDeadlines({ ...claim, status })).toEqual([]);
  });
});
