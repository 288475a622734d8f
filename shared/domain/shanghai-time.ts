import { DAY_MS, dateOfEpochDay, epochDayOfDate, epochDayOfInstant } from './calendar/local-time.js';

/** Asia/Shanghai dates of instants, for rules counted in calendar days (filing window, duplicates). */
export function shanghaiDate(instant: Date): string {
  return dateOfEpochDay(epochDayOfInstant(instant.getTime()));
}

export function shanghaiYear(instant: Date): number {
  return Number(shanghaiDate(instant).slice(0, 4));
}

/** Whole calendar days from date `from` to date `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetweenDates(from: string, to: string): number {
  return epochDayOfDate(to) - epochDayOfDate(from);
}

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}
