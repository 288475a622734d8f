import { shippedSchedules } from '../calendar/shipped-schedules.js';
import { createWorkingCalendar, type WorkingDayCalendar } from '../calendar/working-calendar.js';
import type { CalendarSource, CalendarStore } from '../../ports/calendar-store.js';
import type { Clock } from '../../ports/clock.js';

/**
 * The calendar in force, rebuilt from the stored overrides at most every `ttlMs` (one Query), so a schedule
 * an operator loads reaches every warm Lambda within minutes without a deploy.
 */
export function cachedCalendarSource(store: CalendarStore, clock: Clock, ttlMs = 5 * 60_000): CalendarSource {
  let cached: { calendar: WorkingDayCalendar; loadedAt: number } | undefined;
  return {
    async current() {
      const now = clock.now().getTime();
      if (cached && now - cached.loadedAt < ttlMs) return cached.calendar;
      const stored = await store.listSchedules();
      const calendar = createWorkingCalendar({
        // Later entries replace earlier ones for the same year: overrides win over the shipped data.
        schedules: [...shippedSchedules(), ...stored.map((s) => s.schedule)],
      });
      cached = { calendar, loadedAt: now };
      return calendar;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** A fixed calendar (tests, and code paths that need no overrides). */
export function fixedCalendarSource(calendar: WorkingDayCalendar = createWorkingCalendar()): CalendarSource {
  return { current: () => Promise.resolve(calendar), invalidate: () => undefined };
}
