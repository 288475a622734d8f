import type { HolidaySchedule } from '../../domain/calendar/holiday-schedule.js';
import type { CalendarStore, StoredSchedule } from '../../ports/calendar-store.js';

export class InMemoryCalendarStore implements CalendarStore {
  readonly schedules = new Map<number, StoredSchedule>();

  listSchedules(): Promise<StoredSchedule[]> {
    return Promise.resolve([...this.schedules.values()].sort((a, b) => a.schedule.year - b.schedule.year));
  }

  getSchedule(year: number): Promise<StoredSchedule | null> {
    return Promise.resolve(this.schedules.get(year) ?? null);
  }

  putSchedule(schedule: HolidaySchedule, by: string, at: Date): Promise<void> {
    this.schedules.set(schedule.year, {
      schedule: structuredClone(schedule),
      updatedBy: by,
      updatedAt: at.toISOString(),
    });
    return Promise.resolve();
  }
}
