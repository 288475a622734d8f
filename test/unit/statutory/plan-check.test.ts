import { describe, expect, it } from 'vitest';
import type { ResolutionPlan } from '../../../shared/domain/resolution.js';
import { checkPlanAgainstStatute } from '../../../shared/domain/statutory/plan-check.js';
import type { StatutoryFacts } from '../../../shared/domain/statutory/remedy-facts.js';
import { assess } from './facts.js';

function entitlements(facts: Partial<StatutoryFacts>, reported = '2026-12-05 10:00') {
  return assess(facts, reported).entitlements;
}

function flags(
  plan: Pick<ResolutionPlan, 'type' | 'totalFen'>,
  facts: Partial<StatutoryFacts>,
  requested?: Parameters<typeof checkPlanAgainstStatute>[2],
) {
  return checkPlanAgainstStatute(plan, entitlements(facts), requested);
}

describe('a proposed plan checked against the statute (issue 24)', () => {
  it('passes a plan when nothing is owed by law', () => {
    expect(flags({ type: 'apology', totalFen: 0 }, {})).toEqual([]);
  });

  describe('cash below a statutory minimum', () => {
    it('flags ¥499.99 of compensation against the ¥500 minimum of fraud (¥166 × 3 = ¥498)', () => {
      expect(
        flags({ type: 'compensation', totalFen: 499_99 }, { fraudFound: true, pricePaidFen: 166_00 }),
      ).toEqual([
        {
          ruleCode: 'fraud_compensation',
          reason: 'below_minimum',
          words: {
            'zh-CN':
              '方案现金合计 ¥499.99，低于法定金额 ¥500.00（退一赔三，《消费者权益保护法》第五十五条第一款）',
            en: 'The plan pays ¥499.99 in cash, below the statutory amount of ¥500.00 (Fraud compensation, Consumer Rights Protection Law, art. 55(1))',
          },
        },
      ]);
      expect(
        flags({ type: 'compensation', totalFen: 500_00 }, { fraudFound: true, pricePaidFen: 166_00 }),
      ).toEqual([]);
    });

    it('flags food compensation below ¥1,000 (¥80 × 10 = ¥800), and accepts a refund that reaches it', () => {
      const food = {
        isFood: true,
        foodBelowSafetyStandard: true,
        labellingFlawOnly: false,
        pricePaidFen: 80_00,
      };
      expect(flags({ type: 'refund', totalFen: 800_00 }, food).map((f) => f.words['zh-CN'])).toEqual([
        '方案现金合计 ¥800.00，低于法定金额 ¥1,000.00（食品安全惩罚性赔偿，《食品安全法》第一百四十八条第二款）',
      ]);
      expect(flags({ type: 'refund', totalFen: 1_000_00 }, food)).toEqual([]);
    });

    it('counts no cash in a plan that does not pay money', () => {
      expect(
        flags({ type: 'replacement', totalFen: 900_00 }, { fraudFound: true }).map((f) => [
          f.reason,
          f.words.en,
        ]),
      ).toEqual([
        [
          'below_minimum',
          'The plan pays ¥0.00 in cash, below the statutory amount of ¥597.00 (Fraud compensation, Consumer Rights Protection Law, art. 55(1))',
        ],
      ]);
    });

    it('does not treat the ceiling of punitive damages as a minimum', () => {
      expect(
        flags(
          { type: 'compensation', totalFen: 1_00 },
          { knowinglyDefectiveSeriousHarm: true, lossFen: 1_000_00 },
        ),
      ).toEqual([]);
    });
  });

  describe('the customer’s statutory choice', () => {
    const online = { purchaseChannel: 'online', receiptDate: '2026-12-01' } as const;

    it('flags a repair offered to a customer who may return the goods within 7 days', () => {
      expect(flags({ type: 'repair', totalFen: 0 }, online)).toEqual([
        {
          ruleCode: 'distance_return',
          reason: 'lacks_choice',
          words: {
            'zh-CN': '客户依法可选择退货，方案却是维修（七日无理由退货，《消费者权益保护法》第二十五条）',
            en: 'The customer may by law choose return, but the plan offers repair (Seven-day return without reason, Consumer Rights Protection Law, art. 25)',
          },
        },
      ]);
      expect(flags({ type: 'refund', totalFen: 199_00 }, online)).toEqual([]);
    });

    it('flags a plan that offers money other than a refund, or nothing, instead of the return', () => {
      for (const type of ['discount', 'compensation', 'apology', 'none'] as const)
        expect(flags({ type, totalFen: 0 }, { qualityDefect: true }).map((f) => f.reason)).toEqual([
          'lacks_choice',
        ]);
      expect(flags({ type: 'discount', totalFen: 50_00 }, { qualityDefect: true })[0]?.words['zh-CN']).toBe(
        '客户依法可选择退货、换货或维修，方案却是折价（质量问题退换修，《消费者权益保护法》第二十四条）',
      );
    });

    it('holds the plan to what the customer asked for, where the law lets them choose it', () => {
      const sanbao = { threeGuaranteesCovered: true, qualityDefect: true };
      // Day 10 after the sale: art. 24 and 三包 both leave replacement or repair, at the customer's choice.
      const day10 = entitlements(sanbao, '2026-12-11 10:00');
      expect(
        checkPlanAgainstStatute({ type: 'repair', totalFen: 0 }, day10, 'replacement').map((f) => f.words),
      ).toEqual([
        {
          'zh-CN':
            '客户要求换货，依法可由客户选择，方案却是维修（质量问题退换修，《消费者权益保护法》第二十四条）',
          en: 'The customer asked for replacement, which the law lets them choose, but the plan offers repair (Return, replacement or repair for quality, Consumer Rights Protection Law, art. 24)',
        },
        {
          'zh-CN':
            '客户要求换货，依法可由客户选择，方案却是维修（三包，《部分商品修理更换退货责任规定》第九条、第十条、第十一条）',
          en: 'The customer asked for replacement, which the law lets them choose, but the plan offers repair (Repair, replacement and return guarantee, Provisions on the Liability for Repair, Replacement and Return of Certain Goods, arts. 9, 10 and 11)',
        },
      ]);
      expect(checkPlanAgainstStatute({ type: 'replacement', totalFen: 0 }, day10, 'replacement')).toEqual([]);
      // Without the customer's choice, a repair is one of the law's choices but not the strongest.
      expect(checkPlanAgainstStatute({ type: 'repair', totalFen: 0 }, day10).map((f) => f.reason)).toEqual([
        'lacks_choice',
        'lacks_choice',
      ]);
      expect(checkPlanAgainstStatute({ type: 'replacement', totalFen: 0 }, day10)).toEqual([]);
      // A request the law does not offer here (a discount) falls back to the strongest choice.
      expect(checkPlanAgainstStatute({ type: 'replacement', totalFen: 0 }, day10, 'discount')).toEqual([]);
    });

    it('raises both flags where both apply', () => {
      expect(
        flags({ type: 'repair', totalFen: 0 }, { ...online, fraudFound: true }).map((f) => [
          f.ruleCode,
          f.reason,
        ]),
      ).toEqual([
        ['distance_return', 'lacks_choice'],
        ['fraud_compensation', 'below_minimum'],
      ]);
    });
  });
});
