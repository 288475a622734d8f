import type { AuditEvent } from '../domain/audit.js';
import type { Claim } from '../domain/claim.js';
import type { OutboxMessage } from '../domain/messages.js';
import type { LedgerEntry, Payout, Recovery } from '../domain/payout.js';
import type { PayoutStatus } from '../domain/resolution.js';
import type { HeldMailSettlement, InboundRecord } from './mail-store.js';

/** What happens to the claim item itself in a change. */
export type ClaimWrite =
  /** A new claim: the write fails if one with its id exists. */
  | { readonly type: 'create'; readonly claim: Claim }
  /** The claim's next version, on condition that the stored one is still `expectedVersion`. */
  | { readonly type: 'update'; readonly claim: Claim; readonly expectedVersion: number };

/** Counters per customer-chosen key, each key in its own item. */
export const STATS_KEY_FAMILIES = ['product'] as const;
export type StatsKeyFamily = (typeof STATS_KEY_FAMILIES)[number];

/**
 * Writes that belong to a claim change and go in its transaction, each with its own condition. The
 * stores that own these entities read them; only the claim writer writes them, beside the claim.
 */
export type RelatedWrite =
  | {
      /** A breach recorded on the commitment the claim cites (SPEC §13). */
      readonly type: 'commitment_breach';
      readonly commitmentId: string;
      readonly claimId: string;
      readonly at: string;
    }
  | {
      /** Monthly statistics counters (SPEC §15), kept in step with the change that moves them. */
      readonly type: 'stats';
      /** YYYY-MM in Asia/Shanghai. */
      readonly month: string;
      /** Which of the month's counter items (spread so concurrent changes rarely touch the same one). */
      readonly shard: number;
      readonly add: Readonly<Record<string, number>>;
      /**
       * Absent: the organisation's counters. A unit path below HQ: the same counters kept for that unit,
       * which its managers (and those of every unit above it) read (issue 22: statistics by subtree).
       */
      readonly unitPath?: readonly string[];
    }
  | {
      /**
       * One counter of a customer-chosen key (a product), in its own item of the month's partition
       * `STATS#<month>#PRODUCT` (SPEC §15, issue 22): the key space is unbounded, so it never goes into a
       * shard item (DynamoDB items stop at 400 KB). `label` is kept from the first write.
       */
      readonly type: 'stats_key';
      /** YYYY-MM in Asia/Shanghai. */
      readonly month: string;
      readonly family: StatsKeyFamily;
      /** The normalised key (productKey): what the counter is per. */
      readonly key: string;
      /** How the key is shown (the name as first typed, trimmed). */
      readonly label: string;
      readonly n: number;
      /** Absent: the organisation's counter. A unit below HQ: the counter of that unit's subtree. */
      readonly unitId?: string;
    }
  | {
      /** An intake's Idempotency-Key (new: refused when the key was used). */
      readonly type: 'idempotency';
      readonly key: string;
      readonly claimId: string;
      readonly requestHash: string;
      /** When the record may be forgotten. */
      readonly expiresAt: Date;
    }
  | { readonly type: 'payout_new'; readonly payout: Payout }
  | { readonly type: 'payout_update'; readonly next: Payout; readonly expectedStatus: PayoutStatus }
  | { readonly type: 'recovery_new'; readonly recovery: Recovery }
  | { readonly type: 'recovery_update'; readonly next: Recovery; readonly expectedVersion: number }
  | { readonly type: 'ledger_entry'; readonly entry: LedgerEntry }
  /** The record of an inbound message (new: refused when the message was already handled). */
  | { readonly type: 'inbound_record'; readonly record: InboundRecord }
  /** A held message settled by staff (released or attached), on condition it is still held. */
  | { readonly type: 'held_mail_settled'; readonly sha256: string; readonly settlement: HeldMailSettlement };

/**
 * One change to a claim, as the domain computed it: the claim item (absent when only its related
 * entities move, e.g. a recovery), the audit event, the messages for other functions (a transactional
 * outbox) and the related writes. The writer turns it into ONE conditional transaction.
 */
export interface ClaimChange {
  readonly claimId: string;
  readonly claim?: ClaimWrite;
  readonly event: AuditEvent;
  readonly outbox: readonly OutboxMessage[];
  readonly related: readonly RelatedWrite[];
}

/**
 * A related write's condition failed (the idempotency key or inbound record already exists, a payout's
 * status or a recovery's version moved): nothing of the change was written.
 */
export class RelatedWriteRefusedError extends Error {
  override name = 'RelatedWriteRefusedError';
  constructor(readonly write: RelatedWrite) {
    super(`the ${write.type} write of the change was refused by its condition`);
  }
}

/**
 * The one way a claim changes. `commit` writes everything in the change or nothing. It throws
 * ConflictError when the claim's version moved (or a concurrent transaction won), and
 * RelatedWriteRefusedError when a related write's own condition failed.
 */
export interface ClaimWriter {
  commit(change: ClaimChange): Promise<void>;
}
