import type { Language } from '../categories.js';
import {
  CLOCK_LABELS,
  CUSTOMER_RESPONSE_LABELS,
  NOT_ADMITTED_REASON_LABELS,
  PLAN_ITEM_LABELS,
  RECONSIDERATION_OUTCOME_LABELS,
  RESOLUTION_TYPE_LABELS,
  SETTLEMENT_LABELS,
  SEVERITY_LABELS,
  URGENCY_LABELS,
  wordFor,
  type Words,
} from '../labels.js';
import type { ClaimNotificationKind, NotificationKind, PayloadOf } from '../messages.js';
import { formatFen } from '../money.js';
import { cashFen, settlementOf, type PlanItem, type ResolutionType } from '../resolution.js';
import type { CustomerResponseKind } from '../customer-response.js';
import { formatDate, formatInstant } from '../shanghai-time.js';
import { trackingLinkToSection } from '../tracking-link.js';

/**
 * Plain-text mail for every notification (SPEC §Notifications), zh-CN and en: one function per kind and
 * language, of the kind's own payload type, so a template can only read what its kind carries. Values
 * are inserted as text and nothing in them is interpreted. Instants read as Shanghai time, amounts as
 * yuan from integer fen, codes as words. Claim subjects start with the claim number so replies thread.
 */
export interface Mail {
  readonly subject: string;
  readonly body: string;
}

/** Links into the web app, built by the notify function from the public origin. */
export interface MailLinks {
  /** The staff console opened at the claim. */
  claimInConsole(claimNumber: string): string;
  /** The dashboard's overdue report section, and the report's CSV (downloaded once signed in). */
  overdueReport(date: string): string;
  overdueReportCsv(date: string): string;
}

/** What a template has to work with: its kind's facts, and what the notify function adds at sending. */
export type MailFacts<K extends NotificationKind> = {
  readonly data: PayloadOf<K>;
  readonly links: MailLinks;
  /** The unit's name from the organisation settings. */
  unitName(unitId: string): string;
} & (K extends ClaimNotificationKind
  ? {
      readonly claimNumber: string;
      /** From the claim at sending time (intents carry no personal data). */
      readonly claimantName: string;
      /**
       * The customer's tracking page with a fresh token (kinds in TRACKING_LINK_KINDS), or null: the
       * kind carries no link, or the claim already holds its maximum of tokens.
       */
      readonly trackingUrl: string | null;
    }
  : object);

type Template<K extends NotificationKind> = (facts: MailFacts<K>) => Mail;
type Templates = { readonly [K in NotificationKind]: Readonly<Record<Language, Template<K>>> };

const FOOTER_ZH = '\n\n——\n此邮件由系统自动发送。回复本邮件即可补充材料，请保留主题中的索赔编号。';
const FOOTER_EN =
  '\n\n--\nThis message was sent automatically. Reply to it to add material; please keep the claim number in the subject.';
const STAFF_FOOTER_ZH = '\n\n——\n索赔系统自动通知';
const STAFF_FOOTER_EN = '\n\n--\nAutomatic notice from the claims system';

/** Said where a customer message has no fresh link: the tracking link they were sent before still works. */
export const EARLIER_LINK: Words = [
  '请使用您之前收到的链接查看处理进度。',
  'Please use the tracking link you received earlier to follow your claim.',
];

/** What staff do next about each kind of customer response. */
const RESPONSE_NEXT_STEP: Readonly<Record<CustomerResponseKind, Words>> = {
  material: [
    '计时不会自动恢复：请核对后确认“材料齐全”，或继续要求补充。',
    'The clock does not resume by itself: check it, then mark the material complete or ask for more.',
  ],
  email_reply: ['邮件及附件已加入索赔。', 'The mail and its files are on the claim.'],
  reply_after_closure: [
    '索赔已结案，邮件已加入记录；如需重新处理，请联系客户。',
    'The claim is closed; the mail is on its record. Contact the customer if it needs more work.',
  ],
  dispute: ['请与客户协商并修改方案。', 'Negotiate with the customer and revise the plan.'],
  unsatisfied: ['索赔已重新打开，请与客户协商。', 'The claim is open again: talk to the customer.'],
  reconsideration: [
    '复议须由原经办人和审批人以外的人员处理。',
    'The reconsideration must be handled by someone other than the original handlers and approvers.',
  ],
  quarantined_mail: [
    '发件人未能核实，邮件已暂扣，未加入索赔；请在隔离邮件中核实后处理。',
    'The sender could not be verified, so the mail is held and not on the claim; check it among the held mail.',
  ],
};

const zh = (iso: string) => formatInstant(iso, 'zh-CN');
const en = (iso: string) => formatInstant(iso, 'en');
const lines = (items: readonly string[]) => items.map((item) => `- ${item}`).join('\n');
/** A fresh link after its lead-in, or the pointer to the earlier link. */
const link = (url: string | null, lead: string, language: Language) =>
  url === null ? EARLIER_LINK[language === 'en' ? 1 : 0] : `${lead}${url}`;

/**
 * One line per item; goods and services say so with their value, so a replacement kettle never reads as
 * cash ("直接损失：换新电热水壶（实物，价值 ¥199.00）").
 */
function planItems(items: readonly PlanItem[], type: ResolutionType, language: Language): string {
  const sep = language === 'en' ? ': ' : '：';
  return lines(
    items.map((item) => {
      const settlement = settlementOf(item, type);
      const what = `${wordFor(PLAN_ITEM_LABELS, item.kind, language)}${sep}${item.description}`;
      if (settlement === 'cash') return `${what} ${formatFen(item.amountFen)}`;
      const kind = wordFor(SETTLEMENT_LABELS, settlement, language);
      return language === 'en'
        ? `${what} (${kind.toLowerCase()}, worth ${formatFen(item.amountFen)})`
        : `${what}（${kind}，价值 ${formatFen(item.amountFen)}）`;
    }),
  );
}

/** Items and total, or nothing for a plan without money and items (an apology); the cash part apart. */
function planMoney(data: PayloadOf<'decision_offer'>, language: Language): string {
  if (data.items.length === 0 && data.totalFen === 0) return '';
  const sep = language === 'en' ? ': ' : '：';
  const items = data.items.length > 0 ? `${planItems(data.items, data.type, language)}\n` : '';
  const cash = cashFen(data);
  const cashLine =
    data.items.length > 0 && cash !== data.totalFen
      ? `${language === 'en' ? 'Paid in cash' : '其中现金支付'}${sep}${formatFen(cash)}\n`
      : '';
  return `${items}${language === 'en' ? 'Total' : '合计'}${sep}${formatFen(data.totalFen)}\n${cashLine}`;
}

export const TEMPLATES: Templates = {
  acknowledgment: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 受理回执：我们已收到您的索赔/投诉`,
      body:
        `${f.claimantName}，您好：\n\n我们已收到您的索赔/投诉，编号 ${f.claimNumber}，收到时间 ${zh(f.data.receivedAt)}。\n` +
        `我们将在 ${zh(f.data.firstReplyDue)} 前给您首次答复。\n` +
        (f.data.missingMaterial.length > 0
          ? `\n为尽快处理，请回复本邮件补充以下材料：\n${lines(f.data.missingMaterial)}\n`
          : '') +
        `\n${link(f.trackingUrl, '查看处理进度：', 'zh-CN')}` +
        FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] Acknowledgment: we have received your claim`,
      body:
        `Dear ${f.claimantName},\n\nWe have received your claim ${f.claimNumber} at ${en(f.data.receivedAt)}.\n` +
        `You will have our first reply by ${en(f.data.firstReplyDue)}.\n` +
        (f.data.missingMaterial.length > 0
          ? `\nTo handle it quickly, please reply to this message with:\n${lines(f.data.missingMaterial)}\n`
          : '') +
        `\n${link(f.trackingUrl, 'Follow your claim here: ', 'en')}` +
        FOOTER_EN,
    }),
  },
  material_request: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 请补充材料`,
      body:
        `${f.claimantName}，您好：\n\n处理您的索赔 ${f.claimNumber} 需要以下材料：\n${lines(f.data.items)}\n` +
        (f.data.note !== null ? `\n说明：${f.data.note}\n` : '') +
        `\n补充材料期间处理时限暂停。请回复本邮件提交。\n${link(f.trackingUrl, '查看处理进度：', 'zh-CN')}` +
        FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] Please send more material`,
      body:
        `Dear ${f.claimantName},\n\nTo handle your claim ${f.claimNumber} we need:\n${lines(f.data.items)}\n` +
        (f.data.note !== null ? `\nNote: ${f.data.note}\n` : '') +
        `\nThe deadline is paused until we have it. Reply to this message to send it.\n${link(f.trackingUrl, 'Follow your claim here: ', 'en')}` +
        FOOTER_EN,
    }),
  },
  deadline_extension: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 处理时限延长`,
      body:
        `${f.claimantName}，您好：\n\n经您同意，索赔 ${f.claimNumber} 的${wordFor(CLOCK_LABELS, f.data.clock, 'zh-CN')}时限` +
        `由 ${zh(f.data.previousDueAt)} 延长至 ${zh(f.data.newDueAt)}。\n原因：${f.data.reason}\n` +
        `\n${link(f.trackingUrl, '查看处理进度：', 'zh-CN')}` +
        FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] Deadline extended`,
      body:
        `Dear ${f.claimantName},\n\nWith your agreement, the deadline of claim ${f.claimNumber} ` +
        `(${wordFor(CLOCK_LABELS, f.data.clock, 'en')}) moves from ${en(f.data.previousDueAt)} to ${en(f.data.newDueAt)}.\n` +
        `Reason: ${f.data.reason}\n\n${link(f.trackingUrl, 'Follow your claim here: ', 'en')}` +
        FOOTER_EN,
    }),
  },
  deadline_moved: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 处理时限调整`,
      body:
        `${f.claimantName}，您好：\n\n根据 ${f.data.year} 年法定节假日安排，索赔 ${f.claimNumber} 的` +
        `${wordFor(CLOCK_LABELS, f.data.clock, 'zh-CN')}时限由 ${zh(f.data.previousDueAt)} 顺延至 ${zh(f.data.newDueAt)}。\n` +
        `\n${link(f.trackingUrl, '查看处理进度：', 'zh-CN')}` +
        FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] Deadline adjusted for public holidays`,
      body:
        `Dear ${f.claimantName},\n\nWith the ${f.data.year} public holiday schedule now published, the deadline of claim ` +
        `${f.claimNumber} (${wordFor(CLOCK_LABELS, f.data.clock, 'en')}) moves from ${en(f.data.previousDueAt)} to ${en(f.data.newDueAt)}.\n` +
        `\n${link(f.trackingUrl, 'Follow your claim here: ', 'en')}` +
        FOOTER_EN,
    }),
  },
  decision_offer: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 处理决定`,
      body:
        `${f.claimantName}，您好：\n\n关于索赔 ${f.claimNumber}，我们的处理方案：${wordFor(RESOLUTION_TYPE_LABELS, f.data.type, 'zh-CN')}\n` +
        planMoney(f.data, 'zh-CN') +
        `\n${f.trackingUrl !== null ? `请通过以下链接接受或提出异议：${f.trackingUrl}` : '请使用您之前收到的链接接受或提出异议。'}\n` +
        `如对决定不服，可在 ${zh(f.data.reconsiderationDeadline)} 前申请复议。` +
        FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] Our decision`,
      body:
        `Dear ${f.claimantName},\n\nFor claim ${f.claimNumber} we offer: ${wordFor(RESOLUTION_TYPE_LABELS, f.data.type, 'en')}\n` +
        planMoney(f.data, 'en') +
        `\n${f.trackingUrl !== null ? `Accept or dispute it here: ${f.trackingUrl}` : 'Please use the tracking link you received earlier to accept or dispute it.'}\n` +
        `If you disagree, you may ask for a reconsideration by ${en(f.data.reconsiderationDeadline)}.` +
        FOOTER_EN,
    }),
  },
  payout_done: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 款项已支付`,
      body:
        `${f.claimantName}，您好：\n\n索赔 ${f.claimNumber} 的款项 ${formatFen(f.data.amountFen)} 已支付，凭证号 ${f.data.voucherNumber}。\n` +
        `\n${link(f.trackingUrl, '查看处理进度：', 'zh-CN')}` +
        FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] Payment made`,
      body:
        `Dear ${f.claimantName},\n\nThe payment of ${formatFen(f.data.amountFen)} for claim ${f.claimNumber} has been made; voucher number ${f.data.voucherNumber}.\n` +
        `\n${link(f.trackingUrl, 'Follow your claim here: ', 'en')}` +
        FOOTER_EN,
    }),
  },
  reconsideration_received: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 复议申请已受理`,
      body:
        `${f.claimantName}，您好：\n\n我们已于 ${zh(f.data.requestedAt)} 收到您对索赔 ${f.claimNumber} 的复议申请，` +
        `将由未参与原处理的人员重新审查，并在 ${zh(f.data.decisionDue)} 前作出复议决定。\n` +
        `\n${link(f.trackingUrl, '查看处理进度：', 'zh-CN')}` +
        FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] Reconsideration request received`,
      body:
        `Dear ${f.claimantName},\n\nWe received your request to reconsider claim ${f.claimNumber} at ${en(f.data.requestedAt)}. ` +
        `People who did not take the decision will review it, and we will decide by ${en(f.data.decisionDue)}.\n` +
        `\n${link(f.trackingUrl, 'Follow your claim here: ', 'en')}` +
        FOOTER_EN,
    }),
  },
  reconsideration_decided: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 复议决定：${wordFor(RECONSIDERATION_OUTCOME_LABELS, f.data.outcome, 'zh-CN')}`,
      body:
        `${f.claimantName}，您好：\n\n索赔 ${f.claimNumber} 的复议决定：${wordFor(RECONSIDERATION_OUTCOME_LABELS, f.data.outcome, 'zh-CN')}，` +
        `方案合计 ${formatFen(f.data.totalFen)}。\n理由：${f.data.reason}\n` +
        (f.data.pendingApproval === true
          ? '此为公司内部的最终决定；变更后的方案须经审批，批准后另函发送给您。\n'
          : '此为公司内部的最终决定；方案另函发送给您。\n') +
        `\n${link(f.trackingUrl, '查看处理进度：', 'zh-CN')}` +
        FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] Reconsideration decided: ${wordFor(RECONSIDERATION_OUTCOME_LABELS, f.data.outcome, 'en')}`,
      body:
        `Dear ${f.claimantName},\n\nThe reconsideration of claim ${f.claimNumber} is decided: ` +
        `${wordFor(RECONSIDERATION_OUTCOME_LABELS, f.data.outcome, 'en')}; the plan totals ${formatFen(f.data.totalFen)}.\n` +
        `Reason: ${f.data.reason}\n` +
        (f.data.pendingApproval === true
          ? "This is the company's final decision; the amended plan needs approval and follows in a separate message once approved.\n"
          : "This is the company's final decision; the plan follows in a separate message.\n") +
        `\n${link(f.trackingUrl, 'Follow your claim here: ', 'en')}` +
        FOOTER_EN,
    }),
  },
  tracking_link: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 您索赔的新查询链接`,
      body:
        `${f.claimantName}，您好：\n\n应您的要求，我们为索赔 ${f.claimNumber} 发送了新的查询链接。\n` +
        `\n${link(f.trackingUrl, '查看处理进度：', 'zh-CN')}\n` +
        '\n如果您没有提出这一要求，请联系客服。' +
        FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] A new link to your claim`,
      body:
        `Dear ${f.claimantName},\n\nAs you asked, here is a new link to follow claim ${f.claimNumber}.\n` +
        `\n${link(f.trackingUrl, 'Follow your claim here: ', 'en')}\n` +
        '\nIf you did not ask for it, please contact our customer service.' +
        FOOTER_EN,
    }),
  },
  staff_reply: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 关于您索赔的回复`,
      body:
        `${f.claimantName}，您好：\n\n关于索赔 ${f.claimNumber}，` +
        `${f.data.byName !== null ? `经办人 ${f.data.byName} ` : '我们'}于 ${zh(f.data.repliedAt)} 回复如下：\n\n` +
        `${f.data.message}\n` +
        `\n${link(f.trackingUrl, '查看处理进度并回复：', 'zh-CN')}` +
        FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] A reply about your claim`,
      body:
        `Dear ${f.claimantName},\n\nAbout claim ${f.claimNumber}, ` +
        `${f.data.byName !== null ? `${f.data.byName}, who handles it,` : 'we'} replied on ${en(f.data.repliedAt)}:\n\n` +
        `${f.data.message}\n` +
        `\n${link(f.trackingUrl, 'Follow your claim and answer here: ', 'en')}` +
        FOOTER_EN,
    }),
  },
  closure_survey: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 索赔已关闭，请评价`,
      body:
        `${f.claimantName}，您好：\n\n索赔 ${f.claimNumber} 已于 ${zh(f.data.closedAt)} 关闭。\n` +
        (f.trackingUrl !== null
          ? `请告诉我们您是否满意（满意 / 基本满意 / 不满意）：${trackingLinkToSection(f.trackingUrl, 'survey')}`
          : '请使用您之前收到的链接，在处理进度页面告诉我们您是否满意（满意 / 基本满意 / 不满意）。') +
        FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] Claim closed: how did we do?`,
      body:
        `Dear ${f.claimantName},\n\nClaim ${f.claimNumber} was closed at ${en(f.data.closedAt)}.\n` +
        (f.trackingUrl !== null
          ? `Please tell us whether you are satisfied: ${trackingLinkToSection(f.trackingUrl, 'survey')}`
          : 'Please use the tracking link you received earlier to tell us whether you are satisfied.') +
        FOOTER_EN,
    }),
  },
  not_admitted: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 不予受理通知`,
      body:
        `${f.claimantName}，您好：\n\n很抱歉，您于 ${zh(f.data.receivedAt)} 提出的索赔/投诉 ${f.claimNumber} 不予受理。\n` +
        `原因：${wordFor(NOT_ADMITTED_REASON_LABELS, f.data.reason, 'zh-CN')}\n说明：${f.data.explanation}\n` +
        `如有疑问，请回复本邮件。\n${link(f.trackingUrl, '查看处理进度：', 'zh-CN')}` +
        FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] Your claim cannot be admitted`,
      body:
        `Dear ${f.claimantName},\n\nWe are sorry: the claim ${f.claimNumber} you made at ${en(f.data.receivedAt)} cannot be admitted.\n` +
        `Reason: ${wordFor(NOT_ADMITTED_REASON_LABELS, f.data.reason, 'en')}\nExplanation: ${f.data.explanation}\n` +
        `If you have questions, reply to this message.\n${link(f.trackingUrl, 'Follow your claim here: ', 'en')}` +
        FOOTER_EN,
    }),
  },
  withdrawn: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 索赔已撤回`,
      body:
        `${f.claimantName}，您好：\n\n${f.data.byStaff ? '按您的要求，' : ''}您的索赔 ${f.claimNumber} 已于 ${zh(f.data.withdrawnAt)} 撤回。\n` +
        `撤回原因：${f.data.reason}\n如需重新提出，请再次提交索赔。\n${link(f.trackingUrl, '查看处理进度：', 'zh-CN')}` +
        FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] Claim withdrawn`,
      body:
        `Dear ${f.claimantName},\n\n${f.data.byStaff ? 'As you asked, your' : 'Your'} claim ${f.claimNumber} was withdrawn at ${en(f.data.withdrawnAt)}.\n` +
        `Reason given: ${f.data.reason}\nYou may file a new claim at any time.\n${link(f.trackingUrl, 'Follow your claim here: ', 'en')}` +
        FOOTER_EN,
    }),
  },
  assignment: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 新分派的索赔`,
      body:
        `索赔 ${f.claimNumber} 已分派至 ${f.unitName(f.data.unitId)}，请处理。\n` +
        `严重程度：${wordFor(SEVERITY_LABELS, f.data.severity, 'zh-CN')}\n紧急程度：${wordFor(URGENCY_LABELS, f.data.urgency, 'zh-CN')}\n` +
        (f.data.firstReplyDue !== null ? `首次答复时限：${zh(f.data.firstReplyDue)}\n` : '') +
        `打开索赔：${f.links.claimInConsole(f.claimNumber)}` +
        STAFF_FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] Claim assigned`,
      body:
        `Claim ${f.claimNumber} is assigned to ${f.unitName(f.data.unitId)} for you to handle.\n` +
        `Severity: ${wordFor(SEVERITY_LABELS, f.data.severity, 'en')}\nUrgency: ${wordFor(URGENCY_LABELS, f.data.urgency, 'en')}\n` +
        (f.data.firstReplyDue !== null ? `First reply due: ${en(f.data.firstReplyDue)}\n` : '') +
        `Open the claim: ${f.links.claimInConsole(f.claimNumber)}` +
        STAFF_FOOTER_EN,
    }),
  },
  moved_to_hq: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] ${f.data.by === 'customer' ? '客户申诉至总部' : '总部已接管'}`,
      body:
        (f.data.by === 'customer'
          ? `客户已将索赔 ${f.claimNumber} 申诉至总部（原处理单位：${f.unitName(f.data.fromUnitId)}），现由 ${f.unitName(f.data.toUnitId)} 处理。\n客户的理由：${f.data.reason}\n`
          : `索赔 ${f.claimNumber} 已由总部接管（原处理单位：${f.unitName(f.data.fromUnitId)}），现由 ${f.unitName(f.data.toUnitId)} 处理。\n原因：${f.data.reason}\n`) +
        `打开索赔：${f.links.claimInConsole(f.claimNumber)}` +
        STAFF_FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] ${f.data.by === 'customer' ? 'Escalated to headquarters by the customer' : 'Taken over by headquarters'}`,
      body:
        (f.data.by === 'customer'
          ? `The customer escalated claim ${f.claimNumber} to headquarters (it was with ${f.unitName(f.data.fromUnitId)}); ${f.unitName(f.data.toUnitId)} handles it now.\nThe customer's reason: ${f.data.reason}\n`
          : `Headquarters took over claim ${f.claimNumber} (it was with ${f.unitName(f.data.fromUnitId)}); ${f.unitName(f.data.toUnitId)} handles it now.\nReason: ${f.data.reason}\n`) +
        `Open the claim: ${f.links.claimInConsole(f.claimNumber)}` +
        STAFF_FOOTER_EN,
    }),
  },
  approval_needed: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 待您${f.data.legalReview ? '法务审核' : '审批'}：${wordFor(RESOLUTION_TYPE_LABELS, f.data.type, 'zh-CN')} ${formatFen(f.data.totalFen)}`,
      body:
        `索赔 ${f.claimNumber} 的处理方案（第 ${f.data.revision} 版）待您${f.data.legalReview ? '法务审核' : '审批'}。\n` +
        `方案：${wordFor(RESOLUTION_TYPE_LABELS, f.data.type, 'zh-CN')}\n金额：${formatFen(f.data.totalFen)}\n` +
        `提出人：${f.data.proposedBy.name !== null ? `${f.data.proposedBy.name}（${f.data.proposedBy.id}）` : f.data.proposedBy.id}\n` +
        `打开索赔：${f.links.claimInConsole(f.claimNumber)}` +
        STAFF_FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] ${f.data.legalReview ? 'Legal review' : 'Approval'} needed: ${wordFor(RESOLUTION_TYPE_LABELS, f.data.type, 'en')} ${formatFen(f.data.totalFen)}`,
      body:
        `The resolution of claim ${f.claimNumber} (revision ${f.data.revision}) awaits your ${f.data.legalReview ? 'legal review' : 'approval'}.\n` +
        `Plan: ${wordFor(RESOLUTION_TYPE_LABELS, f.data.type, 'en')}\nAmount: ${formatFen(f.data.totalFen)}\n` +
        `Proposed by: ${f.data.proposedBy.name !== null ? `${f.data.proposedBy.name} (${f.data.proposedBy.id})` : f.data.proposedBy.id}\n` +
        `Open the claim: ${f.links.claimInConsole(f.claimNumber)}` +
        STAFF_FOOTER_EN,
    }),
  },
  note_mention: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] ${f.data.byName} 在内部备注中提到了您`,
      body:
        `${f.data.byName} 于 ${zh(f.data.at)} 在索赔 ${f.claimNumber}（${f.claimantName}）的内部备注中提到了您：\n` +
        `「${f.data.excerpt}」\n` +
        '内部备注不会发给客户。\n' +
        `打开索赔：${f.links.claimInConsole(f.claimNumber)}` +
        STAFF_FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] ${f.data.byName} mentioned you in an internal note`,
      body:
        `${f.data.byName} mentioned you in an internal note on claim ${f.claimNumber} (${f.claimantName}) at ${en(f.data.at)}:\n` +
        `"${f.data.excerpt}"\n` +
        'Internal notes are never sent to the customer.\n' +
        `Open the claim: ${f.links.claimInConsole(f.claimNumber)}` +
        STAFF_FOOTER_EN,
    }),
  },
  customer_responded: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] ${wordFor(CUSTOMER_RESPONSE_LABELS, f.data.what, 'zh-CN')}`,
      body:
        `索赔 ${f.claimNumber}（${f.claimantName}）：${wordFor(CUSTOMER_RESPONSE_LABELS, f.data.what, 'zh-CN')}，时间 ${zh(f.data.at)}。\n` +
        (f.data.files > 0 ? `附件 ${f.data.files} 个。\n` : '') +
        (f.data.excerpt !== null ? `客户的话：「${f.data.excerpt}」\n` : '') +
        RESPONSE_NEXT_STEP[f.data.what][0] +
        `\n打开索赔：${f.links.claimInConsole(f.claimNumber)}` +
        STAFF_FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] ${wordFor(CUSTOMER_RESPONSE_LABELS, f.data.what, 'en')}`,
      body:
        `Claim ${f.claimNumber} (${f.claimantName}): ${wordFor(CUSTOMER_RESPONSE_LABELS, f.data.what, 'en').replace(/^The/, 'the')}, at ${en(f.data.at)}.\n` +
        (f.data.files > 0 ? `${f.data.files} ${f.data.files === 1 ? 'file' : 'files'} attached.\n` : '') +
        (f.data.excerpt !== null ? `In the customer's words: "${f.data.excerpt}"\n` : '') +
        RESPONSE_NEXT_STEP[f.data.what][1] +
        `\nOpen the claim: ${f.links.claimInConsole(f.claimNumber)}` +
        STAFF_FOOTER_EN,
    }),
  },
  deadline_warning: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 时限预警：${wordFor(CLOCK_LABELS, f.data.clock, 'zh-CN')}将于 ${zh(f.data.dueAt)} 到期`,
      body:
        `索赔 ${f.claimNumber} 的${wordFor(CLOCK_LABELS, f.data.clock, 'zh-CN')}时限将于 ${zh(f.data.dueAt)} 到期，已用 ${f.data.usedPercent}%。\n` +
        `打开索赔：${f.links.claimInConsole(f.claimNumber)}` +
        STAFF_FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] Deadline warning: ${wordFor(CLOCK_LABELS, f.data.clock, 'en')} due ${en(f.data.dueAt)}`,
      body:
        `The ${wordFor(CLOCK_LABELS, f.data.clock, 'en').toLowerCase()} deadline of claim ${f.claimNumber} is ${en(f.data.dueAt)}; ${f.data.usedPercent}% of the time is used.\n` +
        `Open the claim: ${f.links.claimInConsole(f.claimNumber)}` +
        STAFF_FOOTER_EN,
    }),
  },
  breach_escalation: {
    'zh-CN': (f) => ({
      subject: `[${f.claimNumber}] 已超时并升级：${wordFor(CLOCK_LABELS, f.data.clock, 'zh-CN')}`,
      body:
        `索赔 ${f.claimNumber}（${f.unitName(f.data.claimUnitId)}）的${wordFor(CLOCK_LABELS, f.data.clock, 'zh-CN')}时限已于 ${zh(f.data.dueAt)} 到期，` +
        `现已升级至 ${f.unitName(f.data.escalatedTo)}。\n打开索赔：${f.links.claimInConsole(f.claimNumber)}` +
        STAFF_FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `[${f.claimNumber}] Deadline missed, escalated: ${wordFor(CLOCK_LABELS, f.data.clock, 'en')}`,
      body:
        `The ${wordFor(CLOCK_LABELS, f.data.clock, 'en').toLowerCase()} deadline of claim ${f.claimNumber} (${f.unitName(f.data.claimUnitId)}) passed at ${en(f.data.dueAt)}; ` +
        `it is escalated to ${f.unitName(f.data.escalatedTo)}.\nOpen the claim: ${f.links.claimInConsole(f.claimNumber)}` +
        STAFF_FOOTER_EN,
    }),
  },
  overdue_report: {
    'zh-CN': (f) => ({
      subject: `超时报告 ${formatDate(f.data.date, 'zh-CN')}：已超时 ${f.data.overdue} 件，即将到期 ${f.data.dueSoon} 件`,
      body:
        `${f.unitName(f.data.unitId)} ${formatDate(f.data.date, 'zh-CN')} 的超时报告：已超时 ${f.data.overdue} 件，即将到期 ${f.data.dueSoon} 件。\n` +
        `查看报告：${f.links.overdueReport(f.data.date)}\n下载 CSV：${f.links.overdueReportCsv(f.data.date)}` +
        STAFF_FOOTER_ZH,
    }),
    en: (f) => ({
      subject: `Overdue report ${formatDate(f.data.date, 'en')}: ${f.data.overdue} overdue, ${f.data.dueSoon} due soon`,
      body:
        `Overdue report of ${f.unitName(f.data.unitId)} for ${formatDate(f.data.date, 'en')}: ${f.data.overdue} claims overdue, ${f.data.dueSoon} due soon.\n` +
        `See the report: ${f.links.overdueReport(f.data.date)}\nDownload the CSV: ${f.links.overdueReportCsv(f.data.date)}` +
        STAFF_FOOTER_EN,
    }),
  },
};

/** The mail of one notification; a subject is one line whatever the values hold. */
export function render<K extends NotificationKind>(kind: K, language: Language, facts: MailFacts<K>): Mail {
  const { subject, body } = TEMPLATES[kind][language](facts);
  return { subject: subject.replace(/[\r\n]+/g, ' '), body };
}
