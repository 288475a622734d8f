import * as z from '../zod.js';
import { InvalidTransitionError, ForbiddenError } from './errors.js';
import { STATUS_LABELS, wordFor } from './labels.js';
import { needsRole } from './refusals.js';

/**
 * The whole claim lifecycle of SPEC §Lifecycle as data: states, the actions that move between them,
 * who may take each, and what each requires. Use cases look actions up here instead of re-stating rules,
 * so a later issue that implements an action only adds its use case.
 */
export const CLAIM_STATUSES = [
  'received', // 已受理: filed, awaiting the admission check
  'needs_material', // 待补充: waiting on the customer (clock paused)
  'admitted', // 已齐全: material complete, admitted
  'investigating', // 调查中
  'proposed', // 方案待审批: resolution plan awaiting approval
  'legal_review', // 法务审核: required before approval above the legal threshold or when litigation threatened
  'offer_sent', // 待客户确认: approved offer sent to the customer
  'negotiating', // 协商中: the customer disputed the offer or was unsatisfied
  'reconsideration', // 复议中
  'executing', // 执行中: accepted, payout / replacement / repair under way
  'executed', // 已执行
  'legal_proceedings', // 调解/仲裁/诉讼: handed to legal, closure frozen
  'closed', // 已关闭
  'not_admitted', // 不予受理 / 误投诉
  'withdrawn', // 已撤回
] as const;
export const ClaimStatusSchema = z.enum(CLAIM_STATUSES);
export type ClaimStatus = z.infer<typeof ClaimStatusSchema>;

export const TERMINAL_STATUSES: readonly ClaimStatus[] = ['closed', 'not_admitted', 'withdrawn'];
export const OPEN_STATUSES: readonly ClaimStatus[] = CLAIM_STATUSES.filter(
  (s) => !TERMINAL_STATUSES.includes(s),
);

export function isOpen(status: ClaimStatus): boolean {
  return !TERMINAL_STATUSES.includes(status);
}

export const ROLES = [
  'customer',
  'agent',
  'manager',
  'executive',
  'legal',
  'finance',
  'admin',
  'system',
] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ['agent', 'manager', 'executive', 'legal', 'finance', 'admin'] as const;
export const StaffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

/** What an action needs beyond the role; each is checked by the use case that implements the action. */
export type Requirement =
  | 'reason' // a written reason
  | 'material_list' // the list of material asked for
  | 'assignee_or_unit' // whom or which unit the claim goes to
  | 'findings' // investigation findings with root cause and responsibility
  | 'resolution_plan' // an itemised plan
  | 'within_approval_limit' // the approver's limit covers the amount, and it is not their own proposal
  | 'legal_cleared' // legal review done where the policy requires it
  | 'access_token' // the customer's claim token
  | 'within_reconsideration_window' // 15 days of the decision
  | 'voucher_or_reference' // payout voucher, shipping or work-order number
  | 'visit_report' // who visited, when, and what they found
  | 'quiet_period_elapsed'; // for automatic closure

export interface TransitionRule {
  /** States the action may be taken from. */
  readonly from: readonly ClaimStatus[];
  /** The state after it; `null` when the action records something without moving the claim. */
  readonly to: ClaimStatus | null;
  readonly roles: readonly Role[];
  readonly requires: readonly Requirement[];
  /** SPEC section the rule comes from, for readers. */
  readonly spec: string;
}

const TRIAGE_STATES = ['received', 'needs_material', 'admitted', 'investigating'] as const;
const CUSTOMER_OPEN = [
  ...TRIAGE_STATES,
  'proposed',
  'legal_review',
  'offer_sent',
  'negotiating',
  'reconsideration',
] as const;

export const TRANSITIONS = {
  assign: {
    from: OPEN_STATUSES,
    to: null,
    // An agent only takes an unassigned claim for themselves (checked by the use case): "assign to me".
    roles: ['manager', 'admin', 'agent'],
    requires: ['assignee_or_unit'],
    spec: '§12',
  },
  take_over: {
    from: OPEN_STATUSES,
    to: null,
    // HQ's managers only (checked by the use case: the caller's unit is the root).
    roles: ['manager', 'admin'],
    requires: ['reason'],
    spec: '§12',
  },
  escalate_to_hq: {
    // A store's refusal, or a missed deadline while open (checked by the use case).
    from: [...CUSTOMER_OPEN, 'executing', 'not_admitted'],
    to: null,
    roles: ['customer'],
    requires: ['access_token', 'reason'],
    spec: '§12',
  },
  request_material: {
    from: TRIAGE_STATES,
    to: 'needs_material',
    roles: ['agent', 'manager'],
    requires: ['material_list'],
    spec: '§3',
  },
  add_material: {
    from: CUSTOMER_OPEN,
    to: null,
    roles: ['customer'],
    requires: ['access_token'],
    spec: '§3',
  },
  mark_material_complete: {
    from: ['received', 'needs_material'],
    to: 'admitted',
    roles: ['agent', 'manager'],
    requires: [],
    spec: '§3',
  },
  start_investigation: {
    from: ['admitted'],
    to: 'investigating',
    roles: ['agent', 'manager'],
    requires: [],
    spec: '§6',
  },
  not_admit: {
    from: TRIAGE_STATES,
    to: 'not_admitted',
    roles: ['agent', 'manager'],
    requires: ['reason'],
    spec: '§3',
  },
  withdraw: {
    from: CUSTOMER_OPEN,
    to: 'withdrawn',
    roles: ['customer', 'agent', 'manager'],
    requires: ['reason'],
    spec: '§1',
  },
  record_findings: {
    from: ['investigating'],
    to: null,
    roles: ['agent', 'manager'],
    requires: ['findings'],
    spec: '§6',
  },
  propose_resolution: {
    from: ['investigating', 'negotiating'],
    to: 'proposed',
    roles: ['agent', 'manager'],
    requires: ['findings', 'resolution_plan'],
    spec: '§7',
  },
  send_to_legal_review: {
    from: ['proposed'],
    to: 'legal_review',
    // Taken by whoever tries to approve a plan that needs legal review by then (resolution.ts).
    roles: ['system', 'agent', 'manager', 'executive'],
    requires: [],
    spec: '§8',
  },
  clear_legal_review: {
    from: ['legal_review'],
    to: 'proposed',
    roles: ['legal'],
    requires: ['reason'],
    spec: '§8',
  },
  approve: {
    from: ['proposed'],
    to: 'offer_sent',
    roles: ['agent', 'manager', 'executive'],
    requires: ['within_approval_limit', 'legal_cleared'],
    spec: '§8',
  },
  reject_proposal: {
    from: ['proposed', 'legal_review'],
    to: 'investigating',
    roles: ['manager', 'executive', 'legal'],
    requires: ['reason'],
    spec: '§8',
  },
  send_back: {
    from: ['proposed'],
    to: 'investigating',
    roles: ['manager', 'executive'],
    requires: ['reason'],
    spec: '§8',
  },
  accept_offer: {
    from: ['offer_sent'],
    to: 'executing',
    roles: ['customer'],
    requires: ['access_token'],
    spec: '§9',
  },
  dispute_offer: {
    from: ['offer_sent'],
    to: 'negotiating',
    roles: ['customer'],
    requires: ['access_token', 'reason'],
    spec: '§9',
  },
  request_reconsideration: {
    from: ['offer_sent', 'negotiating', 'executing', 'executed'],
    to: 'reconsideration',
    roles: ['customer'],
    requires: ['access_token', 'reason', 'within_reconsideration_window'],
    spec: '§9',
  },
  decide_reconsideration: {
    from: ['reconsideration'],
    to: 'offer_sent',
    roles: ['manager', 'executive'],
    requires: ['reason'],
    spec: '§9',
  },
  hand_to_legal: {
    from: ['offer_sent', 'negotiating', 'reconsideration'],
    to: 'legal_proceedings',
    roles: ['legal', 'manager'],
    requires: ['reason'],
    spec: '§9',
  },
  record_execution: {
    from: ['executing'],
    to: 'executed',
    // Agents and managers record shipping and work-order numbers for replacements and repairs (issue 6).
    roles: ['finance', 'system', 'agent', 'manager'],
    requires: ['voucher_or_reference'],
    spec: '§10',
  },
  confirm_closure: {
    from: ['executed'],
    to: 'closed',
    roles: ['customer'],
    requires: ['access_token'],
    spec: '§11',
  },
  auto_close: {
    from: ['executed'],
    to: 'closed',
    roles: ['system'],
    requires: ['quiet_period_elapsed'],
    spec: '§11',
  },
  reopen_unsatisfied: {
    from: ['closed'],
    to: 'negotiating',
    roles: ['customer'],
    requires: ['access_token'],
    spec: '§11',
  },
  // Every clock can end (SPEC §Integrity): the first reply is recorded from any open state, execution
  // and legal proceedings included, so a paid claim never shows a first reply owed.
  record_first_reply: {
    from: OPEN_STATUSES,
    to: null,
    roles: ['agent', 'manager'],
    requires: [],
    spec: '§5',
  },
  /**
   * A staff member opened a claim marked "customer responded" (issue 16): the mark comes off. From any
   * state, closed ones included: a reply after closure marks a closed claim too.
   */
  acknowledge_response: {
    from: CLAIM_STATUSES,
    to: null,
    roles: ['agent', 'manager', 'executive', 'legal', 'finance', 'admin'],
    requires: [],
    spec: 'issue 16',
  },
  /**
   * A written reply to the customer, sent by the claim's mail and text and shown on the tracking page
   * (issue 17). The first one stops the first-reply clock when it still runs: it is the first reply.
   */
  reply_to_customer: {
    from: OPEN_STATUSES,
    to: null,
    roles: ['agent', 'manager'],
    requires: [],
    spec: '§5, issue 17',
  },
  /** A note for colleagues only, never shown to the customer; colleagues named in it are told (issue 17). */
  add_internal_note: {
    from: CLAIM_STATUSES,
    to: null,
    roles: ['agent', 'manager', 'executive', 'legal', 'finance'],
    requires: [],
    spec: 'issue 17',
  },
  /** The on-site evidence visit (24 hours, SPEC §5) took place: stops the on-site clock. */
  record_site_visit: {
    from: OPEN_STATUSES,
    to: null,
    roles: ['agent', 'manager'],
    requires: ['visit_report'],
    spec: '§5',
  },
  /**
   * Staff correct the facts (category, product, day found, amount, contact, severity and urgency facts):
   * routing, severity (only ever up), urgency and clocks follow; the filing window is checked once the day
   * found is known.
   */
  edit_facts: {
    from: OPEN_STATUSES,
    to: null,
    roles: ['agent', 'manager'],
    requires: [],
    spec: '§1, §4',
  },
  extend_deadline: {
    from: CUSTOMER_OPEN,
    to: null,
    roles: ['manager'],
    requires: ['reason'],
    spec: '§5',
  },
  record_survey: {
    from: ['closed'],
    to: null,
    roles: ['customer'],
    requires: ['access_token'],
    spec: '§11',
  },
  conclude_legal: {
    from: ['legal_proceedings'],
    to: 'closed',
    roles: ['legal'],
    requires: ['reason'],
    spec: '§9',
  },
} as const satisfies Record<string, TransitionRule>;

export type ClaimAction = keyof typeof TRANSITIONS;
export const CLAIM_ACTIONS = Object.keys(TRANSITIONS) as ClaimAction[];

export function transitionRule(action: ClaimAction): TransitionRule {
  return TRANSITIONS[action];
}

/** Whether any of the roles may take the action (state aside): drives which buttons a console shows. */
export function roleMayTake(action: ClaimAction, roles: readonly Role[]): boolean {
  const allowed: readonly Role[] = TRANSITIONS[action].roles;
  return roles.some((r) => allowed.includes(r) || r === 'admin');
}

/**
 * Checks role and state for an action and returns the status after it.
 * `admin` may take any staff action (but never a customer's). Refusals say why in words.
 */
export function planTransition(
  action: ClaimAction,
  current: ClaimStatus,
  roles: readonly Role[],
): ClaimStatus {
  const rule: TransitionRule = TRANSITIONS[action];
  const customerOnly = rule.roles.every((r) => r === 'customer');
  const permitted = roles.some((r) => rule.roles.includes(r) || (r === 'admin' && !customerOnly));
  if (!permitted) {
    const message = `the ${action} action needs one of the roles ${rule.roles.join(', ')}`;
    const staff = rule.roles.filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r));
    if (staff.length > 0) throw needsRole(staff, message);
    throw new ForbiddenError(message, {
      'zh-CN': customerOnly ? '此操作只能由客户本人完成。' : '此操作由系统自动完成，不能手动执行。',
      en: customerOnly
        ? 'Only the customer may do this.'
        : 'The system does this by itself; it cannot be done by hand.',
    });
  }
  if (!rule.from.includes(current)) {
    throw new InvalidTransitionError(
      `a claim in status ${current} cannot take the ${action} action (allowed from ${rule.from.join(', ')})`,
      {
        'zh-CN': `这项索赔目前为“${wordFor(STATUS_LABELS, current, 'zh-CN')}”，不能执行此操作。请刷新查看最新状态。`,
        en: `This claim is now “${wordFor(STATUS_LABELS, current, 'en')}”, so this cannot be done; reload it to see where it stands.`,
      },
    );
  }
  return rule.to ?? current;
}
