import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import { assessStatutoryRemedies } from '../../../shared/domain/statutory/entitlements.js';
import type { StatutoryFacts } from '../../../shared/domain/statutory/remedy-facts.js';
import { DEFAULT_STATUTORY_RULES } from '../../../shared/domain/statutory/remedy-rules.js';
import { sh } from '../calendar/shanghai.js';
import { NOTHING_OWED, assess } from './facts.js';

/** Every line the assessment shows, in one language: entitlements, then facts needed, then rules ruled out. */
function lines(facts: Partial<StatutoryFacts>, reported: string, language: 'zh-CN' | 'en' = 'zh-CN') {
  const a = assess(facts, reported);
  return [...a.entitlements, ...a.factsNeeded, ...a.ruledOut].map((x) => x.words[language]);
}

describe('statutory entitlements (issue 24)', () => {
  it('owes nothing when every fact says no', () => {
    expect(assess({}, '2026-12-02 10:00')).toEqual({ entitlements: [], factsNeeded: [], ruledOut: [] });
  });

  describe('art. 24: goods not of the quality required', () => {
    const defect = { qualityDefect: true, receiptDate: '2026-12-01' };

    it('lets the customer return them on day 7 after receipt, with the reason and the source', () => {
      const [e] = assess(defect, '2026-12-08 23:59').entitlements;
      expect(e).toEqual({
        ruleCode: 'quality_return',
        name: { 'zh-CN': '质量问题退换修', en: 'Return, replacement or repair for quality' },
        choices: ['return', 'replace', 'repair'],
        reason: {
          'zh-CN': '商品不符合质量要求，收货后第 7 天，在 7 日内',
          en: 'The goods do not meet quality requirements; day 7 after receipt, within 7 days',
        },
        source: { 'zh-CN': '《消费者权益保护法》第二十四条', en: 'Consumer Rights Protection Law, art. 24' },
        words: {
          'zh-CN': '质量问题退换修：可选择退货、换货或维修',
          en: 'Return, replacement or repair for quality: the customer may choose return, replacement or repair',
        },
      });
    });

    it('from day 8 leaves replacement or repair where the conditions are met', () => {
      // 16:00 UTC on 8 Dec is already 9 Dec in Shanghai: day 8.
      const [e] = assessStatutoryRemedies(
        DEFAULT_STATUTORY_RULES,
        { ...NOTHING_OWED, ...defect },
        new Date('2026-12-08T16:00:00Z'),
      ).entitlements;
      expect(e?.choices).toEqual(['replace', 'repair']);
      expect(e?.reason).toEqual({
        'zh-CN': '商品不符合质量要求，收货后第 8 天，已过 7 日：符合法定解除合同条件的，可要求更换、修理',
        en: 'The goods do not meet quality requirements; day 8 after receipt, past 7 days: replacement or repair where the legal conditions for ending the contract are met',
      });
      expect(e?.words).toEqual({
        'zh-CN': '质量问题退换修：可选择换货或维修',
        en: 'Return, replacement or repair for quality: the customer may choose replacement or repair',
      });
    });

    it('words the day of receipt itself', () => {
      expect(assess(defect, '2026-12-01 09:00').entitlements[0]?.reason).toEqual({
        'zh-CN': '商品不符合质量要求，收货当天，在 7 日内',
        en: 'The goods do not meet quality requirements; the day of receipt, within 7 days',
      });
    });
  });

  describe('art. 25: return without reason of goods bought at a distance', () => {
    const online = { purchaseChannel: 'online', receiptDate: '2026-12-01' } as const;

    it('applies on day 7 after receipt', () => {
      const [e] = assess(online, '2026-12-08 10:00').entitlements;
      expect(e?.ruleCode).toBe('distance_return');
      expect(e?.choices).toEqual(['return']);
      expect(e?.reason).toEqual({
        'zh-CN': '网络购买，收货后第 7 天，在 7 日内，且不属于除外商品',
        en: 'Bought online; day 7 after receipt, within 7 days, and not goods the law excludes',
      });
      expect(e?.words).toEqual({
        'zh-CN': '七日无理由退货：可要求退货',
        en: 'Seven-day return without reason: the customer may ask for return',
      });
    });

    it('is ruled out on day 8, and says so', () => {
      const a = assess(online, '2026-12-09 10:00');
      expect(a.entitlements).toEqual([]);
      expect(a.ruledOut).toEqual([
        {
          ruleCode: 'distance_return',
          reason: { 'zh-CN': '收货后第 8 天，已过 7 日', en: 'day 8 after receipt, past 7 days' },
          source: {
            'zh-CN': '《消费者权益保护法》第二十五条',
            en: 'Consumer Rights Protection Law, art. 25',
          },
          words: {
            'zh-CN': '七日无理由退货不适用：收货后第 8 天，已过 7 日',
            en: 'Seven-day return without reason does not apply: day 8 after receipt, past 7 days',
          },
        },
      ]);
    });

    it('covers TV, phone and mail order, not goods bought in store', () => {
      expect(lines({ ...online, purchaseChannel: 'tv' }, '2026-12-02 10:00')).toEqual([
        '七日无理由退货：可要求退货',
      ]);
      expect(
        assess({ ...online, purchaseChannel: 'phone' }, '2026-12-02 10:00').entitlements[0]?.reason.en,
      ).toBe('Bought by phone; day 1 after receipt, within 7 days, and not goods the law excludes');
      expect(
        assess({ ...online, purchaseChannel: 'mail' }, '2026-12-02 10:00').entitlements[0]?.reason['zh-CN'],
      ).toBe('邮购，收货后第 1 天，在 7 日内，且不属于除外商品');
      expect(lines({ ...online, purchaseChannel: 'in_store' }, '2026-12-02 10:00')).toEqual([]);
    });

    it.each([
      ['made_to_order', '消费者定作的商品', 'made to order'],
      ['perishable', '鲜活易腐的商品', 'fresh or perishable'],
      ['digital_unsealed', '已在线下载或已拆封的数字化商品', 'digital goods downloaded or unsealed'],
      ['periodicals', '已交付的报纸、期刊', 'newspapers or periodicals delivered'],
      [
        'confirmed_non_returnable',
        '购买时经消费者确认不宜退货的商品',
        'confirmed by the customer at purchase as not returnable',
      ],
    ] as const)('is ruled out for goods %s, even on day 1', (exclusion, zh, en) => {
      const facts = { ...online, exclusions: [exclusion] };
      expect(lines(facts, '2026-12-02 10:00')).toEqual([`七日无理由退货不适用：${zh}`]);
      expect(lines(facts, '2026-12-02 10:00', 'en')).toEqual([
        `Seven-day return without reason does not apply: ${en}`,
      ]);
    });

    it('names every exclusion that applies, and none that the rule set no longer lists', () => {
      const facts: Partial<StatutoryFacts> = { ...online, exclusions: ['perishable', 'made_to_order'] };
      expect(lines(facts, '2026-12-02 10:00', 'en')).toEqual([
        'Seven-day return without reason does not apply: made to order and fresh or perishable',
      ]);
      const rules = {
        version: 2,
        rules: DEFAULT_STATUTORY_RULES.rules.map((r) =>
          r.code === 'distance_return'
            ? { ...r, params: { ...r.params, exclusions: ['made_to_order' as const] } }
            : r,
        ),
      };
      const a = assessStatutoryRemedies(
        rules,
        { ...NOTHING_OWED, ...online, exclusions: ['perishable'] },
        new Date(sh('2026-12-02 10:00')),
      );
      expect(a.entitlements.map((e) => e.ruleCode)).toEqual(['distance_return']);
    });
  });

  describe('art. 55(1): fraud', () => {
    it('owes three times the price: ¥199 × 3 = ¥597', () => {
      const [e] = assess({ fraudFound: true }, '2026-12-20 10:00').entitlements;
      expect(e).toEqual({
        ruleCode: 'fraud_compensation',
        name: { 'zh-CN': '退一赔三', en: 'Fraud compensation' },
        choices: ['refund', 'compensation'],
        amountFen: 597_00,
        amountKind: 'owed',
        reason: {
          'zh-CN': '经认定存在欺诈：除退还价款 ¥199.00 外，增加赔偿价款的 3 倍',
          en: 'Fraud was found: besides refunding the price of ¥199.00, an increased compensation of 3 times the price',
        },
        source: {
          'zh-CN': '《消费者权益保护法》第五十五条第一款',
          en: 'Consumer Rights Protection Law, art. 55(1)',
        },
        words: {
          'zh-CN': '退一赔三：¥597.00（3 × ¥199.00），不低于 ¥500.00 → ¥597.00',
          en: 'Fraud compensation: ¥597.00 (3 × ¥199.00), at least ¥500.00 → ¥597.00',
        },
      });
    });

    it('raises ¥166 × 3 = ¥498 to the minimum of ¥500', () => {
      const [e] = assess({ fraudFound: true, pricePaidFen: 166_00 }, '2026-12-20 10:00').entitlements;
      expect(e?.amountFen).toBe(500_00);
      expect(e?.words).toEqual({
        'zh-CN': '退一赔三：¥498.00（3 × ¥166.00），不低于 ¥500.00 → ¥500.00',
        en: 'Fraud compensation: ¥498.00 (3 × ¥166.00), at least ¥500.00 → ¥500.00',
      });
    });

    it('needs the price paid before it can count', () => {
      const a = assess({ fraudFound: true, pricePaidFen: undefined }, '2026-12-20 10:00');
      expect(a.entitlements).toEqual([]);
      expect(a.factsNeeded).toEqual([
        {
          ruleCode: 'fraud_compensation',
          missing: ['pricePaidFen'],
          words: {
            'zh-CN': '退一赔三：需先确认实付价款',
            en: 'Fraud compensation: needs the price paid before it can be decided',
          },
        },
      ]);
    });
  });

  describe('art. 55(2): knowingly defective goods causing death or serious harm', () => {
    it('allows punitive damages of up to twice the loss', () => {
      const [e] = assess(
        { knowinglyDefectiveSeriousHarm: true, lossFen: 12_345_00 },
        '2026-12-20 10:00',
      ).entitlements;
      expect([e?.amountFen, e?.amountKind, e?.choices]).toEqual([24_690_00, 'up_to', ['compensation']]);
      expect(e?.words).toEqual({
        'zh-CN': '惩罚性赔偿：最高 ¥24,690.00（2 × 损失 ¥12,345.00）',
        en: 'Punitive damages: up to ¥24,690.00 (2 × the loss of ¥12,345.00)',
      });
      expect(e?.source.en).toBe('Consumer Rights Protection Law, art. 55(2)');
    });

    it('needs the loss', () => {
      expect(lines({ knowinglyDefectiveSeriousHarm: true }, '2026-12-20 10:00', 'en')).toEqual([
        'Punitive damages: needs the loss before it can be decided',
      ]);
    });
  });

  describe('食品安全法 art. 148: food not meeting safety standards', () => {
    const unsafe = { isFood: true, foodBelowSafetyStandard: true, labellingFlawOnly: false };

    it('raises ¥80 × 10 = ¥800 to the minimum of ¥1,000, and says the loss is not assessed yet', () => {
      const [e] = assess({ ...unsafe, pricePaidFen: 80_00 }, '2026-12-20 10:00').entitlements;
      expect([e?.ruleCode, e?.amountFen, e?.amountKind]).toEqual(['food_safety', 1_000_00, 'owed']);
      expect(e?.words).toEqual({
        'zh-CN': '食品安全惩罚性赔偿：¥800.00（10 × ¥80.00），不低于 ¥1,000.00 → ¥1,000.00',
        en: 'Food safety compensation: ¥800.00 (10 × ¥80.00), at least ¥1,000.00 → ¥1,000.00',
      });
      expect(e?.reason).toEqual({
        'zh-CN':
          '食品不符合食品安全标准：除赔偿损失外，可要求价款 10 倍或损失 3 倍的赔偿金（损失尚未评估，按价款计算）',
        en: 'The food does not meet food safety standards: besides compensating the loss, 10 times the price or 3 times the loss (the loss is not assessed yet, so counted on the price)',
      });
      expect(e?.source).toEqual({
        'zh-CN': '《食品安全法》第一百四十八条第二款',
        en: 'Food Safety Law, art. 148(2)',
      });
    });

    it('takes three times the loss when that is higher', () => {
      const [e] = assess(
        { ...unsafe, pricePaidFen: 80_00, lossFen: 500_00 },
        '2026-12-20 10:00',
      ).entitlements;
      expect(e?.amountFen).toBe(1_500_00);
      expect(e?.words).toEqual({
        'zh-CN':
          '食品安全惩罚性赔偿：¥800.00（10 × ¥80.00）与 ¥1,500.00（3 × 损失 ¥500.00）取高者，不低于 ¥1,000.00 → ¥1,500.00',
        en: 'Food safety compensation: the higher of ¥800.00 (10 × ¥80.00) and ¥1,500.00 (3 × the loss of ¥500.00), at least ¥1,000.00 → ¥1,500.00',
      });
    });

    it('is ruled out for a labelling flaw that neither affects safety nor misleads', () => {
      expect(lines({ ...unsafe, labellingFlawOnly: true }, '2026-12-20 10:00')).toEqual([
        '食品安全惩罚性赔偿不适用：仅为不影响食品安全且不会对消费者造成误导的标签、说明书瑕疵',
      ]);
      expect(lines({ ...unsafe, labellingFlawOnly: true }, '2026-12-20 10:00', 'en')).toEqual([
        'Food safety compensation does not apply: the only flaw is in the label or instructions, and it neither affects food safety nor misleads',
      ]);
    });

    it('does not apply to food that meets the standards, and asks whether the flaw is only the label', () => {
      expect(lines({ ...unsafe, foodBelowSafetyStandard: false }, '2026-12-20 10:00')).toEqual([]);
      expect(lines({ ...unsafe, labellingFlawOnly: undefined }, '2026-12-20 10:00')).toEqual([
        '食品安全惩罚性赔偿：需先确认是否仅为标签瑕疵',
      ]);
    });
  });

  describe('三包: covered products with a performance failure, counted from the sale', () => {
    const covered = {
      threeGuaranteesCovered: true,
      qualityDefect: true,
      purchaseDate: '2026-11-01',
      receiptDate: '2026-11-01',
    };
    const shown = (facts: Partial<StatutoryFacts>, reported: string) =>
      assess({ ...covered, ...facts }, reported).entitlements.filter(
        (e) => e.ruleCode === 'three_guarantees',
      );

    it('day 7: return, replacement or repair at the customer’s choice', () => {
      const [e] = shown({}, '2026-11-08 10:00');
      expect(e?.choices).toEqual(['return', 'replace', 'repair']);
      expect(e?.reason).toEqual({
        'zh-CN': '三包商品发生性能故障，售出后第 7 天，在 7 日内',
        en: 'A performance failure of a covered product; day 7 after sale, within 7 days',
      });
      expect(e?.words).toEqual({
        'zh-CN': '三包：可选择退货、换货或维修',
        en: 'Repair, replacement and return guarantee: the customer may choose return, replacement or repair',
      });
      expect(e?.source).toEqual({
        'zh-CN': '《部分商品修理更换退货责任规定》第九条、第十条、第十一条',
        en: 'Provisions on the Liability for Repair, Replacement and Return of Certain Goods, arts. 9, 10 and 11',
      });
    });

    it('day 8 and day 15: replacement or repair', () => {
      for (const reported of ['2026-11-09 10:00', '2026-11-16 10:00']) {
        const [e] = shown({}, reported);
        expect(e?.choices).toEqual(['replace', 'repair']);
        expect(e?.words['zh-CN']).toBe('三包：可选择换货或维修');
      }
      expect(shown({}, '2026-11-16 10:00')[0]?.reason['zh-CN']).toBe(
        '三包商品发生性能故障，售出后第 15 天，在 15 日内',
      );
    });

    it('day 16: repair within the warranty, which it needs to know first', () => {
      expect(lines(covered, '2026-11-17 10:00')).toContain('三包：需先确认三包有效期');
      const [e] = shown({ warrantyEndsOn: '2027-10-31', failedRepairsInWarranty: 1 }, '2026-11-17 10:00');
      expect(e?.choices).toEqual(['repair']);
      expect(e?.reason).toEqual({
        'zh-CN': '三包商品发生性能故障，在三包有效期内（至 2027年10月31日）',
        en: 'A performance failure of a covered product; within the warranty (until 31 Oct 2027)',
      });
      expect(e?.words).toEqual({
        'zh-CN': '三包：可要求维修',
        en: 'Repair, replacement and return guarantee: the customer may ask for repair',
      });
      expect(lines({ ...covered, warrantyEndsOn: '2027-10-31' }, '2026-11-17 10:00', 'en')).toContain(
        'Repair, replacement and return guarantee: needs the repairs within the warranty before it can be decided',
      );
    });

    it('after two failed repairs within the warranty: replacement or return', () => {
      const [e] = shown({ warrantyEndsOn: '2027-10-31', failedRepairsInWarranty: 2 }, '2027-10-31 10:00');
      expect(e?.choices).toEqual(['replace', 'return']);
      expect(e?.reason.en).toBe(
        'A performance failure of a covered product; still not working after 2 repairs within the warranty',
      );
      expect(e?.words.en).toBe(
        'Repair, replacement and return guarantee: the customer may choose replacement or return',
      );
    });

    it('is ruled out once the warranty has ended, and does not apply to products it does not cover', () => {
      const a = assess(
        { ...covered, warrantyEndsOn: '2027-10-31', failedRepairsInWarranty: 2 },
        '2027-11-01 10:00',
      );
      expect(a.ruledOut.map((r) => r.words)).toEqual([
        {
          'zh-CN': '三包不适用：三包有效期已于 2027年10月31日届满',
          en: 'Repair, replacement and return guarantee does not apply: the warranty ended on 31 Oct 2027',
        },
      ]);
      expect(shown({ threeGuaranteesCovered: false }, '2026-11-02 10:00')).toEqual([]);
    });
  });

  describe('facts not known yet', () => {
    it('makes each rule say what it needs instead of guessing, starting with the purchase date', () => {
      const a = assessStatutoryRemedies(DEFAULT_STATUTORY_RULES, {}, new Date(sh('2026-12-08 10:00')));
      expect(a.entitlements).toEqual([]);
      expect(a.factsNeeded.map((n) => [n.ruleCode, n.missing])).toEqual([
        ['quality_return', ['purchaseDate', 'qualityDefect', 'receiptDate']],
        ['distance_return', ['purchaseDate', 'purchaseChannel', 'receiptDate', 'exclusions']],
        ['fraud_compensation', ['purchaseDate', 'fraudFound', 'pricePaidFen']],
        ['harm_punitive', ['purchaseDate', 'knowinglyDefectiveSeriousHarm', 'lossFen']],
        [
          'food_safety',
          ['purchaseDate', 'isFood', 'foodBelowSafetyStandard', 'labellingFlawOnly', 'pricePaidFen'],
        ],
        ['three_guarantees', ['purchaseDate', 'threeGuaranteesCovered', 'qualityDefect']],
      ]);
      expect(a.factsNeeded[1]?.words).toEqual({
        'zh-CN': '七日无理由退货：需先确认购买日期、购买渠道、收货日期和是否属于不适用无理由退货的商品',
        en: 'Seven-day return without reason: needs the purchase date, the purchase channel, the receipt date and whether an exclusion applies before it can be decided',
      });
    });

    it('decides nothing without the purchase date, even when the other facts would', () => {
      const a = assess({ purchaseDate: undefined, fraudFound: true }, '2026-12-20 10:00');
      expect(a.entitlements).toEqual([]);
      expect(a.factsNeeded.map((n) => n.words['zh-CN'])).toEqual(['退一赔三：需先确认购买日期']);
    });

    it('leaves out a rule the facts already rule out, and asks only for the facts still open', () => {
      expect(lines({ purchaseChannel: undefined, receiptDate: undefined }, '2026-12-20 10:00')).toEqual([
        '七日无理由退货：需先确认购买渠道和收货日期',
      ]);
    });

    it('refuses a receipt date after the report date', () => {
      expect(() => assess({ qualityDefect: true, receiptDate: '2026-12-09' }, '2026-12-08 10:00')).toThrow(
        ValidationError,
      );
    });
  });
});
