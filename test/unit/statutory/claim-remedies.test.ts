import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import {
  claimAssessment,
  customerEntitlements,
  planFlags,
  statutoryLegalReasons,
  statutoryReviewOf,
} from '../../../shared/domain/statutory/claim-remedies.js';
import { DEFAULT_STATUTORY_RULES } from '../../../shared/domain/statutory/remedy-rules.js';

/** Bought in store for ¥199, fraud found; reported on 2 Dec 2026 (Shanghai). */
const claim = {
  receivedAt: '2026-12-02T02:00:00.000Z',
  requestedRemedy: 'compensation' as const,
  statutoryFacts: {
    purchaseChannel: 'in_store' as const,
    purchaseDate: '2026-12-01',
    receiptDate: '2026-12-01',
    pricePaidFen: 199_00,
    qualityDefect: false,
    isFood: false,
    threeGuaranteesCovered: false,
    fraudFound: true,
    knowinglyDefectiveSeriousHarm: false,
  },
};

describe("a claim's statutory remedies (issue 24)", () => {
  it('has none to show without facts, and an empty one when a fact is dated after the report', () => {
    expect(claimAssessment({ receivedAt: claim.receivedAt }, DEFAULT_STATUTORY_RULES)).toBeUndefined();
    expect(
      claimAssessment(
        {
          ...claim,
          statutoryFacts: { ...claim.statutoryFacts, qualityDefect: true, receiptDate: '2026-12-03' },
        },
        DEFAULT_STATUTORY_RULES,
      ),
    ).toEqual({ entitlements: [], factsNeeded: [], ruledOut: [] });
  });

  it('gives the customer each entitlement with its reason and source', () => {
    expect(customerEntitlements(claim, DEFAULT_STATUTORY_RULES)).toEqual([
      {
        words: {
          'zh-CN': '退一赔三：¥597.00（3 × ¥199.00），不低于 ¥500.00 → ¥597.00',
          en: 'Fraud compensation: ¥597.00 (3 × ¥199.00), at least ¥500.00 → ¥597.00',
        },
        reason: {
          'zh-CN': '经认定存在欺诈：除退还价款 ¥199.00 外，增加赔偿价款的 3 倍',
          en: 'Fraud was found: besides refunding the price of ¥199.00, an increased compensation of 3 times the price',
        },
        source: {
          'zh-CN': '《消费者权益保护法》第五十五条第一款',
          en: 'Consumer Rights Protection Law, art. 55(1)',
        },
      },
    ]);
  });

  it('flags a plan below the amount owed, needs a reason for it, and names it for legal review', () => {
    const below = planFlags(claim, { type: 'compensation', totalFen: 596_99 }, DEFAULT_STATUTORY_RULES);
    expect(below.rules).toEqual(['fraud_compensation']);
    expect(below.flags.map((f) => f.words['zh-CN'])).toEqual([
      '方案现金合计 ¥596.99，低于法定金额 ¥597.00（退一赔三，《消费者权益保护法》第五十五条第一款）',
    ]);
    expect(
      planFlags(claim, { type: 'compensation', totalFen: 597_00 }, DEFAULT_STATUTORY_RULES).flags,
    ).toEqual([]);
    expect(() => statutoryReviewOf(below.flags, '  ')).toThrow(ValidationError);
    try {
      statutoryReviewOf(below.flags, undefined);
    } catch (error) {
      expect(error instanceof ValidationError && error.issues[0]?.words?.['zh-CN']).toBe(
        '方案低于客户的法定权利，须说明理由并经法务审核：方案现金合计 ¥596.99，低于法定金额 ¥597.00（退一赔三，《消费者权益保护法》第五十五条第一款）',
      );
    }
    const review = statutoryReviewOf(below.flags, ' 客户同意 ');
    expect(review?.reason).toBe('客户同意');
    expect(statutoryLegalReasons({ statutoryReview: review })).toEqual([
      'statutory: The plan pays ¥596.99 in cash, below the statutory amount of ¥597.00 (Fraud compensation, Consumer Rights Protection Law, art. 55(1))',
    ]);
    expect(statutoryReviewOf([], undefined)).toBeUndefined();
  });
});
