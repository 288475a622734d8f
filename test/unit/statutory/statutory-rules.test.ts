import { describe, expect, it } from 'vitest';
import { assessStatutoryRemedies } from '../../../shared/domain/statutory/entitlements.js';
import { StatutoryFactsSchema } from '../../../shared/domain/statutory/remedy-facts.js';
import {
  DEFAULT_STATUTORY_RULES,
  StatutoryRuleSetSchema,
  ruleInForce,
  type StatutoryRule,
} from '../../../shared/domain/statutory/remedy-rules.js';
import { sh } from '../calendar/shanghai.js';

const fraudRule = DEFAULT_STATUTORY_RULES.rules.find((r) => r.code === 'fraud_compensation');
/** An admin's later entry for art. 55(1), as if the law raised the minimum to ¥600 from 2027. */
const raised: StatutoryRule | undefined = fraudRule && {
  ...fraudRule,
  effectiveFrom: '2027-01-01',
  params: { priceMultiplier: 3, minimumFen: 600_00 },
};

describe('the statutory rule set is policy data', () => {
  it('ships the defaults of issue 24, each sourced and dated, and they pass their own schema', () => {
    expect(StatutoryRuleSetSchema.parse(DEFAULT_STATUTORY_RULES)).toEqual(DEFAULT_STATUTORY_RULES);
    expect(
      DEFAULT_STATUTORY_RULES.rules.map((r) => [
        r.code,
        r.source.law['zh-CN'],
        r.source.article['zh-CN'],
        r.effectiveFrom,
      ]),
    ).toEqual([
      ['quality_return', '消费者权益保护法', '第二十四条', '2014-03-15'],
      ['distance_return', '消费者权益保护法', '第二十五条', '2014-03-15'],
      ['fraud_compensation', '消费者权益保护法', '第五十五条第一款', '2014-03-15'],
      ['harm_punitive', '消费者权益保护法', '第五十五条第二款', '2014-03-15'],
      ['food_safety', '食品安全法', '第一百四十八条第二款', '2015-10-01'],
      ['three_guarantees', '部分商品修理更换退货责任规定', '第九条、第十条、第十一条', '1995-08-25'],
    ]);
  });

  it('refuses a rule without its English name, a fractional multiplier, periods out of order and a code twice on one date', () => {
    const [first] = DEFAULT_STATUTORY_RULES.rules;
    const noEnglish = { ...first, name: { 'zh-CN': '质量问题退换修', en: ' ' } };
    expect(StatutoryRuleSetSchema.safeParse({ version: 2, rules: [noEnglish] }).success).toBe(false);
    const fractional = { ...fraudRule, params: { priceMultiplier: 2.5, minimumFen: 500_00 } };
    expect(StatutoryRuleSetSchema.safeParse({ version: 2, rules: [fractional] }).success).toBe(false);
    const sanbao = DEFAULT_STATUTORY_RULES.rules.find((r) => r.code === 'three_guarantees');
    const shorter = { ...sanbao, params: { returnDays: 7, replaceDays: 6, repairsBeforeReplacement: 2 } };
    expect(
      StatutoryRuleSetSchema.safeParse({ version: 2, rules: [shorter] }).error?.issues.map((i) => i.message),
    ).toEqual(['the replacement period cannot be shorter than the return period']);
    const twice = StatutoryRuleSetSchema.safeParse({ version: 2, rules: [fraudRule, fraudRule] });
    expect(twice.error?.issues.map((i) => i.message)).toEqual([
      'a rule code is listed twice with the same date of effect',
    ]);
  });

  it('applies the version of a rule in force on the purchase date, so a change of the law is not retroactive', () => {
    const rules = { version: 2, rules: [...DEFAULT_STATUTORY_RULES.rules, ...(raised ? [raised] : [])] };
    expect(StatutoryRuleSetSchema.safeParse(rules).success).toBe(true);
    expect(ruleInForce(rules, 'fraud_compensation', '2026-12-31')?.params.minimumFen).toBe(500_00);
    expect(ruleInForce(rules, 'fraud_compensation', '2027-01-01')?.params.minimumFen).toBe(600_00);
    expect(ruleInForce(rules, 'fraud_compensation', '2014-03-14')).toBeUndefined();
    const facts = { purchaseDate: '2026-12-31', pricePaidFen: 166_00, fraudFound: true };
    const words = (purchaseDate: string) =>
      assessStatutoryRemedies(rules, { ...facts, purchaseDate }, new Date(sh('2027-01-05 10:00')))
        .entitlements.filter((e) => e.ruleCode === 'fraud_compensation')
        .map((e) => e.words['zh-CN']);
    expect(words('2026-12-31')).toEqual(['退一赔三：¥498.00（3 × ¥166.00），不低于 ¥500.00 → ¥500.00']);
    expect(words('2027-01-01')).toEqual(['退一赔三：¥498.00（3 × ¥166.00），不低于 ¥600.00 → ¥600.00']);
    // Bought before the 2013 amendment took effect: the rule set has no version of art. 55(1) for it.
    expect(words('2014-03-14')).toEqual([]);
  });
});

describe('the facts the rules read', () => {
  it('accepts facts partly unknown, and refuses goods received before they were bought or unknown fields', () => {
    expect(StatutoryFactsSchema.parse({})).toEqual({});
    expect(
      StatutoryFactsSchema.safeParse({ purchaseChannel: 'tv', exclusions: ['perishable'] }).success,
    ).toBe(true);
    const early = StatutoryFactsSchema.safeParse({ purchaseDate: '2026-12-02', receiptDate: '2026-12-01' });
    expect(early.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['receiptDate', 'the goods cannot be received before they were bought'],
    ]);
    expect(StatutoryFactsSchema.safeParse({ priceFen: 100 }).success).toBe(false);
    expect(StatutoryFactsSchema.safeParse({ pricePaidFen: 1.5 }).success).toBe(false);
    // A hundredfold multiple of the largest amount must stay an exact integer.
    expect(StatutoryFactsSchema.safeParse({ lossFen: 10_000_000_000_000 }).success).toBe(true);
    expect(StatutoryFactsSchema.safeParse({ lossFen: 10_000_000_000_001 }).success).toBe(false);
    expect(StatutoryFactsSchema.safeParse({ purchaseChannel: 'market' }).success).toBe(false);
  });
});
