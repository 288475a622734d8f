import * as z from '../zod.js';
import type { ClaimSummary } from './claim.js';

/**
 * How the work queue sorts (issue 17). `updated` is not offered: the summary no longer carries `updatedAt`
 * (every edit would rewrite every queue entry, and the write bench is at its ceiling), so the queue cannot
 * know it without reading every claim.
 */
export const QUEUE_SORTS = ['deadline', 'severity', 'received'] as const;
export const QueueSortSchema = z.enum(QUEUE_SORTS);
export type QueueSort = z.infer<typeof QueueSortSchema>;
export type ReceivedOrder = 'newest' | 'oldest';

type Compare = (a: ClaimSummary, b: ClaimSummary) => number;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Oldest received first, then id: the tie-break of every sort, so pages never swap equal rows. */
const byReceived: Compare = (a, b) => byText(a.receivedAt, b.receivedAt) || byText(a.id, b.id);

/** 0: a running clock (ordered by its due time), 1: only paused clocks, 2: no live clock. */
function clockGroup(s: ClaimSummary): number {
  if (s.sla?.dueAt !== undefined) return 0;
  return s.sla?.paused === true ? 1 : 2;
}

/** Next due first; claims whose clocks are all paused after the running ones, claims without a clock last. */
const byDeadline: Compare = (a, b) =>
  clockGroup(a) - clockGroup(b) || byText(a.sla?.dueAt ?? '', b.sla?.dueAt ?? '') || byReceived(a, b);

const COMPARE: Record<QueueSort, (order: ReceivedOrder) => Compare> = {
  deadline: () => byDeadline,
  // Level 1 is the gravest; within a level, the next deadline first.
  severity: () => (a, b) => a.severity - b.severity || byDeadline(a, b),
  received: (order) => (order === 'oldest' ? byReceived : (a, b) => byReceived(b, a)),
};

/** The rows in the queue's order (a new array). */
export function sortQueue(
  rows: readonly ClaimSummary[],
  sort: QueueSort,
  order: ReceivedOrder,
): ClaimSummary[] {
  return [...rows].sort(COMPARE[sort](order));
}

/**
 * Which end of the received-time index to read first, so that a capped read keeps the rows that sort first:
 * the newest for "newest first", otherwise the longest-waiting (their deadlines come soonest).
 */
export function readFrom(sort: QueueSort, order: ReceivedOrder): ReceivedOrder {
  return sort === 'received' && order === 'newest' ? 'newest' : 'oldest';
}
