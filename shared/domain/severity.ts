import type { Severity, Urgency } from './claim.js';
import type { PolicySettings } from './settings.js';

/** The facts the SPEC §4 severity rules read. Counts and ages are worked out by the caller. */
export interface SeverityFacts {
  readonly claimedAmountFen: number;
  readonly complainantCount: number;
  readonly litigationFiled: boolean;
  readonly mediaOrRegulator: boolean;
  /** Same-category complaints about the same product from other customers within the window, this one excluded. */
  readonly sameKindFromOthers: number;
  /** Calendar days since intake while the claim is still open. */
  readonly unresolvedDays: number;
  /** Whether the company is (or, by the "when in doubt" policy, is taken to be) at fault. */
  readonly companyAtFault: boolean;
}

export interface Graded<T> {
  readonly value: T;
  readonly reasons: readonly string[];
}

/** The reason a claim is graded level 3: none of the rules above it applies. */
export const NO_SEVERITY_RULE = 'no level-1 or level-2 rule applies';

/** SPEC §4 default severity rules; thresholds are settings. Level 1 is the most severe. */
export function gradeSeverity(facts: SeverityFacts, rules: PolicySettings['severity']): Graded<Severity> {
  const level1: string[] = [];
  if (facts.claimedAmountFen >= rules.level1MinAmountFen)
    level1.push('amount at or above the level-1 threshold');
  if (facts.complainantCount >= rules.level1MinComplainants)
    level1.push(`${facts.complainantCount} complainants`);
  if (facts.litigationFiled) level1.push('litigation filed');
  if (facts.mediaOrRegulator) level1.push('media or regulator involved');
  if (facts.unresolvedDays >= rules.level1UnresolvedDays && facts.companyAtFault) {
    level1.push(`unresolved ${facts.unresolvedDays} days through the company's fault`);
  }
  if (level1.length > 0) return { value: 1, reasons: level1 };

  const level2: string[] = [];
  if (facts.claimedAmountFen >= rules.level2MinAmountFen)
    level2.push('amount at or above the level-2 threshold');
  if (facts.complainantCount >= rules.level2MinComplainants)
    level2.push(`${facts.complainantCount} complainants`);
  // "≥ 3 same-kind complaints from different customers within a month" counts this one too.
  if (facts.sameKindFromOthers + 1 >= rules.level2SameKindComplaints) {
    level2.push(
      `${facts.sameKindFromOthers + 1} same-kind complaints within ${rules.level2SameKindWindowDays} days`,
    );
  }
  if (facts.unresolvedDays >= rules.level2UnresolvedDays)
    level2.push(`unresolved ${facts.unresolvedDays} days`);
  if (level2.length > 0) return { value: 2, reasons: level2 };

  return { value: 3, reasons: [NO_SEVERITY_RULE] };
}

/**
 * Severity only ever escalates automatically (SPEC §4): a recomputation can raise the level
 * (a lower number) but never lower it.
 */
export function escalateOnly(current: Graded<Severity>, recomputed: Graded<Severity>): Graded<Severity> {
  return recomputed.value < current.value ? recomputed : current;
}

export interface UrgencyFacts {
  readonly threatensMediaOrLegal: boolean;
  readonly involvesSafety: boolean;
  readonly involvesFunds: boolean;
  readonly largeScaleFailure: boolean;
  /** YYYY-MM-DD the customer needs an answer by, if they said. */
  readonly answerNeededBy?: string | undefined;
}

/**
 * SPEC §4 urgency. `normalReplyDueDate` is the Asia/Shanghai date of the normal first-reply deadline;
 * needing an answer before it makes the claim urgent.
 */
export function gradeUrgency(facts: UrgencyFacts, normalReplyDueDate: string): Graded<Urgency> {
  const reasons: string[] = [];
  if (facts.threatensMediaOrLegal) reasons.push('customer threatens media or legal action');
  if (facts.involvesSafety) reasons.push('safety involved');
  if (facts.involvesFunds) reasons.push('funds involved');
  if (facts.largeScaleFailure) reasons.push('large-scale failure');
  if (facts.answerNeededBy !== undefined && facts.answerNeededBy < normalReplyDueDate) {
    reasons.push(
      `answer needed by ${facts.answerNeededBy}, before the normal deadline ${normalReplyDueDate}`,
    );
  }
  return reasons.length > 0 ? { value: 'urgent', reasons } : { value: 'normal', reasons: [] };
}
