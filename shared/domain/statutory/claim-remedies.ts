import type { Claim } from '../claim.js';
import { ValidationError } from '../errors.js';
import type { ResolutionPlan } from '../resolution.js';
import { assessStatutoryRemedies, type StatutoryAssessment } from './entitlements.js';
import { checkPlanAgainstStatute, type PlanFlag } from './plan-check.js';
import type { StatutoryReview } from './plan-flag.js';
import type { StatutoryRuleSet } from './remedy-rules.js';
import type { LocalizedText } from './remedy-words.js';

/**
 * The statutory remedies of one claim (issue 24): the assessment of its stored facts under the rule set in
 * force, judged on the day the claim was reported. Undefined when the claim has no facts yet (nothing to
 * show). Facts dated after the report (a receipt recorded later) leave the rules that count days from it
 * undecided rather than failing the whole view: the assessment is then empty.
 */
export function claimAssessment(
  claim: Pick<Claim, 'statutoryFacts' | 'receivedAt'>,
  ruleSet: StatutoryRuleSet,
): StatutoryAssessment | undefined {
  if (!claim.statutoryFacts) return undefined;
  try {
    return assessStatutoryRemedies(ruleSet, claim.statutoryFacts, new Date(claim.receivedAt));
  } catch (error) {
    if (error instanceof ValidationError) return { entitlements: [], factsNeeded: [], ruledOut: [] };
    throw error;
  }
}

/**
 * A plan of `type` and `totalFen` on this claim against the law: the rules whose entitlement applies, and
 * the flags (below a statutory amount, or not the customer's statutory choice).
 */
export function planFlags(
  claim: Pick<Claim, 'statutoryFacts' | 'receivedAt' | 'requestedRemedy'>,
  plan: Pick<ResolutionPlan, 'type' | 'totalFen'>,
  ruleSet: StatutoryRuleSet,
): { rules: string[]; flags: PlanFlag[] } {
  const entitlements = claimAssessment(claim, ruleSet)?.entitlements ?? [];
  return {
    rules: entitlements.map((e) => e.ruleCode),
    flags: checkPlanAgainstStatute(plan, entitlements, claim.requestedRemedy),
  };
}

/**
 * The statutory review of a proposal: none when nothing is flagged; with flags, the proposer's reason is
 * required (400 in words naming what falls short), and the plan goes to legal review first.
 */
export function statutoryReviewOf(
  flags: readonly PlanFlag[],
  reason: string | undefined,
): StatutoryReview | undefined {
  if (flags.length === 0) return undefined;
  if (reason === undefined || reason.trim() === '') {
    const zh = flags.map((f) => f.words['zh-CN']).join('；');
    const en = flags.map((f) => f.words.en).join('; ');
    throw new ValidationError(`the plan falls short of the law: give the reason (${en})`, [
      {
        path: 'statutoryReason',
        message: 'a plan below the statutory entitlement needs a reason',
        code: 'required',
        words: {
          'zh-CN': `方案低于客户的法定权利，须说明理由并经法务审核：${zh}`,
          en: `The plan falls short of the customer's statutory rights; give the reason, and legal reviews it: ${en}`,
        },
      },
    ]);
  }
  return {
    flags: flags.map((f) => ({ ruleCode: f.ruleCode, reason: f.reason, words: f.words })),
    reason: reason.trim(),
  };
}

/** The legal-review reasons a plan's statutory review adds (the approval record's words are English). */
export function statutoryLegalReasons(plan: Pick<ResolutionPlan, 'statutoryReview'>): string[] {
  return (plan.statutoryReview?.flags ?? []).map((f) => `statutory: ${f.words.en}`);
}

/** What the customer reads on the tracking page: each entitlement's words, reason and source. */
export interface CustomerEntitlement {
  readonly words: LocalizedText;
  readonly reason: LocalizedText;
  readonly source: LocalizedText;
}

export function customerEntitlements(
  claim: Pick<Claim, 'statutoryFacts' | 'receivedAt'>,
  ruleSet: StatutoryRuleSet,
): CustomerEntitlement[] {
  return (claimAssessment(claim, ruleSet)?.entitlements ?? []).map((e) => ({
    words: e.words,
    reason: e.reason,
    source: e.source,
  }));
}
