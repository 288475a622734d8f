import * as z from '../zod.js';
import type { Language } from './categories.js';
import { ValidationError } from './errors.js';

/**
 * The privacy notice (个人信息保护法 arts. 14, 17: the customer is told who handles their personal information,
 * what for, how long it is kept and how to reach the handler, and agrees before the web form sends it) and
 * the company that is that handler, as the policy settings hold them (shared/domain/settings.ts).
 */
export const LocalizedTextSchema = (max: number) =>
  z.strictObject({
    'zh-CN': z.string().check(z.trim(), z.minLength(1), z.maxLength(max)),
    en: z.string().check(z.trim(), z.minLength(1), z.maxLength(max)),
  });

/**
 * The logo as the pages may show it under their CSP (`img-src 'self' data: blob:`, infra/constructs/
 * page-headers.ts): a path on the site itself (`/logo.png`, uploaded with the pages) or a small data: image.
 * An address on another origin would be blocked by the browser, so it is refused here, in words.
 */
const LogoUrlSchema = z.string().check(
  z.maxLength(64 * 1024),
  z.refine(
    (url) =>
      /^\/[A-Za-z0-9._~/-]*$/.test(url) ||
      /^data:image\/(png|jpeg|webp|svg\+xml);base64,[A-Za-z0-9+/=]+$/.test(url),
    {
      message: 'the logo is a path on the site (/logo.png) or a data:image URL',
      params: {
        words: {
          'zh-CN':
            '标志图片须为本站路径（如 /logo.png）或 data:image 地址，其他网站的图片会被页面的安全策略拦截',
          en: "The logo must be a path on this site (such as /logo.png) or a data:image address; the pages' security policy blocks images from other sites.",
        },
      },
    },
  ),
);

export const CompanySchema = z.strictObject({
  name: LocalizedTextSchema(60),
  logoUrl: z.optional(LogoUrlSchema),
});
export type Company = z.infer<typeof CompanySchema>;

export const DEFAULT_COMPANY: Company = { name: { 'zh-CN': '客户服务中心', en: 'Customer service' } };

const DEFAULT_NOTICE_TEXT = {
  'zh-CN': [
    '个人信息处理说明',
    '',
    '为受理和处理您的索赔或投诉，我们会收集您填写的姓名、手机号码、电子邮箱、订单与产品信息、问题描述和您上传的材料；接受赔付时，还会收集您选择的收款方式和账户。',
    '这些信息仅用于：核实和处理您的索赔、与您联系、执行赔付、依法保存处理记录，以及改进产品和服务质量。未经您同意，我们不会将其用于其他目的；仅在处理所必需时提供给负责的门店、物流或供应商，并要求其保密。',
    '收款账户加密保存，仅财务人员在付款时可见；其他信息仅对处理您索赔的人员可见。处理记录自索赔结束起保存三年，期满后删除或匿名化，法律另有规定的除外。',
    '您有权查阅、复制、更正、删除您的个人信息，或撤回同意（撤回不影响撤回前的处理）。如需行使这些权利，请回复我们发给您的任何消息，或通过客服联系我们。',
  ].join('\n'),
  en: [
    'How we handle your personal information',
    '',
    'To register and handle your claim or complaint we collect the name, phone number, email address, order and product details and description you give, and the files you upload; when you accept a payment, also the way and account you want to be paid to.',
    'We use them only to check and handle your claim, contact you, make the payment, keep the records the law requires, and improve our products and service. We do not use them for anything else without your consent, and share them only where handling the claim needs it, with the store, carrier or supplier concerned, who must keep them confidential.',
    'Payment accounts are stored encrypted and seen only by finance staff making the payment; everything else only by the staff handling your claim. Records are kept for three years after the claim ends, then deleted or anonymised, unless the law requires otherwise.',
    'You may see, copy, correct or delete your personal information, or withdraw your consent (which does not affect what was done before). To do so, reply to any message we sent you, or contact customer service.',
  ].join('\n'),
};

export const PrivacyNoticeSchema = z.strictObject({
  /** Raised with every change of the text: a claim records the version its customer agreed to. */
  version: z._default(z.int().check(z.gte(1)), 1),
  /**
   * When this version took effect. For a day after it, consent to the version before is still accepted
   * (a customer who opened the form before the change); without it, only this version.
   */
  effectiveFrom: z.optional(z.iso.datetime({ offset: true })),
  text: z._default(LocalizedTextSchema(20_000), DEFAULT_NOTICE_TEXT),
});
export type PrivacyNotice = z.infer<typeof PrivacyNoticeSchema>;

/** Hours after a new version takes effect during which consent to the previous one is still taken. */
export const PREVIOUS_VERSION_GRACE_HOURS = 24;

/** What the web form sends: the notice version the customer ticked the box for. */
export const PrivacyConsentInputSchema = z.strictObject({
  noticeVersion: z.int().check(z.gte(1), z.lte(1_000_000)),
});
export type PrivacyConsentInput = z.infer<typeof PrivacyConsentInputSchema>;

/** The consent as the claim records it: the version agreed to and when (the submission's time). */
export const PrivacyConsentSchema = z.strictObject({
  noticeVersion: z.int().check(z.gte(1)),
  at: z.iso.datetime({ offset: true }),
});
export type PrivacyConsent = z.infer<typeof PrivacyConsentSchema>;

/** `GET /privacy-notice`: the notice in one language and the company that handles the information. */
export interface PrivacyNoticeView {
  readonly version: number;
  readonly effectiveFrom?: string;
  readonly text: string;
  readonly company: { readonly name: string; readonly logoUrl?: string };
}

export function privacyNoticeView(
  notice: PrivacyNotice,
  company: Company,
  lang: Language,
): PrivacyNoticeView {
  return {
    version: notice.version,
    ...(notice.effectiveFrom !== undefined ? { effectiveFrom: notice.effectiveFrom } : {}),
    text: notice.text[lang],
    company: {
      name: company.name[lang],
      ...(company.logoUrl !== undefined ? { logoUrl: company.logoUrl } : {}),
    },
  };
}

/**
 * The public form's consent (个人信息保护法 art. 13-14): required, and to the notice in force, or to the one
 * before it within a day of the change. Refused in words otherwise; nothing is written.
 */
export function requireConsent(
  notice: PrivacyNotice,
  consent: PrivacyConsentInput | undefined,
  now: Date,
): PrivacyConsent {
  if (consent === undefined)
    throw new ValidationError('consent to the privacy notice is required', [
      {
        path: 'privacyConsent',
        message: 'consent to the privacy notice is required',
        code: 'required',
        words: {
          'zh-CN': '请阅读《个人信息处理说明》并勾选同意后再提交。',
          en: 'Please read how we handle your personal information and tick the box to agree before you send the claim.',
        },
      },
    ]);
  const graceEnds =
    notice.effectiveFrom === undefined
      ? 0
      : new Date(notice.effectiveFrom).getTime() + PREVIOUS_VERSION_GRACE_HOURS * 3_600_000;
  const accepted =
    consent.noticeVersion === notice.version ||
    (consent.noticeVersion === notice.version - 1 && now.getTime() < graceEnds);
  if (!accepted)
    throw new ValidationError(
      `consent was given to notice version ${consent.noticeVersion}, not the current ${notice.version}`,
      [
        {
          path: 'privacyConsent',
          message: 'the privacy notice has changed',
          code: 'invalid',
          words: {
            'zh-CN': '《个人信息处理说明》已更新，请刷新页面，阅读新的说明并重新勾选同意。',
            en: 'How we handle your personal information has been updated: reload the page, read the new notice and tick the box again.',
          },
        },
      ],
    );
  return { noticeVersion: consent.noticeVersion, at: now.toISOString() };
}

/**
 * The notice as a policy save stores it: a changed text is a new version (one more than before, unless the
 * admin raised it already) in effect from the save, so each claim's consent names the words it agreed to.
 */
export function revisedNotice(before: PrivacyNotice, after: PrivacyNotice, now: Date): PrivacyNotice {
  const textChanged = before.text['zh-CN'] !== after.text['zh-CN'] || before.text.en !== after.text.en;
  if (!textChanged && after.version === before.version) return after;
  const raised = after.version > before.version;
  return {
    ...after,
    version: raised ? after.version : before.version + 1,
    effectiveFrom:
      raised && after.effectiveFrom !== undefined && after.effectiveFrom !== before.effectiveFrom
        ? after.effectiveFrom
        : now.toISOString(),
  };
}
