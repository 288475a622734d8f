import { accessTokenMatches } from '../access-token.js';
import { diffClaims, type AuditEvent } from '../audit.js';
import type { Actor, Claim } from '../claim.js';
import { loadVisibleClaim } from '../claim-lookup.js';
import { NotFoundError } from '../errors.js';
import { planTransition, type ClaimAction, type ClaimStatus } from '../lifecycle.js';
import type { OutboxMessage } from '../messages.js';
import { staffActor, type StaffPrincipal } from '../principal.js';
import type { PolicySettings } from '../settings.js';
import type { ClaimStore } from '../../ports/claim-store.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/ids.js';
import type { MoneyChange, MoneyStore } from '../../ports/money-store.js';
import type { QueueSender } from '../../ports/queue-sender.js';
import type { WorkingCalendar } from '../../ports/working-calendar.js';
import { relayOutbox } from './relay-outbox.js';
import type { CalendarSource } from '../../ports/calendar-store.js';
import { clocksAfterAction } from '../sla/claim-clocks.js';
import { outcomeCounters } from '../sla/outcome-counters.js';
import { completionCounters, mergeCounters } from '../sla/statistics.js';

/** What the money use cases need (issue 6). */
export interface MoneyDeps {
  readonly store: ClaimStore;
  readonly money: MoneyStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly settings: PolicySettings;
  readonly queues: QueueSender;
  readonly calendar: WorkingCalendar;
  /** The calendar in force (operator overrides included), for the SLA clocks. */
  readonly calendars: CalendarSource;
}

export interface EffectContext {
  readonly now: Date;
  readonly at: string;
  /** The audit event's id: notification ids derive from it, so each change's intents are unique. */
  readonly eventId: string;
  /** The status the lifecycle table gives; an effect may move further (e.g. on to legal review). */
  readonly nextStatus: ClaimStatus;
}

export interface EffectResult {
  readonly claim: Claim;
  readonly status?: ClaimStatus;
  readonly note?: string;
  readonly outbox?: readonly OutboxMessage[];
  /** Payouts, recoveries, ledger entries written in the same transaction. */
  readonly extra?: Omit<MoneyChange, 'claimId' | 'event' | 'claim' | 'outbox'>;
}

export type Effect = (claim: Claim, ctx: EffectContext) => EffectResult | Promise<EffectResult>;

/**
 * The common course of every money action:
 * 1. check role and state against the lifecycle table; 2. apply the action's effect;
 * 3. move the SLA clocks the action ends or starts (approval ends the decision clock, a reconsideration
 *    request starts its own); bump version and updatedAt, record the changed fields in an audit event;
 * 4. write claim + event + payouts/recoveries + outbox + the statistics it moves (a completed clock,
 *    root cause, survey answer) in one transaction, conditional on the version;
 * 5. relay the outbox after the commit (a failed send stays pending for the catch-up).
 */
export async function applyChange(
  deps: MoneyDeps,
  current: Claim,
  action: ClaimAction,
  actor: Actor,
  roles: Parameters<typeof planTransition>[2],
  effect: Effect,
  expectedVersion = current.version,
): Promise<Claim> {
  const nextStatus = planTransition(action, current.status, roles);
  const now = deps.clock.now();
  const at = now.toISOString();
  const eventId = deps.ids.newId(now);
  const result = await effect(current, { now, at, eventId, nextStatus });
  const status = result.status ?? nextStatus;
  const calendar = await deps.calendars.current();
  const clocks = clocksAfterAction({ calendar, settings: deps.settings }, result.claim, action, now);
  const next: Claim = {
    ...result.claim,
    ...(clocks ? { clocks } : {}),
    status,
    version: current.version + 1,
    updatedAt: at,
  };
  const event: AuditEvent = {
    id: eventId,
    claimId: current.id,
    at,
    actor,
    channel:
      actor.type === 'customer' ? current.channel : actor.type === 'staff' ? 'staff_console' : 'system',
    action,
    ...(status !== current.status ? { fromStatus: current.status, toStatus: status } : {}),
    changes: diffClaims(current, next),
    ...(result.note !== undefined ? { note: result.note } : {}),
  };
  const outbox = result.outbox ?? [];
  await deps.money.saveMoneyChange({
    claimId: current.id,
    event,
    claim: { next, expectedVersion },
    outbox,
    ...result.extra,
    related: mergeCounters([
      ...completionCounters(calendar, current, next, action, at),
      ...outcomeCounters(current, next),
    ]),
  });
  if (outbox.length > 0)
    await relayOutbox(
      deps,
      outbox.map((m) => ({ ...m, claimId: current.id, createdAt: at })),
    );
  return next;
}

/** A staff action on a claim the caller can see (404 otherwise). */
export async function staffChange(
  deps: MoneyDeps,
  ref: string,
  principal: StaffPrincipal,
  action: ClaimAction,
  effect: Effect,
  expectedVersion?: number,
): Promise<Claim> {
  const current = await loadVisibleClaim(deps.store, ref, principal);
  return applyChange(
    deps,
    current,
    action,
    staffActor(principal),
    principal.roles,
    effect,
    expectedVersion ?? current.version,
  );
}

/** The customer's claim by number and token; any mismatch is the same 404. */
export async function loadWithToken(
  store: ClaimStore,
  number: string,
  token: string | undefined,
): Promise<Claim> {
  const claim = await store.getByNumber(number);
  if (!claim || !accessTokenMatches(token, claim.accessTokenHashes))
    throw new NotFoundError(`no claim ${number}`);
  return claim;
}

/** A customer action through the tracking link's token. */
export async function customerChange(
  deps: MoneyDeps,
  number: string,
  token: string | undefined,
  action: ClaimAction,
  effect: Effect,
): Promise<Claim> {
  const current = await loadWithToken(deps.store, number, token);
  return applyChange(deps, current, action, { type: 'customer' }, ['customer'], effect);
}
