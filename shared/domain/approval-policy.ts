import type { Claim } from './claim.js';
import { ForbiddenError } from './errors.js';
import { roleMayTake, type StaffRole } from './lifecycle.js';
import { formatFen } from './money.js';
import type { StaffPrincipal } from './principal.js';
import type { ApprovalTier } from './resolution.js';
import type { PolicySettings } from './settings.js';
import { roleList } from './refusals.js';

type MoneySettings = PolicySettings['money'];

/**
 * Approval by amount (SPEC §8), pure. The tier follows the amount (and level 1 always goes to the
 * executive); whoever approves needs a role of that tier, and both their token's limit and their
 * role's ceiling must cover the amount.
 */
export function requiredTier(totalFen: number, severity: Claim['severity'], s: MoneySettings): ApprovalTier {
  if (severity === 1) return 'executive';
  if (totalFen <= s.agentMaxFen) return 'agent';
  if (totalFen <= s.areaManagerMaxFen) return 'area_manager';
  if (totalFen <= s.departmentHeadMaxFen) return 'department_head';
  return 'executive';
}

/** Roles that may approve at each tier. Area managers and department heads are both `manager`; their tokens differ. */
const TIER_ROLES: Record<ApprovalTier, readonly StaffRole[]> = {
  agent: ['agent', 'manager', 'executive'],
  area_manager: ['manager', 'executive'],
  department_head: ['manager', 'executive'],
  executive: ['executive'],
};

/** The staff role that receives an approval_needed notice for a tier. */
export function tierRole(tier: ApprovalTier): StaffRole {
  return tier === 'agent' ? 'agent' : tier === 'executive' ? 'executive' : 'manager';
}

/** Why legal must review first; empty when it need not. */
export function legalReviewReasons(claim: Claim, totalFen: number, s: MoneySettings): string[] {
  const reasons: string[] = [];
  if (claim.facts.threatensMediaOrLegal || claim.facts.litigationFiled)
    reasons.push('litigation threatened or filed');
  if (totalFen > s.legalReviewAboveFen)
    reasons.push(
      `amount ${formatFen(totalFen)} exceeds the legal threshold ${formatFen(s.legalReviewAboveFen)}`,
    );
  return reasons;
}

/** The ceiling a role brings: an agent's tier, a manager's department-head tier, the executive's none. */
function roleCeilingFen(role: StaffRole, s: MoneySettings): number {
  switch (role) {
    case 'agent':
      return s.agentMaxFen;
    case 'manager':
      return s.departmentHeadMaxFen;
    case 'executive':
      return Number.MAX_SAFE_INTEGER;
    default:
      return 0; // legal, finance and admin approve nothing by amount
  }
}

/** The most this person may approve: their token's limit, capped by their highest role's ceiling. */
export function approvalLimitOf(principal: StaffPrincipal, s: MoneySettings): number {
  const ceiling = Math.max(0, ...principal.roles.map((r) => roleCeilingFen(r, s)));
  return Math.min(principal.approvalLimitFen, ceiling);
}

/**
 * Why this person may not approve the plan at the tier: their role is below it, their limit does not cover
 * the amount, or they proposed the plan themselves above the agent tier, in words. Null when they may.
 */
export function approvalRefusal(
  principal: StaffPrincipal,
  plan: { totalFen: number; proposedBy: string },
  tier: ApprovalTier,
  s: MoneySettings,
): ForbiddenError | null {
  const roles = TIER_ROLES[tier];
  if (!principal.roles.some((r) => roles.includes(r)))
    return new ForbiddenError(
      `this plan needs approval at the ${tier} tier (${roles.join(' or ')}); your roles are ${principal.roles.join(', ')}`,
      {
        'zh-CN': `这个方案需要由${roleList(roles, 'zh-CN')}审批，您的角色不能审批。`,
        en: `This plan must be approved by a ${roleList(roles, 'en')}; your role may not approve it.`,
      },
    );
  const limit = approvalLimitOf(principal, s);
  const total = formatFen(plan.totalFen);
  if (plan.totalFen > limit)
    return new ForbiddenError(`the plan's ${total} is above your approval limit of ${formatFen(limit)}`, {
      'zh-CN': `方案金额 ${total} 超出您的审批额度 ${formatFen(limit)}，请交由额度更高的同事审批。`,
      en: `The plan’s ${total} is above your approval limit of ${formatFen(limit)}; pass it to a colleague with a higher limit.`,
    });
  if (plan.proposedBy === principal.id && plan.totalFen > s.agentMaxFen)
    return new ForbiddenError('nobody approves their own proposal above the agent tier', {
      'zh-CN': '您不能审批自己提出的这个方案，请交由其他同事审批。',
      en: 'You may not approve a plan you proposed yourself at this amount; pass it to a colleague.',
    });
  return null;
}

/** Refuses (403) an approver `approvalRefusal` names a reason against. */
export function checkApprover(
  principal: StaffPrincipal,
  plan: { totalFen: number; proposedBy: string },
  tier: ApprovalTier,
  s: MoneySettings,
): void {
  const refusal = approvalRefusal(principal, plan, tier, s);
  if (refusal !== null) throw refusal;
}

/**
 * Whether the claim's proposed plan awaits this person's approval ("awaiting my approval" in the queue): it
 * is up for approval, they may take the approve action, and approvalRefusal names no reason at the tier its
 * amount and severity call for today (the approve action decides the tier the same way).
 */
export function awaitsApprovalBy(
  claim: Pick<Claim, 'status' | 'resolution' | 'severity'>,
  principal: StaffPrincipal,
  s: MoneySettings,
): boolean {
  const plan = claim.resolution;
  if (claim.status !== 'proposed' || plan === undefined || !roleMayTake('approve', principal.roles))
    return false;
  return approvalRefusal(principal, plan, requiredTier(plan.totalFen, claim.severity, s), s) === null;
}
