import { createSlaClocks, type SlaClock } from '../calendar/sla-clock.js';
import { shanghaiYear } from '../shanghai-time.js';
import { extendedDeadline, mergeYears, warningInstant, type SlaContext } from './claim-clocks.js';
import { clockEntries, type ClaimClock, type ClaimClocks, type ClockName } from './clock-schema.js';

/** A clock a loaded schedule moved: where its deadline was and where it is now. */
export interface MovedDeadline {
  readonly clock: ClockName;
  readonly previousDueAt: string;
  readonly newDueAt: string;
}

/**
 * Whether a running clock's deadline depends on `year`'s calendar: it falls in that Shanghai year, or was
 * computed for it on weekends only. Calendar-hour clocks (the 24-hour visit) never depend on holidays.
 */
export function clockTouchesYear(
  clock: {
    readonly dueAt: string;
    readonly fallbackYears: readonly number[];
    readonly target?: SlaClock['target'];
  },
  year: number,
): boolean {
  if (clock.target && 'calendarHours' in clock.target) return false;
  return shanghaiYear(new Date(clock.dueAt)) === year || clock.fallbackYears.includes(year);
}

/**
 * A running working-time clock replayed on the calendar in force: started again at its start with its target,
 * each finished pause resumed again, and its one extension added again (as working days when the days are
 * recorded, else as the working time the old deadlines spanned) where it happened among the pauses.
 * Budget, paused time, warning and the weekends-only years follow; a warning or breach recorded against a
 * deadline that is now later than `now` is cleared so the new one is watched afresh (as a resume does).
 */
export function recomputedClock(ctx: SlaContext, clock: ClaimClock, now: Date): ClaimClock {
  const clocks = createSlaClocks(ctx.calendar);
  const extension = clock.extension;
  let replay = clocks.start(clock.startedAt, clock.target);
  let extended = extension === null;
  const extend = (): void => {
    if (extended || extension === null) return;
    extended = true;
    if (extension.days !== undefined) {
      const moved = extendedDeadline(ctx, replay, extension.days);
      replay = { ...replay, ...moved, fallbackYears: mergeYears(replay.fallbackYears, moved.fallbackYears) };
      return;
    }
    const span = ctx.calendar.workingTimeBetween(extension.previousDueAt, extension.newDueAt);
    const due = ctx.calendar.addWorkingTime(replay.dueAt, span.ms);
    replay = {
      ...replay,
      dueAt: due.at,
      budgetMs: replay.budgetMs + span.ms,
      fallbackYears: mergeYears(replay.fallbackYears, span.fallbackYears, due.fallbackYears),
    };
  };
  for (const pause of clock.pauses) {
    if (extension && extension.at <= pause.at) extend();
    replay = clocks.pause(replay, pause.at, pause.reason);
    if (pause.resumedAt === null) break;
    replay = clocks.resume(replay, pause.resumedAt);
  }
  extend();
  const next: ClaimClock = {
    ...clock,
    dueAt: replay.dueAt,
    budgetMs: replay.budgetMs,
    pausedMs: replay.pausedMs,
    pauses: replay.pauses,
    fallbackYears: replay.fallbackYears,
  };
  const withWarning = { ...next, warningAt: warningInstant(ctx, next) };
  const later = Date.parse(withWarning.dueAt) > Math.max(now.getTime(), Date.parse(clock.dueAt));
  if (!later) return withWarning;
  return {
    ...withWarning,
    warnedAt: Date.parse(withWarning.warningAt) > now.getTime() ? null : withWarning.warnedAt,
    breachedAt: Date.parse(withWarning.dueAt) > now.getTime() ? null : withWarning.breachedAt,
    nextEscalationAt: Date.parse(withWarning.dueAt) > now.getTime() ? null : withWarning.nextEscalationAt,
  };
}

/**
 * The claim's running clocks that depend on `year`, recomputed on the calendar in force; `null` when none
 * moved (so a second run with the same schedule changes nothing). Paused and stopped clocks are left: a
 * stopped one is history, a paused one is recomputed by its resume on the calendar then in force.
 */
export function recomputeClaimDeadlines(
  ctx: SlaContext,
  current: ClaimClocks | undefined,
  year: number,
  now: Date,
): { clocks: ClaimClocks; moved: MovedDeadline[] } | null {
  const clocks: ClaimClocks = { ...(current ?? {}) };
  const moved: MovedDeadline[] = [];
  let changed = false;
  for (const [name, clock] of clockEntries(current)) {
    if (clock.state !== 'running' || !clockTouchesYear(clock, year)) continue;
    const next = recomputedClock(ctx, clock, now);
    if (JSON.stringify(next) === JSON.stringify(clock)) continue;
    clocks[name] = next;
    changed = true;
    if (next.dueAt !== clock.dueAt)
      moved.push({ clock: name, previousDueAt: clock.dueAt, newDueAt: next.dueAt });
  }
  return changed ? { clocks, moved } : null;
}
