import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { createWorkingCalendar } from '../../../shared/domain/calendar/index.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { InvalidTransitionError } from '../../../shared/domain/errors.js';
import { PolicySettingsSchema } from '../../../shared/domain/settings.js';
import { clocksAfterAction, extendClock, targetFor } from '../../../shared/domain/sla/claim-clocks.js';
import { deadlineOf } from '../../../shared/domain/sla/deadline.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { applyTriageAction } from '../../../shared/domain/use-cases/triage.js';
import { withdrawAsCustomer } from '../../../shared/domain/use-cases/customer-claim.js';
import { intakeInput, principal, settings, testDependencies } from '../../support/fixtures.js';

// Monday 2026-11-23 10:00 Shanghai (the fixtures' clock). No holidays until New Year.
const agent = principal(['agent']);

describe('SLA clocks through the lifecycle', () => {
  let store: InMemoryClaimStore;
  let deps: ReturnType<typeof testDependencies>;
  let claim: Claim;

  beforeEach(async () => {
    store = new InMemoryClaimStore();
    deps = testDependencies(store);
    claim = (await fileClaim(deps, { input: intakeInput(), channel: 'web', actor: { type: 'customer' } }))
      .claim;
  });

  it('intake starts the first-reply clock: 3 working days, warning at 80%', () => {
    expect(claim.clocks?.first_reply).toMatchObject({
      state: 'running',
      target: { workingDays: 3 },
      basis: 'first reply',
      startedAt: '2026-11-23T02:00:00.000Z',
      dueAt: '2026-11-26T10:00:00.000Z', // Thursday 18:00 Shanghai
      warnedAt: null,
      breachedAt: null,
      fallbackYears: [],
    });
    // Budget 8 + 9 + 9 + 9 = 35 h; 80% = 28 h = 8 + 9 + 9 + 2 → Thursday 11:00 Shanghai.
    expect(claim.clocks?.first_reply?.warningAt).toBe('2026-11-26T03:00:00.000Z');
    expect(claim.clocks?.on_site_visit).toBeUndefined();
    // The acknowledgment names the same deadline.
    expect(store.outbox[0]?.body).toMatchObject({ data: { firstReplyDue: '2026-11-26T10:00:00.000Z' } });
  });

  it('urgent claims get 1 working day; installation claims an on-site visit clock of 24 h', async () => {
    const urgent = (
      await fileClaim(deps, {
        input: intakeInput({
          category: 'installation_quality',
          facts: { involvesSafety: true },
          product: { name: '热水器安装', orderNumber: 'SO-2' },
        }),
        channel: 'web',
        actor: { type: 'customer' },
      })
    ).claim;
    expect(urgent.urgency).toBe('urgent');
    expect(urgent.clocks?.first_reply).toMatchObject({
      target: { workingDays: 1 },
      dueAt: '2026-11-24T10:00:00.000Z',
    });
    expect(urgent.clocks?.on_site_visit).toMatchObject({
      target: { calendarHours: 24 },
      dueAt: '2026-11-24T02:00:00.000Z',
    });
  });

  it('request material pauses, material complete resumes and starts the decision clock, first reply stops', async () => {
    deps.clock.set('2026-11-24T02:00:00Z'); // Tuesday 10:00
    const asked = await applyTriageAction(deps, {
      ref: claim.id,
      action: 'request_material',
      payload: { items: ['发票'] },
      principal: agent,
    });
    expect(asked.clocks?.first_reply).toMatchObject({ state: 'paused' });
    expect(deadlineOf(asked, settings.severity)?.clocks).toEqual([]);

    deps.clock.set('2026-11-26T02:00:00Z'); // Thursday 10:00: 2 working days paused (18 h)
    const complete = await applyTriageAction(deps, {
      ref: claim.id,
      action: 'mark_material_complete',
      payload: {},
      principal: agent,
    });
    expect(complete.clocks?.first_reply).toMatchObject({
      state: 'running',
      pausedMs: 18 * 3_600_000,
      dueAt: '2026-11-30T10:00:00.000Z', // moved out by 18 working hours: Monday 18:00
    });
    expect(complete.clocks?.decision).toMatchObject({
      state: 'running',
      target: { workingDays: 15 },
      startedAt: '2026-11-26T02:00:00.000Z',
    });

    const replied = await applyTriageAction(deps, {
      ref: claim.id,
      action: 'record_first_reply',
      payload: { channel: 'phone', summary: '已电话联系客户' },
      principal: agent,
    });
    expect(replied.clocks?.first_reply).toMatchObject({
      state: 'stopped',
      stoppedAt: '2026-11-26T02:00:00.000Z',
    });
    await expect(
      applyTriageAction(deps, {
        ref: claim.id,
        action: 'record_first_reply',
        payload: { channel: 'phone', summary: 'again' },
        principal: agent,
      }),
    ).rejects.toBeInstanceOf(InvalidTransitionError);

    const events = await store.listEvents(claim.id);
    const pauseEvent = events.find((e) => e.action === 'request_material');
    expect(pauseEvent?.changes.map((c) => c.field)).toContain('clocks');
  });

  it('withdrawal stops every clock and takes the claim out of the deadline index', async () => {
    const token = 'token-0001-abcdefghijklmnopqrstuvwxyz0123456789';
    const withdrawn = await withdrawAsCustomer(deps, claim.number, token, '已自行解决');
    expect(withdrawn.clocks?.first_reply?.state).toBe('stopped');
    expect(deadlineOf(withdrawn, settings.severity)).toBeNull();
  });

  it('extends a clock once, with the customer agreeing, and records the old and new deadline', () => {
    const ctx = { calendar: createWorkingCalendar(), settings };
    const clocks = extendClock(
      ctx,
      claim,
      { clock: 'first_reply', days: 2, reason: '需厂家检测', customerAgreed: true, by: 'mgr-1' },
      new Date('2026-11-24T02:00:00Z'),
    );
    expect(clocks.first_reply).toMatchObject({
      dueAt: '2026-11-30T10:00:00.000Z',
      extension: {
        previousDueAt: '2026-11-26T10:00:00.000Z',
        newDueAt: '2026-11-30T10:00:00.000Z',
        customerAgreed: true,
        reason: '需厂家检测',
      },
    });
    expect(() =>
      extendClock(
        ctx,
        { ...claim, clocks },
        { clock: 'first_reply', days: 1, reason: 'again', customerAgreed: true, by: 'mgr-1' },
        new Date('2026-11-24T02:00:00Z'),
      ),
    ).toThrow(InvalidTransitionError);
  });
});

describe('clocks of the later actions (their use cases call clocksAfterAction)', () => {
  it('approval stops the decision clock; a reconsideration request starts its 15-day clock, its decision stops it', async () => {
    const deps = testDependencies(new InMemoryClaimStore());
    const claim = (
      await fileClaim(deps, { input: intakeInput(), channel: 'web', actor: { type: 'customer' } })
    ).claim;
    const ctx = { calendar: createWorkingCalendar(), settings };
    const at = new Date('2026-11-24T02:00:00Z');
    const admitted = { ...claim, clocks: clocksAfterAction(ctx, claim, 'mark_material_complete', at) };
    const approved = clocksAfterAction(ctx, admitted, 'approve', new Date('2026-11-25T02:00:00Z'));
    expect(approved?.decision).toMatchObject({ state: 'stopped', stoppedAt: '2026-11-25T02:00:00.000Z' });
    const asked = clocksAfterAction(ctx, { ...admitted, clocks: approved }, 'request_reconsideration', at);
    expect(asked?.reconsideration).toMatchObject({ state: 'running', target: { workingDays: 15 } });
    const decided = clocksAfterAction(
      ctx,
      { ...admitted, clocks: asked },
      'decide_reconsideration',
      new Date('2026-11-26T02:00:00Z'),
    );
    expect(decided?.reconsideration?.state).toBe('stopped');
    expect(clocksAfterAction(ctx, admitted, 'start_investigation', at)).toBe(admitted.clocks);
  });
});

describe('SLA policy', () => {
  it('a rule by category and severity wins over the default; a commitment wins for the first reply', () => {
    const custom = PolicySettingsSchema.parse({
      sla: { rules: [{ clock: 'decision', category: 'pricing', target: { workingDays: 5 } }] },
    });
    const pricing = { category: 'pricing', severity: 3, urgency: 'normal' } as const;
    expect(targetFor('decision', pricing, custom)).toEqual({
      target: { workingDays: 5 },
      basis: 'settings.sla.rules[0]',
    });
    expect(targetFor('decision', { ...pricing, category: 'other' }, custom).target).toEqual({
      workingDays: 15,
    });
    expect(targetFor('decision', { ...pricing, urgency: 'urgent' }, custom).target).toEqual({
      workingDays: 5,
    });
    expect(
      targetFor('first_reply', pricing, custom, {
        commitmentId: 'C1',
        responseTarget: { workingHours: 2 },
      }),
    ).toEqual({ target: { workingHours: 2 }, basis: 'commitment C1' });
    expect(targetFor('reconsideration', pricing, custom).target).toEqual({ workingDays: 15 });
  });
});
