import type { ClockOffset } from '../clock-offset.js';
import { missingHolidayYears } from '../calendar/holiday-coverage.js';
import type { CalendarSource } from '../../ports/calendar-store.js';
import type { Clock } from '../../ports/clock.js';

/** What the console and the dashboard show staff as banners above everything else. */
export interface OperatorNotices {
  /** Years deadlines reach with no holiday schedule: computed on weekends only until one is loaded. */
  readonly missingHolidayYears: readonly number[];
  /** The local rehearsal clock's offset, when the stack runs "as of" another instant. */
  readonly clockOffset?: ClockOffset;
}

export interface OperatorNoticeDeps {
  readonly clock: Clock;
  readonly calendars: CalendarSource;
  readonly clockOffset?: ClockOffset | undefined;
}

/** The notices in force now (the calendar is the cached one, so this costs at most one Query). */
export async function operatorNotices(deps: OperatorNoticeDeps): Promise<OperatorNotices> {
  const calendar = await deps.calendars.current();
  return {
    missingHolidayYears: missingHolidayYears(calendar.scheduledYears, deps.clock.now()),
    ...(deps.clockOffset ? { clockOffset: deps.clockOffset } : {}),
  };
}
