import {
  auditChannelFor,
  diffClaims,
  type AuditAction,
  type AuditChannel,
  type AuditEvent,
} from './audit.js';
import type { Actor, Claim } from './claim.js';
import type { OutboxMessage } from './messages.js';
import type { ClaimChange, RelatedWrite } from '../ports/claim-writer.js';

/** Who changed the claim, when, and why: the parts of the audit event a use case decides. */
export interface ChangeContext {
  /** The audit event's id (notification ids may derive from it). */
  readonly eventId: string;
  readonly at: string;
  readonly actor: Actor;
  readonly action: AuditAction;
  /** Free text for the trail: a reason, the material list, the customer's message. */
  readonly note?: string | undefined;
  /** Where the action came from when it is not the actor's usual channel (a customer's email reply). */
  readonly channel?: AuditChannel | undefined;
}

/** What else a change writes beside the claim and its event. */
export interface ChangeParts {
  readonly outbox?: readonly OutboxMessage[];
  readonly related?: readonly RelatedWrite[];
}

/**
 * The next version of a claim as one change:
 * 1. bump the version (from the one the change was computed on) and stamp updatedAt;
 * 2. record every changed field in the audit event, with the status move when there is one;
 * 3. make the claim write conditional on `expectedVersion` (the caller's, or the version read).
 */
export function claimUpdate(
  before: Claim,
  changed: Claim,
  ctx: ChangeContext,
  parts: ChangeParts = {},
  expectedVersion: number = before.version,
): { readonly claim: Claim; readonly change: ClaimChange } {
  const next: Claim = { ...changed, version: before.version + 1, updatedAt: ctx.at };
  const event: AuditEvent = {
    ...eventBase(before.id, before.channel, ctx),
    ...(next.status !== before.status ? { fromStatus: before.status, toStatus: next.status } : {}),
    changes: diffClaims(before, next),
  };
  return {
    claim: next,
    change: {
      claimId: before.id,
      claim: { type: 'update', claim: next, expectedVersion },
      event,
      outbox: parts.outbox ?? [],
      related: parts.related ?? [],
    },
  };
}

/** A new claim as one change: the claim (version 1, as built), its first audit event with every field. */
export function claimCreation(claim: Claim, ctx: ChangeContext, parts: ChangeParts = {}): ClaimChange {
  return {
    claimId: claim.id,
    claim: { type: 'create', claim },
    event: {
      ...eventBase(claim.id, claim.channel, ctx),
      toStatus: claim.status,
      changes: diffClaims(undefined, claim),
    },
    outbox: parts.outbox ?? [],
    related: parts.related ?? [],
  };
}

/**
 * A change to a claim's own entities that leaves the claim item as it is (a recovery's ledger entry):
 * the event names what moved in `changes`.
 */
export function relatedChange(
  claim: Pick<Claim, 'id' | 'channel'>,
  ctx: ChangeContext,
  changes: AuditEvent['changes'],
  parts: ChangeParts = {},
): ClaimChange {
  return {
    claimId: claim.id,
    event: { ...eventBase(claim.id, claim.channel, ctx), changes },
    outbox: parts.outbox ?? [],
    related: parts.related ?? [],
  };
}

function eventBase(claimId: string, claimChannel: Claim['channel'], ctx: ChangeContext) {
  return {
    id: ctx.eventId,
    claimId,
    at: ctx.at,
    actor: ctx.actor,
    channel: ctx.channel ?? auditChannelFor(ctx.actor, claimChannel),
    action: ctx.action,
    ...(ctx.note !== undefined ? { note: ctx.note } : {}),
  };
}

/** The outbox messages of a committed change, as the relay takes them. */
export function pendingOf(change: ClaimChange) {
  return change.outbox.map((m) => ({ ...m, claimId: change.claimId, createdAt: change.event.at }));
}
