import * as z from '../zod.js';
import type { Language } from './categories.js';
import { LocalizedTextSchema } from './privacy-notice.js';
import { formatInstant } from './shanghai-time.js';

/**
 * Saved replies (issue 17, "macros"): texts an agent picks in the reply box instead of typing the same
 * answer again, with the claim's values filled in, in the claim's language. Kept in the runtime policy, so a
 * company words its own; the defaults follow the seeds' tone (answer promptly, apologise, ask for proof).
 */

/** What a saved reply may name, `{name}` in its text: the customer, the claim, the product, the promise. */
export const REPLY_PLACEHOLDERS = ['name', 'number', 'product', 'replyBy'] as const;
export type ReplyPlaceholder = (typeof REPLY_PLACEHOLDERS)[number];

/** Each placeholder as a Chinese text names it, `{客户姓名}`; either form fills the same value. */
export const REPLY_PLACEHOLDER_NAMES: Readonly<Record<ReplyPlaceholder, Readonly<Record<Language, string>>>> =
  {
    name: { 'zh-CN': '客户姓名', en: 'name' },
    number: { 'zh-CN': '索赔编号', en: 'number' },
    product: { 'zh-CN': '产品', en: 'product' },
    replyBy: { 'zh-CN': '答复期限', en: 'replyBy' },
  };

/** The placeholders as an admin writes them in one language: "{客户姓名}、{索赔编号}…" / "{name}, {number}…". */
export function placeholderList(language: Language): string {
  return REPLY_PLACEHOLDERS.map((p) => `{${REPLY_PLACEHOLDER_NAMES[p][language]}}`).join(
    language === 'en' ? ', ' : '、',
  );
}
export type ReplyValues = Readonly<Record<ReplyPlaceholder, string>>;

export const ReplyTemplateSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/)),
  title: LocalizedTextSchema(40),
  body: LocalizedTextSchema(1000),
});
export type ReplyTemplate = z.infer<typeof ReplyTemplateSchema>;

export const DEFAULT_REPLY_TEMPLATES: readonly ReplyTemplate[] = [
  {
    id: 'received',
    title: { 'zh-CN': '已收到，正在核实', en: 'Received, checking' },
    body: {
      'zh-CN':
        '{客户姓名}您好：您关于{产品}的索赔（{索赔编号}）我们已经收到，正在核实情况，将{答复期限}给您答复。如有补充材料，可直接回复或在查询页面上传。',
      en: 'Dear {name}, we have your claim {number} about {product} and are looking into it; we will answer {replyBy}. If you have more to add, reply or upload it on your tracking page.',
    },
  },
  {
    id: 'progress',
    title: { 'zh-CN': '处理进度', en: 'Progress update' },
    body: {
      'zh-CN':
        '{客户姓名}您好：关于索赔 {索赔编号}，我们已完成初步核实，正在与相关部门确认处理方案，有进展会第一时间通知您。感谢您的耐心。',
      en: 'Dear {name}, about claim {number}: we have checked the first facts and are agreeing a resolution with the department concerned. We will tell you as soon as there is news. Thank you for your patience.',
    },
  },
  {
    id: 'material',
    title: { 'zh-CN': '请补充材料', en: 'Please send proof' },
    body: {
      'zh-CN':
        '{客户姓名}您好：为尽快处理索赔 {索赔编号}，请在查询页面上传购买凭证和问题照片。收到后我们会立即继续处理。',
      en: 'Dear {name}, to settle claim {number} quickly, please upload the proof of purchase and photos of the problem on your tracking page. We carry on as soon as they arrive.',
    },
  },
  {
    id: 'apology',
    title: { 'zh-CN': '致歉', en: 'Apology' },
    body: {
      'zh-CN':
        '{客户姓名}您好：{产品}给您带来的不便，我们深表歉意。索赔 {索赔编号} 已由专人跟进，我们会尽快给您满意的答复。',
      en: 'Dear {name}, we are sorry for the trouble {product} has caused you. Claim {number} is in the hands of one person who will see it through, and we will answer you as soon as we can.',
    },
  },
];

const PLACEHOLDER = /\{([^{}\s]{1,20})\}/g;

/** The placeholder a `{…}` name stands for, by its code or its Chinese name; undefined for anything else. */
function placeholderOf(name: string): ReplyPlaceholder | undefined {
  return REPLY_PLACEHOLDERS.find((p) => p === name || REPLY_PLACEHOLDER_NAMES[p]['zh-CN'] === name);
}

/** The `{…}` names in a text that are not placeholders (the policy refuses them, in words). */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((n) => placeholderOf(n) === undefined);
}

/** The saved reply in one language with the claim's values in place of its placeholders. */
export function fillReply(template: ReplyTemplate, language: Language, values: ReplyValues): string {
  return template.body[language].replace(PLACEHOLDER, (whole, name: string) => {
    const placeholder = placeholderOf(name);
    return placeholder === undefined ? whole : values[placeholder];
  });
}

/**
 * A claim's values for its saved replies: `replyBy` is the promise of the running clock due first ("在
 * 2026年12月9日 18:00 前" / "by 9 Dec 2026, 18:00"), or "尽快" / "as soon as possible" when none runs.
 */
export function replyValues(
  claim: {
    readonly number: string;
    readonly claimant: { readonly name: string };
    readonly product: { readonly name: string };
    readonly clocks?:
      Readonly<Record<string, { readonly state: string; readonly dueAt: string }>> | undefined;
  },
  language: Language,
): ReplyValues {
  const due = Object.values(claim.clocks ?? {})
    .filter((c) => c.state === 'running')
    .map((c) => c.dueAt)
    .sort()[0];
  const replyBy =
    due === undefined
      ? language === 'en'
        ? 'as soon as possible'
        : '尽快'
      : language === 'en'
        ? `by ${formatInstant(due, 'en')}`
        : `在 ${formatInstant(due, 'zh-CN')} 前`;
  return { name: claim.claimant.name, number: claim.number, product: claim.product.name, replyBy };
}
