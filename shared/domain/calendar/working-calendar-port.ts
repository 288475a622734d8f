import type { WorkingCalendar } from '../../ports/working-calendar.js';
import type { WorkingDayCalendar } from './working-calendar.js';

/**
 * Fits the calendar to the narrower `WorkingCalendar` port intake uses today. The port returns a bare Date,
 * so the fallback-year marker is lost on this path; callers that must mark claims use the calendar directly.
 */
export function asWorkingCalendarPort(
  calendar: WorkingDayCalendar | (() => WorkingDayCalendar),
): WorkingCalendar {
  // Given a factory, the calendar is built on first use: most invocations of most functions never need it.
  let built = typeof calendar === 'function' ? undefined : calendar;
  const current = () => (built ??= typeof calendar === 'function' ? calendar() : calendar);
  return { addWorkingDays: (from, days) => new Date(current().addWorkingDays(from, days).at) };
}
