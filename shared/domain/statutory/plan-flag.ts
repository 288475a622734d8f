import * as z from '../../zod.js';

/**
 * A proposed plan measured against the law (issue 24), as the plan keeps it: each flag of
 * `checkPlanAgainstStatute` and the proposer's reason for offering it all the same. A flagged plan goes to
 * legal review first; the approver and legal read the flags and the reason.
 */
const Words = z.strictObject({ 'zh-CN': z.string(), en: z.string() });

export const PlanFlagSchema = z.strictObject({
  ruleCode: z.string(),
  reason: z.enum(['below_minimum', 'lacks_choice']),
  words: Words,
});

export const StatutoryReviewSchema = z.strictObject({
  flags: z.array(PlanFlagSchema).check(z.minLength(1)),
  /** Why the proposer offers less than the law, or another remedy than the customer's choice. */
  reason: z.string().check(z.minLength(1), z.maxLength(2000)),
});
export type StatutoryReview = z.infer<typeof StatutoryReviewSchema>;
