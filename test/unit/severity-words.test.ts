import { describe, expect, it } from 'vitest';
import { gradeSeverity, gradeUrgency } from '../../shared/domain/severity.js';
import { gradeReasonWords } from '../../shared/domain/severity-words.js';
import { defaultPolicySettings } from '../../shared/domain/settings.js';

const rules = defaultPolicySettings().severity;
const calm = {
  claimedAmountFen: 0,
  complainantCount: 1,
  litigationFiled: false,
  mediaOrRegulator: false,
  sameKindFromOthers: 0,
  unresolvedDays: 0,
  companyAtFault: false,
};

/** Every sentence the graders store, level 1, level 2, level 3 and urgency. */
const stored = [
  ...gradeSeverity(
    {
      ...calm,
      claimedAmountFen: rules.level1MinAmountFen,
      complainantCount: rules.level1MinComplainants,
      litigationFiled: true,
      mediaOrRegulator: true,
      unresolvedDays: rules.level1UnresolvedDays,
      companyAtFault: true,
    },
    rules,
  ).reasons,
  ...gradeSeverity(
    {
      ...calm,
      claimedAmountFen: rules.level2MinAmountFen,
      complainantCount: rules.level2MinComplainants,
      sameKindFromOthers: rules.level2SameKindComplaints,
      unresolvedDays: rules.level2UnresolvedDays,
    },
    rules,
  ).reasons,
  ...gradeSeverity(calm, rules).reasons,
  ...gradeUrgency(
    {
      threatensMediaOrLegal: true,
      involvesSafety: true,
      involvesFunds: true,
      largeScaleFailure: true,
      answerNeededBy: '2026-12-01',
    },
    '2026-12-04',
  ).reasons,
];

describe('severity and urgency reasons in words', () => {
  it('words every stored reason in Chinese, with no English left', () => {
    expect(stored.length).toBeGreaterThanOrEqual(12);
    for (const reason of stored) expect(gradeReasonWords(reason, 'zh-CN')).not.toMatch(/[A-Za-z]{2,}/);
    expect(gradeReasonWords('no level-1 or level-2 rule applies', 'zh-CN')).toBe('未触发一级或二级标准');
    expect(
      gradeReasonWords('answer needed by 2026-12-01, before the normal deadline 2026-12-04', 'zh-CN'),
    ).toBe('客户要求 2026年12月1日 前答复，早于正常时限 2026年12月4日');
  });

  it('keeps English readable and an unknown reason as stored', () => {
    expect(gradeReasonWords('3 complainants', 'en')).toBe('3 complainants');
    expect(gradeReasonWords('something new', 'zh-CN')).toBe('something new');
  });
});
