import * as z from '../../zod.js';
import { IsoInstantSchema } from '../calendar/instant.js';
import { ClockNameSchema, clockEntries, type ClaimClocks } from './clock-schema.js';

/**
 * What a work-queue row needs to know of a claim's clocks, kept in the claim's summary so a queue page
 * carries it (and the store can filter on it) without reading each claim. The instants were computed in
 * working time when the clock started or resumed; only the comparison with "now" is left to the reader.
 * It changes when a clock starts, pauses, resumes, stops or is marked breached — rarely, and mostly with
 * a status change that rewrites the summary anyway.
 */
export const SlaSummarySchema = z.strictObject({
  /** The running clock due first, and its deadline and warning instant. */
  clock: z.optional(ClockNameSchema),
  dueAt: z.optional(IsoInstantSchema),
  warnAt: z.optional(IsoInstantSchema),
  /** A running or paused clock was marked breached by the sweep. */
  breached: z.optional(z.literal(true)),
  /** A clock is paused (waiting for the customer). */
  paused: z.optional(z.literal(true)),
});
export type SlaSummary = z.infer<typeof SlaSummarySchema>;

/** The queue's SLA states, worst first; `none` when no clock runs or is paused. */
export type QueueSlaState = 'breached' | 'due_soon' | 'paused' | 'on_time' | 'none';
/** The states the work queue filters by. */
export const SlaFilterSchema = z.enum(['breached', 'due_soon', 'paused']);
export type SlaFilter = z.infer<typeof SlaFilterSchema>;

/** The summary's SLA part; undefined when the claim has no clock that is running or paused. */
export function slaSummaryOf(clocks: ClaimClocks | undefined): SlaSummary | undefined {
  const live = clockEntries(clocks).filter(([, c]) => c.state !== 'stopped');
  if (live.length === 0) return undefined;
  const running = live.filter(([, c]) => c.state === 'running');
  const first = running.reduce<(typeof running)[number] | undefined>(
    (a, b) => (a === undefined || b[1].dueAt < a[1].dueAt ? b : a),
    undefined,
  );
  const warnAt = running
    .map(([, c]) => c.warningAt)
    .reduce<string | undefined>((a, b) => (a === undefined || b < a ? b : a), undefined);
  return {
    ...(first ? { clock: first[0], dueAt: first[1].dueAt } : {}),
    ...(warnAt !== undefined ? { warnAt } : {}),
    ...(live.some(([, c]) => c.breachedAt !== null) ? { breached: true as const } : {}),
    ...(live.some(([, c]) => c.state === 'paused') ? { paused: true as const } : {}),
  };
}

/**
 * Where a row stands at `now`: breached (marked, or a running clock past due), due soon (a running clock
 * past its warning), paused, on time; `none` without clocks. The DynamoDB store's filter expressions say
 * the same (shared/adapters/dynamodb/claim-store.ts), so filtering and the rows' badges agree.
 */
export function queueSlaState(sla: SlaSummary | undefined, now: string): QueueSlaState {
  if (sla === undefined) return 'none';
  if (sla.breached === true || (sla.dueAt !== undefined && sla.dueAt <= now)) return 'breached';
  if (sla.warnAt !== undefined && sla.warnAt <= now) return 'due_soon';
  if (sla.paused === true) return 'paused';
  return sla.dueAt !== undefined ? 'on_time' : 'none';
}
