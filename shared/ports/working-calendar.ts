/** The part of the working-day calendar intake needs: the normal first-reply deadline. */
export interface WorkingCalendar {
  /** The instant N working days after `from` (Asia/Shanghai working days). */
  addWorkingDays(from: Date, days: number): Date;
}
