import type { ClaimAction } from '../../../shared/domain/lifecycle.js';
import { MONEY_TYPES, RESOLUTION_TYPES } from '../../../shared/domain/resolution.js';
import { shanghaiDate } from '../../../shared/domain/shanghai-time.js';
import type { StaffCategory } from './categories.js';
import type { Claim } from './schemas.js';

/**
 * The claim's next step (issue 17): the form the claim view opens by itself, so a routine case is a row of
 * "fill in, save" rather than "find the button, open, fill in, save". Only for the assignee (or nobody yet
 * assigned to it), only when the caller may take it now, and only where the step is the usual one:
 * received → ask for what is missing; investigating → findings, then the plan; executing by hand → record it.
 */
export function nextStep(claim: Claim, meId: string | undefined): ClaimAction | null {
  const mine = claim.assigneeId !== undefined && claim.assigneeId === meId;
  const may = (a: ClaimAction) => claim.allowedActions.includes(a);
  if (claim.status === 'received' && mine && may('request_material') && !claim.toConfirm?.length)
    return 'request_material';
  if (claim.status === 'investigating' && mine) {
    if (claim.findings === undefined) return may('record_findings') ? 'record_findings' : null;
    return may('propose_resolution') ? 'propose_resolution' : null;
  }
  const plan = claim.resolution;
  if (
    claim.status === 'executing' &&
    plan !== undefined &&
    !MONEY_TYPES.some((t) => t === plan.type) &&
    may('record_execution')
  )
    return 'record_execution';
  return null;
}

/** Seven days on: a plan's default completion date when nothing sooner is due. */
const WEEK_MS = 7 * 86_400_000;

/**
 * What a form starts with, from the claim itself: the plan proposes the remedy the customer asked for, on
 * the product at the amount claimed, by the category's department, due when the decision is (or in a week).
 * Everything stays editable; the API validates as always.
 */
export function prefill(
  action: ClaimAction,
  claim: Claim,
  categories: readonly StaffCategory[] | undefined,
  now: number,
): Record<string, string> {
  if (action !== 'propose_resolution') return {};
  const remedy = RESOLUTION_TYPES.find((t) => t === claim.requestedRemedy);
  const department = categories?.find((c) => c.code === claim.category)?.department;
  const decision = claim.clocks?.['decision']?.dueAt;
  const due = decision !== undefined && Date.parse(decision) > now ? Date.parse(decision) : now + WEEK_MS;
  const amount = claim.claimedAmountFen;
  return {
    ...(remedy !== undefined ? { type: remedy } : {}),
    ...(amount !== undefined && amount > 0
      ? { items: `${claim.product.name}; ${(amount / 100).toFixed(2)}` }
      : {}),
    ...(department ? { executingDepartment: department } : {}),
    dueOn: shanghaiDate(new Date(due)),
  };
}
