import type { Claim } from '../claim.js';
import { productKey } from '../contact-keys.js';
import type { WorkingDayCalendar } from '../calendar/working-calendar.js';
import { shanghaiDate } from '../shanghai-time.js';
import type { RelatedWrite } from '../../ports/claim-store.js';
import type { ClaimClock, ClockName } from './clock-schema.js';

/**
 * Monthly statistics as counters moved in the same transaction as the change they count (SPEC §15), so the
 * statistics API reads a handful of small items instead of the claims. Counter names:
 *   volume · volume.category.<c> · volume.product.<product> · volume.unit.<unit> · repeat · not_admitted
 *   clock.<name>.stopped · .met · .missed · .workingMs (time used, pauses excluded) · clock.<name>.breached
 */
export const STATS_SHARDS = 16;

export function monthOf(instant: string): string {
  return shanghaiDate(new Date(instant)).slice(0, 7);
}

function shardOf(claimId: string): number {
  let hash = 0;
  for (let i = 0; i < claimId.length; i++) hash = (hash * 31 + claimId.charCodeAt(i)) >>> 0;
  return hash % STATS_SHARDS;
}

function counters(claim: Claim, at: string, add: Record<string, number>): RelatedWrite[] {
  return Object.keys(add).length === 0
    ? []
    : [{ type: 'stats', month: monthOf(at), shard: shardOf(claim.id), add }];
}

/** Intake: volume by category, product and unit; repeat complaints (flagged duplicates); late claims. */
export function intakeCounters(claim: Claim): RelatedWrite[] {
  const add: Record<string, number> = {
    volume: 1,
    [`volume.category.${claim.category}`]: 1,
    [`volume.product.${productKey(claim.product.name)}`]: 1,
    [`volume.unit.${claim.unitId}`]: 1,
  };
  if (claim.possibleDuplicateOf.length > 0) add['repeat'] = 1;
  if (claim.status === 'not_admitted') add['not_admitted'] = 1;
  return counters(claim, claim.receivedAt, add);
}

/** The action that completes each clock; a clock stopped by anything else (withdrawal) is not counted. */
const COMPLETED_BY: Partial<Record<string, ClockName>> = {
  record_first_reply: 'first_reply',
  record_site_visit: 'on_site_visit',
  approve: 'decision',
  decide_reconsideration: 'reconsideration',
};

/** A clock completed by this action: counted, with the working time it used and whether it was met. */
export function completionCounters(
  calendar: WorkingDayCalendar,
  before: Claim,
  after: Claim,
  action: string,
  at: string,
): RelatedWrite[] {
  const name = COMPLETED_BY[action];
  if (name === undefined) return [];
  const was = before.clocks?.[name];
  const now: ClaimClock | undefined = after.clocks?.[name];
  if (!now || now.state !== 'stopped' || was?.state === 'stopped' || now.stoppedAt === null) return [];
  const used =
    'calendarHours' in now.target
      ? Date.parse(now.stoppedAt) - Date.parse(now.startedAt) - now.pausedMs
      : calendar.workingTimeBetween(now.startedAt, now.stoppedAt).ms - now.pausedMs;
  const met = now.stoppedAt <= now.dueAt;
  return counters(after, at, {
    [`clock.${name}.stopped`]: 1,
    [`clock.${name}.${met ? 'met' : 'missed'}`]: 1,
    [`clock.${name}.workingMs`]: Math.max(0, used),
  });
}

export function breachCounters(claim: Claim, clocks: readonly ClockName[], at: string): RelatedWrite[] {
  return counters(claim, at, Object.fromEntries(clocks.map((c) => [`clock.${c}.breached`, 1])));
}
