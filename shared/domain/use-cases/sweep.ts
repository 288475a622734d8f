import { claimUpdate, pendingOf } from '../claim-change.js';
import { ConflictError } from '../errors.js';
import type { PolicySettings } from '../settings.js';
import { planSweep } from '../sla/sweep-plan.js';
import type { ClaimStore, PendingOutboxMessage } from '../../ports/claim-store.js';
import type { ClaimWriter } from '../../ports/claim-writer.js';
import type { CalendarSource } from '../../ports/calendar-store.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/ids.js';
import type { QueueSender } from '../../ports/queue-sender.js';
import { relayOutbox, relayPending } from './relay-outbox.js';

export interface SweepDeps {
  readonly store: ClaimStore;
  readonly writer: ClaimWriter;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly calendars: CalendarSource;
  readonly settings: PolicySettings;
  readonly queues: QueueSender;
}

export interface SweepSummary {
  readonly now: string;
  /** Index entries read (claims whose next warning or deadline is at or before now, overdue ones included). */
  readonly read: number;
  /** Claims changed by this run. */
  readonly changed: number;
  readonly warnings: number;
  readonly breaches: number;
  readonly escalations: number;
  readonly regraded: number;
  /** Claims someone else changed meanwhile; the next run looks at them again. */
  readonly conflicts: number;
  /** Outbox messages sent (this run's, and earlier ones still pending after the grace period). */
  readonly relayed: number;
}

/**
 * The deadline sweep (every 15 minutes; SPEC §5, §12, §4).
 * 1. Read the deadline index up to `now`, shard by shard, page by page (no Scan: only due claims are read).
 * 2. Skip entries with nothing due (overdue claims whose next escalation is later).
 * 3. For each due claim: load it, plan the warnings, breaches, escalations and severity regrade.
 * 4. Plan the change (`claimUpdate`) and commit claim + audit event + notification intents (+ the breach
 *    of a cited commitment) in one transaction, conditional on the version read; a conflict leaves the
 *    claim for the next run.
 * 5. Relay this run's intents to the notify queue, then catch up on any still pending from earlier changes.
 * Idempotent: each step moves the claim's next action past `now`, so a second run at the same instant
 * reads the same entries and writes nothing.
 */
export async function sweepDeadlines(
  deps: SweepDeps,
  now: Date,
  onProgress: (message: string) => void = () => undefined,
): Promise<SweepSummary> {
  const at = now.toISOString();
  const ctx = { calendar: await deps.calendars.current(), settings: deps.settings };
  const totals = { read: 0, changed: 0, warnings: 0, breaches: 0, escalations: 0, regraded: 0, conflicts: 0 };
  const written: PendingOutboxMessage[] = [];
  for await (const entry of deps.store.deadlinesUntil(at)) {
    totals.read++;
    if (totals.read % 500 === 0)
      onProgress(`${totals.read} index entries read, ${totals.changed} claims changed`);
    const actionAt = entry.deadline.nextActionAt;
    if (actionAt === null || actionAt > at) continue;
    const claim = await deps.store.getById(entry.claimId);
    if (!claim) continue;
    const plan = planSweep(ctx, claim, now);
    if (!plan) continue;
    const { change } = claimUpdate(
      claim,
      plan.claim,
      {
        eventId: deps.ids.newId(now),
        at,
        actor: { type: 'system', id: 'deadline-sweep' },
        action: 'deadline_sweep',
        note: plan.notes.join('\n'),
      },
      { outbox: plan.outbox, related: plan.related },
    );
    try {
      await deps.writer.commit(change);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      totals.conflicts++;
      continue;
    }
    totals.changed++;
    totals.warnings += plan.counts.warnings;
    totals.breaches += plan.counts.breaches;
    totals.escalations += plan.counts.escalations;
    totals.regraded += plan.counts.regraded;
    written.push(...pendingOf(change));
  }
  let relayed = written.length > 0 ? await relayOutbox(deps, written) : 0;
  relayed += await relayPending(deps);
  return { now: at, ...totals, relayed };
}
