import type { HolidaySchedule } from '../domain/calendar/holiday-schedule.js';
import type { WorkingDayCalendar } from '../domain/calendar/working-calendar.js';

/** Holiday schedules an operator loaded (CLI or API), which override the shipped ones year by year. */
export interface CalendarStore {
  /** Every stored schedule (one small item per year, read with one Query). */
  listSchedules(): Promise<StoredSchedule[]>;
  getSchedule(year: number): Promise<StoredSchedule | null>;
  putSchedule(schedule: HolidaySchedule, by: string, at: Date): Promise<void>;
}

export interface StoredSchedule {
  readonly schedule: HolidaySchedule;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

/** The working calendar in force: shipped schedules with the operator's overrides on top. */
export interface CalendarSource {
  current(): Promise<WorkingDayCalendar>;
  /** Forget the cached calendar (after this process stored a schedule). */
  invalidate(): void;
}
