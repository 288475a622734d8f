import * as z from '../../zod.js';
import { InvalidTransitionError, ValidationError } from '../errors.js';
import { IsoInstantSchema, toEpochMs, toIsoInstant } from './instant.js';
import type { Instant } from './instant.js';
import { HOUR_MS } from './local-time.js';
import { parseOrThrow } from './validation.js';
import type { CalendarInstant, WorkingDayCalendar } from './working-calendar.js';

/**
 * An SLA clock is plain data stored on the claim (JSON-safe: ISO strings and numbers only), changed only by
 * the pure functions below, each returning a new value. Working-time targets follow the working calendar;
 * calendar-hour targets (the 24 h on-site visit) ignore it.
 */

export const SlaTargetSchema = z.union([
  z.strictObject({ workingDays: z.int().check(z.nonnegative()) }),
  z.strictObject({ workingHours: z.number().check(z.nonnegative()) }),
  z.strictObject({ calendarHours: z.number().check(z.nonnegative()) }),
]);
export type SlaTarget = z.infer<typeof SlaTargetSchema>;

export const SlaClockStateSchema = z.enum(['running', 'paused', 'stopped']);
export type SlaClockState = z.infer<typeof SlaClockStateSchema>;

const SlaPauseSchema = z.strictObject({
  at: IsoInstantSchema,
  reason: z.string().check(z.minLength(1)),
  resumedAt: z.nullable(IsoInstantSchema),
  /** Time this pause took, in the clock's unit; null while it lasts. */
  pausedMs: z.nullable(z.int().check(z.nonnegative())),
});
export type SlaPause = z.infer<typeof SlaPauseSchema>;

/**
 * "The clock's unit" below is working milliseconds for working-day and working-hour targets, and plain
 * milliseconds for calendar-hour targets.
 */
export const SlaClockSchema = z.strictObject({
  target: SlaTargetSchema,
  state: SlaClockStateSchema,
  startedAt: IsoInstantSchema,
  /** The deadline; each resume moves it out by the paused time. While paused it is the pre-pause deadline. */
  dueAt: IsoInstantSchema,
  /** Time allowed, in the clock's unit: from the start to the original deadline. */
  budgetMs: z.int().check(z.nonnegative()),
  /** Total of the finished pauses, in the clock's unit. */
  pausedMs: z.int().check(z.nonnegative()),
  pauses: z.array(SlaPauseSchema),
  stoppedAt: z.nullable(IsoInstantSchema),
  /** Years the deadline was computed for with weekends only (no schedule loaded): mark the claim. */
  fallbackYears: z.array(z.int()),
});
export type SlaClock = z.infer<typeof SlaClockSchema>;

export interface SlaStatus {
  readonly state: SlaClockState;
  readonly dueAt: string;
  /** Time used so far in the clock's unit, paused time excluded; frozen while paused and once stopped. */
  readonly usedMs: number;
  readonly budgetMs: number;
  /** usedMs / budgetMs; above 1 once overdue. */
  readonly usedRatio: number;
  /** At or past the warning ratio, and not yet breached. */
  readonly warning: boolean;
  /** The deadline passed (while running), or the clock was paused or stopped after it. */
  readonly breached: boolean;
  readonly fallbackYears: readonly number[];
}

export const DEFAULT_WARNING_RATIO = 0.8;

export interface SlaClocks {
  start(at: Instant, target: SlaTarget): SlaClock;
  /** Waiting for the customer (e.g. material to be supplemented); only a running clock pauses. */
  pause(clock: SlaClock, at: Instant, reason: string): SlaClock;
  /** Moves the deadline out by the paused time (working time, or calendar time for calendar-hour targets). */
  resume(clock: SlaClock, at: Instant): SlaClock;
  /** Stops a running or paused clock (a paused one is resumed at the same instant first). */
  stop(clock: SlaClock, at: Instant): SlaClock;
  status(clock: SlaClock, now: Instant, warningRatio?: number): SlaStatus;
}

const WarningRatioSchema = z.number().check(z.gt(0), z.lte(1));

function mergeYears(...lists: (readonly number[])[]): number[] {
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

/** The last instant recorded on the clock; later changes may not go back before it. */
function lastEventMs(clock: SlaClock): number {
  const last = clock.pauses.at(-1);
  const times = [clock.startedAt, last?.at, last?.resumedAt ?? undefined, clock.stoppedAt ?? undefined];
  return Math.max(...times.filter((t): t is string => t !== undefined).map((t) => Date.parse(t)));
}

function eventMs(clock: SlaClock, at: Instant): number {
  const ms = toEpochMs(at, 'at');
  if (ms < lastEventMs(clock)) {
    throw new ValidationError('A clock change cannot be earlier than the clock’s last change', [
      { path: 'at', message: 'earlier than the last change' },
    ]);
  }
  return ms;
}

export function createSlaClocks(calendar: WorkingDayCalendar): SlaClocks {
  const isCalendarTime = (clock: SlaClock): boolean => 'calendarHours' in clock.target;

  /** Time between two instants in the clock's unit. */
  function elapsed(
    clock: SlaClock,
    fromMs: number,
    toMs: number,
  ): { ms: number; fallbackYears: readonly number[] } {
    if (isCalendarTime(clock)) return { ms: toMs - fromMs, fallbackYears: [] };
    return calendar.workingTimeBetween(new Date(fromMs), new Date(toMs));
  }

  function resumeAt(clock: SlaClock, ms: number): SlaClock {
    const pause = clock.pauses.at(-1);
    if (clock.state !== 'paused' || !pause)
      throw new InvalidTransitionError(`Cannot resume a ${clock.state} clock`);
    const paused = elapsed(clock, Date.parse(pause.at), ms);
    const due: CalendarInstant = isCalendarTime(clock)
      ? { at: toIsoInstant(Date.parse(clock.dueAt) + paused.ms), fallbackYears: [] }
      : calendar.addWorkingTime(clock.dueAt, paused.ms);
    return {
      ...clock,
      state: 'running',
      dueAt: due.at,
      pausedMs: clock.pausedMs + paused.ms,
      pauses: [...clock.pauses.slice(0, -1), { ...pause, resumedAt: toIsoInstant(ms), pausedMs: paused.ms }],
      fallbackYears: mergeYears(clock.fallbackYears, paused.fallbackYears, due.fallbackYears),
    };
  }

  return {
    start(at, target) {
      const startMs = toEpochMs(at, 'at');
      const valid = parseOrThrow(SlaTargetSchema, target, 'SLA target');
      let due: CalendarInstant;
      if ('workingDays' in valid) due = calendar.addWorkingDays(new Date(startMs), valid.workingDays);
      else if ('workingHours' in valid) due = calendar.addWorkingHours(new Date(startMs), valid.workingHours);
      else due = { at: toIsoInstant(startMs + Math.round(valid.calendarHours * HOUR_MS)), fallbackYears: [] };
      const clock: SlaClock = {
        target: valid,
        state: 'running',
        startedAt: toIsoInstant(startMs),
        dueAt: due.at,
        budgetMs: 0,
        pausedMs: 0,
        pauses: [],
        stoppedAt: null,
        fallbackYears: [],
      };
      const budget = elapsed(clock, startMs, Date.parse(due.at));
      return {
        ...clock,
        budgetMs: budget.ms,
        fallbackYears: mergeYears(due.fallbackYears, budget.fallbackYears),
      };
    },

    pause(clock, at, reason) {
      if (clock.state !== 'running') throw new InvalidTransitionError(`Cannot pause a ${clock.state} clock`);
      const ms = eventMs(clock, at);
      const why = parseOrThrow(z.string().check(z.trim(), z.minLength(1)), reason, 'pause reason');
      return {
        ...clock,
        state: 'paused',
        pauses: [...clock.pauses, { at: toIsoInstant(ms), reason: why, resumedAt: null, pausedMs: null }],
      };
    },

    resume(clock, at) {
      return resumeAt(clock, eventMs(clock, at));
    },

    stop(clock, at) {
      if (clock.state === 'stopped') throw new InvalidTransitionError('The clock is already stopped');
      const ms = eventMs(clock, at);
      const running = clock.state === 'paused' ? resumeAt(clock, ms) : clock;
      return { ...running, state: 'stopped', stoppedAt: toIsoInstant(ms) };
    },

    status(clock, now, warningRatio = DEFAULT_WARNING_RATIO) {
      const ratio = parseOrThrow(WarningRatioSchema, warningRatio, 'warning ratio');
      const startMs = Date.parse(clock.startedAt);
      const pausedAt = clock.state === 'paused' ? clock.pauses.at(-1)?.at : undefined;
      const frozenAt = clock.stoppedAt ?? pausedAt;
      const atMs = frozenAt === undefined ? toEpochMs(now, 'now') : Date.parse(frozenAt);
      const dueMs = Date.parse(clock.dueAt);
      const sinceStart = atMs > startMs ? elapsed(clock, startMs, atMs) : { ms: 0, fallbackYears: [] };
      const usedMs = Math.max(0, sinceStart.ms - clock.pausedMs);
      const breached = atMs > dueMs;
      const usedRatio = clock.budgetMs > 0 ? usedMs / clock.budgetMs : atMs >= dueMs ? 1 : 0;
      return {
        state: clock.state,
        dueAt: clock.dueAt,
        usedMs,
        budgetMs: clock.budgetMs,
        usedRatio,
        warning: !breached && usedRatio >= ratio,
        breached,
        fallbackYears: mergeYears(clock.fallbackYears, sinceStart.fallbackYears),
      };
    },
  };
}
