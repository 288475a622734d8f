import type { Language } from '../categories.js';
import type { CustomerNotificationKind } from '../messages.js';

/** Customer notifications also sent as SMS when the claim has a phone (issue 16). */
export const SMS_KINDS = [
  'acknowledgment',
  'material_request',
  'decision_offer',
  'payout_done',
  'closure_survey',
  'not_admitted',
  'withdrawn',
  'tracking_link',
  'staff_reply',
] as const satisfies readonly CustomerNotificationKind[];
export type SmsKind = (typeof SMS_KINDS)[number];

export function isSmsKind(kind: string): kind is SmsKind {
  return (SMS_KINDS as readonly string[]).includes(kind);
}

/** What one text says: what happened to the claim, then where to read more. */
const WHAT_HAPPENED: Record<Language, Record<SmsKind, (n: string) => string>> = {
  'zh-CN': {
    acknowledgment: (n) => `您的投诉 ${n} 已受理。`,
    material_request: (n) => `投诉 ${n} 需要您补充材料。`,
    decision_offer: (n) => `投诉 ${n} 已有处理方案，请确认。`,
    payout_done: (n) => `投诉 ${n} 的赔付已支付。`,
    closure_survey: (n) => `投诉 ${n} 已办结，请评价。`,
    not_admitted: (n) => `投诉 ${n} 未予受理。`,
    withdrawn: (n) => `投诉 ${n} 已按您的要求撤回。`,
    tracking_link: (n) => `投诉 ${n} 的新查询链接。`,
    staff_reply: (n) => `投诉 ${n} 有新的回复，请查看。`,
  },
  en: {
    acknowledgment: (n) => `Claim ${n} received.`,
    material_request: (n) => `Claim ${n}: add material`,
    decision_offer: (n) => `Claim ${n}: offer ready`,
    payout_done: (n) => `Claim ${n}: payment made`,
    closure_survey: (n) => `Claim ${n} done, rate us:`,
    not_admitted: (n) => `Claim ${n} not accepted.`,
    withdrawn: (n) => `Claim ${n} withdrawn.`,
    tracking_link: (n) => `Claim ${n}: new link`,
    staff_reply: (n) => `Claim ${n}: new reply`,
  },
};

const LINK_LEAD: Record<Language, string> = { 'zh-CN': '详情：', en: '' };
/** At the claim's token cap no fresh link can be made: the text points to the earlier one. */
const NO_LINK: Record<Language, string> = {
  'zh-CN': '请用此前短信中的链接查看。',
  en: 'See the link in our earlier text.',
};
/** Every text ends with how to stop them (the opt-out keywords of docs/sms.md). */
const OPT_OUT: Record<Language, string> = { 'zh-CN': '回TD退订', en: 'STOP to opt out' };

/**
 * The SMS of a customer notification: claim number, what happened, the tracking link (or, without one,
 * a pointer to the earlier text) and the opt-out words. Short on purpose: an English text is at most
 * 52 characters beside its link, so with a tracking link of up to 108 characters (a 22-character
 * origin, the number, `lang=en` and the 43-character token) it is one GSM segment of 160. A Chinese text is
 * UCS-2 (70 characters a segment): its words fit one segment, the link makes it two or three.
 */
export function smsText(
  kind: SmsKind,
  language: Language,
  claimNumber: string,
  trackingUrl: string | null,
  signature: string | null = null,
): string {
  const link = trackingUrl === null ? NO_LINK[language] : `${LINK_LEAD[language]}${trackingUrl}`;
  const gap = language === 'en' ? ' ' : '';
  // The space after the link ends it for the phone's link detection, in Chinese too.
  return `${signature ?? ''}${WHAT_HAPPENED[language][kind](claimNumber)}${gap}${link} ${OPT_OUT[language]}`;
}

/** A mainland SMS signature as carriers register it: the company's short name in 【】, 2 to 16 characters. */
export const SMS_SIGNATURE_PATTERN = /^【[^【】\s]{2,16}】$/;

/**
 * The signature a text to `phone` (E.164) starts with: mainland carriers deliver only texts that open with
 * the sender's registered 【signature】; numbers elsewhere get none.
 */
export function signatureFor(phone: string, signature: string | null): string | null {
  return signature !== null && phone.startsWith('+86') ? signature : null;
}
