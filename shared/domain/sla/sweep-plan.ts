import type { Claim } from '../claim.js';
import { notificationMessage, type OutboxMessage } from '../messages.js';
import { clockEntries, type ClaimClock, type ClaimClocks, type ClockName } from './clock-schema.js';
import type { SlaContext } from './claim-clocks.js';
import { createSlaClocks } from '../calendar/sla-clock.js';
import { regradeByTime } from './deadline.js';
import { isOpen } from '../lifecycle.js';
import { breachCounters } from './statistics.js';
import type { RelatedWrite } from '../../ports/claim-store.js';
import { claimOwner } from '../staff-routing.js';

export interface SweepPlan {
  readonly claim: Claim;
  readonly outbox: readonly OutboxMessage[];
  readonly notes: readonly string[];
  /** A missed promise of a cited commitment, recorded on the commitment in the same transaction. */
  readonly related: readonly RelatedWrite[];
  readonly counts: { warnings: number; breaches: number; escalations: number; regraded: number };
}

/**
 * What the deadline sweep does to one claim at `now` (SPEC §5, §12, §4), or null when nothing is due.
 * Per running clock, at most one step: warn once the warning instant passes; on the deadline record the
 * breach and tell the manager of the claim's unit; while still running, tell the next unit up each time
 * `escalateAgainAfterWorkingDays` more working days pass, up to the root. Then the severity time rules.
 * Nothing for a claim in a terminal state. Every step leaves the clock's next action strictly after `now`, so a second run at the same instant
 * finds nothing to do. Notification ids are deterministic (claim, kind, clock, deadline, unit).
 */
export function planSweep(ctx: SlaContext, claim: Claim, now: Date): SweepPlan | null {
  // A claim in a terminal state is never warned, breached or escalated, whatever its stored clocks say
  // (claims closed before closure stopped every clock still carry running ones).
  if (!isOpen(claim.status)) return null;
  const at = now.toISOString();
  const outbox: OutboxMessage[] = [];
  const notes: string[] = [];
  const related: RelatedWrite[] = [];
  const counts = { warnings: 0, breaches: 0, escalations: 0, regraded: 0 };
  const clocks: ClaimClocks = { ...(claim.clocks ?? {}) };
  const unitAt = (level: number): string | undefined => claim.unitPath[claim.unitPath.length - 1 - level];
  const escalateAgain = (from: Date, level: number): string | null =>
    unitAt(level) === undefined
      ? null
      : ctx.calendar.addWorkingDays(from, ctx.settings.sla.escalateAgainAfterWorkingDays).at;

  for (const [name, clock] of clockEntries(clocks)) {
    if (clock.state !== 'running') continue;
    const due = new Date(clock.dueAt);
    if (clock.breachedAt === null && now >= due) {
      const unitId = unitAt(0) ?? claim.unitId;
      clocks[name] = {
        ...clock,
        warnedAt: clock.warnedAt ?? at,
        breachedAt: at,
        escalations: [...clock.escalations, { at, unitId }],
        nextEscalationAt: escalateAgain(now > due ? now : due, 1),
      };
      outbox.push(breachMessage(claim, name, clock, unitId, at));
      notes.push(`${name} deadline ${clock.dueAt} missed; escalated to the managers of ${unitId}`);
      counts.breaches++;
      if (claim.commitmentId !== undefined && clock.basis === `commitment ${claim.commitmentId}`) {
        related.push({ type: 'commitment_breach', commitmentId: claim.commitmentId, claimId: claim.id, at });
        notes.push(`the response promised by commitment ${claim.commitmentId} was not kept`);
      }
    } else if (
      clock.breachedAt !== null &&
      clock.nextEscalationAt !== null &&
      now >= new Date(clock.nextEscalationAt)
    ) {
      const level = clock.escalations.length;
      const unitId = unitAt(level);
      if (unitId === undefined) {
        clocks[name] = { ...clock, nextEscalationAt: null };
        continue;
      }
      clocks[name] = {
        ...clock,
        escalations: [...clock.escalations, { at, unitId }],
        nextEscalationAt: escalateAgain(now, level + 1),
      };
      outbox.push(breachMessage(claim, name, clock, unitId, at));
      notes.push(`${name} still overdue (deadline ${clock.dueAt}); escalated to the managers of ${unitId}`);
      counts.escalations++;
    } else if (clock.warnedAt === null && clock.breachedAt === null && now >= new Date(clock.warningAt)) {
      clocks[name] = { ...clock, warnedAt: at };
      outbox.push(
        notificationMessage(
          'deadline_warning',
          { clock: name, dueAt: clock.dueAt, usedPercent: usedPercent(ctx, clock, now) },
          {
            id: `${claim.id}:deadline_warning:${name}:${clock.dueAt}`,
            claim,
            recipient: claimOwner(claim),
            createdAt: at,
          },
        ),
      );
      notes.push(`${name} warning: due ${clock.dueAt}`);
      counts.warnings++;
    }
  }

  const breached = clockEntries(clocks)
    .filter(([name, clock]) => clock.breachedAt === at && claim.clocks?.[name]?.breachedAt === null)
    .map(([name]) => name);
  related.push(...breachCounters(claim, breached, at));
  let next: Claim = { ...claim, clocks };
  const regraded = regradeByTime(claim, now, ctx.settings.severity);
  if (regraded) {
    next = { ...next, severity: regraded.value, severityReasons: [...regraded.reasons] };
    notes.push(`severity raised from level ${claim.severity} to level ${regraded.value} by the time rules`);
    counts.regraded++;
  }
  if (notes.length === 0) return null;
  return { claim: next, outbox, notes, related, counts };
}

function breachMessage(
  claim: Claim,
  name: ClockName,
  clock: ClaimClock,
  unitId: string,
  at: string,
): OutboxMessage {
  return notificationMessage(
    'breach_escalation',
    { clock: name, dueAt: clock.dueAt, claimUnitId: claim.unitId, escalatedTo: unitId },
    {
      id: `${claim.id}:breach_escalation:${name}:${clock.dueAt}:${unitId}`,
      claim,
      recipient: { type: 'unit_role', unitId, role: 'manager' },
      createdAt: at,
    },
  );
}

/** How much of the clock's time is used at `now` (paused time excluded), in whole percent, rounded down. */
function usedPercent(ctx: SlaContext, clock: ClaimClock, now: Date): number {
  const { usedMs, budgetMs } = createSlaClocks(ctx.calendar).status(clock, now.toISOString());
  // Integer milliseconds: exact, where usedRatio * 100 could land a hair under the warning's 80.
  return budgetMs > 0 ? Math.floor((usedMs * 100) / budgetMs) : 100;
}
