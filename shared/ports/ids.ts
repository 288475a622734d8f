/** Identifiers and secrets come in through this port so tests can fix them. */
export interface IdGenerator {
  /** Time-ordered id (ULID) for claims and audit events. */
  newId(at: Date): string;
  /** A fresh customer access token: at least 128 random bits, URL-safe. */
  newAccessToken(): string;
  /** A one-time code of "find my claim": six digits, uniformly random. */
  newLookupCode(): string;
}
