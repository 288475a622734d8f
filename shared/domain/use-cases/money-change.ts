import type { FieldChange } from '../audit.js';
import { accessTokenMatches } from '../access-token.js';
import { claimUpdate, pendingOf } from '../claim-change.js';
import type { Actor, Claim } from '../claim.js';
import { claimNotFound, loadVisibleClaim } from '../claim-lookup.js';
import { planTransition, type ClaimAction, type ClaimStatus } from '../lifecycle.js';
import type { OutboxMessage } from '../messages.js';
import { staffActor, type StaffPrincipal } from '../principal.js';
import type { PolicySettings } from '../settings.js';
import type { ClaimStore } from '../../ports/claim-store.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/ids.js';
import type { MoneyStore } from '../../ports/money-store.js';
import type { ClaimChange, ClaimWriter, RelatedWrite } from '../../ports/claim-writer.js';
import type { QueueSender } from '../../ports/queue-sender.js';
import type { WorkingDayCalendar } from '../calendar/working-calendar.js';
import { relayOutbox } from './relay-outbox.js';
import type { CalendarSource } from '../../ports/calendar-store.js';
import { clocksAfterAction } from '../sla/claim-clocks.js';
import { moneyCounters, outcomeCounters } from '../sla/outcome-counters.js';
import { completionCounters, mergeCounters, placementCounters } from '../sla/statistics.js';

/** What the claim actions need: reads, the one writer, time, ids, the rules, the queues and calendars. */
export interface MoneyDeps {
  readonly store: ClaimStore;
  readonly writer: ClaimWriter;
  readonly money: MoneyStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly settings: PolicySettings;
  /** The version of the policy `settings` is: recorded where it decides (the approval tier). */
  readonly policyVersion: number;
  readonly queues: QueueSender;
  /**
   * The one working calendar (shipped schedules with the operator's on top), for the SLA clocks and every
   * other working-day date an action sets (return visits).
   */
  readonly calendars: CalendarSource;
}

export interface EffectContext {
  readonly now: Date;
  readonly at: string;
  /** The audit event's id: notification ids derive from it, so each change's intents are unique. */
  readonly eventId: string;
  /** The status the lifecycle table gives; an effect may move further (e.g. on to legal review). */
  readonly nextStatus: ClaimStatus;
  /** The calendar in force, the same the clocks of this change are computed with. */
  readonly calendar: WorkingDayCalendar;
}

export interface EffectResult {
  readonly claim: Claim;
  readonly status?: ClaimStatus;
  readonly note?: string;
  /**
   * Messages for other functions; as a function of the next claim (its clocks moved, version bumped)
   * when a message tells what the action starts, such as a new deadline.
   */
  readonly outbox?: readonly OutboxMessage[] | ((next: Claim) => readonly OutboxMessage[]);
  /** Payouts, recoveries, ledger entries (and their counters) written in the same transaction. */
  readonly related?: readonly RelatedWrite[];
  /**
   * What the action recorded beyond the claim's own fields (the payee on a payout, masked), added to the
   * audit event's changes after the claim's diff.
   */
  readonly changes?: readonly FieldChange[];
}

export type Effect = (claim: Claim, ctx: EffectContext) => EffectResult | Promise<EffectResult>;

/**
 * The common course of every lifecycle action:
 * 1. check role and state against the lifecycle table; 2. apply the action's effect;
 * 3. move the SLA clocks the action ends or starts (approval ends the decision clock, a reconsideration
 *    request starts its own; a terminal status ends them all);
 * 4. plan the change (`claimUpdate`: version, updatedAt, the audit event with the diff) with the
 *    statistics it moves (a completed clock, root cause, survey answer);
 * 5. commit it as one transaction, conditional on the version; 6. relay the outbox after the commit
 *    (a failed send stays pending for the catch-up).
 */
export async function applyChange(
  deps: ActionDeps,
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
  const calendar = await deps.calendars.current();
  const result = await effect(current, { now, at, eventId, nextStatus, calendar });
  const status = result.status ?? nextStatus;
  // The clocks see the status after the action: a terminal one stops them all.
  const clocks = clocksAfterAction(
    { calendar, settings: deps.settings },
    { ...result.claim, status },
    action,
    now,
  );
  const changed: Claim = { ...result.claim, ...(clocks ? { clocks } : {}), status };
  const related = result.related ?? [];
  const { claim: next, change: planned } = claimUpdate(
    current,
    changed,
    { eventId, at, actor, action, note: result.note },
    {
      related: [
        ...related,
        ...mergeCounters([
          ...completionCounters(calendar, current, changed, action, at),
          ...placementCounters(current, changed),
          ...outcomeCounters(current, changed),
          ...moneyCounters(current, at, related),
        ]),
      ],
    },
    expectedVersion,
  );
  const outbox = typeof result.outbox === 'function' ? result.outbox(next) : (result.outbox ?? []);
  const event =
    result.changes === undefined
      ? planned.event
      : { ...planned.event, changes: [...planned.event.changes, ...result.changes] };
  await commitChange(deps, { ...planned, event, outbox });
  return next;
}

/** What `applyChange` itself uses: every action's dependencies include these. */
export type ActionDeps = Pick<
  MoneyDeps,
  'store' | 'writer' | 'clock' | 'ids' | 'settings' | 'queues' | 'calendars'
>;

/** Commit one change, then relay its outbox (a failed send stays pending for the sweep's catch-up). */
export async function commitChange(
  deps: Pick<MoneyDeps, 'writer' | 'queues'>,
  change: ClaimChange,
): Promise<void> {
  await deps.writer.commit(change);
  if (change.outbox.length > 0) await relayOutbox(deps, pendingOf(change));
}

/** A staff action on a claim the caller can see (404 otherwise). */
export async function staffChange(
  deps: ActionDeps,
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
  if (!claim || !accessTokenMatches(token, claim.accessTokenHashes)) throw claimNotFound(number);
  return claim;
}

/** A customer action through the tracking link's token. */
export async function customerChange(
  deps: ActionDeps,
  number: string,
  token: string | undefined,
  action: ClaimAction,
  effect: Effect,
): Promise<Claim> {
  const current = await loadWithToken(deps.store, number, token);
  return applyChange(deps, current, action, { type: 'customer' }, ['customer'], effect);
}
