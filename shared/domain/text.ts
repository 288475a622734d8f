import * as z from '../zod.js';

/** Free text a person typed: surrounding space trimmed, then at least one and at most `max` characters. */
export function nonEmptyText(max: number) {
  return z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
}
