import type { Claim, Severity } from '../claim.js';
import { isOpen } from '../lifecycle.js';
import { escalateOnly, gradeSeverity, type Graded } from '../severity.js';
import type { PolicySettings } from '../settings.js';
import { clockEntries, type ClaimClock, type ClockName } from './clock-schema.js';

const DAY_MS = 86_400_000;

/** One running clock as the deadline index shows it (what the nightly report lists). */
export interface DeadlineClock {
  readonly name: ClockName;
  readonly dueAt: string;
  readonly warned: boolean;
  readonly breached: boolean;
  /** Years computed with weekends only (no holiday schedule loaded). */
  readonly fallbackYears: readonly number[];
}

/**
 * Where a claim sits in the sparse deadline index. `indexAt` is the instant it sorts by: the next warning
 * or deadline, and for a breached clock its deadline, so overdue claims stay listed until the clock stops.
 * `nextActionAt` is when the sweep next has work on it; null when it has none (the top unit was told).
 */
export interface DeadlineEntry {
  readonly indexAt: string;
  readonly nextActionAt: string | null;
  readonly clocks: readonly DeadlineClock[];
}

function running(claim: Claim): [ClockName, ClaimClock][] {
  return clockEntries(claim.clocks).filter(([, c]) => c.state === 'running');
}

/** When the clock's own next event is: warning, then deadline, then each further escalation. */
function clockAction(clock: ClaimClock): { indexAt: string; actionAt: string | null } {
  if (clock.breachedAt !== null) return { indexAt: clock.dueAt, actionAt: clock.nextEscalationAt };
  if (clock.warnedAt !== null) return { indexAt: clock.dueAt, actionAt: clock.dueAt };
  const at = clock.warningAt < clock.dueAt ? clock.warningAt : clock.dueAt;
  return { indexAt: at, actionAt: at };
}

/**
 * The severity time rules (SPEC §4: unresolved half a month → level 2, a month through the company's fault
 * → level 1) as a regrade at `at`; null when it would not raise the level. The company is at fault unless
 * the findings put the responsibility on a party the policy names (default: the customer or a third party);
 * before findings it is taken to be (the SPEC §6 "when in doubt" policy).
 */
export function regradeByTime(
  claim: Claim,
  at: Date,
  rules: PolicySettings['severity'],
): Graded<Severity> | null {
  if (!isOpen(claim.status)) return null;
  const unresolvedDays = Math.floor((at.getTime() - Date.parse(claim.receivedAt)) / DAY_MS);
  const regraded = gradeSeverity(
    {
      claimedAmountFen: claim.claimedAmountFen,
      complainantCount: claim.claimant.complainantCount,
      litigationFiled: claim.facts.litigationFiled,
      mediaOrRegulator: claim.facts.mediaOrRegulator,
      sameKindFromOthers: 0,
      unresolvedDays,
      companyAtFault: !rules.level1ByTimeNotWhenResponsible.some((p) => p === claim.findings?.responsibility),
    },
    rules,
  );
  const current = { value: claim.severity, reasons: claim.severityReasons };
  const next = escalateOnly(current, regraded);
  return next.value === claim.severity ? null : next;
}

/** The first instant at which the time rules would raise the claim's severity; null when none will. */
export function severityCheckpoint(claim: Claim, rules: PolicySettings['severity']): string | null {
  if (!isOpen(claim.status)) return null;
  const days = [rules.level2UnresolvedDays, rules.level1UnresolvedDays].sort((a, b) => a - b);
  for (const d of days) {
    const at = new Date(Date.parse(claim.receivedAt) + d * DAY_MS);
    if (regradeByTime(claim, at, rules)) return at.toISOString();
  }
  return null;
}

/** The claim's place in the deadline index, or null to leave it out (closed, or nothing left to watch). */
export function deadlineOf(claim: Claim, rules: PolicySettings['severity']): DeadlineEntry | null {
  if (!isOpen(claim.status)) return null;
  const clocks = running(claim);
  const indexTimes: string[] = [];
  const actionTimes: string[] = [];
  for (const [, clock] of clocks) {
    const { indexAt, actionAt } = clockAction(clock);
    indexTimes.push(indexAt);
    if (actionAt !== null) actionTimes.push(actionAt);
  }
  const checkpoint = severityCheckpoint(claim, rules);
  if (checkpoint !== null) {
    indexTimes.push(checkpoint);
    actionTimes.push(checkpoint);
  }
  if (indexTimes.length === 0) return null;
  const min = (xs: string[]): string => xs.reduce((a, b) => (b < a ? b : a));
  return {
    indexAt: min(indexTimes),
    nextActionAt: actionTimes.length > 0 ? min(actionTimes) : null,
    clocks: clocks.map(([name, c]) => ({
      name,
      dueAt: c.dueAt,
      warned: c.warnedAt !== null,
      breached: c.breachedAt !== null,
      fallbackYears: c.fallbackYears,
    })),
  };
}
