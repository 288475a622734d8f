import { createHmac, timingSafeEqual } from 'node:crypto';
import { CLAIM_NUMBER_PATTERN } from '../claim-number.js';

/**
 * The per-claim reply address: `claims+<claim number>.<token>@<domain>`, set as Reply-To on the mail
 * a customer gets about a claim. The token is the first 80 bits of HMAC-SHA256(secret, number), so
 * only mail written in answer to ours (or by someone it was forwarded to) can carry it, and a
 * message to that address is added to the claim whatever SES says about its sender. Claim numbers are
 * sequential; the token is what an outsider cannot guess (2^80 tries per claim).
 */
export const REPLY_TOKEN_LENGTH = 20;

/** Domain separation: this key's HMACs mean "reply address of claim …" and nothing else. */
const PURPOSE = 'claims-desk:reply-address:v1:';

/** The token of a claim number (lower-case hex, REPLY_TOKEN_LENGTH characters). */
export function replyToken(secret: string, claimNumber: string): string {
  return createHmac('sha256', secret)
    .update(`${PURPOSE}${claimNumber.toUpperCase()}`, 'utf8')
    .digest('hex')
    .slice(0, REPLY_TOKEN_LENGTH);
}

/** `claims@d` → `claims+CLM-2026-000123.<token>@d`: the reply address of a claim at our address. */
export function replyAddress(ourAddress: string, claimNumber: string, secret: string): string {
  const at = ourAddress.lastIndexOf('@');
  if (at <= 0 || !CLAIM_NUMBER_PATTERN.test(claimNumber))
    throw new Error(`no reply address for ${claimNumber} at ${ourAddress}`);
  const local = ourAddress.slice(0, at).split('+')[0] ?? '';
  return `${local}+${claimNumber}.${replyToken(secret, claimNumber)}${ourAddress.slice(at)}`;
}

/** What a recipient address says: the claim it names and whether its token is that claim's. */
export interface ReplyAddressCheck {
  readonly claimNumber: string;
  readonly valid: boolean;
}

const PLUS_ADDRESS = /^[^+@\s]+\+(CLM-\d{4}-\d{6,})\.([0-9a-z]{1,64})@[^@\s]+$/i;

/**
 * Reads one recipient: null when it is not a reply address; otherwise its claim number and whether
 * the token checks (compared in constant time; mail systems may change the case of the local part).
 */
export function checkReplyAddress(address: string, secret: string): ReplyAddressCheck | null {
  const match = PLUS_ADDRESS.exec(address.trim().replace(/^<|>$/g, ''));
  if (!match) return null;
  const claimNumber = (match[1] ?? '').toUpperCase();
  const presented = Buffer.from((match[2] ?? '').toLowerCase(), 'utf8');
  const expected = Buffer.from(replyToken(secret, claimNumber), 'utf8');
  const valid = presented.length === expected.length && timingSafeEqual(presented, expected);
  return { claimNumber, valid };
}

/** The reply address among a message's recipients: a valid one first, else the first that fails. */
export function replyAddressAmong(recipients: readonly string[], secret: string): ReplyAddressCheck | null {
  const checks = recipients
    .slice(0, 50)
    .map((address) => checkReplyAddress(address, secret))
    .filter((check): check is ReplyAddressCheck => check !== null);
  return checks.find((check) => check.valid) ?? checks[0] ?? null;
}

/** The note staff see on mail sent to a claim's reply address with a wrong token, zh-CN then en. */
export function invalidReplyAddressNote(claimNumber: string): string {
  return [
    `未并入索赔 ${claimNumber}：邮件寄往该索赔的回复地址，但地址中的校验码不正确（不是我们发出的地址），且发件人未能以其他方式核实。`,
    `Not added to claim ${claimNumber}: it was sent to that claim's reply address with a wrong check code (not an address we issued), and its sender could not be matched otherwise.`,
  ].join('\n');
}
