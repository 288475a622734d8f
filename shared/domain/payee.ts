import * as z from '../zod.js';
import type { Language } from './categories.js';
import { ValidationError, type FieldIssue } from './errors.js';

/**
 * Where the customer wants the money (issue 18, SPEC "Payee"): chosen on accepting a money offer.
 * 原路退回 (back the way they paid), or an Alipay or WeChat Pay account, or a bank card. The account is sealed
 * (AES-GCM, shared/ports/sealer.ts) on the payout it belongs to and shown masked everywhere but finance's
 * payout view; the audit trail records the masked form only.
 */
export const PAYEE_METHODS = ['original_route', 'alipay', 'wechat_pay', 'bank_card'] as const;
export const PayeeMethodSchema = z.enum(PAYEE_METHODS);
export type PayeeMethod = z.infer<typeof PayeeMethodSchema>;

/** What the tracking page sends with "accept": the shape only; `payeeIssues` words every rule. */
export const PayeeInputSchema = z.strictObject({
  method: PayeeMethodSchema,
  holderName: z.optional(z.string().check(z.maxLength(100))),
  bank: z.optional(z.string().check(z.maxLength(100))),
  account: z.optional(z.string().check(z.maxLength(100))),
});
export type PayeeInput = z.infer<typeof PayeeInputSchema>;

/** The payee as a payout keeps it: the account sealed, and its masked form for every other reader. */
export const PayeeSchema = z.strictObject({
  method: PayeeMethodSchema,
  holderName: z.optional(z.string()),
  bank: z.optional(z.string()),
  /** e.g. `6222 **** **** 1234`, `138****8000`. */
  accountMasked: z.optional(z.string()),
  /** The account, sealed under the customer-data key with the claim id as associated data. */
  accountSealed: z.optional(z.string()),
});
export type Payee = z.infer<typeof PayeeSchema>;

/** The payee as anyone but finance's reveal sees it: no sealed account. */
export type MaskedPayee = Omit<Payee, 'accountSealed'>;

export function maskedPayee(payee: Payee): MaskedPayee {
  const { accountSealed: _sealed, ...masked } = payee;
  return masked;
}

/** Luhn (mod 10), as card numbers carry it in their last digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A WeChat ID: 6–20 letters, digits, _ or -, starting with a letter. */
const WECHAT_ID = /^[A-Za-z][-_A-Za-z0-9]{5,19}$/;

/** The account as stored: a card's or phone's digits without spaces or dashes, else as typed (trimmed). */
export function normalizedAccount(method: PayeeMethod, account: string): string {
  const trimmed = account.trim();
  const digits = trimmed.replace(/[\s-]/g, '');
  if (method === 'bank_card' || /^\+?[\d\s-]+$/.test(trimmed))
    return digits.replace(/^\+?86(?=1\d{10}$)/, '');
  return trimmed;
}

/** The account masked: a card `6222 **** **** 1234`, a phone `138****8000`, an email `w***@example.com`. */
export function maskAccount(method: PayeeMethod, account: string): string {
  if (method === 'bank_card') return `${account.slice(0, 4)} **** **** ${account.slice(-4)}`;
  if (MAINLAND_MOBILE.test(account)) return `${account.slice(0, 3)}****${account.slice(-4)}`;
  const at = account.indexOf('@');
  if (at > 0) return `${account.slice(0, 1)}***${account.slice(at)}`;
  return `${account.slice(0, 2)}***${account.slice(-2)}`;
}

type Words = Readonly<Record<Language, string>>;
const WORDS = {
  holderName: {
    'zh-CN': '请填写收款人姓名。',
    en: "Please fill in the account holder's name.",
  },
  bank: { 'zh-CN': '请填写开户银行。', en: 'Please fill in the bank.' },
  cardLength: {
    'zh-CN': '银行卡号应为 16 至 19 位数字。',
    en: 'A bank card number has 16 to 19 digits.',
  },
  cardLuhn: {
    'zh-CN': '银行卡号有误，请核对后重新输入。',
    en: 'This bank card number is not valid; check it and type it again.',
  },
  alipay: {
    'zh-CN': '请填写支付宝账号：手机号码或电子邮箱。',
    en: 'Please give the Alipay account: a mobile number or an email address.',
  },
  wechat: {
    'zh-CN': '请填写微信号（6 至 20 位字母、数字、下划线或减号，以字母开头）或绑定的手机号码。',
    en: 'Please give the WeChat ID (6 to 20 letters, digits, _ or -, starting with a letter) or the mobile number it uses.',
  },
} as const satisfies Record<string, Words>;

const issue = (path: string, words: Words): FieldIssue => ({
  path: `payee.${path}`,
  message: words.en,
  code: 'invalid',
  words,
});

/** Every rule of a payee, in words (the tracking page shows them before sending; the API refuses with them). */
export function payeeIssues(input: PayeeInput): FieldIssue[] {
  if (input.method === 'original_route') return [];
  const issues: FieldIssue[] = [];
  if ((input.holderName ?? '').trim() === '') issues.push(issue('holderName', WORDS.holderName));
  const account = normalizedAccount(input.method, input.account ?? '');
  if (input.method === 'bank_card') {
    if ((input.bank ?? '').trim() === '') issues.push(issue('bank', WORDS.bank));
    if (!/^\d{16,19}$/.test(account)) issues.push(issue('account', WORDS.cardLength));
    else if (!luhnValid(account)) issues.push(issue('account', WORDS.cardLuhn));
  } else if (input.method === 'alipay') {
    if (!MAINLAND_MOBILE.test(account) && !EMAIL.test(account)) issues.push(issue('account', WORDS.alipay));
  } else if (!MAINLAND_MOBILE.test(account) && !WECHAT_ID.test(account)) {
    issues.push(issue('account', WORDS.wechat));
  }
  return issues;
}

/** The payee checked (400 in words otherwise), with the account normalized for sealing. */
export function checkedPayee(input: PayeeInput): {
  readonly method: PayeeMethod;
  readonly holderName?: string;
  readonly bank?: string;
  readonly account?: string;
} {
  const issues = payeeIssues(input);
  if (issues.length > 0) throw new ValidationError('the payee details are not valid', issues);
  if (input.method === 'original_route') return { method: 'original_route' };
  return {
    method: input.method,
    holderName: (input.holderName ?? '').trim(),
    ...(input.method === 'bank_card' ? { bank: (input.bank ?? '').trim() } : {}),
    account: normalizedAccount(input.method, input.account ?? ''),
  };
}

/** The payee's method in words, for the pages and the audit. */
export const PAYEE_METHOD_WORDS: Readonly<Record<PayeeMethod, Words>> = {
  original_route: { 'zh-CN': '原路退回', en: 'Back the way you paid' },
  alipay: { 'zh-CN': '支付宝', en: 'Alipay' },
  wechat_pay: { 'zh-CN': '微信支付', en: 'WeChat Pay' },
  bank_card: { 'zh-CN': '银行卡', en: 'Bank card' },
};
