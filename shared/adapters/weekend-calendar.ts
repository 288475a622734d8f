import type { WorkingCalendar } from '../ports/working-calendar.js';

/** Placeholder until the holiday calendar lands: counts Monday–Friday only. */
export const weekendCalendar: WorkingCalendar = {
  addWorkingDays(from, days) {
    const at = new Date(from.getTime());
    let left = days;
    while (left > 0) {
      at.setUTCDate(at.getUTCDate() + 1);
      const weekday = new Date(at.getTime() + 8 * 3_600_000).getUTCDay();
      if (weekday !== 0 && weekday !== 6) left--;
    }
    return at;
  },
};
