import * as z from '../../zod.js';
import { ValidationError } from '../errors.js';

/**
 * Instants come in as a `Date` or an ISO-8601 string that names its offset (`Z` or `+08:00`); a string without
 * one is refused because it would be ambiguous between UTC and Shanghai wall-clock time.
 * Instants go out as ISO-8601 strings in UTC with milliseconds (`Date.prototype.toISOString`), which is what
 * claims store and what sorts correctly as text.
 */
export type Instant = Date | string;

/** An ISO-8601 instant with an explicit offset, as stored on claims. */
export const IsoInstantSchema = z.iso.datetime({ offset: true });
export type IsoInstant = z.infer<typeof IsoInstantSchema>;

/** Epoch milliseconds of an instant; throws ValidationError for an invalid Date or string. */
export function toEpochMs(instant: Instant, field = 'instant'): number {
  if (instant instanceof Date) {
    const ms = instant.getTime();
    if (Number.isNaN(ms))
      throw new ValidationError(`${field} is an invalid Date`, [{ path: field, message: 'invalid Date' }]);
    return ms;
  }
  const parsed = IsoInstantSchema.safeParse(instant);
  if (!parsed.success) {
    throw new ValidationError(`${field} must be an ISO-8601 instant with an offset, got "${instant}"`, [
      { path: field, message: 'expected e.g. 2025-06-13T12:00:00Z or 2025-06-13T20:00:00+08:00' },
    ]);
  }
  return Date.parse(parsed.data);
}

export function toIsoInstant(ms: number): string {
  return new Date(ms).toISOString();
}
