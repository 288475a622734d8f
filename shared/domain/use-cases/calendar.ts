import { parseHolidaySchedule, type HolidaySchedule } from '../calendar/holiday-schedule.js';
import { shippedSchedules } from '../calendar/shipped-schedules.js';
import type { WorkingDayCalendar } from '../calendar/working-calendar.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import type { StaffPrincipal } from '../principal.js';
import type { CalendarSource, CalendarStore } from '../../ports/calendar-store.js';
import type { Clock } from '../../ports/clock.js';

export interface CalendarDeps {
  readonly calendarStore: CalendarStore;
  readonly calendars: CalendarSource;
  readonly clock: Clock;
}

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
 * Deadlines already on claims are not recomputed; those computed with weekends only say so on the clock.
 */
export async function storeHolidaySchedule(
  deps: CalendarDeps,
  by: StaffPrincipal | { readonly operator: string },
  input: unknown,
  year?: number,
): Promise<ScheduleView> {
  if ('roles' in by && !by.roles.includes('admin')) {
    throw new ForbiddenError('only an admin may load a holiday schedule');
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
  return viewHolidaySchedule(deps, schedule.year);
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
