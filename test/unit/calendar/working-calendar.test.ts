import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import {
  createWorkingCalendar,
  parseHolidaySchedule,
  shippedSchedules,
} from '../../../shared/domain/calendar/index.js';
import type { HolidaySchedule } from '../../../shared/domain/calendar/index.js';
import { sh } from './shanghai.js';

// Holiday dates come from chinese-days 1.5.7 dist/chinese-days.json (see shipped-schedules.test.ts).
const calendar = createWorkingCalendar();
const HOUR = 3_600_000;

/** A made-up schedule for 2099 (no real one exists) with half-days, one on a Saturday. */
const halfDays2099: HolidaySchedule = {
  year: 2099,
  source: 'test fixture',
  days: [
    { date: '2099-10-01', kind: 'half-day', name: '试验半天', hours: { start: '09:00', end: '12:00' } },
    { date: '2099-10-03', kind: 'half-day', name: '周六半天', hours: { start: '09:00', end: '12:00' } },
  ],
};

describe('dayInfo', () => {
  it('a normal weekend and weekday (June 2025)', () => {
    expect(calendar.dayInfo('2025-06-14')).toEqual({
      date: '2025-06-14',
      working: false,
      reason: 'weekend',
      hours: null,
      fallback: false,
    });
    expect(calendar.dayInfo('2025-06-15')).toMatchObject({ working: false, reason: 'weekend' });
    expect(calendar.dayInfo('2025-06-16')).toEqual({
      date: '2025-06-16',
      working: true,
      reason: 'weekday',
      hours: { start: '09:00', end: '18:00' },
      fallback: false,
    });
  });

  it('National Day 2025: weekdays and weekend days in the holiday read as the holiday; make-up days work', () => {
    expect(calendar.dayInfo('2025-10-01')).toMatchObject({ working: false, reason: 'holiday: 国庆节' });
    expect(calendar.dayInfo('2025-10-04')).toMatchObject({ working: false, reason: 'holiday: 国庆节' });
    expect(calendar.dayInfo('2025-10-06')).toMatchObject({ working: false, reason: 'holiday: 中秋' });
    expect(calendar.dayInfo('2025-10-08')).toMatchObject({ working: false, reason: 'holiday: 国庆节' });
    expect(calendar.dayInfo('2025-10-09')).toMatchObject({ working: true, reason: 'weekday' });
    expect(calendar.dayInfo('2025-09-28')).toMatchObject({ working: true, reason: 'make-up workday (调休)' });
    expect(calendar.dayInfo('2025-10-11')).toMatchObject({ working: true, reason: 'make-up workday (调休)' });
  });

  it('a year with no schedule falls back to the weekly rule and says so', () => {
    expect(calendar.dayInfo('2099-10-01')).toMatchObject({
      working: true,
      reason: 'weekday',
      fallback: true,
    });
    expect(calendar.dayInfo('2099-10-03')).toMatchObject({
      working: false,
      reason: 'weekend',
      fallback: true,
    });
    expect(calendar.scheduledYears).not.toContain(2099);
  });

  it('refuses a malformed or impossible date', () => {
    expect(() => calendar.dayInfo('2025-02-29')).toThrow(ValidationError);
    expect(() => calendar.dayInfo('2025-6-1')).toThrow(ValidationError);
  });
});

describe('addWorkingDays (end of the Nth working day after the day of the instant)', () => {
  it('Friday evening or morning + 3 → Wednesday 18:00 local', () => {
    expect(calendar.addWorkingDays(sh('2025-06-13 20:00'), 3)).toEqual({
      at: sh('2025-06-18 18:00'),
      fallbackYears: [],
    });
    expect(calendar.addWorkingDays(sh('2025-06-13 10:00'), 3).at).toBe(sh('2025-06-18 18:00'));
    expect(calendar.addWorkingDays(new Date(sh('2025-06-13 10:00')), 3).at).toBe('2025-06-18T10:00:00.000Z');
  });

  it('the starting day never counts, at night or before opening; the local date decides, not the UTC one', () => {
    expect(calendar.addWorkingDays(sh('2025-06-16 08:00'), 1).at).toBe(sh('2025-06-17 18:00'));
    expect(calendar.addWorkingDays(sh('2025-06-16 23:30'), 1).at).toBe(sh('2025-06-17 18:00'));
    // 00:30 Tuesday local is still Monday in UTC.
    expect(calendar.addWorkingDays('2025-06-16T16:30:00Z', 1).at).toBe(sh('2025-06-18 18:00'));
    expect(calendar.addWorkingDays('2025-06-17T00:30:00+08:00', 1).at).toBe(sh('2025-06-18 18:00'));
  });

  it('skips National Day 2025 and counts the make-up Saturday', () => {
    expect(calendar.addWorkingDays(sh('2025-09-30 10:00'), 1).at).toBe(sh('2025-10-09 18:00'));
    expect(calendar.addWorkingDays(sh('2025-09-30 10:00'), 3).at).toBe(sh('2025-10-11 18:00'));
    expect(calendar.addWorkingDays(sh('2025-09-27 10:00'), 1).at).toBe(sh('2025-09-28 18:00'));
  });

  it('starting on a holiday', () => {
    expect(calendar.addWorkingDays(sh('2025-10-03 10:00'), 1).at).toBe(sh('2025-10-09 18:00'));
    expect(calendar.addWorkingDays(sh('2025-10-03 10:00'), 2).at).toBe(sh('2025-10-10 18:00'));
  });

  it('Spring Festival 2026: the make-up Saturday before, then the holiday', () => {
    expect(calendar.addWorkingDays(sh('2026-02-13 17:00'), 1).at).toBe(sh('2026-02-14 18:00'));
    expect(calendar.addWorkingDays(sh('2026-02-13 17:00'), 2).at).toBe(sh('2026-02-24 18:00'));
  });

  it('crosses a year boundary into a scheduled year (New Year 2026 off, Sunday 2026-01-04 worked)', () => {
    expect(calendar.addWorkingDays(sh('2025-12-31 10:00'), 1)).toEqual({
      at: sh('2026-01-04 18:00'),
      fallbackYears: [],
    });
  });

  it('crosses into a year with no schedule and flags it', () => {
    expect(calendar.addWorkingDays(sh('2026-12-31 10:00'), 2)).toEqual({
      at: sh('2027-01-04 18:00'),
      fallbackYears: [2027],
    });
    expect(calendar.addWorkingDays(sh('2099-09-30 10:00'), 1)).toEqual({
      at: sh('2099-10-01 18:00'),
      fallbackYears: [2099],
    });
  });

  it('N = 0 is the earliest close of business at or after the instant', () => {
    expect(calendar.addWorkingDays(sh('2025-06-16 10:00'), 0).at).toBe(sh('2025-06-16 18:00'));
    expect(calendar.addWorkingDays(sh('2025-06-16 18:00'), 0).at).toBe(sh('2025-06-16 18:00'));
    expect(calendar.addWorkingDays(sh('2025-06-16 20:00'), 0).at).toBe(sh('2025-06-17 18:00'));
    expect(calendar.addWorkingDays(sh('2025-06-14 10:00'), 0).at).toBe(sh('2025-06-16 18:00'));
  });

  it('refuses bad input', () => {
    expect(() => calendar.addWorkingDays(sh('2025-06-16 10:00'), -1)).toThrow(ValidationError);
    expect(() => calendar.addWorkingDays(sh('2025-06-16 10:00'), 1.5)).toThrow(ValidationError);
    expect(() => calendar.addWorkingDays('2025-06-16T10:00:00', 1)).toThrow(ValidationError);
    expect(() => calendar.addWorkingDays('yesterday', 1)).toThrow(ValidationError);
    expect(() => calendar.addWorkingDays(new Date(Number.NaN), 1)).toThrow(ValidationError);
    expect(() => calendar.addWorkingDays(sh('2025-06-16 10:00'), 1_000_000)).toThrow(ValidationError);
  });
});

describe('addWorkingHours', () => {
  it('continues on the next working day', () => {
    expect(calendar.addWorkingHours(sh('2025-06-13 16:00'), 4)).toEqual({
      at: sh('2025-06-16 11:00'),
      fallbackYears: [],
    });
  });

  it('ends at close of business rather than next morning, and starts at opening when outside hours', () => {
    expect(calendar.addWorkingHours(sh('2025-06-16 09:00'), 9).at).toBe(sh('2025-06-16 18:00'));
    expect(calendar.addWorkingHours(sh('2025-06-16 07:00'), 1).at).toBe(sh('2025-06-16 10:00'));
    expect(calendar.addWorkingHours(sh('2025-06-16 09:00'), 0.5).at).toBe(sh('2025-06-16 09:30'));
    expect(calendar.addWorkingHours(sh('2025-06-14 07:00'), 0).at).toBe(sh('2025-06-14 07:00'));
  });

  it('skips National Day 2025', () => {
    expect(calendar.addWorkingHours(sh('2025-09-30 17:00'), 2).at).toBe(sh('2025-10-09 10:00'));
  });

  it('refuses negative or non-finite hours', () => {
    expect(() => calendar.addWorkingHours(sh('2025-06-16 09:00'), -1)).toThrow(ValidationError);
    expect(() => calendar.addWorkingHours(sh('2025-06-16 09:00'), Number.POSITIVE_INFINITY)).toThrow(
      ValidationError,
    );
  });
});

describe('workingTimeBetween', () => {
  it('counts only working hours, and is negative when reversed', () => {
    expect(calendar.workingTimeBetween(sh('2025-06-13 16:00'), sh('2025-06-16 11:00'))).toEqual({
      ms: 4 * HOUR,
      fallbackYears: [],
    });
    expect(calendar.workingTimeBetween(sh('2025-06-16 11:00'), sh('2025-06-13 16:00')).ms).toBe(-4 * HOUR);
    expect(calendar.workingTimeBetween(sh('2025-06-16 11:00'), sh('2025-06-16 11:00')).ms).toBe(0);
  });

  it('is zero across the whole National Day holiday', () => {
    expect(calendar.workingTimeBetween(sh('2025-09-30 18:00'), sh('2025-10-09 09:00')).ms).toBe(0);
  });

  it('expresses working time in working days', () => {
    const week = calendar.workingTimeBetween(sh('2025-06-16 09:00'), sh('2025-06-18 18:00'));
    expect(calendar.toWorkingDays(week.ms)).toBe(3);
    // Dec 31 12:00–18:00, Jan 1–3 off, Sunday Jan 4 worked, Jan 5 09:00–12:00: 6 + 9 + 3 hours.
    const newYear = calendar.workingTimeBetween(sh('2025-12-31 12:00'), sh('2026-01-05 12:00'));
    expect(newYear.ms).toBe(18 * HOUR);
    expect(calendar.toWorkingDays(newYear.ms)).toBe(2);
  });

  it('flags unscheduled years it walked through', () => {
    expect(calendar.workingTimeBetween(sh('2026-12-30 09:00'), sh('2027-01-02 09:00'))).toEqual({
      ms: 27 * HOUR,
      fallbackYears: [2027],
    });
  });
});

describe('schedules and settings', () => {
  it('an operator schedule for a missing year removes the fallback', () => {
    const s2027: HolidaySchedule = {
      year: 2027,
      source: 'operator',
      days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }],
    };
    const withNext = createWorkingCalendar({ schedules: [...shippedSchedules(), s2027] });
    expect(withNext.addWorkingDays(sh('2026-12-31 10:00'), 2)).toEqual({
      at: sh('2027-01-05 18:00'),
      fallbackYears: [],
    });
    expect(withNext.dayInfo('2027-01-01')).toMatchObject({
      working: false,
      reason: 'holiday: 元旦',
      fallback: false,
    });
  });

  it('an operator schedule for a shipped year replaces it entirely', () => {
    const override: HolidaySchedule = {
      year: 2025,
      days: [{ date: '2025-10-01', kind: 'holiday', name: '国庆节' }],
    };
    const overridden = createWorkingCalendar({ schedules: [...shippedSchedules(), override] });
    expect(overridden.dayInfo('2025-10-02')).toMatchObject({
      working: true,
      reason: 'weekday',
      fallback: false,
    });
    expect(overridden.dayInfo('2025-09-28')).toMatchObject({ working: false, reason: 'weekend' });
    expect(overridden.addWorkingDays(sh('2025-09-30 10:00'), 1).at).toBe(sh('2025-10-02 18:00'));
  });

  it('a notice may set days in the previous December; the later notice wins', () => {
    const s2027: HolidaySchedule = {
      year: 2027,
      days: [{ date: '2026-12-31', kind: 'holiday', name: '元旦' }],
    };
    const cal = createWorkingCalendar({ schedules: [...shippedSchedules(), s2027] });
    expect(cal.dayInfo('2026-12-31')).toMatchObject({ working: false, reason: 'holiday: 元旦' });
  });

  it('with no schedules at all, every year is weekends-only and flagged', () => {
    const bare = createWorkingCalendar({ schedules: [] });
    expect(bare.dayInfo('2025-10-01')).toMatchObject({ working: true, reason: 'weekday', fallback: true });
    expect(bare.addWorkingDays(sh('2025-09-30 10:00'), 1)).toEqual({
      at: sh('2025-10-01 18:00'),
      fallbackYears: [2025],
    });
  });

  it('working hours are a setting', () => {
    const early = createWorkingCalendar({ workingHours: { start: '08:30', end: '17:30' } });
    expect(early.addWorkingDays(sh('2025-06-13 20:00'), 3).at).toBe(sh('2025-06-18 17:30'));
    expect(early.workingDayMs).toBe(9 * HOUR);
    expect(() => createWorkingCalendar({ workingHours: { start: '18:00', end: '09:00' } })).toThrow(
      ValidationError,
    );
    expect(() => createWorkingCalendar({ workingHours: { start: '9:00', end: '18:00' } })).toThrow(
      ValidationError,
    );
  });

  it('refuses malformed operator schedules', () => {
    const bad =
      (schedule: unknown): (() => unknown) =>
      () =>
        parseHolidaySchedule(schedule);
    expect(bad({ year: 2027, days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }] })).toThrow(
      /outside 2027/,
    );
    expect(bad({ year: 2027, days: [{ date: '2026-11-30', kind: 'holiday', name: 'x' }] })).toThrow(
      /outside 2027/,
    );
    expect(
      bad({
        year: 2027,
        days: [
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          { date: '2027-01-01', kind: 'workday', name: '元旦' },
        ],
      }),
    ).toThrow(/listed twice/);
    expect(bad({ year: 2027, days: [{ date: '2027-03-08', kind: 'half-day', name: '妇女节' }] })).toThrow(
      ValidationError,
    );
    expect(
      bad({
        year: 2027,
        days: [{ date: '2027-03-08', kind: 'half-day', name: 'x', hours: { start: '12:00', end: '09:00' } }],
      }),
    ).toThrow(/end must be later/);
    expect(bad({ year: 2027, days: [{ date: '2027-03-08', kind: 'festival', name: 'x' }] })).toThrow(
      ValidationError,
    );
    expect(bad({ year: 2027, days: [{ date: '2027-01-01', kind: 'holiday', name: '' }] })).toThrow(
      ValidationError,
    );
    // The calendar validates what it is given too, even when it type-checks.
    const outside: HolidaySchedule = {
      year: 2027,
      days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }],
    };
    expect(() => createWorkingCalendar({ schedules: [outside] })).toThrow(ValidationError);
  });
});

describe('half-days', () => {
  const cal = createWorkingCalendar({ schedules: [...shippedSchedules(), halfDays2099] });

  it('are working days with their own hours, even on a Saturday', () => {
    expect(cal.dayInfo('2099-10-01')).toEqual({
      date: '2099-10-01',
      working: true,
      reason: 'half-day: 试验半天',
      hours: { start: '09:00', end: '12:00' },
      fallback: false,
    });
    expect(cal.dayInfo('2099-10-03')).toMatchObject({ working: true, reason: 'half-day: 周六半天' });
  });

  it('count as a working day that ends at noon', () => {
    expect(cal.addWorkingDays(sh('2099-09-30 10:00'), 1)).toEqual({
      at: sh('2099-10-01 12:00'),
      fallbackYears: [],
    });
    expect(cal.addWorkingDays(sh('2099-10-02 10:00'), 1).at).toBe(sh('2099-10-03 12:00'));
  });

  it('contribute only their hours to working time', () => {
    expect(cal.addWorkingHours(sh('2099-10-01 10:00'), 3).at).toBe(sh('2099-10-02 10:00'));
    expect(cal.workingTimeBetween(sh('2099-10-01 00:00'), sh('2099-10-04 00:00')).ms).toBe(15 * HOUR);
  });
});
