import { describe, expect, it } from 'vitest';
import { createSlaClocks } from '../../../shared/domain/calendar/sla-clock.js';
import { shippedSchedules } from '../../../shared/domain/calendar/shipped-schedules.js';
import { createWorkingCalendar } from '../../../shared/domain/calendar/working-calendar.js';
import { defaultPolicySettings } from '../../../shared/domain/settings.js';
import { extendClock, startClock } from '../../../shared/domain/sla/claim-clocks.js';
import type { ClaimClock } from '../../../shared/domain/sla/clock-schema.js';
import { recomputeClaimDeadlines, recomputedClock } from '../../../shared/domain/sla/recompute.js';
import { SCHEDULE_2027 } from '../../support/fixtures.js';

const settings = defaultPolicySettings();
const upTo2026 = shippedSchedules().filter((s) => s.year <= 2026);
const before = { calendar: createWorkingCalendar({ schedules: upTo2026 }), settings };
const after = { calendar: createWorkingCalendar({ schedules: [...upTo2026, SCHEDULE_2027] }), settings };
const decision = { target: { workingDays: 15 }, basis: 'decision' };
// Wednesday 30 December 2026, 10:00 Shanghai.
const start = new Date('2026-12-30T02:00:00Z');
const now = new Date('2027-01-11T02:00:00Z');

/** A clock paused and resumed as the lifecycle does it, on the given calendar. */
function pausedAndResumed(ctx: typeof before, clock: ClaimClock): ClaimClock {
  const sla = createSlaClocks(ctx.calendar);
  const resumed = sla.resume(
    sla.pause(clock, '2027-01-05T02:00:00Z', '等待补充材料'),
    '2027-01-07T02:00:00Z',
  );
  return { ...clock, ...resumed };
}

describe("recomputing a deadline when its year's holiday schedule is loaded", () => {
  it('moves a decision due 2027-01-20 on weekends only to 2027-01-21, without the weekends-only flag', () => {
    const clock = startClock(before, start, decision);
    expect(clock).toMatchObject({ dueAt: '2027-01-20T10:00:00.000Z', fallbackYears: [2027] });
    const result = recomputeClaimDeadlines(after, { decision: clock }, 2027, now);
    expect(result?.moved).toEqual([
      { clock: 'decision', previousDueAt: '2027-01-20T10:00:00.000Z', newDueAt: '2027-01-21T10:00:00.000Z' },
    ]);
    expect(result?.clocks.decision).toEqual(startClock(after, start, decision));
  });

  it('replays pauses and the one extension on the new calendar, as if it had been there all along', () => {
    // The same history (start, a pause, a 3-day extension) on either calendar.
    const history = (ctx: typeof before) =>
      extendClock(
        ctx,
        { clocks: { decision: pausedAndResumed(ctx, startClock(ctx, start, decision)) } },
        { clock: 'decision', days: 3, reason: '等待检测报告', customerAgreed: true, by: 'mgr-1' },
        new Date('2027-01-08T02:00:00Z'),
      ).decision;
    const old = history(before);
    const fresh = history(after);
    if (!old || !fresh) throw new Error('unreachable: the clocks were extended');
    const recomputed = recomputedClock(after, old, now);
    expect(recomputed.dueAt).toBe(fresh.dueAt);
    expect(recomputed.dueAt > old.dueAt).toBe(true);
    expect(recomputed).toMatchObject({
      budgetMs: fresh.budgetMs,
      pausedMs: fresh.pausedMs,
      warningAt: fresh.warningAt,
      fallbackYears: [],
      extension: old.extension,
    });
  });

  it('is idempotent, and leaves clocks of other years, calendar-hour and stopped clocks alone', () => {
    const moved = recomputeClaimDeadlines(
      after,
      { decision: startClock(before, start, decision) },
      2027,
      now,
    );
    expect(recomputeClaimDeadlines(after, moved?.clocks, 2027, now)).toBeNull();
    const visit = startClock(before, start, { target: { calendarHours: 24 }, basis: 'on-site visit' });
    const early = startClock(before, new Date('2026-11-02T02:00:00Z'), decision);
    const stopped = {
      ...startClock(before, start, decision),
      state: 'stopped' as const,
      stoppedAt: now.toISOString(),
    };
    expect(
      recomputeClaimDeadlines(
        after,
        { on_site_visit: visit, first_reply: early, reconsideration: stopped },
        2027,
        now,
      ),
    ).toBeNull();
  });

  it('clears a breach recorded against a deadline that is now later than now', () => {
    const breached = { ...startClock(before, start, decision), breachedAt: '2027-01-20T10:00:00.000Z' };
    const at = new Date('2027-01-21T02:00:00Z');
    expect(recomputedClock(after, breached, at)).toMatchObject({
      dueAt: '2027-01-21T10:00:00.000Z',
      breachedAt: null,
    });
  });
});

describe('an extension keeps the weekends-only flag', () => {
  it('adds the years the extension reaches without a schedule, and records the days added', () => {
    const clock = startClock(before, new Date('2026-12-07T02:00:00Z'), decision);
    expect(clock.fallbackYears).toEqual([]);
    const extended = extendClock(
      before,
      { clocks: { decision: clock } },
      { clock: 'decision', days: 10, reason: '等待厂家检测', customerAgreed: true, by: 'mgr-1' },
      new Date('2026-12-20T02:00:00Z'),
    ).decision;
    expect(extended?.dueAt.startsWith('2027-01')).toBe(true);
    expect(extended).toMatchObject({ fallbackYears: [2027], extension: { days: 10 } });
  });

  it('keeps the flag a deadline already had', () => {
    const clock = startClock(before, start, decision);
    const extended = extendClock(
      before,
      { clocks: { decision: clock } },
      { clock: 'decision', days: 2, reason: '等待厂家检测', customerAgreed: true, by: 'mgr-1' },
      new Date('2027-01-04T02:00:00Z'),
    ).decision;
    expect(extended?.fallbackYears).toEqual([2027]);
  });
});
