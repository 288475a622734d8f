import { sameContact, type ContactKeys } from './contact-keys.js';

export interface DuplicateCandidate {
  readonly number: string;
  readonly contactKeys: ContactKeys;
  readonly receivedAt: string;
}

/**
 * SPEC §3: the same contact with the same order number within the window is flagged, never merged.
 * Candidates are the claims already filed under the order number; returns the numbers to flag.
 */
export function findPossibleDuplicates(
  contact: ContactKeys,
  receivedAt: Date,
  candidates: readonly DuplicateCandidate[],
  windowDays: number,
): string[] {
  const earliest = receivedAt.getTime() - windowDays * 24 * 60 * 60 * 1000;
  return candidates
    .filter((c) => Date.parse(c.receivedAt) >= earliest && sameContact(contact, c.contactKeys))
    .map((c) => c.number)
    .sort();
}
