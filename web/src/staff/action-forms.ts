import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClaimAction } from '../../../shared/domain/lifecycle.js';
import {
  LEGAL_TRACKS,
  RESOLUTION_TYPES,
  RESPONSIBLE_PARTIES,
  ROOT_CAUSES,
} from '../../../shared/domain/resolution.js';
import { problemMessage, request } from '../api.js';
import { checkedOf, valueOf } from '../dom.js';
import { categoryLabel, useCategories, type StaffCategory } from './categories.js';
import {
  DEPARTMENT_LABELS,
  EXECUTION_KIND_LABELS,
  departmentWords,
  LEGAL_TRACK_LABELS,
  NOT_ADMITTED_REASON_LABELS,
  RECONSIDERATION_OUTCOME_LABELS,
  REPLY_CHANNEL_LABELS,
  RESOLUTION_TYPE_LABELS,
  RESPONSIBLE_PARTY_LABELS,
  ROOT_CAUSE_LABELS,
  type Words,
} from '../../../shared/domain/labels.js';
import { CLOCK_LABELS, STAFF_ACTION_LABELS, label, type Lang } from '../i18n.js';
import { PURCHASE_CHANNELS } from '../../../shared/domain/statutory/remedy-facts.js';
import { DISTANCE_SALE_EXCLUSIONS } from '../../../shared/domain/statutory/remedy-rules.js';
import { EXCLUSION_LABELS, PURCHASE_CHANNEL_LABELS } from '../../../shared/domain/statutory/remedy-words.js';
import type { Claim, QueueChoices } from './schemas.js';
import { assigneesFor } from './assignees.js';
import { planItem, yuanToFen } from './yuan-input.js';
import { fillReply, replyValues } from '../../../shared/domain/reply-templates.js';
import { clearDraft, loadDraft, saveDraft } from './drafts.js';

interface Field {
  readonly name: string;
  /** [zh-CN, en], shown in the console's language. */
  readonly label: Words;
  /**
   * list: one per line; items: plan items "说明; 金额元"; number: a whole number; consent: a tick box sent as
   * true; clock: a clock the claim may still extend; text: several lines; datetime: a Shanghai date and time
   * sent as an ISO instant; yesno: unchanged / yes / no, sent as a boolean; yuan: an amount in yuan sent as fen;
   * exclusion: one art. 25 exclusion or none, sent as a list (issue 24);
   * assignee: an active person of the (chosen or current) unit's subtree, by name; unit: a unit of the
   * caller's subtree, by name (both from `/staff/me`'s `queue`); mentions: tick boxes of the colleagues who can
   * see the claim (their unit is the claim's or above it), sent as a list of ids; template: a saved reply that,
   * picked, fills the `message` field in the claim's language (not sent itself); department: the departments
   * known by name and those the policy's categories route to, by name.
   * A dotted name (`product.name`) is sent nested (`{"product": {"name": …}}`).
   */
  readonly kind?:
    | 'list'
    | 'select'
    | 'category'
    | 'date'
    | 'items'
    | 'number'
    | 'consent'
    | 'clock'
    | 'text'
    | 'datetime'
    | 'yesno'
    | 'yuan'
    | 'assignee'
    | 'unit'
    | 'mentions'
    | 'exclusion'
    | 'template'
    | 'department';
  readonly options?: readonly string[];
  /** The words of each option, [zh-CN, en]; the code itself when absent. */
  readonly optionLabels?: Readonly<Record<string, Words>>;
  /** Refused in the page (in words) when left empty. */
  readonly required?: true;
}

/** Form texts that are not a field's label, [zh-CN, en]. */
const FORM_TEXT = {
  required: ['请填写：{field}', 'Please fill in: {field}'],
  notSaved: ['未能保存：{reason}', 'Not saved: {reason}'],
  amount: ['{field}：请填金额（元），如 199.00', '{field}: an amount in yuan, e.g. 199.00'],
  wholeNumber: ['{field}：请填整数', '{field}: a whole number'],
  items: [
    '{field}：每行“说明; 金额”，可再注明 现金/实物/服务，如 运费; 12.50; 现金',
    '{field}: "description; amount" per line, optionally cash, goods or service, e.g. Shipping; 12.50; cash',
  ],
  noTemplate: ['选择常用回复…', 'Pick a saved reply…'],
} as const satisfies Record<string, Words>;

function formText(key: keyof typeof FORM_TEXT, lang: Lang, vars: Record<string, string>): string {
  return FORM_TEXT[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

/** A field's element id in its form: `propose_resolution-advancePayment-basis`. */
function fieldId(action: ClaimAction, field: Field): string {
  return `${action}-${field.name.replace(/\./g, '-')}`;
}

function fieldLabel(field: Field, lang: Lang): string {
  return field.label[lang === 'en' ? 1 : 0];
}

/** A datetime-local value ("2026-11-24T10:30") read as Shanghai time (UTC+8, no daylight saving). */
export function shanghaiInstant(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const ms = Date.parse(`${local.length === 16 ? `${local}:00` : local}+08:00`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The purchase facts and findings the statutory remedy rules read (issue 24), under `statutoryFacts`. */
const STATUTORY_FACT_FIELDS: readonly Field[] = [
  {
    name: 'statutoryFacts.purchaseChannel',
    label: ['购买渠道', 'Purchase channel'],
    kind: 'select',
    options: ['', ...PURCHASE_CHANNELS],
    optionLabels: { '': ['不更改', 'Unchanged'], ...PURCHASE_CHANNEL_LABELS },
  },
  { name: 'statutoryFacts.purchaseDate', label: ['购买日期', 'Purchase date'], kind: 'date' },
  { name: 'statutoryFacts.receiptDate', label: ['收货日期', 'Receipt date'], kind: 'date' },
  { name: 'statutoryFacts.pricePaidFen', label: ['实付价款（元）', 'Price paid (yuan)'], kind: 'yuan' },
  {
    name: 'statutoryFacts.qualityDefect',
    label: ['存在质量问题或性能故障', 'Quality defect or performance failure'],
    kind: 'yesno',
  },
  { name: 'statutoryFacts.isFood', label: ['食品', 'Food'], kind: 'yesno' },
  {
    name: 'statutoryFacts.foodBelowSafetyStandard',
    label: ['经认定不符合食品安全标准', 'Found: the food fails the safety standards'],
    kind: 'yesno',
  },
  {
    name: 'statutoryFacts.labellingFlawOnly',
    label: [
      '仅为不影响安全、不误导的标签瑕疵',
      'Only a labelling flaw that neither affects safety nor misleads',
    ],
    kind: 'yesno',
  },
  {
    name: 'statutoryFacts.threeGuaranteesCovered',
    label: ['三包商品', 'Covered by 三包 (repair, replacement, return)'],
    kind: 'yesno',
  },
  { name: 'statutoryFacts.warrantyEndsOn', label: ['三包有效期至', 'Warranty ends on'], kind: 'date' },
  {
    name: 'statutoryFacts.failedRepairsInWarranty',
    label: ['三包期内修理后仍不能使用的次数', 'Failed repairs within the warranty'],
    kind: 'number',
  },
  {
    name: 'statutoryFacts.exclusions',
    label: ['不适用七日无理由退货的商品', 'Goods excluded from the seven-day return'],
    kind: 'exclusion',
    options: ['', 'none', ...DISTANCE_SALE_EXCLUSIONS],
    optionLabels: {
      '': ['不更改', 'Unchanged'],
      none: ['不属于以上任何一种', 'None of these'],
      ...EXCLUSION_LABELS,
    },
  },
  { name: 'statutoryFacts.fraudFound', label: ['经认定存在欺诈', 'Found: fraud'], kind: 'yesno' },
  {
    name: 'statutoryFacts.knowinglyDefectiveSeriousHarm',
    label: ['经认定明知缺陷并造成死亡或健康严重损害', 'Found: known defects caused death or serious harm'],
    kind: 'yesno',
  },
  { name: 'statutoryFacts.lossFen', label: ['经评估的损失（元）', 'Assessed loss (yuan)'], kind: 'yuan' },
];

/** The first choice of an optional select in the facts form: leave the value as it is. */
const UNCHANGED: Words = ['不更改', 'Unchanged'];
const YES_NO_OPTIONS = ['', 'true', 'false'] as const;
const YES_NO_LABELS: Readonly<Record<string, Words>> = {
  '': UNCHANGED,
  true: ['是', 'Yes'],
  false: ['否', 'No'],
};

/** The facts staff may correct (`POST /staff/claims/{ref}/facts`); empty fields are left as they are. */
const FACT_FORM_FIELDS: readonly Field[] = [
  {
    name: 'category',
    label: ['类别', 'Category'],
    // The active categories of the policy in force (GET /staff/categories), named in the page's language.
    kind: 'category',
  },
  { name: 'product.name', label: ['产品名称', 'Product name'] },
  { name: 'product.model', label: ['型号', 'Model'] },
  { name: 'product.quantity', label: ['数量', 'Quantity'], kind: 'number' },
  { name: 'product.orderNumber', label: ['订单号', 'Order number'] },
  { name: 'foundOn', label: ['发现问题日期', 'Day the problem was found'], kind: 'date' },
  { name: 'claimedAmountFen', label: ['索赔金额（元）', 'Amount claimed (yuan)'], kind: 'yuan' },
  { name: 'claimant.name', label: ['联系人', 'Contact name'] },
  { name: 'claimant.phone', label: ['电话', 'Phone'] },
  { name: 'claimant.email', label: ['邮箱', 'Email'] },
  { name: 'claimant.complainantCount', label: ['投诉人数', 'Number of complainants'], kind: 'number' },
  { name: 'facts.litigationFiled', label: ['已起诉', 'Litigation filed'], kind: 'yesno' },
  { name: 'facts.mediaOrRegulator', label: ['媒体或监管介入', 'Media or regulator involved'], kind: 'yesno' },
  {
    name: 'facts.threatensMediaOrLegal',
    label: ['扬言曝光或起诉', 'Threatens media or legal action'],
    kind: 'yesno',
  },
  { name: 'facts.involvesSafety', label: ['涉及安全', 'Safety involved'], kind: 'yesno' },
  { name: 'facts.answerNeededBy', label: ['客户要求答复日期', 'Answer needed by'], kind: 'date' },
  ...STATUTORY_FACT_FIELDS,
  { name: 'reason', label: ['更正原因', 'Why corrected'], kind: 'text' },
];

/** Puts `value` at a dotted name: `product.name` → `{product: {name}}`. */
function setField(body: Record<string, unknown>, name: string, value: unknown): void {
  const [head, ...rest] = name.split('.');
  if (head === undefined) return;
  if (rest.length === 0) {
    body[head] = value;
    return;
  }
  const inner = body[head];
  const nested: Record<string, unknown> =
    typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? { ...inner } : {};
  setField(nested, rest.join('.'), value);
  body[head] = nested;
}

/** The channels the first-reply form offers (the API also takes `letter`). */
const FORM_REPLY_CHANNELS = ['phone', 'email', 'sms', 'in_person'] as const;

/** Clocks still running or paused that were not extended yet: the API extends each clock once. */
export function extendableClocks(claim: Claim): string[] {
  return Object.entries(claim.clocks ?? {})
    .filter(([, c]) => c.state !== 'stopped' && !c.extension)
    .map(([name]) => name);
}

/**
 * The staff actions this console can take, with the fields each asks for and its route; `offered` hides an
 * action the claim's data rules out although its state allows it.
 */
export const FORMS: Partial<
  Record<ClaimAction, { path: string; fields: readonly Field[]; offered?: (claim: Claim) => boolean }>
> = {
  assign: {
    path: 'assign',
    fields: [
      { name: 'assigneeId', label: ['处理人', 'Assignee'], kind: 'assignee' },
      { name: 'unitId', label: ['单位', 'Unit'], kind: 'unit' },
    ],
  },
  request_material: {
    path: 'request-material',
    fields: [
      { name: 'items', label: ['需补充材料（每行一项）', 'Material needed, one per line'], kind: 'list' },
      { name: 'note', label: ['说明', 'Note'] },
    ],
  },
  mark_material_complete: { path: 'material-complete', fields: [] },
  start_investigation: { path: 'start-investigation', fields: [] },
  not_admit: {
    path: 'not-admit',
    fields: [
      {
        name: 'reason',
        label: ['原因', 'Reason'],
        kind: 'select',
        options: ['groundless', 'filing_window', 'out_of_scope', 'duplicate', 'other'],
        optionLabels: NOT_ADMITTED_REASON_LABELS,
      },
      { name: 'explanation', label: ['对客户的说明', 'Explanation to the customer'] },
    ],
  },
  withdraw: { path: 'withdraw', fields: [{ name: 'reason', label: ['原因', 'Reason'] }] },
  take_over: {
    path: 'take-over',
    // Below HQ only; the API refuses anyone but HQ's managers.
    offered: (claim) => claim.unitPath.length > 1,
    fields: [{ name: 'reason', label: ['接管原因', 'Why headquarters takes it over'], kind: 'text' }],
  },
  record_first_reply: {
    path: 'first-reply',
    // Once recorded the API refuses a second one; a claim without clocks (filed before them) may still record it.
    offered: (claim) => claim.clocks?.first_reply?.state !== 'stopped',
    fields: [
      {
        name: 'channel',
        label: ['答复方式', 'How you replied'],
        kind: 'select',
        options: FORM_REPLY_CHANNELS,
        optionLabels: REPLY_CHANNEL_LABELS,
        required: true,
      },
      {
        name: 'summary',
        label: ['答复内容摘要', 'What you told the customer'],
        kind: 'text',
        required: true,
      },
    ],
  },
  reply_to_customer: {
    path: 'reply',
    fields: [
      { name: 'template', label: ['常用回复', 'Saved reply'], kind: 'template' },
      {
        name: 'message',
        label: [
          '回复内容（将通过邮件和短信发给客户，并显示在查询页面）',
          'Your reply (sent to the customer by mail and text, and shown on their tracking page)',
        ],
        kind: 'text',
        required: true,
      },
    ],
  },
  add_internal_note: {
    path: 'notes',
    fields: [
      {
        name: 'note',
        label: [
          '内部备注（仅同事可见，不会发给客户）',
          'Internal note (colleagues only, never sent to the customer)',
        ],
        kind: 'text',
        required: true,
      },
      { name: 'mentions', label: ['通知同事', 'Tell colleagues'], kind: 'mentions' },
    ],
  },
  record_site_visit: {
    path: 'site-visit',
    offered: (claim) =>
      claim.clocks?.on_site_visit !== undefined && claim.clocks.on_site_visit.state !== 'stopped',
    fields: [
      { name: 'visitedBy', label: ['上门人员', 'Who visited'], required: true },
      {
        name: 'visitedAt',
        label: ['上门时间（北京时间）', 'When (Shanghai time)'],
        kind: 'datetime',
        required: true,
      },
      { name: 'result', label: ['上门结果', 'What the visit found'], kind: 'text', required: true },
    ],
  },
  record_findings: {
    path: 'findings',
    fields: [
      { name: 'summary', label: ['调查结论', 'Findings'] },
      {
        name: 'rootCause',
        label: ['原因', 'Root cause'],
        kind: 'select',
        options: ROOT_CAUSES,
        optionLabels: ROOT_CAUSE_LABELS,
      },
      {
        name: 'responsibility',
        label: ['责任方', 'Responsible party'],
        kind: 'select',
        options: [...RESPONSIBLE_PARTIES, 'unclear'],
        optionLabels: RESPONSIBLE_PARTY_LABELS,
      },
      {
        name: 'partyName',
        label: ['责任方名称（供应商、加盟商、第三方）', 'Party name (supplier, franchisee, third party)'],
      },
      { name: 'evidenceRefs', label: ['证据（每行一项）', 'Evidence, one per line'], kind: 'list' },
    ],
  },
  propose_resolution: {
    path: 'propose',
    fields: [
      {
        name: 'type',
        label: ['处理方式', 'Resolution'],
        kind: 'select',
        options: RESOLUTION_TYPES,
        optionLabels: RESOLUTION_TYPE_LABELS,
      },
      {
        name: 'items',
        label: [
          '明细（每行：说明; 金额元; 可注明 现金/实物/服务）',
          'Items, one per line: description; amount in yuan; optionally cash, goods or service',
        ],
        kind: 'items',
      },
      { name: 'executingDepartment', label: ['执行部门', 'Executing department'], kind: 'department' },
      { name: 'dueOn', label: ['完成日期', 'Due on'], kind: 'date' },
      { name: 'note', label: ['说明', 'Note'] },
      {
        name: 'advancePayment.basis',
        label: [
          '先行赔付依据（责任方为供应商或加盟商时由总部先行赔付再追偿；否则留空）',
          'Advance payment basis (HQ pays first and recovers from the responsible supplier or franchisee; else leave empty)',
        ],
      },
      { name: 'advancePayment.dueOn', label: ['追偿期限', 'Recover by'], kind: 'date' },
      {
        name: 'statutoryReason',
        label: [
          '低于法定标准的理由（方案低于客户法定权利时必填，并转法务审核）',
          'Why the plan offers less than the law (required when it does; legal then reviews it)',
        ],
        kind: 'text',
      },
    ],
  },
  clear_legal_review: { path: 'legal-clear', fields: [{ name: 'reason', label: ['理由', 'Reason'] }] },
  approve: { path: 'approve', fields: [{ name: 'note', label: ['说明', 'Note'] }] },
  reject_proposal: { path: 'reject', fields: [{ name: 'reason', label: ['原因', 'Reason'] }] },
  send_back: { path: 'send-back', fields: [{ name: 'reason', label: ['原因', 'Reason'] }] },
  hand_to_legal: {
    path: 'hand-to-legal',
    fields: [
      {
        name: 'track',
        label: ['程序', 'Track'],
        kind: 'select',
        options: LEGAL_TRACKS,
        optionLabels: LEGAL_TRACK_LABELS,
      },
      { name: 'reason', label: ['原因', 'Reason'] },
    ],
  },
  record_execution: {
    path: 'record-execution',
    fields: [
      {
        name: 'kind',
        label: ['类型', 'Kind'],
        kind: 'select',
        options: ['shipping', 'work_order', 'other'],
        optionLabels: EXECUTION_KIND_LABELS,
      },
      { name: 'reference', label: ['运单号 / 工单号', 'Shipping or work-order number'] },
    ],
  },
  decide_reconsideration: {
    path: 'decide-reconsideration',
    fields: [
      {
        name: 'outcome',
        label: ['复议结果', 'Outcome'],
        kind: 'select',
        options: ['upheld', 'amended'],
        optionLabels: RECONSIDERATION_OUTCOME_LABELS,
      },
      { name: 'reason', label: ['理由', 'Reason'] },
      {
        name: 'items',
        label: [
          '变更明细（仅变更时填写，每行：说明; 金额元; 可注明 现金/实物/服务）',
          'Amended items (only when amended): description; amount in yuan; optionally cash, goods or service',
        ],
        kind: 'items',
      },
    ],
  },
  conclude_legal: { path: 'conclude-legal', fields: [{ name: 'reason', label: ['结果', 'Outcome'] }] },
  edit_facts: { path: 'facts', fields: FACT_FORM_FIELDS },
  extend_deadline: {
    path: 'extend-deadline',
    offered: (claim) => extendableClocks(claim).length > 0,
    fields: [
      { name: 'clock', label: ['时限', 'Deadline'], kind: 'clock' },
      { name: 'days', label: ['延长工作日数（1–60）', 'Working days to add (1–60)'], kind: 'number' },
      { name: 'reason', label: ['原因', 'Reason'] },
      { name: 'customerAgreed', label: ['客户已同意', 'The customer agreed'], kind: 'consent' },
    ],
  },
};

/** What the assign form picks from: `/staff/me`'s pickers, and the form's values (the unit chosen). */
interface PickContext {
  readonly choices: QueueChoices | undefined;
  readonly values: Readonly<Record<string, string>>;
}

/** A field's choices: fixed, or for a clock field the claim's clocks that may still be extended. */
function optionsOf(
  field: Field,
  claim: Claim,
  categories: readonly StaffCategory[] | undefined,
  pick: PickContext,
): readonly string[] {
  if (field.kind === 'yesno') return YES_NO_OPTIONS;
  if (field.kind === 'unit') return ['', ...(pick.choices?.units ?? []).map((u) => u.id)];
  if (field.kind === 'assignee') {
    // People of the unit the claim goes to: the one chosen in the form, else its own.
    const unitId = pick.values['unitId'] || claim.unitId;
    return ['', ...assigneesFor(pick.choices, unitId).map((c) => c.id)];
  }
  if (field.kind === 'category')
    return ['', ...(categories ?? []).filter((c) => c.active).map((c) => c.code)];
  if (field.kind === 'department')
    return [
      ...new Set([
        ...(categories ?? []).flatMap((c) => (c.department ? [c.department] : [])),
        ...Object.keys(DEPARTMENT_LABELS),
      ]),
    ];
  if (field.kind === 'template') return ['', ...(pick.choices?.replyTemplates ?? []).map((t) => t.id)];
  return field.kind === 'clock' ? extendableClocks(claim) : (field.options ?? []);
}

/** Colleagues who can see the claim (their unit is on its path), the caller aside: whom a note may mention. */
function mentionable(choices: QueueChoices | undefined, claim: Claim, meId: string | undefined) {
  return (choices?.colleagues ?? []).filter(
    (c) => c.id !== meId && c.unitId !== undefined && claim.unitPath.includes(c.unitId),
  );
}

/** The message a picked saved reply puts in the reply box: filled with the claim's values, in its language. */
function savedReply(choices: QueueChoices | undefined, claim: Claim, id: string): { message?: string } {
  const template = choices?.replyTemplates.find((t) => t.id === id);
  return template === undefined
    ? {}
    : { message: fillReply(template, claim.language, replyValues(claim, claim.language)) };
}

/** A unit of the caller's subtree, indented by its depth (as in the queue's unit filter). */
function unitOption(choices: QueueChoices | undefined, id: string, lang: Lang): string {
  const unit = choices?.units.find((u) => u.id === id);
  return unit === undefined ? id : `${'\u3000'.repeat(unit.depth)}${unit.name[lang]}`;
}

export function ActionForm({
  action,
  claim,
  headers,
  lang,
  onDone,
  onConflict,
  choices,
  meId,
  initial,
  focusOnOpen,
}: {
  action: ClaimAction;
  claim: Claim;
  headers: Record<string, string>;
  lang: Lang;
  onDone: () => void;
  /** The API said 409 (someone changed the claim first): the view reloads and says what changed. */
  onConflict?: ((refusal: string) => void) | undefined;
  /** `/staff/me`'s pickers and the caller's id: the assign form's choices and its "assign to me". */
  choices?: QueueChoices | undefined;
  meId?: string | undefined;
  /** What the form starts with (the claim's own facts for its next step); all of it editable. */
  initial?: Readonly<Record<string, string>> | undefined;
  /** Opened by the person (a button), so the keyboard goes into it; a form open by itself leaves focus be. */
  focusOnOpen?: boolean | undefined;
}) {
  const spec = FORMS[action];
  // What was typed lives here, keyed by the form (claim-detail keys it by action), so new claim data from a
  // reload or a poll re-renders it without resetting it; a draft copy survives a sign-in on this page. Without
  // a draft the form starts from what the view filled in for it.
  const [values, setTyped] = useState<Record<string, string>>(() => {
    const draft = loadDraft(claim.number, action);
    return Object.keys(draft).length > 0 ? draft : { ...initial };
  });
  const setValues = (next: Record<string, string>) => {
    setTyped(next);
    saveDraft(claim.number, action, next);
  };
  const [error, setErrorText] = useState('');
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (focusOnOpen) form.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  }, []);
  /** A refusal in words; the keyboard goes to the field it names, else to the message itself. */
  const setError = (text: string, field?: Field) => {
    setErrorText(text);
    if (text === '') return;
    requestAnimationFrame(() => {
      const target =
        field === undefined
          ? form.current?.querySelector<HTMLElement>('[role="alert"]')
          : document.getElementById(fieldId(action, field));
      target?.focus();
    });
  };
  const categories = useCategories(headers);
  if (!spec) return null;
  const pick: PickContext = { choices, values };
  const send = async (body: Record<string, unknown>) => {
    const result = await request('POST', `/staff/claims/${encodeURIComponent(claim.number)}/${spec.path}`, {
      body,
      headers,
    });
    if (result.status === 200) {
      setTyped({});
      clearDraft(claim.number, action);
      setError('');
      onDone();
      return;
    }
    if (result.status === 409 && onConflict !== undefined) {
      // The typed values stay; the view reloads, says what changed, and the next submit carries its version.
      setError('');
      onConflict(formText('notSaved', lang, { reason: problemMessage(result) }));
      return;
    }
    setError(formText('notSaved', lang, { reason: problemMessage(result) }));
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const body: Record<string, unknown> = { expectedVersion: claim.version };
    for (const f of spec.fields) {
      const value = (values[f.name] ?? optionsOf(f, claim, categories, pick)[0] ?? '').trim();
      if (f.kind === 'template') continue;
      if (value === '' && f.required) {
        setError(formText('required', lang, { field: fieldLabel(f, lang) }), f);
        return;
      }
      if (value === '') continue;
      if (f.kind === 'datetime') {
        const instant = shanghaiInstant(value);
        if (instant === null) {
          setError(formText('required', lang, { field: fieldLabel(f, lang) }), f);
          return;
        }
        setField(body, f.name, instant);
        continue;
      }
      if (f.kind === 'consent') {
        setField(body, f.name, true);
        continue;
      }
      if (f.kind === 'mentions') {
        setField(body, f.name, value.split(',').filter(Boolean));
        continue;
      }
      if (f.kind === 'yesno') {
        setField(body, f.name, value === 'true');
        continue;
      }
      if (f.kind === 'exclusion') {
        setField(body, f.name, value === 'none' ? [] : [value]);
        continue;
      }
      if (f.kind === 'yuan') {
        const fen = yuanToFen(value);
        if (fen === null) {
          setError(formText('amount', lang, { field: fieldLabel(f, lang) }), f);
          return;
        }
        setField(body, f.name, fen);
        continue;
      }
      if (f.kind === 'number') {
        if (!/^\d+$/.test(value)) {
          setError(formText('wholeNumber', lang, { field: fieldLabel(f, lang) }), f);
          return;
        }
        setField(body, f.name, Number(value));
        continue;
      }
      if (f.kind === 'items') {
        const items = value
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map(planItem);
        if (items.some((i) => i === null)) {
          setError(formText('items', lang, { field: fieldLabel(f, lang) }), f);
          return;
        }
        setField(body, f.name, items);
        continue;
      }
      setField(
        body,
        f.name,
        f.kind === 'list'
          ? value
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean)
          : value,
      );
    }
    await send(body);
  };
  return html`<form
    class="card"
    ref=${form}
    onSubmit=${submit}
    aria-label=${label(STAFF_ACTION_LABELS, action, lang)}
    data-action=${action}
  >
    <h3>${label(STAFF_ACTION_LABELS, action, lang)}</h3>
    ${spec.fields.map((f) => {
      const id = fieldId(action, f);
      const set = (e: Event) =>
        setValues(
          // A new unit may not hold the person picked for the old one: pick again.
          f.kind === 'unit'
            ? { ...values, [f.name]: valueOf(e), assigneeId: '' }
            : f.kind === 'template'
              ? { ...values, [f.name]: valueOf(e), ...savedReply(choices, claim, valueOf(e)) }
              : { ...values, [f.name]: valueOf(e) },
        );
      const text = fieldLabel(f, lang);
      return html`<div>
        ${f.kind === 'consent' || f.kind === 'mentions' ? null : html`<label for=${id}>${text}</label>`}
        ${
          f.kind === 'select' ||
          f.kind === 'clock' ||
          f.kind === 'yesno' ||
          f.kind === 'exclusion' ||
          f.kind === 'category' ||
          f.kind === 'assignee' ||
          f.kind === 'unit' ||
          f.kind === 'template' ||
          f.kind === 'department'
            ? html`<select
                id=${id}
                onChange=${set}
                value=${values[f.name] ?? optionsOf(f, claim, categories, pick)[0] ?? ''}
              >
                ${optionsOf(f, claim, categories, pick).map(
                  (o) =>
                    html`<option value=${o}>
                      ${
                        (f.kind === 'assignee' || f.kind === 'unit') && o === ''
                          ? UNCHANGED[lang === 'en' ? 1 : 0]
                          : f.kind === 'department'
                            ? departmentWords(o, lang)
                            : f.kind === 'template'
                              ? o === ''
                                ? FORM_TEXT.noTemplate[lang === 'en' ? 1 : 0]
                                : (choices?.replyTemplates.find((t) => t.id === o)?.title[lang] ?? o)
                              : f.kind === 'assignee'
                                ? (choices?.colleagues.find((c) => c.id === o)?.name ?? o)
                                : f.kind === 'unit'
                                  ? unitOption(choices, o, lang)
                                  : f.kind === 'clock'
                                    ? label(CLOCK_LABELS, o, lang)
                                    : f.kind === 'yesno'
                                      ? label(YES_NO_LABELS, o, lang)
                                      : f.kind === 'category'
                                        ? o === ''
                                          ? UNCHANGED[lang === 'en' ? 1 : 0]
                                          : categoryLabel(categories, o, lang)
                                        : f.optionLabels
                                          ? label(f.optionLabels, o, lang)
                                          : o
                      }
                    </option>`,
                )}
              </select>`
            : f.kind === 'mentions'
              ? html`<fieldset class="mentions">
                  <legend>${text}</legend>
                  ${mentionable(choices, claim, meId).map((c) => {
                    const picked = (values[f.name] ?? '').split(',').filter(Boolean);
                    return html`<label class="choice"
                      ><input
                        type="checkbox"
                        checked=${picked.includes(c.id)}
                        onChange=${(e: Event) =>
                          setValues({
                            ...values,
                            [f.name]: (checkedOf(e)
                              ? [...picked, c.id]
                              : picked.filter((p) => p !== c.id)
                            ).join(','),
                          })}
                      />
                      ${c.name}</label
                    >`;
                  })}
                </fieldset>`
              : f.kind === 'consent'
                ? html`<label class="choice"
                    ><input
                      type="checkbox"
                      id=${id}
                      checked=${values[f.name] === 'yes'}
                      onChange=${(e: Event) => setValues({ ...values, [f.name]: checkedOf(e) ? 'yes' : '' })}
                    />
                    ${text}</label
                  >`
                : f.kind === 'number'
                  ? html`<input
                      type="number"
                      min="1"
                      step="1"
                      id=${id}
                      value=${values[f.name] ?? ''}
                      onInput=${set}
                    />`
                  : f.kind === 'date'
                    ? html`<input type="date" id=${id} value=${values[f.name] ?? ''} onInput=${set} />`
                    : f.kind === 'datetime'
                      ? html`<input
                          type="datetime-local"
                          id=${id}
                          value=${values[f.name] ?? ''}
                          onInput=${set}
                        />`
                      : f.kind === 'list' || f.kind === 'items' || f.kind === 'text'
                        ? html`<textarea id=${id} value=${values[f.name] ?? ''} onInput=${set}></textarea>`
                        : html`<input id=${id} value=${values[f.name] ?? ''} onInput=${set} />`
        }
      </div>`;
    })}
    ${error ? html`<p class="error" role="alert" tabindex="-1">${error}</p>` : null}
    <p>
      <button type="submit">${label(STAFF_ACTION_LABELS, action, lang)}</button>
    </p>
  </form>`;
}
