/**
 * Asia/Shanghai wall-clock arithmetic. China has used UTC+8 with no daylight saving since 1991, so a fixed
 * +08:00 offset is exact for every date the calendar deals with; no time-zone database is needed.
 *
 * Dates are handled as "epoch days" (whole days since 1970-01-01 in local time) so stepping a day is `+ 1`.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  return new Date(ms).toISOString().slice(0, 10) === text;
}

/** Local epoch day of a YYYY-MM-DD date; the caller has checked it with `isIsoDate`. */
export function epochDayOfDate(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfEpochDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** Saturday or Sunday in local time. */
export function isWeekend(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The local epoch day an instant (epoch milliseconds) falls on. */
export function epochDayOfInstant(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The instant (epoch milliseconds) of a local wall-clock time, given as milliseconds into a local day. */
export function instantOf(day: number, msOfDay: number): number {
  return day * DAY_MS + msOfDay - SHANGHAI_OFFSET_MS;
}

export function isTimeOfDay(text: string): boolean {
  return TIME_OF_DAY.test(text);
}

/** Milliseconds into the day of an HH:MM time; the caller has checked it with `isTimeOfDay`. */
export function msOfTimeOfDay(text: string): number {
  const [hours = '0', minutes = '0'] = text.split(':');
  return Number(hours) * HOUR_MS + Number(minutes) * MINUTE_MS;
}
