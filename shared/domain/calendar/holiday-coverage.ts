import { addDays, shanghaiYear } from '../shanghai-time.js';

/**
 * A year's holiday schedule is needed from this many days before the year starts: a 15-working-day
 * decision plus an extension is about six weeks, so deadlines computed from then on can reach into it.
 * The State Council usually publishes the schedule in October or November.
 */
export const HOLIDAY_SCHEDULE_LEAD_DAYS = 60;

/**
 * Years deadlines computed at `now` may reach that have no loaded holiday schedule: this Shanghai year,
 * and from HOLIDAY_SCHEDULE_LEAD_DAYS before it starts the next. Such years are computed on weekends only
 * (`fallbackYears`); the sweep reports them as a metric (alarmed) and the console and dashboard show a banner.
 */
export function missingHolidayYears(scheduledYears: readonly number[], now: Date): number[] {
  const year = shanghaiYear(now);
  const needed = shanghaiYear(addDays(now, HOLIDAY_SCHEDULE_LEAD_DAYS)) > year ? [year, year + 1] : [year];
  return needed.filter((candidate) => !scheduledYears.includes(candidate));
}
