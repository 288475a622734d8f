import { shanghaiDate } from '../shanghai-time.js';

/**
 * From this Shanghai month-day on, deadlines can reach into next year (a 15-working-day decision plus
 * an extension is about six weeks), so next year's schedule is needed too. The State Council usually
 * publishes it in October or November.
 */
export const NEXT_YEAR_NEEDED_FROM = '11-01';

/**
 * Years deadlines computed at `now` may reach that have no loaded holiday schedule: this Shanghai year,
 * and from NEXT_YEAR_NEEDED_FROM the next. Such years are computed on weekends only (`fallbackYears`).
 */
export function missingHolidayYears(scheduledYears: readonly number[], now: Date): number[] {
  const date = shanghaiDate(now);
  const year = Number(date.slice(0, 4));
  const needed = date.slice(5) >= NEXT_YEAR_NEEDED_FROM ? [year, year + 1] : [year];
  return needed.filter((candidate) => !scheduledYears.includes(candidate));
}
