import { CUSTOMER_NOTIFICATION_KINDS } from '../../../shared/domain/messages.js';
import { formatInstant } from '../../../shared/domain/shanghai-time.js';
import { REPLY_CHANNEL_LABELS, type Words } from '../../../shared/domain/labels.js';
import { ACTION_LABELS, STAFF_ACTION_LABELS, label, t, type Lang } from '../i18n.js';
import { SURVEY_RATINGS } from '../../../shared/domain/resolution.js';
import type { Detail } from './schemas.js';

type TimelineEvent = Detail['timeline'][number];

/** Staff read the timeline in staff wording, falling back to the customer's; record events in words too. */
const TIMELINE_LABELS: Readonly<Record<string, Words>> = {
  ...ACTION_LABELS,
  ...STAFF_ACTION_LABELS,
  file_claim: ['收到索赔', 'Claim filed'],
  add_material: ['客户补充了材料', 'The customer added material'],
  accept_offer: ['客户接受了方案', 'The customer accepted the offer'],
  dispute_offer: ['客户对方案提出异议', 'The customer disagreed with the offer'],
  request_reconsideration: ['客户申请复议', 'The customer asked for reconsideration'],
  confirm_closure: ['客户确认关闭', 'The customer confirmed it is done'],
  reopen_unsatisfied: ['客户不满意，重新协商', 'Reopened: the customer was not satisfied'],
  record_survey: ['客户评价', "The customer's rating"],
  escalate_to_hq: ['客户申诉至总部', 'The customer escalated it to headquarters'],
  record_first_reply: ['已首次答复客户', 'First reply given'],
  reply_to_customer: ['回复了客户', 'Replied to the customer'],
  add_internal_note: ['内部备注（客户不可见）', 'Internal note (not shown to the customer)'],
  record_site_visit: ['已上门', 'On-site visit made'],
  approve: ['方案已批准并发送给客户', 'Offer approved and sent to the customer'],
  payout_failed: ['付款失败', 'Payout failed'],
  retry_payout: ['重新付款', 'Payout retried'],
  record_recovery: ['记录追偿', 'Recovery recorded'],
  record_payout: ['款项已支付', 'Payment made'],
  reissue_access_token: ['已发出查询链接', 'Tracking link sent'],
  reveal_payee: ['财务查看了完整收款账号', 'Finance viewed the full payee account'],
  deadline_sweep: ['时限检查', 'Deadline check'],
  customer_email: ['收到客户邮件', 'Email from the customer'],
  mail_held: ['暂扣一封发件人未能核实的邮件', 'Held a mail whose sender could not be verified'],
  mail_attached: ['已将一封待核实的邮件加入本索赔', 'Added a held mail to this claim'],
  acknowledge_response: ['已查看客户的回复', 'Seen what the customer sent'],
  notification_failed: ['通知发送失败（邮件）', 'Notification failed (email)'],
};

const TEXTS = {
  notifiedCustomer: ['已通知客户（邮件）', 'Customer notified (email)'],
  notifiedCustomerSms: ['已通知客户（短信）', 'Customer notified (text message)'],
  assignedTo: ['分派给 {who}', 'Assigned to {who}'],
  movedTo: ['转至 {unit}', 'Moved to {unit}'],
  notifiedStaff: ['已通知员工（邮件）', 'Staff notified (email)'],
  noAddress: ['未能通知：没有联系方式', 'Not notified: no contact address'],
  tooMany: ['未通知：发给该发件人的确认过多', 'Not notified: too many acknowledgments to this sender'],
  customer: ['客户', 'Customer'],
  system: ['系统', 'System'],
} as const satisfies Record<string, Words>;

function words(pair: Words, lang: Lang): string {
  return pair[lang === 'en' ? 1 : 0];
}

/** The notification kind that notes of mail events start with ("acknowledgment to …", "…: no address"). */
function isCustomerKind(note: string): boolean {
  const kind = /^([a-z_]+)/.exec(note)?.[1] ?? '';
  return CUSTOMER_NOTIFICATION_KINDS.some((k) => k === kind);
}

/** ISO instants inside a note (a site visit's time) in Shanghai time. */
function instantsInWords(note: string, lang: Lang): string {
  return note.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/g, (iso) =>
    formatInstant(iso, lang),
  );
}

/**
 * Whether staff see the event: a tracking link the system minted for a notice is the notice's own detail
 * (the notice follows it in the timeline), so it is left out rather than listed before every message; a
 * link a colleague sent again stays.
 */
export function shownInTimeline(event: TimelineEvent): boolean {
  return !(event.action === 'reissue_access_token' && event.actor.type === 'system');
}

/** Names of the people and units an event names by id; the id itself when unknown. */
export interface TimelineNames {
  readonly person: (id: string) => string;
  readonly unit: (id: string) => string;
}

/** An assignment as "分派给 李娜 · 转至 上海一店": to whom, and to which unit, from the event's changes. */
function assignmentWords(event: TimelineEvent, lang: Lang, names: TimelineNames | undefined): string | null {
  const after = (field: string) => {
    const value = event.changes?.find((c) => c.field === field)?.after;
    return typeof value === 'string' ? value : undefined;
  };
  const person = after('assigneeId');
  const unit = after('unitId');
  const parts = [
    person === undefined
      ? ''
      : words(TEXTS.assignedTo, lang).replace('{who}', names?.person(person) ?? person),
    unit === undefined ? '' : words(TEXTS.movedTo, lang).replace('{unit}', names?.unit(unit) ?? unit),
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** What happened, in the console's language; record events that carry codes in their note are worded whole. */
export function timelineWhat(event: TimelineEvent, lang: Lang, names?: TimelineNames): string {
  const note = event.note ?? '';
  if (event.action === 'notification_sent') {
    if (!isCustomerKind(note)) return words(TEXTS.notifiedStaff, lang);
    return words(/ SMS to /.test(note) ? TEXTS.notifiedCustomerSms : TEXTS.notifiedCustomer, lang);
  }
  if (event.action === 'assign') {
    const assigned = assignmentWords(event, lang, names);
    if (assigned !== null) return assigned;
  }
  if (event.action === 'notification_suppressed')
    return words(/no address$/.test(note) ? TEXTS.noAddress : TEXTS.tooMany, lang);
  const what = label(TIMELINE_LABELS, event.action, lang);
  // These notes are the system's own record for developers ("tracking link for acknowledgment", "approved
  // compensation ¥199.00 at tier area_manager", "accepted; payout … requested"): the label says what
  // happened, and the claim view shows the plan, approval and payouts in words.
  const codeNotes = [
    'reissue_access_token',
    'notification_failed',
    'deadline_sweep',
    'recompute_deadlines',
    'propose_resolution',
    'send_to_legal_review',
    'approve',
    'accept_offer',
    'record_execution',
    'record_payout',
  ];
  if (note === '' || codeNotes.includes(event.action)) return what;
  // A rating's note is its code, then the customer's comment: "satisfied — 处理及时".
  if (event.action === 'record_survey' || event.action === 'reopen_unsatisfied') {
    const [rating = '', ...comment] = note.split(' — ');
    // The survey's ratings in the tracking page's own words.
    const known = SURVEY_RATINGS.find((r) => r === rating);
    const worded = known !== undefined ? t(known, lang) : rating;
    return `${what}${lang === 'en' ? ': ' : '：'}${[worded, ...comment].join(' — ')}`;
  }
  // The first reply's note starts with its channel's code ("sms: …").
  const worded =
    event.action === 'record_first_reply'
      ? note.replace(/^([a-z_]+): /, (whole, code: string) =>
          code in REPLY_CHANNEL_LABELS
            ? `${label(REPLY_CHANNEL_LABELS, code, lang)}${lang === 'en' ? ': ' : '：'}`
            : whole,
        )
      : note;
  return `${what}${lang === 'en' ? ': ' : '：'}${instantsInWords(worded, lang)}`;
}

/** Who did it: a staff member by name (or id), else the customer or the system. */
export function timelineWho(event: TimelineEvent, lang: Lang): string {
  const { actor } = event;
  if (actor.type === 'customer') return words(TEXTS.customer, lang);
  if (actor.type === 'system') return words(TEXTS.system, lang);
  const name = 'name' in actor && typeof actor.name === 'string' ? actor.name : undefined;
  return name ?? actor.id ?? words(TEXTS.system, lang);
}

export function timelineWhen(event: TimelineEvent, lang: Lang): string {
  return formatInstant(event.at, lang);
}
