import type { Language } from './categories.js';
import {
  DAY_MS,
  SHANGHAI_OFFSET_MS,
  dateOfEpochDay,
  epochDayOfDate,
  epochDayOfInstant,
} from './calendar/local-time.js';

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

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date (YYYY-MM-DD) for people: "2026年12月7日" / "7 Dec 2026"; without the year when asked. */
export function formatDate(isoDate: string, language: Language, options: { year?: boolean } = {}): string {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  const withYear = options.year ?? true;
  return language === 'en'
    ? `${Number(day)} ${MONTHS_EN[Number(month) - 1] ?? ''}${withYear ? ` ${year}` : ''}`
    : `${withYear ? `${year}年` : ''}${Number(month)}月${Number(day)}日`;
}

/**
 * An instant as people read deadlines, in Shanghai time (UTC+8 all year, no daylight saving):
 * "2026年12月7日 18:00" / "7 Dec 2026, 18:00"; the web's short form leaves the year out.
 */
export function formatInstant(iso: string, language: Language, options: { year?: boolean } = {}): string {
  const local = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString();
  const date = formatDate(local.slice(0, 10), language, options);
  const time = local.slice(11, 16);
  return language === 'en' ? `${date}, ${time}` : `${date} ${time}`;
}
