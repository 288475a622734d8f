import type { Language } from '../categories.js';
import type { Words } from '../labels.js';
import { UNVERIFIED_WORDS, isUnverifiedReason } from './sender-verification.js';

/**
 * Why inbound mail was filed without an answer or held for staff, in words (zh-CN, en). The codes are the
 * ones `automaticMailReasons`, the sender checks and the parser record; the held-mail list and the
 * timeline's notes read them here.
 */
export const MAIL_REASON_WORDS: Readonly<Record<string, Words>> = {
  'precedence:bulk': ['群发邮件（Precedence: bulk）', 'bulk mail (Precedence: bulk)'],
  'precedence:list': ['邮件列表邮件（Precedence: list）', 'list mail (Precedence: list)'],
  'precedence:junk': ['标为垃圾邮件（Precedence: junk）', 'marked as junk (Precedence: junk)'],
  mailing_list: ['来自邮件列表', 'sent through a mailing list'],
  x_loop: ['邮件带有 X-Loop 标记（已被自动转发过）', 'it carries X-Loop (an automatic forwarder handled it)'],
  loop_of_our_mail: ['是我们自己发出的邮件转了回来', 'our own mail came back to us'],
  list_owner: ['发件地址是邮件列表的管理地址', "its sender is a list's owner or -request address"],
  noreply_sender: ['发件地址不接收回信（noreply 类）', 'the sender does not take replies (noreply-type)'],
  no_from_address: ['邮件没有可用的发件人（From）', 'the message has no usable From address'],
  no_sender_address: ['找不到可以回信的发件地址', 'there is no sender address to answer'],
  auto_reply: ['自动回复', 'an automatic reply'],
  null_return_path: ['退信地址为空（系统发出的邮件）', 'an empty return path (sent by a mail system)'],
  mailer_daemon: ['由邮件系统退回（mailer-daemon）', 'returned by a mail system (mailer-daemon)'],
  mailer_daemon_sender: ['发件人是邮件系统（mailer-daemon）', 'its sender is a mail system (mailer-daemon)'],
  abuse_report: ['垃圾邮件投诉报告', 'an abuse report'],
  bounce: ['退信通知', 'a bounce (delivery report)'],
  spam_verdict: ['被判定为垃圾邮件', 'the spam scan failed it'],
  virus_verdict: ['病毒扫描未通过', 'the virus scan failed it'],
  not_a_complaint: ['读起来不像投诉或索赔', 'it does not read as a complaint or claim'],
  unverified_sender: ['发件人未能核实', 'its sender could not be verified'],
  reply_address_invalid: [
    '寄往索赔回复地址，但校验码不正确',
    "sent to a claim's reply address with a wrong check code",
  ],
  sender_claim_rate_limit: [
    '该发件人短时间内邮件索赔过多',
    'too many claims from this sender in a short time',
  ],
  timeout: ['读取邮件超时', 'reading the message took too long'],
};

/** Prefixed codes: the part after the colon is a detail (a header's value, a size). */
const PREFIX_WORDS: Readonly<Record<string, Words>> = {
  auto_submitted: ['自动发出的邮件（Auto-Submitted）', 'sent automatically (Auto-Submitted)'],
  report: ['系统报告邮件', 'a machine-written report'],
  too_large: ['邮件过大，无法读取', 'the message is too large to read'],
  too_deep: ['邮件结构嵌套过深，无法读取', 'the message is nested too deeply to read'],
  unparseable: ['邮件格式无法读取', 'the message could not be read'],
};

/** One reason code in words; a code this table does not know reads as "held by a rule" (never the code). */
export function mailReasonWords(code: string, language: Language): string {
  const i = language === 'en' ? 1 : 0;
  const whole = MAIL_REASON_WORDS[code];
  if (whole) return whole[i];
  const [prefix = '', detail = ''] = code.split(/:\s?(.*)/s);
  if (prefix === 'sender' && isUnverifiedReason(detail)) return UNVERIFIED_WORDS[detail][i];
  const partial = PREFIX_WORDS[prefix];
  if (partial) return partial[i];
  return language === 'en' ? 'held by a mail rule' : '被邮件规则暂扣';
}

/**
 * Reasons that doubt only who sent a message or how many came, not that a person wrote it: released by
 * staff, such mail is answered like any new claim. Every other reason (auto-replies, bounces, lists, junk)
 * means an answer could loop or go to a list, so a released message of that kind is filed unanswered.
 */
const PERSON_REASONS = new Set(['unverified_sender', 'reply_address_invalid', 'sender_claim_rate_limit']);

export function answerableOnRelease(reasons: readonly string[]): boolean {
  return reasons.every((r) => PERSON_REASONS.has(r) || r.startsWith('sender:'));
}
