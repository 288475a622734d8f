import { createHash, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/**
 * The customer's claim token: at least 128 random bits (the caller supplies 32 random bytes), shown once,
 * stored only as its SHA-256. A plain hash is enough because the token itself is high-entropy.
 */
export const ACCESS_TOKEN_MIN_BYTES = 16;

export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time check of a presented token against the stored hashes. */
export function accessTokenMatches(presented: string | undefined, storedHashes: readonly string[]): boolean {
  if (presented === undefined || presented.length === 0 || presented.length > 200) return false;
  const hash = Buffer.from(hashAccessToken(presented), 'hex');
  let matched = false;
  for (const stored of storedHashes) {
    const candidate = Buffer.from(stored, 'hex');
    if (candidate.length === hash.length && timingSafeEqual(candidate, hash)) matched = true;
  }
  return matched;
}

/** Canonical JSON (sorted keys) hashed: two submissions are "the same request" when this matches. */
export function requestFingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}
