import * as z from '../../zod.js';
import { isIsoDate, isTimeOfDay, msOfTimeOfDay } from './local-time.js';
import { parseOrThrow } from './validation.js';

/**
 * The holiday table is data, one schedule per year as the State Council announces it each autumn, so an
 * operator can load next year's schedule without a deploy. Days not listed follow the weekly rule
 * (Monday–Friday working, weekends off); listed days override it.
 */

export const IsoDateSchema = z.string().check(z.refine(isIsoDate, 'expected a real date written YYYY-MM-DD'));

export const TimeOfDaySchema = z
  .string()
  .check(z.refine(isTimeOfDay, 'expected HH:MM between 00:00 and 23:59'));

/** A window of local (Asia/Shanghai) wall-clock time within one day, e.g. 09:00–18:00. */
export const HoursSchema = z.strictObject({ start: TimeOfDaySchema, end: TimeOfDaySchema }).check(
  z.refine((h) => msOfTimeOfDay(h.start) < msOfTimeOfDay(h.end), {
    message: 'end must be later than start',
    path: ['end'],
  }),
);
export type Hours = z.infer<typeof HoursSchema>;

/** The normal working day; one window (a lunch break is not modelled). */
export const WorkingHoursSchema = HoursSchema;
export type WorkingHours = Hours;
export const DEFAULT_WORKING_HOURS: WorkingHours = { start: '09:00', end: '18:00' };

const NameSchema = z.string().check(z.trim(), z.minLength(1));

/** A statutory day off (including weekend days inside a holiday period, so they read as the holiday). */
const HolidayDaySchema = z.strictObject({
  date: IsoDateSchema,
  kind: z.literal('holiday'),
  name: NameSchema,
});
/** A weekend make-up working day (调休上班); `name` is the holiday it pays for. */
const WorkdayDaySchema = z.strictObject({
  date: IsoDateSchema,
  kind: z.literal('workday'),
  name: NameSchema,
});
/** A working day with shortened hours; `hours` are the hours WORKED that day (e.g. 09:00–12:00). */
const HalfDayDaySchema = z.strictObject({
  date: IsoDateSchema,
  kind: z.literal('half-day'),
  name: NameSchema,
  hours: HoursSchema,
});

export const ScheduleDaySchema = z.discriminatedUnion('kind', [
  HolidayDaySchema,
  WorkdayDaySchema,
  HalfDayDaySchema,
]);
export type ScheduleDay = z.infer<typeof ScheduleDaySchema>;

/**
 * One year's announced schedule. Days must fall in `year`, or in December of the year before: a notice can
 * move work onto the last days of the previous year (the 2012 notice made Saturday 2011-12-31 a working day).
 * `source` says where the data came from (a package version, a notice URL, an operator) for audit.
 */
export const HolidayScheduleSchema = z
  .strictObject({
    year: z.int().check(z.gte(1970), z.lte(9999)),
    source: z.optional(z.string().check(z.minLength(1))),
    days: z.array(ScheduleDaySchema),
  })
  .check(
    z.superRefine((schedule, ctx) => {
      const seen = new Set<string>();
      schedule.days.forEach((day, index) => {
        if (seen.has(day.date)) {
          ctx.addIssue({
            code: 'custom',
            message: `${day.date} is listed twice`,
            path: ['days', index, 'date'],
          });
        }
        seen.add(day.date);
        const year = Number(day.date.slice(0, 4));
        const month = day.date.slice(5, 7);
        if (year !== schedule.year && !(year === schedule.year - 1 && month === '12')) {
          ctx.addIssue({
            code: 'custom',
            message: `${day.date} is outside ${schedule.year} (only December of the previous year may be included)`,
            path: ['days', index, 'date'],
          });
        }
      });
    }),
  );
export type HolidaySchedule = z.infer<typeof HolidayScheduleSchema>;

/** Validates a schedule an operator loads (CLI or API); throws ValidationError listing every problem. */
export function parseHolidaySchedule(input: unknown): HolidaySchedule {
  return parseOrThrow(HolidayScheduleSchema, input, 'holiday schedule');
}
