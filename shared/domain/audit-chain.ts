import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { AuditEvent } from './audit.js';
import type { BrokenReason } from './audit-integrity-words.js';

/*
 * The audit trail as a hash chain (issue 21 item 6). Each event carries `prevHash`, the previous event's
 * `hash` (the first event: a genesis value derived from the claim id), and its own `hash`: SHA-256 over the
 * canonical JSON of its *sealed form* (128 bits of it, base64url). The sealed form is the event without its
 * `hash`, every change's before/after and the note replaced by their sealed digests. A digest of an object
 * or list is taken over its members' digests, so erasure (issue 21 item 4) may replace any personal value,
 * at any depth, by a tombstone carrying that value's digest, and the event still verifies.
 */

/**
 * SHA-256 cut to its first 16 bytes (128 bits; base64url, 22 characters): forging a value with the same
 * digest stays out of reach, and the claim item, rewritten with every change, grows by 22 bytes, not 43
 * (measured in the cost bench, docs/benchmarks.md).
 */
const digest = (tag: string, text: string) =>
  createHash('sha256').update(`${tag}:${text}`, 'utf8').digest().subarray(0, 16).toString('base64url');

/** What erasure leaves in place of a personal value: the value's sealed digest, nothing readable. */
export interface Tombstone {
  readonly erased: true;
  readonly sha256: string;
}

export function tombstoneOf(value: unknown): Tombstone {
  return { erased: true, sha256: sealedDigest(value) };
}

function isTombstone(value: unknown): value is Tombstone {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 2 &&
    'erased' in value &&
    value.erased === true &&
    'sha256' in value &&
    typeof value.sha256 === 'string'
  );
}

/** A value's digest as sealed: a leaf's own, a list's or record's over its members' (a tombstone: its own). */
export function sealedDigest(value: unknown): string {
  if (isTombstone(value)) return value.sha256;
  if (Array.isArray(value)) return digest('list', canonicalJson(value.map(sealedDigest)));
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, sealedDigest(v)] as const);
    return digest('record', canonicalJson(Object.fromEntries(members)));
  }
  return digest('value', canonicalJson(value ?? null));
}

/** What the event's hash is computed over: itself without `hash`, its values sealed. */
export function sealedForm(event: AuditEvent): Record<string, unknown> {
  const { hash: _hash, note, changes, ...rest } = event;
  return {
    ...rest,
    changes: changes.map((c) => ({
      field: c.field,
      before: sealedDigest(c.before),
      after: sealedDigest(c.after),
    })),
    ...(note !== undefined ? { note: sealedDigest(note) } : {}),
  };
}

export function eventHash(event: AuditEvent): string {
  return digest('event', canonicalJson(sealedForm(event)));
}

/** Where a claim's chain starts: fixed for the claim, so the first event cannot be swapped for another's. */
export function genesisHash(claimId: string): string {
  return digest('genesis', claimId);
}

/**
 * The event linked after `head` (the claim's `auditHead`; undefined for a new claim, or one whose trail
 * predates the chain: it then starts at the genesis value). Any link the event carried is replaced.
 */
export function chainEvent(event: AuditEvent, head: string | undefined): AuditEvent {
  const { hash: _hash, prevHash: _prev, ...bare } = event;
  const linked: AuditEvent = { ...bare, prevHash: head ?? genesisHash(event.claimId) };
  return { ...linked, hash: eventHash(linked) };
}

export type { BrokenReason };

export interface BrokenLink {
  /** 1-based position of the event in the trail as listed (for `missing_latest`: the last listed). */
  readonly index: number;
  readonly eventId?: string;
  readonly reason: BrokenReason;
  readonly expected: string;
  readonly found: string;
}

export type AuditIntegrity =
  | {
      readonly intact: true;
      /** Events stored before the chain, which it cannot vouch for (they precede `notChainedBefore`). */
      readonly unchained: number;
      /** The instant of the first chained event, when events stored before the chain exist. */
      readonly notChainedBefore?: string;
    }
  | { readonly intact: false; readonly brokenAt: BrokenLink };

/**
 * Whether a claim's trail holds: walked from the genesis value link by link (the order events were
 * committed, which their time-ordered ids almost always but not always give), every event's hash
 * recomputed, every chained event reached, the walk ending at the claim's head when one is given. Events
 * without any link verify only as "not chained" and only before the first chained one. The first broken
 * link is reported.
 */
export function verifyChain(claimId: string, events: readonly AuditEvent[], head?: string): AuditIntegrity {
  const chained = events.filter((e) => e.hash !== undefined || e.prevHash !== undefined);
  const indexOf = (e: AuditEvent) => events.indexOf(e) + 1;
  const broken = (e: AuditEvent, reason: BrokenReason, expected: string, found: string): AuditIntegrity => ({
    intact: false,
    brokenAt: { index: indexOf(e), eventId: e.id, reason, expected, found },
  });
  const start = chained.reduce<string | undefined>(
    (min, e) => (min === undefined || e.at < min ? e.at : min),
    undefined,
  );
  // An event stripped of its links is no "old" event: the chain had started when it was written.
  const strippedLate = events.find((e) => !chained.includes(e) && start !== undefined && e.at >= start);
  const byPrev = new Map<string, AuditEvent[]>();
  for (const e of chained) byPrev.set(e.prevHash ?? '', [...(byPrev.get(e.prevHash ?? '') ?? []), e]);
  const reached = new Set<AuditEvent>();
  let at = genesisHash(claimId);
  for (let next = byPrev.get(at); next !== undefined; next = byPrev.get(at)) {
    const [event, fork] = next;
    if (event === undefined) break;
    // Two events on one link: one was forged beside the other (commits are serialised by the claim's head).
    if (fork !== undefined) return broken(fork, 'unlinked', event.hash ?? '', fork.hash ?? '');
    const computed = eventHash(event);
    if (event.hash !== computed) return broken(event, 'altered', computed, event.hash ?? '');
    reached.add(event);
    at = computed;
  }
  const stray = chained.find((e) => !reached.has(e));
  const firstProblem = [stray, strippedLate]
    .filter((e): e is AuditEvent => e !== undefined)
    .sort((a, b) => indexOf(a) - indexOf(b))[0];
  if (firstProblem === strippedLate && strippedLate !== undefined)
    return broken(strippedLate, 'altered', 'a chained event', 'no hash');
  if (firstProblem !== undefined) return broken(firstProblem, 'unlinked', at, firstProblem.prevHash ?? '');
  if (head !== undefined && head !== at) {
    const last = events.at(-1);
    return {
      intact: false,
      brokenAt: {
        index: events.length,
        ...(last ? { eventId: last.id } : {}),
        reason: 'missing_latest',
        expected: head,
        found: at,
      },
    };
  }
  const unchained = events.length - chained.length;
  return {
    intact: true,
    unchained,
    ...(unchained > 0 && start !== undefined ? { notChainedBefore: start } : {}),
  };
}
