import * as z from '../../zod.js';
import { ValidationError } from '../errors.js';
import {
  DEFAULT_WORKING_HOURS,
  HolidayScheduleSchema,
  IsoDateSchema,
  WorkingHoursSchema,
} from './holiday-schedule.js';
import type { HolidaySchedule, Hours, ScheduleDay, WorkingHours } from './holiday-schedule.js';
import { toEpochMs, toIsoInstant } from './instant.js';
import type { Instant } from './instant.js';
import {
  HOUR_MS,
  dateOfEpochDay,
  epochDayOfDate,
  epochDayOfInstant,
  instantOf,
  isWeekend,
  msOfTimeOfDay,
  yearOfEpochDay,
} from './local-time.js';
import { isShippedSchedule, shippedSchedules } from './shipped-schedules.js';
import { parseOrThrow } from './validation.js';

export type DayReason =
  'weekend' | 'weekday' | 'make-up workday (调休)' | `holiday: ${string}` | `half-day: ${string}`;

export interface DayInfo {
  readonly date: string;
  readonly working: boolean;
  readonly reason: DayReason;
  /** The local working hours of the day; null when it is off. */
  readonly hours: Hours | null;
  /** True when the day's year has no loaded schedule, so only the weekly rule (weekends off) applied. */
  readonly fallback: boolean;
}

/**
 * Every calculation says which years it had to compute with weekends only, so a deadline that reaches into a
 * year whose holidays are not yet loaded can be marked on the claim and recomputed later.
 */
export interface CalendarInstant {
  /** ISO-8601, UTC. */
  readonly at: string;
  readonly fallbackYears: readonly number[];
}

export interface WorkingDuration {
  /** Working milliseconds; negative when `to` is before `from`. */
  readonly ms: number;
  readonly fallbackYears: readonly number[];
}

export interface WorkingCalendarOptions {
  /**
   * The holiday schedules to use; defaults to the shipped ones. When a year appears more than once the later
   * schedule replaces the earlier, so `[...shippedSchedules(), ...operatorSchedules]` applies overrides.
   */
  readonly schedules?: readonly HolidaySchedule[];
  /** The normal working day in local time; a setting, default 09:00–18:00. */
  readonly workingHours?: WorkingHours;
}

/**
 * A working-day calendar for Asia/Shanghai. Instants in: `Date` or ISO-8601 strings with an offset; instants
 * out: ISO-8601 strings in UTC. Pure: no clock, no I/O.
 */
export interface WorkingDayCalendar {
  readonly workingHours: WorkingHours;
  /** Length of a normal working day in milliseconds (9 h with the default hours). */
  readonly workingDayMs: number;
  /** Years with a loaded schedule, ascending. */
  readonly scheduledYears: readonly number[];
  dayInfo(date: string): DayInfo;
  /**
   * The SLA deadline N working days after an instant: the close of business of the Nth working day AFTER the
   * local day of the instant. The starting day never counts, whatever the hour (as the PRC Civil Code art. 201
   * counts periods in days "from the next day"), and the period ends when business stops that day (art. 203),
   * i.e. the end of working hours. So Friday 10:00 or Friday 20:00 + 3 → Wednesday 18:00 local; holidays are
   * skipped and make-up working days count. A half-day counts as a working day ending at its own end time.
   * N = 0 means the earliest close of business at or after the instant.
   */
  addWorkingDays(instant: Instant, days: number): CalendarInstant;
  /** The earliest instant by which `hours` of working time have passed since `instant` (fractions allowed). */
  addWorkingHours(instant: Instant, hours: number): CalendarInstant;
  /** As `addWorkingHours`, in milliseconds. */
  addWorkingTime(instant: Instant, ms: number): CalendarInstant;
  /** Working time between two instants. */
  workingTimeBetween(from: Instant, to: Instant): WorkingDuration;
  /** Working milliseconds expressed in normal working days (ms / workingDayMs). */
  toWorkingDays(ms: number): number;
}

/** Longest span one calculation may walk, so a bad input fails instead of looping for ages. */
const MAX_SPAN_DAYS = 100 * 366;

interface DayPlan {
  readonly info: DayInfo;
  /** Working window in milliseconds into the local day; null when off. */
  readonly window: { readonly start: number; readonly end: number } | null;
}

/** Tracks the years a calculation computed with the weekly rule only. */
class Walk {
  private readonly fallback = new Set<number>();
  private steps = 0;

  constructor(private readonly planDay: (day: number) => DayPlan) {}

  plan(day: number): DayPlan {
    this.steps += 1;
    if (this.steps > MAX_SPAN_DAYS) {
      throw new ValidationError(`Calculation spans more than ${MAX_SPAN_DAYS} days`, [
        { path: 'days', message: 'spans too many days' },
      ]);
    }
    const plan = this.planDay(day);
    if (plan.info.fallback) this.fallback.add(yearOfEpochDay(day));
    return plan;
  }

  fallbackYears(): number[] {
    return [...this.fallback].sort((a, b) => a - b);
  }
}

function offDay(date: string, reason: DayReason, fallback: boolean): DayPlan {
  return { info: { date, working: false, reason, hours: null, fallback }, window: null };
}

function workingDay(date: string, reason: DayReason, hours: Hours, fallback: boolean): DayPlan {
  return {
    info: { date, working: true, reason, hours, fallback },
    window: { start: msOfTimeOfDay(hours.start), end: msOfTimeOfDay(hours.end) },
  };
}

const NonNegativeIntSchema = z.int().check(z.nonnegative());
const NonNegativeFiniteSchema = z.number().check(z.nonnegative());

export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingDayCalendar {
  const workingHours = parseOrThrow(
    WorkingHoursSchema,
    options.workingHours ?? DEFAULT_WORKING_HOURS,
    'working hours',
  );
  const normalWindow = { start: msOfTimeOfDay(workingHours.start), end: msOfTimeOfDay(workingHours.end) };

  const byYear = new Map<number, HolidaySchedule>();
  for (const schedule of options.schedules ?? shippedSchedules()) {
    const valid = isShippedSchedule(schedule)
      ? schedule
      : parseOrThrow(HolidayScheduleSchema, schedule, `holiday schedule ${String(schedule.year)}`);
    byYear.set(valid.year, valid);
  }
  const scheduledYears = [...byYear.keys()].sort((a, b) => a - b);
  // Ascending by year, so for a December date a later year's notice overrides the earlier one.
  const entries = new Map<string, ScheduleDay>();
  for (const year of scheduledYears) {
    for (const day of byYear.get(year)?.days ?? []) entries.set(day.date, day);
  }

  function planDay(day: number): DayPlan {
    const date = dateOfEpochDay(day);
    const entry = entries.get(date);
    if (entry?.kind === 'holiday') return offDay(date, `holiday: ${entry.name}`, false);
    if (entry?.kind === 'workday') return workingDay(date, 'make-up workday (调休)', workingHours, false);
    if (entry?.kind === 'half-day') return workingDay(date, `half-day: ${entry.name}`, entry.hours, false);
    const fallback = !byYear.has(yearOfEpochDay(day));
    return isWeekend(day)
      ? offDay(date, 'weekend', fallback)
      : workingDay(date, 'weekday', workingHours, fallback);
  }

  function addWorkingTimeMs(startMs: number, amountMs: number): CalendarInstant {
    const walk = new Walk(planDay);
    let remaining = amountMs;
    if (remaining === 0) return { at: toIsoInstant(startMs), fallbackYears: [] };
    for (let day = epochDayOfInstant(startMs); ; day += 1) {
      const { window } = walk.plan(day);
      if (!window) continue;
      const from = Math.max(instantOf(day, window.start), startMs);
      const end = instantOf(day, window.end);
      if (from >= end) continue;
      if (remaining <= end - from)
        return { at: toIsoInstant(from + remaining), fallbackYears: walk.fallbackYears() };
      remaining -= end - from;
    }
  }

  return {
    workingHours,
    workingDayMs: normalWindow.end - normalWindow.start,
    scheduledYears,

    dayInfo(date) {
      const valid = parseOrThrow(IsoDateSchema, date, 'date');
      return planDay(epochDayOfDate(valid)).info;
    },

    addWorkingDays(instant, days) {
      const n = parseOrThrow(NonNegativeIntSchema, days, 'number of working days');
      const startMs = toEpochMs(instant);
      const walk = new Walk(planDay);
      const firstDay = epochDayOfInstant(startMs);
      let counted = 0;
      for (let day = n === 0 ? firstDay : firstDay + 1; ; day += 1) {
        const { window } = walk.plan(day);
        if (!window) continue;
        const close = instantOf(day, window.end);
        if (n === 0) {
          if (close >= startMs) return { at: toIsoInstant(close), fallbackYears: walk.fallbackYears() };
          continue;
        }
        counted += 1;
        if (counted === n) return { at: toIsoInstant(close), fallbackYears: walk.fallbackYears() };
      }
    },

    addWorkingHours(instant, hours) {
      const h = parseOrThrow(NonNegativeFiniteSchema, hours, 'number of working hours');
      return addWorkingTimeMs(toEpochMs(instant), Math.round(h * HOUR_MS));
    },

    addWorkingTime(instant, ms) {
      const amount = parseOrThrow(NonNegativeIntSchema, ms, 'working milliseconds');
      return addWorkingTimeMs(toEpochMs(instant), amount);
    },

    workingTimeBetween(from, to) {
      const a = toEpochMs(from, 'from');
      const b = toEpochMs(to, 'to');
      if (a === b) return { ms: 0, fallbackYears: [] };
      const [lo, hi] = a < b ? [a, b] : [b, a];
      const walk = new Walk(planDay);
      let total = 0;
      for (let day = epochDayOfInstant(lo); instantOf(day, 0) < hi; day += 1) {
        const { window } = walk.plan(day);
        if (!window) continue;
        const overlap = Math.min(hi, instantOf(day, window.end)) - Math.max(lo, instantOf(day, window.start));
        if (overlap > 0) total += overlap;
      }
      return { ms: a < b || total === 0 ? total : -total, fallbackYears: walk.fallbackYears() };
    },

    toWorkingDays(ms) {
      return ms / (normalWindow.end - normalWindow.start);
    },
  };
}
