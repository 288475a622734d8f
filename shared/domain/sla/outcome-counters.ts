import type { Claim } from '../claim.js';
import type { RelatedWrite } from '../../ports/claim-store.js';
import { counters, type CountedClaim } from './statistics.js';

/**
 * Monthly counters of outcomes (SPEC §15), moved in the transaction of the change that causes them, so a
 * refused duplicate (a lost version or status condition) moves nothing. Counter names:
 *   money.paidFen · money.payoutsPaid      a payout settled as paid (worker or finance's voucher)
 *   money.advancedFen · money.advances     先行赔付: the advance ledger entry of a paid advance payout
 *   money.recoveredFen · money.recoveries  追偿: a recovery ledger entry (deposit deduction or transfer)
 *   survey.<rating>                        a satisfaction survey answer (satisfied / basically_satisfied / unsatisfied)
 *   rootCause.<cause>                      claims whose findings name this root cause
 *   statutory.plans · statutory.rule.<code>  plans proposed where a statutory entitlement applied (issue 24)
 *   statutory.flagged · statutory.flag.<why> of those, plans below it (below_minimum / lacks_choice)
 */

/** Payouts the change's writes settle as paid and ledger entries they add, each in the month of `at`. */
export function moneyCounters(
  claim: CountedClaim,
  at: string,
  writes: readonly RelatedWrite[],
): RelatedWrite[] {
  const add: Record<string, number> = {};
  const bump = (name: string, n: number) => (add[name] = (add[name] ?? 0) + n);
  for (const u of writes) {
    if (u.type !== 'payout_update' || u.next.status !== 'paid' || u.expectedStatus === 'paid') continue;
    bump('money.paidFen', u.next.amountFen);
    bump('money.payoutsPaid', 1);
  }
  for (const w of writes) {
    if (w.type !== 'ledger_entry') continue;
    const e = w.entry;
    if (e.kind === 'advance') {
      bump('money.advancedFen', e.amountFen);
      bump('money.advances', 1);
    } else {
      bump('money.recoveredFen', e.amountFen);
      bump('money.recoveries', 1);
    }
  }
  return counters(claim, at, add);
}

/**
 * Root causes and survey answers a claim change records. A claim with findings counts once, under its
 * current root cause, in the month its findings were recorded: revised findings move the count from the
 * old cause (and month) to the new one. A survey answer counts once per answer, in the month it was given.
 */
type Outcomes = Pick<Claim, 'id' | 'unitPath' | 'findings' | 'survey' | 'resolution'>;

export function outcomeCounters(before: Outcomes, after: Outcomes): RelatedWrite[] {
  const writes: RelatedWrite[] = [];
  const was = before.findings;
  const now = after.findings;
  if (was?.recordedAt !== now?.recordedAt || was?.rootCause !== now?.rootCause) {
    if (was) writes.push(...counters(after, was.recordedAt, { [`rootCause.${was.rootCause}`]: -1 }));
    if (now) writes.push(...counters(after, now.recordedAt, { [`rootCause.${now.rootCause}`]: 1 }));
  }
  const survey = after.survey;
  if (survey && survey.at !== before.survey?.at)
    writes.push(...counters(after, survey.at, { [`survey.${survey.rating}`]: 1 }));
  writes.push(...statutoryCounters(before.resolution, after));
  return writes;
}

/**
 * Issue 24: a newly proposed plan where a statutory entitlement applied counts once, in the month it was
 * proposed, under each rule that applied; flagged, also under each kind of shortfall. Claims without
 * statutory facts move none of these counters (no write more than before).
 */
function statutoryCounters(before: Claim['resolution'], after: Outcomes): RelatedWrite[] {
  const plan = after.resolution;
  if (!plan?.statutoryRules || plan.revision === before?.revision) return [];
  const add: Record<string, number> = { 'statutory.plans': 1 };
  for (const code of plan.statutoryRules) add[`statutory.rule.${code}`] = 1;
  const review = plan.statutoryReview;
  if (review) {
    add['statutory.flagged'] = 1;
    for (const why of new Set(review.flags.map((f) => f.reason))) add[`statutory.flag.${why}`] = 1;
  }
  return counters(after, plan.proposedAt, add);
}
