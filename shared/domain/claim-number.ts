/** SPEC §1: `CLM-<year>-<6 digits>`; the sequence restarts each year and comes from an atomic counter. */
export function formatClaimNumber(year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new RangeError(`claim sequence must be ≥ 1, got ${sequence}`);
  // Past 999,999 claims in a year the number grows a digit rather than wrapping into a duplicate.
  return `CLM-${year}-${String(sequence).padStart(6, '0')}`;
}

export const CLAIM_NUMBER_PATTERN = /^CLM-\d{4}-\d{6,}$/;

export function isClaimNumber(value: string): boolean {
  return CLAIM_NUMBER_PATTERN.test(value);
}
