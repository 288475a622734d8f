import * as z from '../../zod.js';
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { HolidayScheduleSchema, IsoDateSchema } from './holiday-schedule.js';
import type { HolidaySchedule, ScheduleDay } from './holiday-schedule.js';
import { parseOrThrow } from './validation.js';

/**
 * The shipped default schedules, adapted from the `chinese-days` package (MIT). Its published data file
 * `dist/chinese-days.json` (documented in its README for non-JS use) maps each date to
 * "English name,中文名,statutory day count":
 *   - `holidays`: every day off, including weekend days inside a holiday period;
 *   - `workdays`: the weekend make-up working days (调休上班);
 *   - `inLieuDays`: the weekdays given off in exchange, already contained in `holidays`, so not needed here.
 * The package has no notion of half-days. Its package version is pinned, so the data changes only when the
 * dependency is deliberately upgraded; newer years are loaded by an operator instead.
 */
export const SHIPPED_SOURCE = 'chinese-days@1.5.7 dist/chinese-days.json';

const LABEL = /^([^,]+),([^,]+),(\d+)$/;
const LabelledDatesSchema = z.record(
  IsoDateSchema,
  z.string().check(z.regex(LABEL, 'expected "English,中文,N"')),
);
const ChineseDaysDataSchema = z.object({ holidays: LabelledDatesSchema, workdays: LabelledDatesSchema });

/** The Chinese name out of a "National Day,国庆节,3" label. */
function chineseName(label: string): string {
  return LABEL.exec(label)?.[2] ?? label;
}

/**
 * Converts chinese-days' date maps into one schedule per year, validating the input and each schedule.
 * Dates are grouped by their own year, so a make-up day a notice put in the previous December (2011-12-31)
 * lands in that year's schedule.
 */
export function schedulesFromChineseDays(data: unknown): HolidaySchedule[] {
  return toSchedules(parseOrThrow(ChineseDaysDataSchema, data, 'chinese-days data')).map((schedule) =>
    parseOrThrow(HolidayScheduleSchema, schedule, `shipped schedule ${schedule.year}`),
  );
}

function toSchedules(data: z.infer<typeof ChineseDaysDataSchema>): HolidaySchedule[] {
  const byYear = new Map<number, ScheduleDay[]>();
  const add = (day: ScheduleDay): void => {
    const year = Number(day.date.slice(0, 4));
    const days = byYear.get(year) ?? [];
    days.push(day);
    byYear.set(year, days);
  };
  for (const [date, label] of Object.entries(data.holidays))
    add({ date, kind: 'holiday', name: chineseName(label) });
  for (const [date, label] of Object.entries(data.workdays))
    add({ date, kind: 'workday', name: chineseName(label) });
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, days]) => ({
      year,
      source: SHIPPED_SOURCE,
      // ISO dates sort as strings; localeCompare would cost a cold start milliseconds of ICU collation.
      days: days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    }));
}

let shipped: readonly HolidaySchedule[] | undefined;
const shippedSet = new WeakSet<HolidaySchedule>();

/**
 * The shipped schedules (2004 through the last year chinese-days publishes), converted once. The pinned
 * package file is not input: the shipped-schedules test validates it and every schedule made from it, so
 * a cold start does not spend ~40 ms of zod on it again.
 */
export function shippedSchedules(): readonly HolidaySchedule[] {
  if (shipped === undefined) {
    shipped = Object.freeze(toSchedules(chineseDays));
    for (const schedule of shipped) shippedSet.add(schedule);
  }
  return shipped;
}

/** True for the very schedule objects `shippedSchedules` returns (already valid; see above). */
export function isShippedSchedule(schedule: HolidaySchedule): boolean {
  return shippedSet.has(schedule);
}
