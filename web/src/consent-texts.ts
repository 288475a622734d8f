import type { Lang } from './i18n.js';

/** The consent line, the privacy page and the payee form's words (issue 18), zh-CN first. */
const TEXT = {
  consentLead: ['我已阅读并同意', 'I have read and agree to'],
  consentLink: ['《个人信息处理说明》', 'how my personal information is handled'],
  consentTail: [
    '，同意为处理本次索赔收集和使用我填写的个人信息。*',
    ', and consent to my details being used to handle this claim. *',
  ],
  consentRequired: [
    '请阅读《个人信息处理说明》并勾选同意后再提交。',
    'Please read how we handle your personal information and tick the box to agree before you send the claim.',
  ],
  noticeLoading: ['正在载入《个人信息处理说明》…', 'Loading the privacy notice…'],
  noticeFailed: [
    '《个人信息处理说明》暂时无法载入，请刷新页面。',
    'The privacy notice could not be loaded; reload the page.',
  ],
  privacyTitle: ['个人信息处理说明', 'Privacy notice'],
  privacyVersion: ['版本 {version}', 'Version {version}'],
  privacyEffective: ['自 {date} 起施行', 'In force since {date}'],
  backToForm: ['返回索赔表', 'Back to the claim form'],
  switchTo: ['English', '中文'],
} as const satisfies Record<string, readonly [string, string]>;

export type ConsentTextKey = keyof typeof TEXT;

export function ct(key: ConsentTextKey, lang: Lang, values: Record<string, string | number> = {}): string {
  const words: string = TEXT[key][lang === 'en' ? 1 : 0];
  return words.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
