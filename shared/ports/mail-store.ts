import type { AuditEvent } from '../domain/audit.js';

/** What became of one inbound message (the record kept for every message, however it ended). */
export type InboundOutcome =
  | {
      readonly kind: 'claim';
      readonly claimId: string;
      readonly claimNumber: string;
      /** Why no acknowledgment went out (list or bulk mail, noreply senders); absent when one did. */
      readonly noAnswer?: readonly string[];
    }
  | {
      readonly kind: 'reply';
      readonly claimId: string;
      readonly claimNumber: string;
      /** Set when the message was added to the claim because its sender was over the claim limit. */
      readonly rateLimited?: true;
      /** Set when it came to the claim's reply address (a valid token), whatever SES said of its sender. */
      readonly replyAddress?: true;
    }
  | {
      readonly kind: 'quarantined';
      readonly reasons: readonly string[];
      /** The claim it named or answered, left unchanged. */
      readonly claimId?: string;
      /** What staff read about it (zh-CN then en), for the reasons that need explaining. */
      readonly note?: string;
    }
  | { readonly kind: 'unparseable'; readonly reason: string };

/** What staff did with a held (quarantined or unreadable) message: it then leaves the held-mail list. */
export type HeldMailAction = 'released' | 'attached' | 'dismissed';

export interface HeldMailSettlement {
  readonly action: HeldMailAction;
  readonly by: { readonly id: string; readonly name?: string | undefined };
  readonly at: string;
  /** The claim it became (released) or was added to (attached). */
  readonly claimId?: string;
  readonly claimNumber?: string;
}

export interface InboundRecord {
  /** SHA-256 of the raw bytes: the same message delivered twice has the same hash. */
  readonly sha256: string;
  readonly messageId: string | null;
  readonly rawKey: string;
  readonly from: string | null;
  readonly subject: string | null;
  readonly receivedAt: string;
  readonly outcome: InboundOutcome;
  /** Set once staff released, attached or dismissed a held message (quarantined or unparseable). */
  readonly settled?: HeldMailSettlement;
}

/** Whether staff still have to decide about the message: held by the rules and not settled yet. */
export function isHeld(record: InboundRecord): boolean {
  return (
    (record.outcome.kind === 'quarantined' || record.outcome.kind === 'unparseable') &&
    record.settled === undefined
  );
}

/** The notification record's states: a redelivered intent sends nothing twice. */
export type NotificationState = 'sending' | 'sent' | 'suppressed' | 'failed';

export interface NotificationRecord {
  readonly id: string;
  readonly claimId: string | null;
  readonly kind: string;
  readonly state: NotificationState;
  readonly to: readonly string[];
  /** The prepared message while `sending`: kept so a retry sends the very same bytes (and token). */
  readonly raw?: Uint8Array;
  readonly ourMessageId?: string;
  readonly sentMessageId?: string;
  readonly reason?: string;
  readonly attempts: number;
  readonly updatedAt: string;
}

export interface PrepareNotification {
  readonly id: string;
  readonly claimId: string | null;
  readonly kind: string;
  readonly to: readonly string[];
  readonly raw: Uint8Array;
  readonly ourMessageId: string;
  readonly at: string;
  /** A fresh tracking token's hash to add to the claim in the same transaction (acknowledgments). */
  readonly tokenHash?: {
    readonly hash: string;
    readonly maxTokens: number;
    readonly event: AuditEvent;
    /**
     * The claim's tokens as read, for a message whose whole point is the link (staff resending it): at the
     * cap the oldest is dropped for the new one, on condition the list is still as read.
     */
    readonly replacingOldestOf?: readonly string[];
  };
  /**
   * A "find my claim" code's hash to set on its challenge in the same transaction, on condition that the
   * challenge is still the claim number's latest and has no code yet ('superseded' otherwise).
   */
  readonly lookupCode?: { readonly claimNumber: string; readonly challengeId: string; readonly hash: string };
}

/**
 * Storage for mail in and out, beside the claims in the same table. Each method is one conditional
 * write or transaction, so concurrent deliveries of one message settle on one outcome.
 */
export interface MailStore {
  /** The record of an inbound message, or null when it has not been handled yet. */
  getInbound(sha256: string): Promise<InboundRecord | null>;
  /** Records the outcome once; returns false when the message was already recorded (a duplicate). */
  recordInbound(record: InboundRecord): Promise<boolean>;
  /** Held messages staff have not settled yet, newest first (a sparse index: settled ones leave it). */
  listHeldMail(page: { readonly limit: number; readonly cursor?: string | undefined }): Promise<{
    readonly items: readonly InboundRecord[];
    readonly cursor?: string;
  }>;
  /** Settles a held message on condition it is still held; false when it was not (already settled). */
  settleHeldMail(sha256: string, settlement: HeldMailSettlement): Promise<boolean>;
  /** The claim a Message-ID we sent belongs to (ids normalised by `normalizeMessageId`). */
  claimForMessageIds(ids: readonly string[]): Promise<string | null>;
  /** Counts one acknowledgment for `address` in its hour; false when `max` were already sent. */
  takeAcknowledgmentAllowance(address: string, at: Date, max: number): Promise<boolean>;
  /**
   * Counts the message `sha256` as a claim from `address` in the window of `windowMinutes` that holds
   * `at`; false when `max` other messages were already counted there (the same message counts once).
   */
  takeClaimAllowance(
    address: string,
    sha256: string,
    at: Date,
    windowMinutes: number,
    max: number,
  ): Promise<boolean>;

  getNotification(id: string, claimId: string | null): Promise<NotificationRecord | null>;
  /**
   * Writes the record as `sending` with the prepared bytes (and the token hash on the claim) in one
   * transaction. Returns 'exists' when a record is already there, 'token_limit' when the claim holds
   * its maximum of tokens (nothing is written then).
   */
  prepareNotification(p: PrepareNotification): Promise<'prepared' | 'exists' | 'token_limit' | 'superseded'>;
  /** `sending` → `sent`: drops the prepared bytes, records the sent ids and the audit event. */
  markSent(
    n: { id: string; claimId: string | null },
    sentMessageIds: readonly string[],
    at: string,
    event: AuditEvent | null,
  ): Promise<void>;
  /** Records a notification that is not sent (no address, rate limit) or failed for good. */
  markFinal(
    n: { id: string; claimId: string | null; kind: string; to: readonly string[] },
    state: 'suppressed' | 'failed',
    reason: string,
    at: string,
    event: AuditEvent | null,
  ): Promise<void>;
  /** Records that `phone` (E.164) answered an SMS with an opt-out keyword (`TD`, `STOP`). */
  recordTextOptOut(phone: string, at: string, keyword: string): Promise<void>;
  /** Whether `phone` (E.164) opted out of texts. */
  isTextOptedOut(phone: string): Promise<boolean>;
  /** Counts one more attempt of a `sending` record (a transient failure). */
  countAttempt(n: { id: string; claimId: string | null }, at: string): Promise<void>;
}

/** Message-IDs compare without angle brackets or case; SES's own ids compare by their local part. */
export function normalizeMessageId(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '').toLowerCase();
  const at = bare.lastIndexOf('@');
  if (at > 0 && /(^|\.)amazonses\.com$/.test(bare.slice(at + 1))) return `ses:${bare.slice(0, at)}`;
  return bare;
}
