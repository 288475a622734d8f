import type { Language } from '../categories.js';
import { REMEDY_LABELS, type Words } from '../labels.js';
import type { PurchaseChannel, StatutoryFactName } from './remedy-facts.js';
import type { DistanceSaleExclusion, RuleSource } from './remedy-rules.js';

/** Words of the statutory remedies (issue 24), [zh-CN, en] like labels.ts, and the phrases they are built from. */
export type LocalizedText = Readonly<Record<Language, string>>;

/** What the law lets the customer choose. */
export const STATUTORY_CHOICES = ['return', 'replace', 'repair', 'refund', 'compensation'] as const;
export type StatutoryChoice = (typeof STATUTORY_CHOICES)[number];

/** The remedies' words where labels.ts has them, so a choice reads as the plan types read on the console. */
export const CHOICE_LABELS: Readonly<Record<StatutoryChoice, Words>> = {
  return: ['退货', 'Return'],
  replace: REMEDY_LABELS.replacement,
  repair: REMEDY_LABELS.repair,
  refund: REMEDY_LABELS.refund,
  compensation: REMEDY_LABELS.compensation,
};

/** A label inside a sentence: English lower-cased ("Repair" → "repair"). */
export function inSentence(words: Words): Words {
  return [words[0], words[1].toLowerCase()];
}

export const PURCHASE_CHANNEL_LABELS: Readonly<Record<PurchaseChannel, Words>> = {
  online: ['网络购买', 'Bought online'],
  tv: ['电视购物', 'Bought through TV shopping'],
  phone: ['电话购物', 'Bought by phone'],
  mail: ['邮购', 'Bought by mail order'],
  in_store: ['到店购买', 'Bought in store'],
};

export const EXCLUSION_LABELS: Readonly<Record<DistanceSaleExclusion, Words>> = {
  made_to_order: ['消费者定作的商品', 'made to order'],
  perishable: ['鲜活易腐的商品', 'fresh or perishable'],
  digital_unsealed: ['已在线下载或已拆封的数字化商品', 'digital goods downloaded or unsealed'],
  periodicals: ['已交付的报纸、期刊', 'newspapers or periodicals delivered'],
  confirmed_non_returnable: [
    '购买时经消费者确认不宜退货的商品',
    'confirmed by the customer at purchase as not returnable',
  ],
};

export const FACT_LABELS: Readonly<Record<StatutoryFactName, Words>> = {
  purchaseChannel: ['购买渠道', 'the purchase channel'],
  purchaseDate: ['购买日期', 'the purchase date'],
  receiptDate: ['收货日期', 'the receipt date'],
  pricePaidFen: ['实付价款', 'the price paid'],
  qualityDefect: ['是否存在质量问题', 'whether there is a quality defect'],
  isFood: ['是否为食品', 'whether the product is food'],
  foodBelowSafetyStandard: ['是否不符合食品安全标准', 'whether the food fails the safety standards'],
  labellingFlawOnly: ['是否仅为标签瑕疵', 'whether the flaw is only in the labelling'],
  threeGuaranteesCovered: ['是否属于三包商品', 'whether the product is covered by the guarantee'],
  warrantyEndsOn: ['三包有效期', 'the warranty end date'],
  failedRepairsInWarranty: ['保修期内修理次数', 'the repairs within the warranty'],
  exclusions: ['是否属于不适用无理由退货的商品', 'whether an exclusion applies'],
  fraudFound: ['是否存在欺诈', 'whether there was fraud'],
  knowinglyDefectiveSeriousHarm: [
    '是否明知缺陷并造成死亡或健康严重损害',
    'whether known defects caused death or serious harm',
  ],
  lossFen: ['损失金额', 'the loss'],
};

/** "a、b或c" / "a, b or c", in each language. */
export function listWords(items: readonly Words[], joiner: Words = ['或', 'or']): LocalizedText {
  const join = (phrases: readonly string[], comma: string, last: string): string =>
    phrases.length <= 1
      ? phrases.join('')
      : `${phrases.slice(0, -1).join(comma)}${last}${phrases.at(-1) ?? ''}`;
  return {
    'zh-CN': join(
      items.map((w) => w[0]),
      '、',
      joiner[0],
    ),
    en: join(
      items.map((w) => w[1]),
      ', ',
      ` ${joiner[1]} `,
    ),
  };
}

/** "《消费者权益保护法》第二十五条" / "Consumer Rights Protection Law, art. 25". */
export function sourceWords(source: RuleSource): LocalizedText {
  return {
    'zh-CN': `《${source.law['zh-CN']}》${source.article['zh-CN']}`,
    en: `${source.law.en}, ${source.article.en}`,
  };
}

/** "收货后第 7 天" / "day 7 after receipt"; the day itself is "收货当天" / "the day of receipt". */
export function dayWords(days: number, since: 'receipt' | 'sale'): LocalizedText {
  const [zh, en] = since === 'receipt' ? ['收货', 'receipt'] : ['售出', 'sale'];
  return days === 0
    ? { 'zh-CN': `${zh}当天`, en: `the day of ${en}` }
    : { 'zh-CN': `${zh}后第 ${days} 天`, en: `day ${days} after ${en}` };
}
