import type { Language } from '../categories.js';
import type { NotificationKind } from '../messages.js';

/**
 * Plain-text templates for every notification (SPEC §Notifications), zh-CN and en. `{{name}}` inserts a
 * value; `{{#name}}…{{/name}}` keeps its text only when the value is non-empty. Nothing else is
 * interpreted, so a template can never run code, and values are inserted as text.
 * Customer subjects start with the claim number so replies thread by it.
 */
export interface Template {
  readonly subject: string;
  readonly body: string;
}

const FOOTER_ZH = '\n\n——\n此邮件由系统自动发送。回复本邮件即可补充材料，请保留主题中的索赔编号。';
const FOOTER_EN =
  '\n\n--\nThis message was sent automatically. Reply to it to add material; please keep the claim number in the subject.';
const STAFF_FOOTER_ZH = '\n\n——\n索赔系统自动通知';
const STAFF_FOOTER_EN = '\n\n--\nAutomatic notice from the claims system';

export const TEMPLATES: Readonly<Record<NotificationKind, Readonly<Record<Language, Template>>>> = {
  acknowledgment: {
    'zh-CN': {
      subject: '[{{claimNumber}}] 受理回执：我们已收到您的索赔/投诉',
      body:
        '{{claimantName}}，您好：\n\n我们已收到您的索赔/投诉，编号 {{claimNumber}}，收到时间 {{receivedAt}}。\n' +
        '{{#refusal}}很抱歉，此申请未能受理：{{refusal}}\n{{/refusal}}' +
        '{{#firstReplyDue}}我们将在 {{firstReplyDue}} 前给您首次答复。\n{{/firstReplyDue}}' +
        '{{#missingMaterial}}\n为尽快处理，请回复本邮件补充以下材料：\n{{missingMaterial}}\n{{/missingMaterial}}' +
        '{{#trackingUrl}}\n查看处理进度：{{trackingUrl}}\n{{/trackingUrl}}' +
        '{{#trackingNote}}\n{{trackingNote}}\n{{/trackingNote}}' +
        FOOTER_ZH,
    },
    en: {
      subject: '[{{claimNumber}}] Acknowledgment: we have received your claim',
      body:
        'Dear {{claimantName}},\n\nWe have received your claim {{claimNumber}} at {{receivedAt}}.\n' +
        '{{#refusal}}We are sorry, it cannot be admitted: {{refusal}}\n{{/refusal}}' +
        '{{#firstReplyDue}}You will have our first reply by {{firstReplyDue}}.\n{{/firstReplyDue}}' +
        '{{#missingMaterial}}\nTo handle it quickly, please reply to this message with:\n{{missingMaterial}}\n{{/missingMaterial}}' +
        '{{#trackingUrl}}\nFollow your claim here: {{trackingUrl}}\n{{/trackingUrl}}' +
        '{{#trackingNote}}\n{{trackingNote}}\n{{/trackingNote}}' +
        FOOTER_EN,
    },
  },
  material_request: {
    'zh-CN': {
      subject: '[{{claimNumber}}] 请补充材料',
      body:
        '{{claimantName}}，您好：\n\n处理您的索赔 {{claimNumber}} 需要以下材料：\n{{items}}\n{{#note}}\n说明：{{note}}\n{{/note}}\n补充材料期间处理时限暂停。请回复本邮件提交。' +
        FOOTER_ZH,
    },
    en: {
      subject: '[{{claimNumber}}] Please send more material',
      body:
        'Dear {{claimantName}},\n\nTo handle your claim {{claimNumber}} we need:\n{{items}}\n{{#note}}\nNote: {{note}}\n{{/note}}\nThe deadline is paused until we have it. Reply to this message to send it.' +
        FOOTER_EN,
    },
  },
  deadline_extension: {
    'zh-CN': {
      subject: '[{{claimNumber}}] 处理时限延长',
      body:
        '{{claimantName}}，您好：\n\n经您同意，索赔 {{claimNumber}} 的处理时限延长至 {{newDeadline}}。\n原因：{{reason}}' +
        FOOTER_ZH,
    },
    en: {
      subject: '[{{claimNumber}}] Deadline extended',
      body:
        'Dear {{claimantName}},\n\nWith your agreement, the deadline of claim {{claimNumber}} is now {{newDeadline}}.\nReason: {{reason}}' +
        FOOTER_EN,
    },
  },
  decision_offer: {
    'zh-CN': {
      subject: '[{{claimNumber}}] 处理决定',
      body:
        '{{claimantName}}，您好：\n\n关于索赔 {{claimNumber}}，我们的处理方案：{{resolution}}\n{{#amount}}金额：{{amount}}\n{{/amount}}\n请通过以下链接接受或提出异议：{{trackingUrl}}\n如对决定不服，可在 {{reconsiderationDeadline}} 前书面申请复议。' +
        FOOTER_ZH,
    },
    en: {
      subject: '[{{claimNumber}}] Our decision',
      body:
        'Dear {{claimantName}},\n\nFor claim {{claimNumber}} we offer: {{resolution}}\n{{#amount}}Amount: {{amount}}\n{{/amount}}\nAccept or dispute it here: {{trackingUrl}}\nYou may ask for a reconsideration in writing by {{reconsiderationDeadline}}.' +
        FOOTER_EN,
    },
  },
  payout_done: {
    'zh-CN': {
      subject: '[{{claimNumber}}] 款项已支付',
      body:
        '{{claimantName}}，您好：\n\n索赔 {{claimNumber}} 的款项 {{amount}} 已支付，凭证号 {{voucherNumber}}。' +
        FOOTER_ZH,
    },
    en: {
      subject: '[{{claimNumber}}] Payment made',
      body:
        'Dear {{claimantName}},\n\nThe payment of {{amount}} for claim {{claimNumber}} has been made; voucher number {{voucherNumber}}.' +
        FOOTER_EN,
    },
  },
  reconsideration_received: {
    'zh-CN': {
      subject: '[{{claimNumber}}] 复议申请已受理',
      body:
        '{{claimantName}}，您好：\n\n我们已收到您对索赔 {{claimNumber}} 的复议申请，将在 {{decisionDue}} 前作出复议决定。' +
        FOOTER_ZH,
    },
    en: {
      subject: '[{{claimNumber}}] Reconsideration request received',
      body:
        'Dear {{claimantName}},\n\nWe have received your request to reconsider claim {{claimNumber}} and will decide by {{decisionDue}}.' +
        FOOTER_EN,
    },
  },
  reconsideration_decided: {
    'zh-CN': {
      subject: '[{{claimNumber}}] 复议决定',
      body:
        '{{claimantName}}，您好：\n\n索赔 {{claimNumber}} 的复议决定：{{outcome}}\n此为公司内部的最终决定。' +
        FOOTER_ZH,
    },
    en: {
      subject: '[{{claimNumber}}] Reconsideration decided',
      body:
        "Dear {{claimantName}},\n\nThe reconsideration of claim {{claimNumber}} is decided: {{outcome}}\nThis is the company's final decision." +
        FOOTER_EN,
    },
  },
  closure_survey: {
    'zh-CN': {
      subject: '[{{claimNumber}}] 索赔已关闭，请评价',
      body:
        '{{claimantName}}，您好：\n\n索赔 {{claimNumber}} 已关闭。请告诉我们您是否满意（满意 / 基本满意 / 不满意）：{{surveyUrl}}' +
        FOOTER_ZH,
    },
    en: {
      subject: '[{{claimNumber}}] Claim closed: how did we do?',
      body:
        'Dear {{claimantName}},\n\nClaim {{claimNumber}} is closed. Please tell us whether you are satisfied: {{surveyUrl}}' +
        FOOTER_EN,
    },
  },
  assignment: {
    'zh-CN': {
      subject: '[{{claimNumber}}] 分派给您',
      body:
        '索赔 {{claimNumber}} 已分派给您（{{unitId}}）。\n严重程度：{{severity}}  紧急程度：{{urgency}}\n首次答复时限：{{firstReplyDue}}' +
        STAFF_FOOTER_ZH,
    },
    en: {
      subject: '[{{claimNumber}}] Assigned to you',
      body:
        'Claim {{claimNumber}} is assigned to you ({{unitId}}).\nSeverity: {{severity}}  Urgency: {{urgency}}\nFirst reply due: {{firstReplyDue}}' +
        STAFF_FOOTER_EN,
    },
  },
  approval_needed: {
    'zh-CN': {
      subject: '[{{claimNumber}}] 待您审批',
      body:
        '索赔 {{claimNumber}} 的处理方案待您审批：{{resolution}}，金额 {{amount}}。\n提出人：{{proposedBy}}' +
        STAFF_FOOTER_ZH,
    },
    en: {
      subject: '[{{claimNumber}}] Approval needed',
      body:
        'The resolution of claim {{claimNumber}} awaits your approval: {{resolution}}, {{amount}}.\nProposed by: {{proposedBy}}' +
        STAFF_FOOTER_EN,
    },
  },
  deadline_warning: {
    'zh-CN': {
      subject: '[{{claimNumber}}] 时限预警：{{clock}}',
      body:
        '索赔 {{claimNumber}} 的时限（{{clock}}）将于 {{due}} 到期，已用 {{usedPercent}}%。' +
        STAFF_FOOTER_ZH,
    },
    en: {
      subject: '[{{claimNumber}}] Deadline warning: {{clock}}',
      body:
        'The {{clock}} deadline of claim {{claimNumber}} is {{due}}; {{usedPercent}}% of the time is used.' +
        STAFF_FOOTER_EN,
    },
  },
  breach_escalation: {
    'zh-CN': {
      subject: '[{{claimNumber}}] 已超时并升级',
      body:
        '索赔 {{claimNumber}} 的时限（{{clock}}）已于 {{due}} 超时，已升级至 {{escalatedTo}}。' +
        STAFF_FOOTER_ZH,
    },
    en: {
      subject: '[{{claimNumber}}] Deadline missed, escalated',
      body:
        'The {{clock}} deadline of claim {{claimNumber}} passed at {{due}}; it is escalated to {{escalatedTo}}.' +
        STAFF_FOOTER_EN,
    },
  },
  overdue_report: {
    'zh-CN': {
      subject: '超时报告 {{reportDate}}',
      body: '{{reportDate}} 超时及临近时限的索赔共 {{count}} 件。\n报告文件：{{reportUrl}}' + STAFF_FOOTER_ZH,
    },
    en: {
      subject: 'Overdue report {{reportDate}}',
      body:
        '{{count}} claims are overdue or near a deadline on {{reportDate}}.\nReport file: {{reportUrl}}' +
        STAFF_FOOTER_EN,
    },
  },
};

export type TemplateValues = Readonly<Record<string, string>>;

/** Fills a template: sections first, then values; unknown names become '—'. */
export function fill(template: string, values: TemplateValues): string {
  const sections = template.replace(
    /\{\{#([A-Za-z0-9_]+)\}\}([\s\S]*?)\{\{\/\1\}\}/g,
    (_all, name: string, inner: string) => ((values[name] ?? '') !== '' ? inner : ''),
  );
  return sections.replace(/\{\{([A-Za-z0-9_]+)\}\}/g, (_all, name: string) => {
    const value = values[name];
    return value === undefined || value === '' ? '—' : value;
  });
}

export function render(kind: NotificationKind, language: Language, values: TemplateValues): Template {
  const template = TEMPLATES[kind][language];
  return {
    // A subject is one line whatever the values hold.
    subject: fill(template.subject, values).replace(/[\r\n]+/g, ' '),
    body: fill(template.body, values),
  };
}

/** Instants shown in Asia/Shanghai time, the way customers and staff read deadlines. */
export function formatInstant(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const local = `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
  return language === 'zh-CN' ? `${local}（北京时间）` : `${local} (China Standard Time)`;
}
