import { createHash, timingSafeEqual } from 'node:crypto';
import * as z from '../zod.js';
import { LanguageSchema, type Language } from './categories.js';
import { EmailSchema, PhoneSchema } from './claim.js';
import { CLAIM_NUMBER_PATTERN } from './claim-number.js';
import { emailKey, phoneKey } from './contact-keys.js';
import { formatInstant } from './shanghai-time.js';

/**
 * "Find my claim" (issue 16): a customer who lost their tracking link gives the claim number and the phone
 * or email the claim was filed with, receives a one-time code there, and trades the code for a fresh link.
 * The rules below are pure; the store applies each state change as one conditional write.
 */
export const FINDER_RULES = {
  /** A code works this long after it was asked for. */
  codeTtlMs: 15 * 60_000,
  /** Codes asked for per claim number, and per contact, in one UTC hour. */
  maxCodesPerHour: 5,
  /** Wrong codes that lock the claim's lookup (counted since the last success or lock; a lock is the count reaching it). */
  maxWrongCodes: 20,
  lockMs: 60 * 60_000,
} as const;
export type FinderRules = typeof FINDER_RULES;

const ClaimNumberField = z.string().check(z.trim(), z.regex(CLAIM_NUMBER_PATTERN), z.maxLength(40));

/** "Send me a code": the number and the phone or email as the customer types it. */
export const LookupCodeRequestSchema = z.strictObject({
  number: ClaimNumberField,
  contact: z.string().check(z.trim(), z.minLength(3), z.maxLength(254)),
  /** The page's language: the code's message is written in it. */
  language: z.optional(LanguageSchema),
});
export type LookupCodeRequest = z.infer<typeof LookupCodeRequestSchema>;

/** "Here is the code": the number again and the six digits. */
export const LookupLinkRequestSchema = z.strictObject({
  number: ClaimNumberField,
  code: z.string().check(z.trim(), z.regex(/^\d{6}$/)),
  /** The page's language: the link opens the tracking page in it. */
  language: z.optional(LanguageSchema),
});
export type LookupLinkRequest = z.infer<typeof LookupLinkRequestSchema>;

/** The contact the code goes to: a mail address or a phone, reduced as lookups compare them. */
export type FinderContact =
  { readonly via: 'email'; readonly key: string } | { readonly via: 'sms'; readonly key: string };

/** The typed contact as an email (it has an @) or a phone; null when it is neither. */
export function contactOf(raw: string): FinderContact | null {
  const value = raw.trim();
  if (value.includes('@'))
    return EmailSchema.safeParse(value).success ? { via: 'email', key: emailKey(value) } : null;
  return PhoneSchema.safeParse(value).success ? { via: 'sms', key: phoneKey(value) } : null;
}

/** Whether the contact is the claim's own phone or email (compared as the intake compares contacts). */
export function contactMatches(
  contact: FinderContact,
  claimant: { readonly phone?: string | undefined; readonly email?: string | undefined },
): boolean {
  if (contact.via === 'email')
    return claimant.email !== undefined && emailKey(claimant.email) === contact.key;
  return claimant.phone !== undefined && phoneKey(claimant.phone) === contact.key;
}

/** The lookup state of one claim number, kept in one item. */
export interface LookupState {
  readonly number: string;
  readonly claimId: string;
  /** The latest code asked for (a newer request replaces it): its id, channel and expiry. */
  readonly challengeId?: string | undefined;
  readonly via?: FinderContact['via'] | undefined;
  readonly codeExpiresAt?: string | undefined;
  /** Set by the notify function when it mints the code; removed when the code is used. */
  readonly codeHash?: string | undefined;
  readonly wrongCodes: number;
  readonly lockedUntil?: string | undefined;
}

/**
 * A code has a million values, so its hash is salted with the claim and the challenge: a leaked item
 * does not give away codes by a precomputed table, and a code of one challenge never matches another.
 * (It still falls to brute force offline within its 15 minutes; online, the 20-attempt lock holds.)
 */
export function hashLookupCode(claimId: string, challengeId: string, code: string): string {
  return createHash('sha256').update(`${claimId}\n${challengeId}\n${code}`, 'utf8').digest('hex');
}

export function isLocked(state: Pick<LookupState, 'lockedUntil'> | null, now: Date): boolean {
  return state?.lockedUntil !== undefined && Date.parse(state.lockedUntil) > now.getTime();
}

/** What a presented code is worth against the state (every outcome but `valid` answers the same). */
export type CodeVerdict = 'valid' | 'wrong' | 'locked' | 'none';

export function judgeCode(state: LookupState | null, code: string, now: Date): CodeVerdict {
  if (state === null) return 'none';
  if (isLocked(state, now) || reachesLock(state.wrongCodes)) return 'locked';
  const { codeHash, challengeId, codeExpiresAt } = state;
  if (codeHash === undefined || challengeId === undefined || codeExpiresAt === undefined) return 'wrong';
  const presented = Buffer.from(hashLookupCode(state.claimId, challengeId, code), 'hex');
  const stored = Buffer.from(codeHash, 'hex');
  const same = stored.length === presented.length && timingSafeEqual(stored, presented);
  if (!same || Date.parse(codeExpiresAt) <= now.getTime()) return 'wrong';
  return 'valid';
}

/**
 * Wrong codes are counted with an atomic add (concurrent guesses all count); the add that reaches the
 * limit locks the lookup until `lockEnd`, and the count starts again. From the limit on, even the right
 * code is refused, so the moment between the count and the lock grants nothing.
 */
export function reachesLock(
  wrongCodes: number,
  rules: Pick<FinderRules, 'maxWrongCodes'> = FINDER_RULES,
): boolean {
  return wrongCodes >= rules.maxWrongCodes;
}

export function lockEnd(now: Date, rules: Pick<FinderRules, 'lockMs'> = FINDER_RULES): string {
  return new Date(now.getTime() + rules.lockMs).toISOString();
}

/** The UTC hour (`YYYY-MM-DDTHH`) a request counts in. */
export function rateHour(at: Date): string {
  return at.toISOString().slice(0, 13);
}

/** A six-digit code from a uniform random integer below one million (the caller's randomness). */
export function formatLookupCode(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) throw new RangeError('a code is 0 to 999999');
  return String(n).padStart(6, '0');
}

/** The code's mail: subject and body in the language the customer asked in. */
export function lookupCodeMail(
  language: Language,
  claimNumber: string,
  code: string,
  expiresAt: string,
): { subject: string; body: string } {
  if (language === 'en')
    return {
      subject: `[${claimNumber}] Your code to find your claim: ${code}`,
      body:
        `Your code to open claim ${claimNumber} is ${code}.\n` +
        `Enter it on the "Find my claim" page by ${formatInstant(expiresAt, 'en')}. It works once.\n\n` +
        'If you did not ask for it, ignore this message: nobody can open your claim without the code.' +
        '\n\n--\nThis message was sent automatically.',
    };
  return {
    subject: `[${claimNumber}] 找回索赔的验证码：${code}`,
    body:
      `您查看索赔 ${claimNumber} 的验证码是 ${code}。\n` +
      `请在 ${formatInstant(expiresAt, 'zh-CN')} 前在“找回我的索赔”页面输入，验证码只能使用一次。\n\n` +
      '如果不是您本人操作，请忽略本邮件：没有验证码，任何人都无法打开您的索赔。' +
      '\n\n——\n此邮件由系统自动发送。',
  };
}

/** The code's SMS: short, no link (a code alone is useless to whoever sees it over a shoulder later). */
export function lookupCodeSms(language: Language, claimNumber: string, code: string): string {
  const minutes = FINDER_RULES.codeTtlMs / 60_000;
  return language === 'en'
    ? `Code ${code} finds claim ${claimNumber}; valid ${minutes} min, once. Not you? Ignore it. STOP to opt out`
    : `验证码 ${code}，用于找回索赔 ${claimNumber}，${minutes} 分钟内有效，仅可使用一次。非本人操作请忽略。回TD退订`;
}

/**
 * The notify intent of a code: which challenge, by which channel, in which language. It carries no code
 * (nor any contact): the notify function mints the code and stores its hash on the challenge as it sends,
 * as it does with tracking tokens, and reads the address from the claim.
 */
export const LookupCodeIntentSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  kind: z.literal('lookup_code'),
  claimId: z.string().check(z.minLength(1)),
  claimNumber: z.string().check(z.minLength(1)),
  language: LanguageSchema,
  via: z.enum(['email', 'sms']),
  challengeId: z.string().check(z.minLength(1), z.maxLength(200)),
  codeExpiresAt: z.iso.datetime({ offset: true }),
  createdAt: z.iso.datetime({ offset: true }),
});
export type LookupCodeIntent = z.infer<typeof LookupCodeIntentSchema>;
