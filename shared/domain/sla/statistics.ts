import type { Claim } from '../claim.js';
import { productKey } from '../contact-keys.js';
import type { WorkingDayCalendar } from '../calendar/working-calendar.js';
import { shanghaiDate } from '../shanghai-time.js';
import type { KeyedCounter, RelatedWrite } from '../../ports/claim-store.js';
import type { ClaimClock, ClockName } from './clock-schema.js';

/**
 * Monthly statistics as counters moved in the same transaction as the change they count (SPEC §15), so the
 * statistics API reads a handful of small items instead of the claims. Counter names:
 *   volume · volume.category.<c> · volume.unit.<unit> · repeat · not_admitted
 *   clock.<name>.stopped · .met · .missed · .workingMs (time used, pauses excluded) · clock.<name>.breached
 *   · clock.<name>.missedUnswept (completed late before the sweep had recorded its breach)
 * and the outcomes in outcome-counters.ts (money, satisfaction, root causes). Every one of these has a
 * fixed key space (categories, clocks, ratings and root causes are enums; units are the organisation tree's),
 * so the 16 shard items stay small. The one key customers choose, the product, is counted per product in
 * its own item (a `stats_key` write, issue 22); months written before kept `volume.product.<product>` in
 * the shard items, and `topProducts` merges those when reading.
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

/** What a counter write needs of the claim: its id (the shard) and its unit (whose counters move too). */
export type CountedClaim = Pick<Claim, 'id' | 'unitPath'>;

/**
 * Counters a change of one claim moves, in the month of `at`: the organisation's and, for a claim below
 * HQ, the same in its unit's own items (a region or store manager reads their subtree's); nothing when there
 * is nothing to add.
 */
export function counters(claim: CountedClaim, at: string, add: Record<string, number>): RelatedWrite[] {
  if (Object.keys(add).length === 0) return [];
  const month = monthOf(at);
  const shard = shardOf(claim.id);
  return [{ type: 'stats', month, shard, add }, ...unitCounters(claim.unitPath, month, shard, add)];
}

function unitCounters(
  unitPath: readonly string[],
  month: string,
  shard: number,
  add: Record<string, number>,
): RelatedWrite[] {
  // HQ's subtree is the organisation: its readers read the organisation's counters.
  return unitPath.length > 1 ? [{ type: 'stats', month, shard, add, unitPath: [...unitPath] }] : [];
}

/**
 * One write per counter item: a transaction may not touch the same item twice, so counters of one change
 * that land on the same month and shard are added together (zeros dropped).
 */
export function mergeCounters(writes: readonly RelatedWrite[]): RelatedWrite[] {
  const others: RelatedWrite[] = [];
  const byItem = new Map<
    string,
    { month: string; shard: number; add: Record<string, number>; unitPath?: readonly string[] }
  >();
  const byKey = new Map<string, Extract<RelatedWrite, { type: 'stats_key' }>>();
  for (const write of writes) {
    if (write.type === 'stats_key') {
      const key = `${write.month}#${write.family}#${write.unitId ?? ''}#${write.key}`;
      const seen = byKey.get(key);
      byKey.set(key, seen ? { ...seen, n: seen.n + write.n } : write);
      continue;
    }
    if (write.type !== 'stats') {
      others.push(write);
      continue;
    }
    const key = `${write.month}#${write.shard}#${write.unitPath?.join('/') ?? ''}`;
    const item = byItem.get(key) ?? {
      month: write.month,
      shard: write.shard,
      add: {},
      ...(write.unitPath === undefined ? {} : { unitPath: write.unitPath }),
    };
    for (const [name, n] of Object.entries(write.add)) item.add[name] = (item.add[name] ?? 0) + n;
    byItem.set(key, item);
  }
  const stats = [...byItem.values()]
    .map((item) => ({
      ...item,
      add: Object.fromEntries(Object.entries(item.add).filter(([, n]) => n !== 0)),
    }))
    .filter((item) => Object.keys(item.add).length > 0)
    .map((item): RelatedWrite => ({ type: 'stats', ...item }));
  const keyed = [...byKey.values()].filter((w) => w.n !== 0);
  return [...others, ...stats, ...keyed];
}

/**
 * Intake: volume by category and unit (shard items) and by product (one item per product); repeat
 * complaints (flagged duplicates); late claims.
 */
export function intakeCounters(claim: Claim): RelatedWrite[] {
  const add = volumeCounters(claim, 1);
  if (claim.status === 'not_admitted') add['not_admitted'] = 1;
  return [
    ...counters(claim, claim.receivedAt, add),
    ...productCounters(claim.product.name, claim.receivedAt, claim.unitPath, 1),
  ];
}

/** The intake figures a claim adds (n = 1) or takes away (n = -1) where it is counted. */
function volumeCounters(claim: Claim, n: 1 | -1): Record<string, number> {
  const add: Record<string, number> = {
    volume: n,
    [`volume.category.${claim.category}`]: n,
    [`volume.unit.${claim.unitId}`]: n,
  };
  if (claim.possibleDuplicateOf.length > 0) add['repeat'] = n;
  return add;
}

/**
 * One claim about a product, counted in the product's own item of the month: the organisation's and
 * each unit's below HQ on the claim's path.
 */
export function productCounters(
  productName: string,
  at: string,
  unitPath: readonly string[],
  n: number,
): RelatedWrite[] {
  const counter = {
    type: 'stats_key' as const,
    month: monthOf(at),
    family: 'product' as const,
    key: productKey(productName),
    label: productName.trim().replace(/\s+/g, ' '),
    n,
  };
  return [counter, ...unitPath.slice(1).map((unitId) => ({ ...counter, unitId }))];
}

/**
 * Claims are counted under their current unit and facts (issue 25): a claim moved to another unit takes its
 * intake figures (in its intake month) from the old unit's counters to the new one's, and the organisation's
 * by-unit figure with it; a corrected category or product moves its count the same way; a claim staff do
 * not admit counts as not admitted, in its intake month.
 */
export function placementCounters(before: Claim, after: Claim): RelatedWrite[] {
  const writes: RelatedWrite[] = [];
  const at = before.receivedAt;
  const month = monthOf(at);
  const shard = shardOf(before.id);
  const moved = before.unitId !== after.unitId;
  const recategorised = before.category !== after.category;
  const renamed = productKey(before.product.name) !== productKey(after.product.name);
  // The organisation's figures: by unit and by category (its volume stays).
  const org: Record<string, number> = {};
  if (moved) {
    org[`volume.unit.${before.unitId}`] = -1;
    org[`volume.unit.${after.unitId}`] = 1;
  }
  if (recategorised) {
    org[`volume.category.${before.category}`] = -1;
    org[`volume.category.${after.category}`] = 1;
  }
  if (Object.keys(org).length > 0) writes.push({ type: 'stats', month, shard, add: org });
  // The units' figures: out of the old unit's, into the new one's (the same unit nets to the change).
  if (moved || recategorised) {
    writes.push(
      ...unitCounters(before.unitPath, month, shard, volumeCounters(before, -1)),
      ...unitCounters(after.unitPath, month, shard, volumeCounters(after, 1)),
    );
  }
  // Out of the old product and path, into the new: what stays the same nets to zero in mergeCounters.
  if (moved || renamed)
    writes.push(
      ...productCounters(before.product.name, at, before.unitPath, -1),
      ...productCounters(after.product.name, at, after.unitPath, 1),
    );
  if (after.status === 'not_admitted' && before.status !== 'not_admitted')
    writes.push(...counters(after, at, { not_admitted: 1 }));
  return writes;
}

/** Products the statistics name one by one; the rest are one "other products" figure. */
export const TOP_PRODUCTS = 20;

/**
 * The month's top products by claims (label → claims) and the claims about every other product. Per-product
 * counters and, for months written before issue 22, the legacy `volume.product.<key>` shard counters are
 * added up by key. `keyed` must hold the `limit` highest keyed counters and every legacy key's keyed
 * counter (ClaimStore.keyedCounters): then no product outside it can beat the last of the top. "Other" is
 * the month's volume less the top (each claim counts one product), never below zero.
 */
export function topProducts(
  volume: number,
  legacy: Readonly<Record<string, number>>,
  keyed: readonly KeyedCounter[],
  limit: number = TOP_PRODUCTS,
): { readonly top: Record<string, number>; readonly other: number } {
  const merged = new Map<string, { label: string; count: number }>();
  for (const [key, count] of Object.entries(legacy)) merged.set(key, { label: key, count });
  for (const c of keyed) {
    const seen = merged.get(c.key);
    merged.set(c.key, { label: c.label, count: (seen?.count ?? 0) + c.count });
  }
  const top = [...merged.values()]
    .filter((p) => p.count > 0)
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .slice(0, limit);
  const named = top.reduce((sum, p) => sum + p.count, 0);
  return {
    top: Object.fromEntries(top.map((p) => [p.label, p.count])),
    other: Math.max(0, volume - named),
  };
}

/** The action that completes each clock; a clock stopped by anything else (withdrawal) is not counted. */
const COMPLETED_BY: Partial<Record<string, ClockName>> = {
  record_first_reply: 'first_reply',
  reply_to_customer: 'first_reply',
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
    // Attainment counts a miss once, at its breach; a late completion the sweep never saw is the miss itself.
    ...(!met && (was?.breachedAt ?? null) === null ? { [`clock.${name}.missedUnswept`]: 1 } : {}),
  });
}

export function breachCounters(claim: Claim, clocks: readonly ClockName[], at: string): RelatedWrite[] {
  return counters(claim, at, Object.fromEntries(clocks.map((c) => [`clock.${c}.breached`, 1])));
}
