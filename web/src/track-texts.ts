import type { Lang } from './i18n.js';

/**
 * The tracking page's own words, [zh-CN, en] (the form's and the shared ones are in i18n.ts): the offer in
 * words, the conversation, withdrawing, and the page's busy and refusal texts.
 */
const TRACK_TEXT = {
  offerBy: ['由{department}负责，{date}前完成', 'Carried out by {department} by {date}'],
  offerWhy: ['调查结论', 'What we found'],
  itemValue: ['价值 {amount}（不支付现金）', 'worth {amount} (not paid in cash)'],
  offerCash: ['现金支付给您', 'Paid to you in cash'],
  offerValue: ['方案总价值', 'Total value of the offer'],
  offerNoCash: ['本方案不含现金支付。', 'Nothing in this offer is paid in cash.'],
  choicesTitle: ['您的选择', 'Your choices'],
  choiceAccept: ['同意：接受这个方案，我们随即执行。', 'Accept: you agree and we carry the offer out.'],
  choiceDispute: [
    '不同意：告诉我们您不接受的原因，经办人员会与您再次协商、调整方案。',
    'I disagree: tell us why, and the person handling your claim talks it over with you again and may change the offer.',
  ],
  choiceReconsider: [
    '申请复议：正式要求由未参与原决定的人员重新审查这个决定，须在{date}前提出；复议决定是公司内部的最终决定。',
    'Reconsideration: a formal request that people who took no part in the decision review it, to be made by {date}; its outcome is the company’s final decision.',
  ],
  reconsiderUntil: ['复议申请截止：{date}', 'Reconsideration may be asked for until {date}'],
  reconsiderClosed: ['复议期限已于{date}届满。', 'The time to ask for a reconsideration ended on {date}.'],
  accepting: ['正在提交…', 'Sending…'],
  conversation: ['沟通记录', 'Messages'],
  fromUs: ['我们', 'Us'],
  fromYou: ['您', 'You'],
  kind_reply: ['答复', 'Our reply'],
  kind_message: ['回复', 'Our message'],
  kind_email: ['您的邮件', 'Your email'],
  kind_material_request: ['请您补充材料', 'We asked for material'],
  kind_reconsideration_decision: ['复议决定', 'Reconsideration decision'],
  kind_not_admitted: ['不予受理的原因', 'Why we could not accept the claim'],
  kind_material: ['补充材料', 'Your material'],
  kind_dispute: ['对方案的异议', 'Your objection to the offer'],
  kind_reconsideration: ['复议申请', 'Your reconsideration request'],
  kind_escalation: ['申请总部处理', 'Your request to headquarters'],
  kind_withdrawal: ['撤回原因', 'Why the claim was withdrawn'],
  kind_from_us: ['消息', 'Our message'],
  kind_from_you: ['您的消息', 'Your message'],
  via: ['（{channel}）', ' ({channel})'],
  materialReceived: ['已收到您的补充材料，正在审核', 'We have your material and are checking it'],
  materialReceivedAt: [
    '您已于{date}补充材料，我们正在审核，无需重复提交。',
    'You sent material on {date}; we are checking it, there is no need to send it again.',
  ],
  duePausedChecking: ['（审核您的材料期间暂停计时）', '(paused while we check your material)'],
  withdraw: ['撤回索赔', 'Withdraw my claim'],
  withdrawIntro: [
    '撤回后，我们将停止处理这项索赔，撤回后不能恢复。',
    'Once withdrawn, we stop handling this claim; a withdrawal cannot be undone.',
  ],
  withdrawReason: ['撤回原因 *', 'Why you are withdrawing *'],
  sendWithdraw: ['确认撤回', 'Withdraw the claim'],
  withdrawnNotice: ['您的索赔已撤回。', 'Your claim is withdrawn.'],
  surveyDone: ['您已完成本次评价，感谢您的反馈。', 'You have rated how we handled this; thank you.'],
  surveyYours: ['您的评价：{rating}', 'Your rating: {rating}'],
  requestFailed: ['操作未完成，请稍后再试。', 'That did not go through; please try again.'],
} as const satisfies Record<string, readonly [string, string]>;

export type TrackTextKey = keyof typeof TRACK_TEXT;

export function tt(key: TrackTextKey, lang: Lang, vars: Record<string, string> = {}): string {
  return TRACK_TEXT[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}
