import type { Channel, Language, Remedy } from './categories.js';
import type { NotAdmittedReason, Severity, Urgency } from './claim.js';
import type { ClaimStatus, StaffRole } from './lifecycle.js';
import type {
  LEGAL_TRACKS,
  PLAN_STATUSES,
  ReconsiderationOutcome,
  ResolutionType,
  PlanItem,
  ResponsibleParty,
  RootCause,
  Settlement,
} from './resolution.js';
import type { ClockName } from './sla/clock-schema.js';
import type { CustomerResponseKind } from './customer-response.js';

/**
 * Codes in words, [zh-CN, en]: one table per code list, shared by the web pages and the mail templates so
 * a reader sees the same word for the same thing everywhere. Keyed by the domain's own unions, so a new
 * code without its words fails tsc.
 */
export type Words = readonly [zh: string, en: string];

// Category names are the policy's (settings.categories, category-policy.ts), not a table here.

export const REMEDY_LABELS: Readonly<Record<Remedy, Words>> = {
  refund: ['退款', 'Refund'],
  replacement: ['换货', 'Replacement'],
  repair: ['维修', 'Repair'],
  discount: ['折价', 'Discount'],
  compensation: ['赔偿', 'Compensation'],
  apology: ['道歉', 'Apology'],
};

/** The plan types: the remedies, and 'none' (no remedy owed). */
export const RESOLUTION_TYPE_LABELS: Readonly<Record<ResolutionType, Words>> = {
  ...REMEDY_LABELS,
  none: ['不予赔偿', 'No remedy'],
};

export const STAFF_ROLE_LABELS: Readonly<Record<StaffRole, Words>> = {
  agent: ['客服专员', 'Agent'],
  manager: ['经理', 'Manager'],
  executive: ['高管', 'Executive'],
  legal: ['法务', 'Legal'],
  finance: ['财务', 'Finance'],
  admin: ['系统管理员', 'Administrator'],
};

export const STATUS_LABELS: Readonly<Record<ClaimStatus, Words>> = {
  received: ['已受理', 'Received'],
  needs_material: ['待补充材料', 'Waiting for your material'],
  admitted: ['材料齐全', 'Material complete'],
  investigating: ['调查中', 'Under investigation'],
  proposed: ['方案审批中', 'Proposal under approval'],
  legal_review: ['法务审核中', 'Legal review'],
  offer_sent: ['待您确认方案', 'Offer waiting for you'],
  negotiating: ['协商中', 'In negotiation'],
  reconsideration: ['复议中', 'Reconsideration'],
  executing: ['执行中', 'Being carried out'],
  executed: ['已执行', 'Carried out'],
  legal_proceedings: ['法律程序中', 'Legal proceedings'],
  closed: ['已关闭', 'Closed'],
  not_admitted: ['不予受理', 'Not admitted'],
  withdrawn: ['已撤回', 'Withdrawn'],
};

export const PLAN_ITEM_LABELS: Readonly<Record<PlanItem['kind'], Words>> = {
  direct_loss: ['直接损失', 'Direct loss'],
  indirect_loss: ['间接损失', 'Indirect loss'],
  other: ['其他', 'Other'],
};

/** How a plan item is settled: paid in money, or given as goods or a service (its amount is the value). */
export const SETTLEMENT_LABELS: Readonly<Record<Settlement, Words>> = {
  cash: ['现金', 'Cash'],
  goods: ['实物', 'Goods'],
  service: ['服务', 'Service'],
};

/**
 * The departments the default categories route to, and finance and legal, in words. A policy may name others
 * (its own text, shown as written); a plan's executing department is one of these codes or such a name.
 */
export const DEPARTMENT_LABELS: Readonly<Record<string, Words>> = {
  quality: ['质量部', 'Quality'],
  logistics: ['物流部', 'Logistics'],
  warehouse: ['仓储部', 'Warehouse'],
  supply_chain: ['供应链部', 'Supply chain'],
  customer_service: ['客服部', 'Customer service'],
  engineering: ['工程部', 'Engineering'],
  sales: ['销售部', 'Sales'],
  finance: ['财务部', 'Finance'],
  legal: ['法务部', 'Legal'],
};

/** A department in words: a known code by its name, anything else (a policy's own name) as written. */
export function departmentWords(department: string, language: Language): string {
  const words = DEPARTMENT_LABELS[department];
  return words === undefined ? department : words[language === 'en' ? 1 : 0];
}

export const ROOT_CAUSE_LABELS: Readonly<Record<RootCause, Words>> = {
  batch_defect: ['生产批次缺陷', 'Batch defect'],
  misuse: ['使用不当', 'Misuse'],
  service_error: ['服务差错', 'Service error'],
  logistics: ['物流', 'Logistics'],
  supplier_material: ['供应商材料', 'Supplier material'],
  other: ['其他', 'Other'],
};

export const CLOCK_LABELS: Readonly<Record<ClockName, Words>> = {
  first_reply: ['首次答复', 'First reply'],
  on_site_visit: ['上门', 'On-site visit'],
  decision: ['处理决定', 'Decision'],
  reconsideration: ['复议', 'Reconsideration'],
};

/** How staff gave a reply to the customer (the first reply's `channel`). */
export const REPLY_CHANNELS = ['phone', 'email', 'sms', 'in_person', 'letter'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

/** How a claim came in (its intake channel). */
export const INTAKE_CHANNEL_LABELS: Readonly<Record<Channel, Words>> = {
  web: ['网页表单', 'Web form'],
  email: ['邮件', 'Email'],
  phone: ['电话', 'Phone'],
  walk_in: ['来访', 'Walk-in'],
};

export const REPLY_CHANNEL_LABELS: Readonly<Record<ReplyChannel, Words>> = {
  phone: ['电话', 'Phone'],
  email: ['电子邮件', 'Email'],
  sms: ['短信', 'SMS'],
  in_person: ['当面', 'In person'],
  letter: ['书面函件', 'Letter'],
};

export const RECONSIDERATION_OUTCOME_LABELS: Readonly<Record<ReconsiderationOutcome, Words>> = {
  upheld: ['维持原决定', 'The decision stands'],
  amended: ['变更原决定', 'The decision is changed'],
};

/** SPEC §4: level 1 is the most severe. */
export const SEVERITY_LABELS: Readonly<Record<Severity, Words>> = {
  1: ['一级（最严重）', 'Level 1 (most severe)'],
  2: ['二级', 'Level 2'],
  3: ['三级', 'Level 3'],
};

export const URGENCY_LABELS: Readonly<Record<Urgency, Words>> = {
  urgent: ['紧急', 'Urgent'],
  normal: ['普通', 'Normal'],
};

/** Why a claim is not admitted (SPEC §3); groundless is 误投诉, closed with an explanation. */
export const NOT_ADMITTED_REASON_LABELS: Readonly<Record<NotAdmittedReason, Words>> = {
  filing_window: ['超过受理时限', 'Filed after the filing window'],
  groundless: ['经核实为误投诉', 'Found to be groundless'],
  out_of_scope: ['不属于受理范围', 'Outside what we handle'],
  duplicate: ['与已受理的索赔重复', 'A duplicate of a claim already filed'],
  other: ['其他原因', 'Another reason'],
};

/** Who the findings hold responsible; 'unclear' when the investigation could not tell. */
export const RESPONSIBLE_PARTY_LABELS: Readonly<Record<ResponsibleParty | 'unclear', Words>> = {
  company: ['本公司', 'The company'],
  customer: ['客户', 'The customer'],
  third_party: ['第三方', 'A third party'],
  supplier: ['供应商', 'A supplier'],
  franchisee: ['加盟商', 'A franchisee'],
  unclear: ['尚不明确', 'Not clear'],
};

export const LEGAL_TRACK_LABELS: Readonly<Record<(typeof LEGAL_TRACKS)[number], Words>> = {
  mediation: ['调解', 'Mediation'],
  arbitration: ['仲裁', 'Arbitration'],
  litigation: ['诉讼', 'Litigation'],
};

/** What staff record as carrying out a plan (besides a payout, recorded on its own). */
export const EXECUTION_KIND_LABELS = {
  shipping: ['发货', 'Shipment'],
  work_order: ['工单', 'Work order'],
  other: ['其他', 'Other'],
} as const satisfies Readonly<Record<string, Words>>;

/** Where a proposed plan stands (its approval and the customer's answer). */
export const PLAN_STATUS_LABELS: Readonly<Record<(typeof PLAN_STATUSES)[number], Words>> = {
  proposed: ['待审批', 'Awaiting approval'],
  approved: ['已批准', 'Approved'],
  rejected: ['已驳回', 'Rejected'],
  sent_back: ['已退回修改', 'Sent back'],
  accepted: ['客户已接受', 'Accepted by the customer'],
  disputed: ['客户有异议', 'Disputed by the customer'],
};

/** What the customer did, as the queue's mark and the staff notice say it (the customer is the subject). */
export const CUSTOMER_RESPONSE_LABELS: Readonly<Record<CustomerResponseKind, Words>> = {
  material: ['客户补充了材料', 'The customer added material'],
  email_reply: ['客户回复了邮件', 'The customer replied by mail'],
  reply_after_closure: ['客户在结案后来信', 'The customer wrote after closure'],
  dispute: ['客户对方案有异议', 'The customer disputes the offer'],
  unsatisfied: ['客户对结果不满意', 'The customer is unsatisfied'],
  reconsideration: ['客户申请复议', 'The customer asks for reconsideration'],
  quarantined_mail: ['有一封来信待核实', 'A mail is held for checking'],
};

/** Rows of the statistics that are not a code of their own: every product beyond the top 20. */
export const STATISTICS_LABELS = {
  other_products: ['其他产品', 'Other products'],
} as const satisfies Readonly<Record<string, Words>>;

/** The word for a code in the reader's language. */
export function wordFor<K extends PropertyKey>(
  table: Readonly<Record<K, Words>>,
  code: K,
  language: Language,
): string {
  return table[code][language === 'en' ? 1 : 0];
}

/** For codes read from outside the domain's types (the web's views): the code itself when unknown. */
export function label(table: Readonly<Record<string, Words>>, code: string, language: Language): string {
  const pair = table[code];
  return pair ? pair[language === 'en' ? 1 : 0] : code;
}
