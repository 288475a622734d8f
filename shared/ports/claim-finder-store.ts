import type { AuditEvent } from '../domain/audit.js';
import type { FinderContact, LookupState } from '../domain/claim-finder.js';
import type { OutboxMessage } from '../domain/messages.js';

/** A "send me a code" request as one write: the rate counters, and the new challenge when it matched. */
export interface CodeRequestWrite {
  readonly number: string;
  readonly contact: FinderContact;
  readonly at: Date;
  readonly maxPerHour: number;
  /** Absent when no claim has this number and contact: only the counters move. */
  readonly challenge?: {
    readonly claimId: string;
    readonly challengeId: string;
    readonly expiresAt: string;
    /** The notify intent that mints and sends the code, in the claim's outbox. */
    readonly outbox: OutboxMessage;
  };
}

/** What became of a request; the API answers every one of them the same. */
export type CodeRequestOutcome = 'issued' | 'counted' | 'rate_limited' | 'locked';

export interface RedeemWrite {
  readonly state: LookupState;
  readonly at: Date;
  /** The claim's token hashes as read; at the cap the oldest is dropped for the new one. */
  readonly tokens: readonly string[];
  readonly tokenHash: string;
  readonly maxTokens: number;
  /** The wrong-code limit: at it even the right code is refused. */
  readonly maxWrongCodes: number;
  readonly event: AuditEvent;
}

/**
 * The lookup state beside the claims in the single table. Every method is one conditional write or one
 * transaction, so concurrent requests for one claim settle on one outcome.
 */
export interface ClaimFinderStore {
  get(claimNumber: string): Promise<LookupState | null>;
  requestCode(write: CodeRequestWrite): Promise<CodeRequestOutcome>;
  /**
   * Counts one wrong code (an atomic add, not while locked) and returns the count; at the limit the
   * caller locks with `lock`.
   */
  countWrongCode(claimNumber: string, at: Date): Promise<number>;
  /** Locks the lookup until `until` (the code is gone, the count starts again), if the count is at `max`. */
  lock(claimNumber: string, until: string, max: number): Promise<void>;
  /**
   * Uses the code (it is removed, so it works once) and adds the token to the claim, with its audit
   * event; false when the code, its expiry, the lock or the claim's tokens moved since they were read.
   */
  redeem(write: RedeemWrite): Promise<boolean>;
}

/**
 * The token list after adding one. At the cap the oldest link but the first stops working, so a fresh one
 * always can: the first is the link the customer got on filing (the confirmation page, its QR code, the
 * receipt), the one most likely kept, and it stays good for the claim's life.
 */
export function tokensWith(tokens: readonly string[], tokenHash: string, maxTokens: number): string[] {
  if (tokens.length < maxTokens) return [...tokens, tokenHash];
  const [first, ...rest] = tokens;
  if (first === undefined || maxTokens < 2) return [tokenHash];
  return [first, ...rest.slice(rest.length - (maxTokens - 2)), tokenHash];
}
