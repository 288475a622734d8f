import { formatInstant } from '../../shared/domain/shanghai-time.js';

// One set of words for codes, and one money format, for the pages and the mail (shared/domain).
export {
  CLOCK_LABELS,
  PLAN_ITEM_LABELS,
  REMEDY_LABELS,
  REPLY_CHANNEL_LABELS,
  ROOT_CAUSE_LABELS,
  SETTLEMENT_LABELS,
  STATUS_LABELS,
  label,
} from '../../shared/domain/labels.js';
export { formatFen as yuan } from '../../shared/domain/money.js';

/** Page texts in zh-CN (default) and English. The language choice is kept in the URL (?lang=en). */
export type Lang = 'zh-CN' | 'en';

export function currentLang(): Lang {
  return new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';
}

export function switchLangHref(lang: Lang): string {
  const params = new URLSearchParams(location.search);
  if (lang === 'en') params.set('lang', 'en');
  else params.delete('lang');
  const query = params.toString();
  // The fragment stays: the tracking page's token rides there (and the console's claim number).
  return `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
}

const TEXT = {
  title: ['客户索赔 / 投诉', 'File a claim or complaint'],
  intro: [
    '请填写以下信息，我们会在 3 个工作日内答复。带 * 的为必填项。',
    'Tell us what happened. We answer within 3 working days. Fields marked * are required.',
  ],
  switchTo: ['English', '中文'],
  you: ['您的信息', 'About you'],
  name: ['姓名 *', 'Name *'],
  phone: ['手机号码', 'Phone'],
  email: ['电子邮箱', 'Email'],
  contactHint: ['手机号码和电子邮箱至少填写一项。', 'Give a phone number or an email address, or both.'],
  product: ['产品 / 服务', 'Product or service'],
  productName: ['产品或服务名称 *', 'Product or service name *'],
  model: ['型号', 'Model'],
  quantity: ['数量', 'Quantity'],
  orderNumber: ['订单号', 'Order number'],
  problem: ['问题', 'The problem'],
  foundOn: ['发现问题的日期 *', 'Date you found the problem *'],
  category: ['问题类别', 'Kind of problem'],
  categoriesLoading: ['正在载入…', 'Loading…'],
  categoriesFailed: [
    '问题类别暂时无法载入，请刷新页面',
    'The kinds of problem could not be loaded; reload the page',
  ],
  description: ['问题描述 *', 'What happened *'],
  remedy: ['您希望的处理方式 *', 'What you would like us to do *'],
  amount: ['索赔金额（元）', 'Amount claimed (CNY)'],
  submit: ['提交', 'Submit'],
  submitting: ['正在提交…', 'Submitting…'],
  fixErrors: ['请修改标出的内容后再提交。', 'Please correct the marked fields.'],
  failed: ['提交失败，请稍后再试。', 'The claim could not be submitted. Please try again.'],
  received: ['我们已收到您的索赔', 'We have received your claim'],
  yourNumber: ['索赔编号', 'Claim number'],
  nextDeadline: [
    '我们将在 3 个工作日内答复（{date} 前）。',
    'We will answer within 3 working days (by {date}).',
  ],
  keepLink: ['请保存以下链接，用它查看处理进度：', 'Keep this link to follow your claim:'],
  copyLink: ['复制链接', 'Copy the link'],
  linkCopied: ['链接已复制。', 'The link is copied.'],
  copyFailed: [
    '无法自动复制，请长按上面的链接复制。',
    'The link could not be copied; press and hold it to copy it.',
  ],
  qrLabel: ['用手机扫描二维码打开查询页面', 'Scan this code with a phone to open the tracking page'],
  alsoSentSms: ['我们也已通过短信发送给您。', 'We have also sent this to you by text message.'],
  alsoSentEmail: ['我们也已通过邮件发送给您。', 'We have also sent this to you by email.'],
  alsoSentBoth: [
    '我们也已通过短信和邮件发送给您。',
    'We have also sent this to you by text message and email.',
  ],
  fileAnother: ['再提交一项索赔', 'File another claim'],
  track: ['查看进度', 'Follow my claim'],
  findTitle: ['找回我的索赔', 'Find my claim'],
  findLinkLead: ['找不到查询链接？', 'Lost your tracking link?'],
  findIntro: [
    '请输入索赔编号，以及提交索赔时留下的手机号码或电子邮箱。我们会把验证码发送到该手机或邮箱。',
    'Enter your claim number and the phone number or email address you gave with the claim. We will send a code there.',
  ],
  findNumber: ['索赔编号', 'Claim number'],
  findContact: ['手机号码或电子邮箱', 'Phone number or email address'],
  sendCode: ['发送验证码', 'Send me a code'],
  codeSent: [
    '如果索赔编号和联系方式与我们的记录一致，验证码已发送，15 分钟内有效。',
    'If the claim number and contact match our records, a code is on its way. It is valid for 15 minutes.',
  ],
  codeLabel: ['6 位验证码', '6-digit code'],
  openWithCode: ['查看我的索赔', 'Show my claim'],
  foundLink: ['这是您索赔的新查询链接，请保存好：', 'Here is a new link to your claim. Keep it:'],
  openClaim: ['打开我的索赔', 'Open my claim'],
  askAgain: ['重新获取验证码', 'Ask for a new code'],
  working: ['请稍候…', 'Please wait…'],
  notAdmitted: ['很抱歉，该索赔不予受理：', 'We are sorry, this claim cannot be admitted:'],
  recordedNotAdmitted: ['您的索赔已记录，但无法受理', 'Your claim is recorded, but we cannot accept it'],
  notAdmittedWhy: [
    '很抱歉，按照我们的规定，这项索赔不予受理，原因是：',
    'We are sorry: under our rules this claim cannot be accepted, because:',
  ],
  notAdmittedNext: [
    '如对此有疑问，请联系客服并提供上面的编号。',
    'If you have questions, contact our customer service with the number above.',
  ],
  status: ['状态', 'Status'],
  timeline: ['处理记录', 'What has happened'],
  materialAsked: ['我们需要您补充以下材料：', 'We need the following from you:'],
  addMaterial: ['补充材料', 'Add material'],
  message: ['说明', 'Message'],
  send: ['发送', 'Send'],
  sent: ['已收到您补充的材料。', 'Thank you, we received your material.'],
  notFound: [
    '未找到该索赔，请检查链接是否完整。',
    'We could not find this claim. Please check that the link is complete.',
  ],
  deadlines: ['处理时限', 'Our deadlines'],
  dueFirstReply: ['{n} 个工作日内答复（{date} 前）', 'We answer within {n} working days (by {date})'],
  dueDecision: ['{n} 个工作日内给出处理意见（{date} 前）', 'We decide within {n} working days (by {date})'],
  dueReconsideration: [
    '{n} 个工作日内答复复议（{date} 前）',
    'We answer your reconsideration within {n} working days (by {date})',
  ],
  dueOnSite: ['{n} 小时内上门（{date} 前）', 'We visit you within {n} hours (by {date})'],
  dueHours: ['{n} 个工作小时内答复（{date} 前）', 'We answer within {n} working hours (by {date})'],
  duePaused: ['（收到您补充的材料后继续计时）', '(the clock waits for your material)'],
  offer: ['我们的处理方案', 'What we offer'],
  offerIntro: ['经调查，我们建议按以下方案处理：', 'After looking into your claim, we offer the following:'],
  offerTotal: ['合计', 'Total'],
  offerDecidedAt: ['方案日期', 'Decided on'],
  reconsiderationFinal: [
    '复议决定为公司内部的最终决定，不能再提出异议；如仍不接受，您可以申请调解、仲裁或提起诉讼。',
    "The reconsideration decision is the company's final decision and cannot be disputed again; if you still do not accept it, mediation, arbitration or litigation remain open to you.",
  ],
  accept: ['接受方案', 'Accept the offer'],
  dispute: ['不同意，说明原因', 'I disagree'],
  disputeReason: ['您不同意的原因 *', 'Why you disagree *'],
  sendDispute: ['提交异议', 'Send my objection'],
  accepted: ['您已接受方案，我们会尽快执行。', 'You accepted the offer; we will carry it out.'],
  disputed: ['已收到您的异议，我们会与您协商。', 'We received your objection and will contact you.'],
  reconsider: ['申请复议', 'Ask for reconsideration'],
  escalate: ['申请总部处理', 'Escalate to headquarters'],
  escalateIntro: [
    '门店未受理您的索赔或未按时处理，您可以请总部复核。请说明原因，总部经理会尽快处理。',
    'The store refused your claim or missed a deadline: you can ask headquarters to review it. Tell us why; a headquarters manager will take it up.',
  ],
  escalateReason: ['申诉原因', 'Why you are taking it to headquarters'],
  sendEscalate: ['提交给总部', 'Send to headquarters'],
  escalated: [
    '已转总部处理，总部经理会尽快与您联系。',
    'Sent to headquarters: a headquarters manager will contact you soon.',
  ],
  reconsiderIntro: [
    '如对处理决定不服，可在决定之日起 15 天内申请复议，由未参与原处理的人员重新审查。',
    'If you do not agree with our decision, you may ask within 15 days for it to be reviewed by people who did not take it.',
  ],
  reconsiderReasons: ['复议理由（至少 10 个字） *', 'Your reasons (at least 10 characters) *'],
  sendReconsider: ['提交复议申请', 'Send the request'],
  reconsiderSent: ['已收到您的复议申请。', 'We received your request for reconsideration.'],
  confirmClosure: ['确认已处理完毕', 'Confirm it is done'],
  confirmClosureIntro: [
    '方案已执行。如您确认问题已解决，请点击确认关闭。',
    'The offer has been carried out. If your problem is solved, please confirm.',
  ],
  closedThanks: ['已确认关闭，谢谢。', 'Confirmed, thank you.'],
  survey: ['满意度评价', 'How satisfied are you?'],
  surveyIntro: ['请对本次处理进行评价：', 'Please rate how we handled your claim:'],
  satisfied: ['满意', 'Satisfied'],
  basically_satisfied: ['基本满意', 'Mostly satisfied'],
  unsatisfied: ['不满意', 'Not satisfied'],
  surveyComment: ['意见或建议', 'Comments'],
  sendSurvey: ['提交评价', 'Send'],
  surveyThanks: ['感谢您的评价。', 'Thank you for your rating.'],
  surveyReopened: [
    '很抱歉您不满意，我们将重新与您协商。',
    'We are sorry. We will contact you again to find a better solution.',
  ],
  required: ['请填写此项。', 'Please fill this in.'],
  dashboard: ['月度统计', 'Monthly statistics'],
  backToConsole: ['返回工作台', 'Back to the console'],
  month: ['月份', 'Month'],
  show: ['显示', 'Show'],
  statsRefused: [
    '无法读取统计（需要经理、高管或管理员角色）。',
    'The statistics could not be read (they need the manager, executive or admin role).',
  ],
  totalClaims: ['本月索赔总数', 'Claims this month'],
  repeatComplaints: ['重复投诉', 'Repeat complaints'],
  notAdmittedCount: ['不予受理', 'Not admitted'],
  byCategory: ['按问题类别', 'By kind of problem'],
  byUnit: ['按单位', 'By unit'],
  byProduct: ['按产品', 'By product'],
  topProductsCaption: ['按产品（前 20 名）', 'By product (top 20)'],
  count: ['数量', 'Count'],
  slaAttainment: ['时限达成率', 'Deadlines met'],
  clock: ['时限', 'Deadline'],
  completed: ['完成', 'Completed'],
  met: ['按时', 'Met'],
  missed: ['超时', 'Missed'],
  // Breached clocks, still open or answered since, and late answers: what the met share counts as misses.
  misses: ['未达成（含超时未完成）', 'Not met (open breaches included)'],
  attainment: ['达成率', 'Met share'],
  averageHours: ['平均用时（工作小时）', 'Mean time (working hours)'],
  breaches: ['超时告警', 'Breaches'],
  timeToAnswer: ['首次答复与处理决定用时', 'Time to first reply and to decision'],
  moneyThisMonth: ['本月赔付与追偿', 'Money paid and recovered this month'],
  moneyKind: ['款项', 'Money'],
  amountYuanColumn: ['金额', 'Amount'],
  amountPaid: ['已赔付', 'Paid to customers'],
  amountAdvanced: ['其中先行赔付', 'Of which paid in advance'],
  amountRecovered: ['已追偿收回', 'Recovered from responsible parties'],
  moneyCounts: [
    '{payouts} 笔赔付，{recoveries} 笔追偿。',
    '{payouts} payouts, {recoveries} recovery entries.',
  ],
  satisfactionTitle: ['满意度评价', 'Satisfaction survey answers'],
  satisfiedRate: ['满意率（满意 + 基本满意）', 'Satisfied or mostly satisfied'],
  surveyAnswers: ['{n} 份评价', '{n} answers'],
  rating: ['评价', 'Rating'],
  topRootCauses: ['主要原因', 'Top root causes'],
  rootCause: ['原因', 'Root cause'],
  overdueReport: ['最新超时报告', 'Latest overdue report'],
  noOverdueReport: [
    '尚无超时报告：报告每晚 02:00（北京时间）生成。',
    'No overdue report yet: it is written every night at 02:00 Shanghai time.',
  ],
  overdueRefused: [
    '无法读取超时报告（需要经理、高管或管理员角色）。',
    'The overdue report could not be read (it needs the manager, executive or admin role).',
  ],
  overdueDownloadFailed: ['下载失败，请稍后再试。', 'The download failed; please try again.'],
  reportDate: ['报告日期', 'Report date'],
  generatedAt: ['生成时间', 'Written at'],
  overdueCount: ['已超时', 'Overdue'],
  dueSoonCount: ['即将到期', 'Due soon'],
  overdueByOwner: ['按单位与负责人', 'By unit and owner'],
  unit: ['单位', 'Unit'],
  owner: ['负责人', 'Owner'],
  unassigned: ['未分派', 'Unassigned'],
  nothingOverdue: ['没有超时或即将到期的索赔。', 'Nothing overdue or due soon.'],
  downloadOverdueCsv: ['下载超时报告 CSV', 'Download the overdue report (CSV)'],
  downloadCsv: ['下载 CSV', 'Download CSV'],
  noData: ['本月暂无数据。', 'No data for this month.'],
  attachments: ['附件（照片、发票、检测报告等）', 'Attachments (photos, invoices, reports)'],
  attachHint: [
    '最多 {n} 个文件，每个不超过 {mb} MB；支持图片、PDF、Office 文档和文本文件。',
    'Up to {n} files of at most {mb} MB each: images, PDF, Office documents or text.',
  ],
  chooseFiles: ['选择文件', 'Choose files'],
  uploading: ['正在上传…', 'Uploading…'],
  uploaded: ['已上传', 'Uploaded'],
  uploadFailed: ['上传失败，请移除后重试。', 'The upload failed; remove it and try again.'],
  fileTooLarge: ['文件超过 {mb} MB，无法上传。', 'The file is larger than {mb} MB.'],
  fileWrongType: [
    '不支持此格式，请上传图片、PDF、Office 文档或文本文件。',
    'This kind of file is not accepted: use an image, PDF, Office document or text.',
  ],
  fileEmpty: ['文件是空的。', 'The file is empty.'],
  tooManyFiles: ['最多上传 {n} 个文件。', 'At most {n} files.'],
  waitForUploads: ['请等待文件上传完成后再提交。', 'Please wait until the files are uploaded.'],
  remove: ['移除', 'Remove'],
  evidence: ['附件', 'Attachments'],
  download: ['下载', 'Download'],
  downloadFailed: ['无法下载该文件。', 'The file could not be downloaded.'],
} as const satisfies Record<string, readonly [string, string]>;

export type TextKey = keyof typeof TEXT;

export function t(key: TextKey, lang: Lang, vars: Record<string, string> = {}): string {
  const text = TEXT[key][lang === 'en' ? 1 : 0];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

export const ACTION_LABELS: Record<string, readonly [string, string]> = {
  file_claim: ['收到索赔', 'Claim received'],
  request_material: ['请您补充材料', 'We asked you for material'],
  add_material: ['您补充了材料', 'You added material'],
  mark_material_complete: ['材料齐全', 'Material complete'],
  start_investigation: ['开始调查', 'Investigation started'],
  not_admit: ['不予受理', 'Not admitted'],
  withdraw: ['已撤回', 'Withdrawn'],
  record_findings: ['调查结论已记录', 'Findings recorded'],
  propose_resolution: ['已提出处理方案', 'Resolution proposed'],
  send_to_legal_review: ['法务审核', 'Sent to legal review'],
  clear_legal_review: ['法务审核通过', 'Legal review cleared'],
  approve: ['方案已批准并发送给您', 'Offer approved and sent to you'],
  reject_proposal: ['方案未获批准，重新调查', 'Proposal rejected; investigating again'],
  send_back: ['方案退回修改', 'Proposal sent back'],
  accept_offer: ['您接受了方案', 'You accepted the offer'],
  dispute_offer: ['您对方案提出异议', 'You disagreed with the offer'],
  request_reconsideration: ['您申请了复议', 'You asked for reconsideration'],
  decide_reconsideration: ['复议决定', 'Reconsideration decided'],
  hand_to_legal: ['转入法律程序', 'Handed to legal proceedings'],
  record_execution: ['方案已执行', 'Carried out'],
  record_payout: ['款项已支付', 'Payment made'],
  confirm_closure: ['您确认关闭', 'You confirmed it is done'],
  auto_close: ['自动关闭', 'Closed automatically'],
  reopen_unsatisfied: ['您不满意，重新协商', 'Reopened: you were not satisfied'],
  record_survey: ['您的评价', 'Your rating'],
  record_first_reply: ['我们已答复', 'We replied'],
  reply_to_customer: ['我们的回复', 'Our reply'],
  record_site_visit: ['我们已上门查看', 'We visited you'],
  edit_facts: ['索赔信息已更正', 'Claim details corrected'],
  extend_deadline: ['处理时限已延长', 'Deadline extended'],
  recompute_deadlines: ['按节假日安排调整处理时限', 'Deadline adjusted for public holidays'],
  conclude_legal: ['法律程序结束', 'Legal proceedings concluded'],
  take_over: ['已转总部处理', 'Taken over by headquarters'],
  escalate_to_hq: ['您已申诉至总部', 'You escalated it to headquarters'],
};

/** This month in Asia/Shanghai, YYYY-MM. */
export function thisMonth(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .slice(0, 7);
}

/** A deadline as "11月27日 18:00" / "27 Nov, 18:00" in Shanghai time (the mail's form without the year). */
export function shortDate(iso: string, lang: Lang): string {
  return formatInstant(iso, lang, { year: false });
}

/** Staff console wording for the actions staff take. */
export const STAFF_ACTION_LABELS: Record<string, readonly [string, string]> = {
  assign: ['分派', 'Assign'],
  request_material: ['要求补充材料', 'Request material'],
  mark_material_complete: ['材料齐全', 'Material complete'],
  start_investigation: ['开始调查', 'Start investigation'],
  not_admit: ['不予受理', 'Not admit'],
  withdraw: ['撤回', 'Withdraw'],
  take_over: ['总部接管', 'Take over (HQ)'],
  record_first_reply: ['已首次答复', 'First reply sent'],
  reply_to_customer: ['回复客户', 'Reply to the customer'],
  add_internal_note: ['内部备注', 'Internal note'],
  record_site_visit: ['记录上门', 'Record on-site visit'],
  record_findings: ['记录调查结论', 'Record findings'],
  propose_resolution: ['提出方案', 'Propose resolution'],
  clear_legal_review: ['法务审核通过', 'Clear legal review'],
  approve: ['批准', 'Approve'],
  reject_proposal: ['驳回', 'Reject'],
  send_back: ['退回修改', 'Send back'],
  hand_to_legal: ['转法务 / 诉讼', 'Hand to legal'],
  record_execution: ['记录执行', 'Record execution'],
  conclude_legal: ['结束法律程序', 'Conclude legal'],
  decide_reconsideration: ['复议决定', 'Decide reconsideration'],
  extend_deadline: ['延长时限', 'Extend deadline'],
  edit_facts: ['更正信息', 'Edit facts'],
};

/** Beside a stand-in fact that staff still have to confirm (email intake). */
export const TO_CONFIRM_WORDS = ['待确认', 'To be confirmed'] as const;
