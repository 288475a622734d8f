import * as z from '../../zod.js';
import { mailReasonWords } from './held-reasons.js';
import { EmailSchema, NO_FACTS, type IntakeInput, type ToConfirmField } from '../claim.js';
import type { Language, Remedy } from '../categories.js';
import { shanghaiDate } from '../shanghai-time.js';

/** One saved attachment of an inbound message (its bytes are in the evidence store under `key`). */
export const InboundAttachmentSchema = z.strictObject({
  name: z.string().check(z.maxLength(255)),
  contentType: z.string().check(z.maxLength(255)),
  size: z.int().check(z.gte(0)),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  content: z.instanceof(Uint8Array),
});
export type InboundAttachment = z.infer<typeof InboundAttachmentSchema>;

/**
 * A parsed inbound message, as the parser adapter hands it to the domain (validated at that edge).
 * Only the headers the rules read are kept, lower-cased; text is plain (HTML already reduced to text).
 */
export const ParsedMailSchema = z.strictObject({
  messageId: z.nullable(z.string().check(z.maxLength(1000))),
  inReplyTo: z.array(z.string().check(z.maxLength(1000))).check(z.maxLength(100)),
  references: z.array(z.string().check(z.maxLength(1000))).check(z.maxLength(500)),
  from: z.nullable(
    z.strictObject({ address: z.string().check(z.maxLength(320)), name: z.string().check(z.maxLength(500)) }),
  ),
  replyTo: z.nullable(z.string().check(z.maxLength(320))),
  subject: z.string().check(z.maxLength(2000)),
  text: z.string(),
  date: z.nullable(z.iso.datetime({ offset: true })),
  /** Lower-cased names of the loop-relevant headers with their (first) value. */
  headers: z.record(z.string(), z.string()),
  /** Top-level content type, e.g. `multipart/report`, and its report-type parameter. */
  contentType: z.string(),
  reportType: z.nullable(z.string()),
  attachments: z.array(InboundAttachmentSchema),
  /** Attachments found but not saved (over the per-message limit). */
  skippedAttachments: z.int().check(z.gte(0)),
});
export type ParsedMail = z.infer<typeof ParsedMailSchema>;

/** What SES says about the envelope and its scans (or what the local SMTP listener knows). */
export interface Envelope {
  /** MAIL FROM (the return path); '' for a null sender. */
  readonly returnPath: string;
  readonly spamVerdict: string;
  readonly virusVerdict: string;
  /** Our own addresses the message was delivered to: an X-Loop naming one is our own mail coming back. */
  readonly recipients?: readonly string[];
}

/**
 * Why a message must get no automatic answer (ARCHITECTURE §Mail, RFC 3834 §2, RFC 2369/2919):
 * auto-responders, lists and bulk mail, loops, mailer-daemons and null senders, noreply-type senders,
 * bounces and abuse reports, failed scans. An empty list means a person wrote it.
 */
export function automaticMailReasons(mail: ParsedMail, envelope: Envelope): string[] {
  const reasons: string[] = [];
  const h = mail.headers;
  const autoSubmitted = h['auto-submitted']?.trim().toLowerCase();
  if (autoSubmitted !== undefined && autoSubmitted !== '' && !autoSubmitted.startsWith('no'))
    reasons.push(`auto_submitted:${autoSubmitted.split(/[;\s]/)[0] ?? ''}`);
  const precedence = h['precedence']?.trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'list' || precedence === 'junk')
    reasons.push(`precedence:${precedence}`);
  if (
    Object.keys(h).some((name) => name.startsWith('list-')) ||
    h['mailing-list'] !== undefined ||
    h['x-mailing-list'] !== undefined
  )
    reasons.push('mailing_list');
  if (h['x-loop'] !== undefined) {
    const ours = (envelope.recipients ?? []).map((a) => a.toLowerCase());
    const loop = h['x-loop'].toLowerCase();
    reasons.push(ours.some((address) => loop.includes(address)) ? 'loop_of_our_mail' : 'x_loop');
  }
  if (h['x-autoreply'] !== undefined || h['x-autorespond'] !== undefined) reasons.push('auto_reply');
  const returnPath = bareAddress(envelope.returnPath);
  if (returnPath === '') reasons.push('null_return_path');
  else if (isDaemon(returnPath)) reasons.push('mailer_daemon');
  if (mail.from !== null && isDaemon(mail.from.address)) reasons.push('mailer_daemon_sender');
  // RFC 2142/majordomo conventions: a list's own envelope or Sender is owner-… or …-request.
  const senderHeader = /<([^>]*)>/.exec(h['sender'] ?? '')?.[1] ?? h['sender'] ?? '';
  if ([returnPath, bareAddress(h['return-path'] ?? ''), bareAddress(senderHeader)].some(isListOwner))
    reasons.push('list_owner');
  if (mail.from !== null && isNoReply(mail.from.address)) reasons.push('noreply_sender');
  const contentType = mail.contentType.toLowerCase();
  const reportType = mail.reportType?.toLowerCase() ?? '';
  if (contentType === 'multipart/report') {
    if (reportType === 'feedback-report') reasons.push('abuse_report');
    else if (reportType === 'delivery-status') reasons.push('bounce');
    else reasons.push(`report:${reportType || 'unknown'}`);
  }
  if (envelope.spamVerdict.toUpperCase() === 'FAIL') reasons.push('spam_verdict');
  if (envelope.virusVerdict.toUpperCase() === 'FAIL') reasons.push('virus_verdict');
  return [...new Set(reasons)];
}

/**
 * Reasons that say a person may have written the message, to many or through a list: such mail still
 * becomes a claim when it reads as a complaint, but gets no automatic answer. Every other reason
 * (auto-replies, bounces, reports, loops, junk, failed scans) says a machine wrote it: quarantined.
 */
const NO_ANSWER_REASONS = new Set([
  'precedence:bulk',
  'precedence:list',
  'mailing_list',
  'x_loop',
  'list_owner',
  'noreply_sender',
  'no_from_address',
]);

export interface AutomaticMailDecision {
  /** Non-empty: no claim; the message is recorded as quarantined with these reasons. */
  readonly quarantine: readonly string[];
  /** Non-empty (and nothing to quarantine): a claim, but no acknowledgment, for these reasons. */
  readonly noAnswer: readonly string[];
}

/** What the rules make of a message: quarantine it, file it without answering, or answer it (both empty). */
export function automaticMailDecision(mail: ParsedMail, envelope: Envelope): AutomaticMailDecision {
  const reasons = automaticMailReasons(mail, envelope);
  if (mail.from === null) reasons.push('no_from_address');
  if (reasons.length === 0) return { quarantine: [], noAnswer: [] };
  if (reasons.every((r) => NO_ANSWER_REASONS.has(r)))
    return looksLikeComplaint(mail)
      ? { quarantine: [], noAnswer: reasons }
      : { quarantine: [...reasons, 'not_a_complaint'], noAnswer: [] };
  return { quarantine: reasons, noAnswer: [] };
}

/** Words of a complaint or claim (zh-CN and en), beside the remedy words intake already reads. */
const COMPLAINT_WORDS =
  /投诉|投訴|索赔|索賠|质量|質量|故障|损坏|損壞|破损|漏水|坏了|壞了|问题|問題|不满|不滿|complain|defect|broken|damaged|faulty|leak|not working|warranty|claim/i;

/** Whether a message reads as a complaint: complaint or remedy words in its subject or text. */
export function looksLikeComplaint(mail: ParsedMail): boolean {
  const text = `${mail.subject}\n${mail.text.slice(0, 20_000)}`;
  return COMPLAINT_WORDS.test(text) || REMEDY_WORDS.some(([, words]) => words.test(text));
}

/** zh-CN and en wording of each reason, for the claim's timeline (staff see why no answer went out). */

/** A timeline note for a claim filed from mail that got no acknowledgment, in the claim's language. */
export function noAnswerNote(reasons: readonly string[], language: Language): string {
  const words = reasons.map((r) => mailReasonWords(r, language));
  return language === 'en'
    ? `No automatic acknowledgment was sent: ${words.join('; ')}.`
    : `未自动发送受理回执：${words.join('；')}。`;
}

function bareAddress(value: string): string {
  return value.trim().replace(/^<|>$/g, '').trim().toLowerCase();
}

function isDaemon(address: string): boolean {
  const local = address.toLowerCase().split('@')[0] ?? '';
  return local === 'mailer-daemon' || local === 'postmaster' || local.startsWith('bounce');
}

function isListOwner(address: string): boolean {
  const local = address.split('@')[0] ?? '';
  return address.includes('@') && (local.startsWith('owner-') || local.endsWith('-request'));
}

/** noreply, no-reply, do-not-reply, donotreply, notifications, newsletter(s) and the like. */
function isNoReply(address: string): boolean {
  const local = address.toLowerCase().split('@')[0] ?? '';
  return /^(no-?reply|do-?not-?reply|notifications?|newsletters?|news)([+._-].*)?$/.test(local);
}

/** The customer's address: From, else Reply-To, else the envelope sender, if it is a valid address. */
export function senderAddress(mail: ParsedMail, envelope: Envelope): string | null {
  for (const candidate of [mail.from?.address, mail.replyTo ?? undefined, envelope.returnPath]) {
    const address = candidate?.trim().replace(/^<|>$/g, '').toLowerCase();
    if (address && EmailSchema.safeParse(address).success) return address;
  }
  return null;
}

/** `CLM-2026-000123` in a subject, however it is decorated ("Re: [CLM-…]"). */
export function claimNumberInSubject(subject: string): string | null {
  const match = /\bCLM-(\d{4})-(\d{6,})\b/i.exec(subject);
  return match ? `CLM-${match[1] ?? ''}-${match[2] ?? ''}` : null;
}

const REMEDY_WORDS: readonly [Remedy, RegExp][] = [
  ['refund', /退款|退货|退钱|refund/i],
  ['replacement', /换货|更换|调换|replace/i],
  ['repair', /维修|修理|返修|repair/i],
  ['discount', /折价|折扣|打折|discount/i],
  ['compensation', /赔偿|索赔|补偿|compensat/i],
  ['apology', /道歉|致歉|apolog/i],
];

const ORDER_NUMBER = /(?:订单号?|order\s*(?:no\.?|number|#)?)\s*[:：#]?\s*([A-Za-z0-9][A-Za-z0-9-]{3,40})/i;

export interface EmailIntake {
  readonly input: IntakeInput;
  /** What the message did not say, asked for in the acknowledgment (in the claim's language). */
  readonly missing: readonly string[];
  /** The stand-ins the intake filled for what mail does not say, for staff to confirm. */
  readonly toConfirm: readonly ToConfirmField[];
}

/** Whether to answer in Chinese: any CJK character in subject or text. */
export function languageOf(mail: ParsedMail): 'zh-CN' | 'en' {
  return /[\u3400-\u9fff]/.test(`${mail.subject}${mail.text.slice(0, 4000)}`) ? 'zh-CN' : 'en';
}

/**
 * A new claim from a message: what mail can tell (who, when, the words) is filled; product, remedy and
 * the like that a free-form message rarely states reliably are asked for as missing material.
 */
export function intakeFromMail(mail: ParsedMail, sender: string, receivedAt: Date): EmailIntake {
  const language = languageOf(mail);
  const zh = language === 'zh-CN';
  const text = `${mail.subject}\n${mail.text}`;
  const missing: string[] = [];
  const remedy = REMEDY_WORDS.find(([, words]) => words.test(text))?.[0];
  if (remedy === undefined)
    missing.push(
      zh
        ? '您希望的处理方式（退款、换货、维修、折价、赔偿或道歉）'
        : 'the remedy you ask for (refund, replacement, repair, discount, compensation or apology)',
    );
  const orderNumber = ORDER_NUMBER.exec(text)?.[1];
  missing.push(zh ? '产品名称和型号' : 'the product name and model');
  if (orderNumber === undefined) missing.push(zh ? '订单号' : 'the order number');
  missing.push(zh ? '发现问题的日期' : 'the date you found the problem');
  if (mail.attachments.length === 0)
    missing.push(zh ? '照片、发票等凭证' : 'photos, the invoice or other evidence');

  const name = (mail.from?.name.trim() || sender.split('@')[0] || sender).slice(0, 100);
  const subject = mail.subject.trim();
  const body = mail.text.trim();
  const description = clip(
    [subject, body].filter((part) => part !== '').join('\n\n') || (zh ? '（邮件无正文）' : '(empty message)'),
    5000,
  );
  return {
    input: {
      claimant: { name, email: sender, complainantCount: 1 },
      product: {
        name: zh ? '（邮件未注明）' : '(not stated in the email)',
        quantity: 1,
        ...(orderNumber !== undefined ? { orderNumber } : {}),
      },
      // The day it reached us: the filing window counts from the day found, which we ask for.
      foundOn: shanghaiDate(receivedAt),
      description,
      category: 'other',
      requestedRemedy: remedy ?? 'compensation',
      claimedAmountFen: 0,
      facts: { ...NO_FACTS },
      language,
    },
    missing,
    // Stand-ins, not facts: staff confirm them (the console shows 待确认 / To be confirmed).
    toConfirm: ['product', 'category', 'foundOn'],
  };
}

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
