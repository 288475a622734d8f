import type { WorkingCalendar } from '../../ports/working-calendar.js';
import type { WorkingDayCalendar } from './working-calendar.js';

/**
 * Fits the calendar to the narrower `WorkingCalendar` port intake uses today. The port returns a bare Date,
 * so the fallback-year marker is lost on this path; callers that must mark claims use the calendar directly.
 */
export function asWorkingCalendarPort(calendar: WorkingDayCalendar): WorkingCalendar {
  return { addWorkingDays: (from, days) => new Date(calendar.addWorkingDays(from, days).at) };
}
