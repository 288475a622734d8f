import { HolidayScheduleSchema, type HolidaySchedule } from '../../domain/calendar/holiday-schedule.js';
import type { CalendarStore, StoredSchedule } from '../../ports/calendar-store.js';

/** As the DynamoDB store: schedules are validated on the way in, and readers get copies. */
export class InMemoryCalendarStore implements CalendarStore {
  readonly schedules = new Map<number, StoredSchedule>();

  listSchedules(): Promise<StoredSchedule[]> {
    return Promise.resolve(
      [...this.schedules.values()]
        .sort((a, b) => a.schedule.year - b.schedule.year)
        .map((s) => structuredClone(s)),
    );
  }

  getSchedule(year: number): Promise<StoredSchedule | null> {
    const stored = this.schedules.get(year);
    return Promise.resolve(stored ? structuredClone(stored) : null);
  }

  putSchedule(schedule: HolidaySchedule, by: string, at: Date): Promise<void> {
    const valid = HolidayScheduleSchema.safeParse(schedule);
    if (!valid.success) return Promise.reject(valid.error);
    this.schedules.set(schedule.year, {
      schedule: valid.data,
      updatedBy: by,
      updatedAt: at.toISOString(),
    });
    return Promise.resolve();
  }
}
