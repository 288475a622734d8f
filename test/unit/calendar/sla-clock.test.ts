import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, ValidationError } from '../../../shared/domain/errors.js';
import {
  SlaClockSchema,
  createSlaClocks,
  createWorkingCalendar,
} from '../../../shared/domain/calendar/index.js';
import { sh } from './shanghai.js';

// June 2025 has no holidays after the Dragon Boat Festival (May 31–Jun 2); Mon 2025-06-16 starts a plain week.
const calendar = createWorkingCalendar();
const clocks = createSlaClocks(calendar);
const HOUR = 3_600_000;

describe('starting a clock', () => {
  it('working days: due at the end of the Nth working day; budget is the working time until then', () => {
    const clock = clocks.start(sh('2025-06-16 10:00'), { workingDays: 3 });
    expect(clock).toEqual({
      target: { workingDays: 3 },
      state: 'running',
      startedAt: sh('2025-06-16 10:00'),
      dueAt: sh('2025-06-19 18:00'),
      budgetMs: 35 * HOUR,
      pausedMs: 0,
      pauses: [],
      stoppedAt: null,
      fallbackYears: [],
    });
    expect(clocks.status(clock, sh('2025-06-16 10:00'))).toMatchObject({
      state: 'running',
      usedRatio: 0,
      warning: false,
      breached: false,
    });
    expect(clocks.status(clock, sh('2025-06-15 10:00')).usedMs).toBe(0);
  });

  it('calendar hours ignore the working calendar (24 h visit starting on National Day)', () => {
    const clock = clocks.start(sh('2025-10-01 10:00'), { calendarHours: 24 });
    expect(clock.dueAt).toBe(sh('2025-10-02 10:00'));
    expect(clock.budgetMs).toBe(24 * HOUR);
    expect(clocks.status(clock, sh('2025-10-02 05:12'))).toMatchObject({
      usedRatio: 0.8,
      warning: true,
      breached: false,
    });
  });

  it('carries fallback years when the deadline reaches an unscheduled year', () => {
    const clock = clocks.start(sh('2026-12-30 10:00'), { workingDays: 3 });
    expect(clock.dueAt).toBe(sh('2027-01-04 18:00'));
    expect(clock.fallbackYears).toEqual([2027]);
    expect(clocks.status(clock, sh('2027-01-01 10:00')).fallbackYears).toEqual([2027]);
  });

  it('refuses a malformed target', () => {
    expect(() => clocks.start(sh('2025-06-16 10:00'), { workingDays: -1 })).toThrow(ValidationError);
    expect(() => clocks.start(sh('2025-06-16 10:00'), { workingDays: 1.5 })).toThrow(ValidationError);
  });
});

describe('pause and resume', () => {
  it('resume moves the deadline out by the paused working time', () => {
    const started = clocks.start(sh('2025-06-16 10:00'), { workingDays: 3 });
    const paused = clocks.pause(started, sh('2025-06-17 10:00'), '待补充: invoice');
    expect(paused.state).toBe('paused');
    // While paused, the used time is frozen (Mon 10–18 and Tue 09–10) and the clock cannot breach.
    expect(clocks.status(paused, sh('2025-06-30 12:00'))).toMatchObject({
      state: 'paused',
      dueAt: sh('2025-06-19 18:00'),
      usedMs: 9 * HOUR,
      breached: false,
      warning: false,
    });
    const resumed = clocks.resume(paused, sh('2025-06-18 10:00'));
    expect(resumed).toMatchObject({
      state: 'running',
      dueAt: sh('2025-06-20 18:00'),
      pausedMs: 9 * HOUR,
      pauses: [
        {
          at: sh('2025-06-17 10:00'),
          reason: '待补充: invoice',
          resumedAt: sh('2025-06-18 10:00'),
          pausedMs: 9 * HOUR,
        },
      ],
    });
    expect(clocks.status(resumed, sh('2025-06-20 18:00'))).toMatchObject({
      usedMs: 35 * HOUR,
      usedRatio: 1,
      breached: false,
    });
    expect(clocks.status(resumed, '2025-06-20T10:00:00.001Z').breached).toBe(true);
  });

  it('a pause outside working hours does not move the deadline', () => {
    const started = clocks.start(sh('2025-06-13 10:00'), { workingHours: 10 });
    expect(started.dueAt).toBe(sh('2025-06-16 11:00'));
    const resumed = clocks.resume(
      clocks.pause(started, sh('2025-06-13 18:30'), 'waiting'),
      sh('2025-06-16 08:00'),
    );
    expect(resumed.dueAt).toBe(sh('2025-06-16 11:00'));
    expect(resumed.pausedMs).toBe(0);
  });

  it('calendar-hour clocks move by calendar time', () => {
    const started = clocks.start(sh('2025-06-16 10:00'), { calendarHours: 24 });
    const resumed = clocks.resume(
      clocks.pause(started, sh('2025-06-16 12:00'), 'customer away'),
      sh('2025-06-16 14:00'),
    );
    expect(resumed.dueAt).toBe(sh('2025-06-17 12:00'));
    expect(clocks.status(resumed, sh('2025-06-17 12:00'))).toMatchObject({
      usedMs: 24 * HOUR,
      usedRatio: 1,
      breached: false,
    });
  });

  it('refuses changes out of order or from the wrong state', () => {
    const started = clocks.start(sh('2025-06-16 10:00'), { workingDays: 3 });
    const paused = clocks.pause(started, sh('2025-06-17 10:00'), 'waiting');
    expect(() => clocks.resume(started, sh('2025-06-17 10:00'))).toThrow(InvalidTransitionError);
    expect(() => clocks.pause(paused, sh('2025-06-17 11:00'), 'again')).toThrow(InvalidTransitionError);
    expect(() => clocks.resume(paused, sh('2025-06-17 09:00'))).toThrow(ValidationError);
    expect(() => clocks.pause(started, sh('2025-06-16 09:00'), 'before start')).toThrow(ValidationError);
    expect(() => clocks.pause(started, sh('2025-06-17 10:00'), '  ')).toThrow(ValidationError);
  });
});

describe('warning and breach', () => {
  // 10 working hours from Monday 09:00: due Tuesday 10:00.
  const clock = clocks.start(sh('2025-06-16 09:00'), { workingHours: 10 });

  it('warns at 80% of the working time used', () => {
    expect(clock.dueAt).toBe(sh('2025-06-17 10:00'));
    expect(clocks.status(clock, sh('2025-06-16 16:59'))).toMatchObject({ warning: false, breached: false });
    expect(clocks.status(clock, sh('2025-06-16 17:00'))).toMatchObject({
      usedRatio: 0.8,
      warning: true,
      breached: false,
    });
    // Night hours are not working time: the ratio stays at 0.9 until the morning.
    expect(clocks.status(clock, sh('2025-06-16 23:00'))).toMatchObject({ usedRatio: 0.9, warning: true });
    expect(clocks.status(clock, sh('2025-06-16 14:00'), 0.5).warning).toBe(true);
  });

  it('breaches after the due instant, not at it', () => {
    expect(clocks.status(clock, sh('2025-06-17 10:00'))).toMatchObject({
      usedRatio: 1,
      warning: true,
      breached: false,
    });
    expect(clocks.status(clock, '2025-06-17T02:00:00.001Z')).toMatchObject({
      warning: false,
      breached: true,
    });
    expect(clocks.status(clock, sh('2025-06-17 12:00'))).toMatchObject({ usedRatio: 1.2, breached: true });
  });

  it('a stopped clock keeps the verdict it had when stopped', () => {
    const inTime = clocks.stop(clock, sh('2025-06-17 09:30'));
    expect(clocks.status(inTime, sh('2025-07-01 12:00'))).toMatchObject({
      state: 'stopped',
      breached: false,
      usedMs: 9.5 * HOUR,
    });
    const late = clocks.stop(clock, sh('2025-06-17 11:00'));
    expect(clocks.status(late, sh('2025-07-01 12:00'))).toMatchObject({ state: 'stopped', breached: true });
    expect(() => clocks.stop(late, sh('2025-06-17 12:00'))).toThrow(InvalidTransitionError);
  });

  it('stopping a paused clock closes the pause first', () => {
    const paused = clocks.pause(clock, sh('2025-06-16 12:00'), 'waiting');
    const stopped = clocks.stop(paused, sh('2025-06-17 12:00'));
    expect(stopped).toMatchObject({
      state: 'stopped',
      dueAt: sh('2025-06-18 10:00'),
      pausedMs: 9 * HOUR,
      stoppedAt: sh('2025-06-17 12:00'),
    });
    expect(clocks.status(stopped, sh('2025-07-01 12:00'))).toMatchObject({
      usedMs: 3 * HOUR,
      breached: false,
    });
  });

  it('refuses a warning ratio outside (0, 1]', () => {
    expect(() => clocks.status(clock, sh('2025-06-16 12:00'), 0)).toThrow(ValidationError);
    expect(() => clocks.status(clock, sh('2025-06-16 12:00'), 1.5)).toThrow(ValidationError);
  });
});

describe('storage', () => {
  it('round-trips through JSON and validates with SlaClockSchema', () => {
    const started = clocks.start(sh('2025-06-16 10:00'), { workingDays: 15 });
    const resumed = clocks.resume(
      clocks.pause(started, sh('2025-06-17 10:00'), 'waiting'),
      sh('2025-06-18 10:00'),
    );
    const paused = clocks.pause(resumed, sh('2025-06-19 10:00'), 'again');
    const stored: unknown = JSON.parse(JSON.stringify(paused));
    expect(SlaClockSchema.parse(stored)).toEqual(paused);
    expect(SlaClockSchema.safeParse({ ...paused, state: 'lost' }).success).toBe(false);
  });
});
