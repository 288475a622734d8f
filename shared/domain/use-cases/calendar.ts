import { parseHolidaySchedule, type HolidaySchedule } from '../calendar/holiday-schedule.js';
import { shippedSchedules } from '../calendar/shipped-schedules.js';
import type { WorkingDayCalendar } from '../calendar/working-calendar.js';
import { ValidationError } from '../errors.js';
import { needsRole } from '../refusals.js';
import type { StaffPrincipal } from '../principal.js';
import type { CalendarSource, CalendarStore } from '../../ports/calendar-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Actor } from '../claim.js';
import { claimUpdate } from '../claim-change.js';
import { ConflictError } from '../errors.js';
import { notificationMessage } from '../messages.js';
import { staffActor } from '../principal.js';
import { clockTouchesYear, recomputeClaimDeadlines } from '../sla/recompute.js';
import { formatInstant } from '../shanghai-time.js';
import { commitChange, type ActionDeps } from './money-change.js';

export interface CalendarDeps {
  readonly calendarStore: CalendarStore;
  readonly calendars: CalendarSource;
  readonly clock: Clock;
}

/** Loading a schedule also recomputes the deadlines it moves, so it needs what a claim change needs. */
export type StoreScheduleDeps = CalendarDeps & ActionDeps;

/** What a recompute did (it is repeatable: a second run with the same schedule changes nothing). */
export interface RecomputeSummary {
  readonly year: number;
  /** Index entries read with a running clock due in (or computed on weekends only for) the year. */
  readonly checked: number;
  /** Claims whose stored deadlines changed, each with its own audit event. */
  readonly changed: number;
  /** Of those, deadlines that moved later (the customer is told). */
  readonly movedLater: number;
  /** Claims someone changed meanwhile: run again (repeat the PUT or the CLI) to take them. */
  readonly conflicts: number;
  /** False when `maxChanges` was reached first: run again to go on. */
  readonly complete: boolean;
}

/** Claims one request changes at most: the API answers within its timeout; the CLI passes Infinity. */
export const RECOMPUTE_CHANGES_PER_REQUEST = 200;

export interface ScheduleView {
  readonly year: number;
  /** `operator`: loaded through the CLI or API; `shipped`: the packaged data; `none`: weekends only. */
  readonly origin: 'operator' | 'shipped' | 'none';
  readonly schedule: HolidaySchedule | null;
  readonly updatedBy?: string;
  readonly updatedAt?: string;
}

/** A year's schedule as the calendar uses it: the operator's if loaded, else the shipped one, else none. */
export async function viewHolidaySchedule(deps: CalendarDeps, year: number): Promise<ScheduleView> {
  const stored = await deps.calendarStore.getSchedule(year);
  if (stored) return { year, origin: 'operator', ...stored };
  const shipped = shippedSchedules().find((s) => s.year === year);
  return shipped ? { year, origin: 'shipped', schedule: shipped } : { year, origin: 'none', schedule: null };
}

/**
 * An operator loads or replaces a year's holiday schedule (when the State Council publishes it), no deploy.
 * 1. Only admins may (the whole company's deadlines move with it).
 * 2. Validate it with the calendar's schema; the year in the path must be the schedule's year.
 * 3. Store it; this process's cached calendar is dropped now, other warm functions pick it up within the TTL.
 * 4. Recompute the stored deadlines of running clocks in that year (`recomputeDeadlines`), at most
 *    `maxChanges` claims; the answer says whether it is complete (else repeat: it is idempotent).
 */
export async function storeHolidaySchedule(
  deps: StoreScheduleDeps,
  by: StaffPrincipal | { readonly operator: string },
  input: unknown,
  year?: number,
  maxChanges = RECOMPUTE_CHANGES_PER_REQUEST,
): Promise<ScheduleView & { readonly recompute: RecomputeSummary }> {
  if ('roles' in by && !by.roles.includes('admin')) {
    throw needsRole(['admin'], 'only an admin may load a holiday schedule');
  }
  const schedule = parseHolidaySchedule(input);
  if (year !== undefined && schedule.year !== year) {
    throw new ValidationError(`the schedule is for ${schedule.year}, not ${year}`, [
      { path: 'year', message: `expected ${year}` },
    ]);
  }
  const who = 'roles' in by ? `staff:${by.id}` : `operator:${by.operator}`;
  await deps.calendarStore.putSchedule(schedule, who, deps.clock.now());
  deps.calendars.invalidate();
  const actor: Actor = 'roles' in by ? staffActor(by) : { type: 'system', id: `operator:${by.operator}` };
  const recompute = await recomputeDeadlines(deps, schedule.year, actor, maxChanges);
  return { ...(await viewHolidaySchedule(deps, schedule.year)), recompute };
}

/**
 * The stored deadlines of running clocks that depend on `year` (due in it, or computed for it on weekends
 * only), recomputed on the calendar in force (holiday-schedule-loaded).
 * 1. Read the sparse deadline index up to the end of the year, page by page (no Scan): only open claims
 *    with a running clock are in it; skip entries with no clock in the year without reading the claim.
 * 2. Replay each such clock on the calendar in force (`recomputeClaimDeadlines`); nothing moved, no write.
 * 3. Commit each changed claim with its own audit event (`recompute_deadlines`, old → new in the note and the
 *    diff), conditional on its version, and a `deadline_moved` notice to the customer for each deadline that
 *    moved later (its id names the new deadline, so a repeat sends nothing twice).
 * Stops after `maxChanges` changed claims (`complete: false`): run again to continue, it is idempotent.
 */
export async function recomputeDeadlines(
  deps: ActionDeps,
  year: number,
  actor: Actor,
  maxChanges = RECOMPUTE_CHANGES_PER_REQUEST,
): Promise<RecomputeSummary> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const ctx = { calendar: await deps.calendars.current(), settings: deps.settings };
  // 1 January of the next year, 00:00 Shanghai: every deadline of `year` sorts at or before it.
  const until = new Date(Date.UTC(year, 11, 31, 16)).toISOString();
  const totals = { checked: 0, changed: 0, movedLater: 0, conflicts: 0 };
  for await (const entry of deps.store.deadlinesUntil(until)) {
    if (!entry.deadline.clocks.some((clock) => clockTouchesYear(clock, year))) continue;
    if (totals.changed >= maxChanges) return { year, ...totals, complete: false };
    totals.checked++;
    const claim = await deps.store.getById(entry.claimId);
    if (!claim) continue;
    const plan = recomputeClaimDeadlines(ctx, claim.clocks, year, now);
    if (!plan) continue;
    const later = plan.moved.filter((m) => m.newDueAt > m.previousDueAt);
    const note =
      `${year} 节假日安排已导入，截止时间重算 (holiday schedule ${year} loaded, deadlines recomputed): ` +
      (plan.moved.length > 0
        ? plan.moved
            .map(
              (m) =>
                `${m.clock} ${formatInstant(m.previousDueAt, 'en')} → ${formatInstant(m.newDueAt, 'en')}`,
            )
            .join('; ')
        : 'warning and weekends-only marks updated');
    const { change } = claimUpdate(
      claim,
      { ...claim, clocks: plan.clocks },
      { eventId: deps.ids.newId(now), at, actor, action: 'recompute_deadlines', note },
      {
        outbox: later.map((m) =>
          notificationMessage(
            'deadline_moved',
            { clock: m.clock, previousDueAt: m.previousDueAt, newDueAt: m.newDueAt, year },
            {
              id: `${claim.id}:deadline_moved:${m.clock}:${m.newDueAt}`,
              claim,
              recipient: { type: 'customer' },
              createdAt: at,
            },
          ),
        ),
      },
    );
    try {
      await commitChange(deps, change);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      totals.conflicts++;
      continue;
    }
    totals.changed++;
    totals.movedLater += later.length;
  }
  return { year, ...totals, complete: true };
}

/** `<date> working|off <reason>` for each date, with the weekends-only fallback said out loud. */
export function describeDays(calendar: WorkingDayCalendar, dates: readonly string[]): string[] {
  return dates.map((date) => {
    const info = calendar.dayInfo(date);
    const hours =
      info.hours && info.reason.startsWith('half-day') ? ` ${info.hours.start}-${info.hours.end}` : '';
    const fallback = info.fallback ? ` (no schedule for ${date.slice(0, 4)}: weekends only)` : '';
    return `${info.date} ${info.working ? 'working' : 'off'} ${info.reason}${hours}${fallback}`;
  });
}
