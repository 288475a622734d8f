import * as z from '../../zod.js';
import { FenSchema } from '../money.js';

/**
 * Statutory remedy rules (issue 24) as policy data: what Chinese consumer law already owes a customer,
 * each rule with its source (law, article) and the date it took effect, and its figures as parameters so
 * an admin can change them when the law changes. A change of the law is a new entry for the same code with
 * a later `effectiveFrom`: purchases made before it keep the rule they were made under.
 * Guidance for staff and legal, not legal advice (docs/statutory-remedies.md).
 */
const IsoDate = z.iso.date();
const RuleText = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));

/** The same words in each language; both are required, so no rule is shown half-translated. */
export const LocalizedTextSchema = z.strictObject({ 'zh-CN': RuleText, en: RuleText });

export const RuleSourceSchema = z.strictObject({
  /** The law or regulation, e.g. 消费者权益保护法 / Consumer Rights Protection Law. */
  law: LocalizedTextSchema,
  /** The article (and paragraph) cited, e.g. 第五十五条第一款 / art. 55(1). */
  article: LocalizedTextSchema,
});
export type RuleSource = z.infer<typeof RuleSourceSchema>;

const Days = z.int().check(z.gte(1), z.lte(3650));
/** Whole multiples only, so amounts stay exact integer fen. */
const Multiplier = z.int().check(z.gte(1), z.lte(100));

/** 消费者权益保护法 art. 25: goods not returnable without reason even when bought at a distance. */
export const DISTANCE_SALE_EXCLUSIONS = [
  'made_to_order', // 消费者定作的
  'perishable', // 鲜活易腐的
  'digital_unsealed', // 在线下载或者消费者拆封的音像制品、计算机软件等数字化商品
  'periodicals', // 交付的报纸、期刊
  'confirmed_non_returnable', // 经消费者在购买时确认不宜退货的
] as const;
export const DistanceSaleExclusionSchema = z.enum(DISTANCE_SALE_EXCLUSIONS);
export type DistanceSaleExclusion = z.infer<typeof DistanceSaleExclusionSchema>;

/** One rule's schema: its code, the fields every rule has, and its own parameters. */
function ruleSchema<const C extends string, P extends z.core.$ZodLooseShape>(code: C, params: P) {
  return z.strictObject({
    code: z.literal(code),
    name: LocalizedTextSchema,
    source: RuleSourceSchema,
    /** The first purchase date the rule applies to (the law's date of effect). */
    effectiveFrom: IsoDate,
    /** False: an admin switched the rule off; it decides nothing and is not shown. Absent: on. */
    enabled: z.optional(z.boolean()),
    params: z.strictObject(params),
  });
}

/** Art. 24: quality not as required: return within `returnDays` of receipt; later, replacement or repair. */
const QualityReturnRuleSchema = ruleSchema('quality_return', { returnDays: Days });

/** Art. 25: bought online, by TV, phone or mail: return without reason within `returnDays` of receipt. */
const DistanceReturnRuleSchema = ruleSchema('distance_return', {
  returnDays: Days,
  /** The kinds of goods the return without reason does not cover. */
  exclusions: z.array(DistanceSaleExclusionSchema),
});

/** Art. 55(1): fraud: an increased compensation of `priceMultiplier` × the price, at least `minimumFen`. */
const FraudCompensationRuleSchema = ruleSchema('fraud_compensation', {
  priceMultiplier: Multiplier,
  minimumFen: FenSchema,
});

/** Art. 55(2): knowingly defective goods causing death or serious harm: up to `lossMultiplier` × the loss. */
const HarmPunitiveRuleSchema = ruleSchema('harm_punitive', { lossMultiplier: Multiplier });

/** 食品安全法 art. 148: unsafe food: besides the loss, 10× the price or 3× the loss, at least `minimumFen`. */
const FoodSafetyRuleSchema = ruleSchema('food_safety', {
  priceMultiplier: Multiplier,
  lossMultiplier: Multiplier,
  minimumFen: FenSchema,
});

/**
 * 三包 (部分商品修理更换退货责任规定), for covered products with a performance failure, counted from the sale:
 * within `returnDays` return, replacement or repair; within `replaceDays` replacement or repair; within the
 * warranty repair, and replacement or return once `repairsBeforeReplacement` repairs have not fixed it.
 */
const ThreeGuaranteesRuleSchema = ruleSchema('three_guarantees', {
  returnDays: Days,
  replaceDays: Days,
  repairsBeforeReplacement: z.int().check(z.gte(1)),
}).check(
  z.refine((r) => r.params.replaceDays >= r.params.returnDays, {
    message: 'the replacement period cannot be shorter than the return period',
    path: ['params', 'replaceDays'],
  }),
);

export const StatutoryRuleSchema = z.discriminatedUnion('code', [
  QualityReturnRuleSchema,
  DistanceReturnRuleSchema,
  FraudCompensationRuleSchema,
  HarmPunitiveRuleSchema,
  FoodSafetyRuleSchema,
  ThreeGuaranteesRuleSchema,
]);
export type StatutoryRule = z.infer<typeof StatutoryRuleSchema>;
export type StatutoryRuleCode = StatutoryRule['code'];
export type RuleOf<C extends StatutoryRuleCode> = Extract<StatutoryRule, { code: C }>;

/** The rule set as saved: numbered versions (each admin save one more), rules by code and date of effect. */
export const StatutoryRuleSetSchema = z.strictObject({
  version: z.int().check(z.gte(1)),
  rules: z.array(StatutoryRuleSchema).check(
    z.refine((rules) => new Set(rules.map((r) => `${r.code}@${r.effectiveFrom}`)).size === rules.length, {
      message: 'a rule code is listed twice with the same date of effect',
    }),
  ),
});
export type StatutoryRuleSet = z.infer<typeof StatutoryRuleSetSchema>;

/** Whether an admin left the rule on (absent means on). */
export function ruleEnabled(rule: Pick<StatutoryRule, 'enabled'>): boolean {
  return rule.enabled !== false;
}

/**
 * The rule set of `after` numbered against `before`: one more when any rule changed, else the same number,
 * whatever the saved document said (an admin edits the rules, the version follows).
 */
export function nextRuleSetVersion(before: StatutoryRuleSet, after: StatutoryRuleSet): StatutoryRuleSet {
  const changed = JSON.stringify(before.rules) !== JSON.stringify(after.rules);
  return { ...after, version: changed ? before.version + 1 : before.version };
}

/**
 * The entry of `code` in force on `onDate` (YYYY-MM-DD): the latest whose `effectiveFrom` is not after it;
 * undefined when the rule set has none (the law did not yet apply, or an admin removed the rule).
 */
export function ruleInForce<C extends StatutoryRuleCode>(
  ruleSet: StatutoryRuleSet,
  code: C,
  onDate: string,
): RuleOf<C> | undefined {
  const isCode = (r: StatutoryRule): r is RuleOf<C> => r.code === code;
  return ruleSet.rules
    .filter(isCode)
    .filter((r) => r.effectiveFrom <= onDate)
    .reduce<RuleOf<C> | undefined>(
      (latest, r) => (latest && latest.effectiveFrom > r.effectiveFrom ? latest : r),
      undefined,
    );
}

const CONSUMER_LAW = { 'zh-CN': '消费者权益保护法', en: 'Consumer Rights Protection Law' };
const FOOD_SAFETY_LAW = { 'zh-CN': '食品安全法', en: 'Food Safety Law' };
const THREE_GUARANTEES = {
  'zh-CN': '部分商品修理更换退货责任规定',
  en: 'Provisions on the Liability for Repair, Replacement and Return of Certain Goods',
};
/** The 2013 amendment of the consumer law (articles 24, 25 and 55 as numbered now) took effect then. */
const CONSUMER_LAW_2014 = '2014-03-15';

/** The shipped rule set: version 1, the law as it stands (dates and articles in docs/statutory-remedies.md). */
export const DEFAULT_STATUTORY_RULES: StatutoryRuleSet = {
  version: 1,
  rules: [
    {
      code: 'quality_return',
      name: { 'zh-CN': '质量问题退换修', en: 'Return, replacement or repair for quality' },
      source: { law: CONSUMER_LAW, article: { 'zh-CN': '第二十四条', en: 'art. 24' } },
      effectiveFrom: CONSUMER_LAW_2014,
      params: { returnDays: 7 },
    },
    {
      code: 'distance_return',
      name: { 'zh-CN': '七日无理由退货', en: 'Seven-day return without reason' },
      source: { law: CONSUMER_LAW, article: { 'zh-CN': '第二十五条', en: 'art. 25' } },
      effectiveFrom: CONSUMER_LAW_2014,
      params: { returnDays: 7, exclusions: [...DISTANCE_SALE_EXCLUSIONS] },
    },
    {
      code: 'fraud_compensation',
      name: { 'zh-CN': '退一赔三', en: 'Fraud compensation' },
      source: { law: CONSUMER_LAW, article: { 'zh-CN': '第五十五条第一款', en: 'art. 55(1)' } },
      effectiveFrom: CONSUMER_LAW_2014,
      params: { priceMultiplier: 3, minimumFen: 500_00 },
    },
    {
      code: 'harm_punitive',
      name: { 'zh-CN': '惩罚性赔偿', en: 'Punitive damages' },
      source: { law: CONSUMER_LAW, article: { 'zh-CN': '第五十五条第二款', en: 'art. 55(2)' } },
      effectiveFrom: CONSUMER_LAW_2014,
      params: { lossMultiplier: 2 },
    },
    {
      code: 'food_safety',
      name: { 'zh-CN': '食品安全惩罚性赔偿', en: 'Food safety compensation' },
      source: { law: FOOD_SAFETY_LAW, article: { 'zh-CN': '第一百四十八条第二款', en: 'art. 148(2)' } },
      effectiveFrom: '2015-10-01',
      params: { priceMultiplier: 10, lossMultiplier: 3, minimumFen: 1_000_00 },
    },
    {
      code: 'three_guarantees',
      name: { 'zh-CN': '三包', en: 'Repair, replacement and return guarantee' },
      source: {
        law: THREE_GUARANTEES,
        article: { 'zh-CN': '第九条、第十条、第十一条', en: 'arts. 9, 10 and 11' },
      },
      effectiveFrom: '1995-08-25',
      params: { returnDays: 7, replaceDays: 15, repairsBeforeReplacement: 2 },
    },
  ],
};
