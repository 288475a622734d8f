/**
 * A rehearsal clock's offset: an ISO-8601 duration, optionally signed (`P20D`, `-P1D`, `PT36H`,
 * `P1DT2H30M`). Only exact units are accepted (weeks, days, hours, minutes, seconds): a month or a year
 * has no fixed length, so `P1M` is refused rather than guessed. A day is 24 hours (Asia/Shanghai has no
 * daylight saving).
 */
export interface ClockOffset {
  /** The duration as given (trimmed), for messages and the banner. */
  readonly iso: string;
  /** Signed milliseconds added to the real time. */
  readonly milliseconds: number;
}

const DURATION =
  /^([+-])?P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000] as const;
/** Far enough for any rehearsal, near enough that a typo (P20000D) is caught. */
export const MAX_CLOCK_OFFSET_DAYS = 3_660;

export class ClockOffsetError extends Error {}

/** Parses a signed ISO-8601 duration into a ClockOffset; throws ClockOffsetError naming what is wrong. */
export function parseClockOffset(text: string): ClockOffset {
  const iso = text.trim();
  const match = DURATION.exec(iso);
  const parts = match ? match.slice(2, 7) : [];
  if (!match || iso.endsWith('T') || parts.every((part) => part === undefined)) {
    throw new ClockOffsetError(
      `"${text}" is not an ISO-8601 duration of weeks, days, hours, minutes or seconds ` +
        '(e.g. P20D, -P1D, PT36H, P1DT12H; months and years are not fixed lengths and are refused)',
    );
  }
  const magnitude = parts.reduce(
    (sum, part, index) => sum + (part === undefined ? 0 : Number(part) * (UNIT_MS[index] ?? 0)),
    0,
  );
  if (magnitude > MAX_CLOCK_OFFSET_DAYS * 86_400_000) {
    throw new ClockOffsetError(`"${text}" is more than ${MAX_CLOCK_OFFSET_DAYS} days`);
  }
  return { iso, milliseconds: Math.round(match[1] === '-' ? -magnitude : magnitude) };
}

/** The offset in whole days, hours and minutes (seconds dropped), and its direction, for display. */
export function offsetParts(milliseconds: number): {
  readonly ahead: boolean;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
} {
  const minutesTotal = Math.floor(Math.abs(milliseconds) / 60_000);
  return {
    ahead: milliseconds >= 0,
    days: Math.floor(minutesTotal / 1_440),
    hours: Math.floor((minutesTotal % 1_440) / 60),
    minutes: minutesTotal % 60,
  };
}
