/** Asia/Shanghai working-day calendar and SLA clocks: pure, no clock reads, no I/O. */
export {
  DEFAULT_WORKING_HOURS,
  HolidayScheduleSchema,
  HoursSchema,
  IsoDateSchema,
  ScheduleDaySchema,
  TimeOfDaySchema,
  WorkingHoursSchema,
  parseHolidaySchedule,
} from './holiday-schedule.js';
export type { HolidaySchedule, Hours, ScheduleDay, WorkingHours } from './holiday-schedule.js';
export { IsoInstantSchema } from './instant.js';
export type { Instant, IsoInstant } from './instant.js';
export { SHANGHAI_OFFSET_MS } from './local-time.js';
export { SHIPPED_SOURCE, schedulesFromChineseDays, shippedSchedules } from './shipped-schedules.js';
export {
  DEFAULT_WARNING_RATIO,
  SlaClockSchema,
  SlaClockStateSchema,
  SlaTargetSchema,
  createSlaClocks,
} from './sla-clock.js';
export type { SlaClock, SlaClockState, SlaClocks, SlaPause, SlaStatus, SlaTarget } from './sla-clock.js';
export { createWorkingCalendar } from './working-calendar.js';
export type {
  CalendarInstant,
  DayInfo,
  DayReason,
  WorkingCalendarOptions,
  WorkingDayCalendar,
  WorkingDuration,
} from './working-calendar.js';
