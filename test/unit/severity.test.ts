import { describe, expect, it } from 'vitest';
import {
  escalateOnly,
  gradeSeverity,
  gradeUrgency,
  type SeverityFacts,
} from '../../shared/domain/severity.js';
import { defaultPolicySettings } from '../../shared/domain/settings.js';

const rules = defaultPolicySettings().severity;
const base: SeverityFacts = {
  claimedAmountFen: 0,
  complainantCount: 1,
  litigationFiled: false,
  mediaOrRegulator: false,
  sameKindFromOthers: 0,
  unresolvedDays: 0,
  companyAtFault: false,
};

describe('severity (SPEC §4 defaults)', () => {
  it.each([
    ['nothing special', {}, 3],
    ['2,999.99 CNY', { claimedAmountFen: 299_999 }, 3],
    ['3,000 CNY', { claimedAmountFen: 300_000 }, 2],
    ['29,999.99 CNY', { claimedAmountFen: 2_999_999 }, 2],
    ['30,000 CNY', { claimedAmountFen: 3_000_000 }, 1],
    ['2 complainants', { complainantCount: 2 }, 3],
    ['3 complainants', { complainantCount: 3 }, 2],
    ['9 complainants', { complainantCount: 9 }, 2],
    ['10 complainants', { complainantCount: 10 }, 1],
    ['litigation filed', { litigationFiled: true }, 1],
    ['media or regulator', { mediaOrRegulator: true }, 1],
    ['1 other same-kind complaint (2 in all)', { sameKindFromOthers: 1 }, 3],
    ['2 other same-kind complaints (3 in all)', { sameKindFromOthers: 2 }, 2],
    ['unresolved 14 days', { unresolvedDays: 14 }, 3],
    ['unresolved 15 days (half a month)', { unresolvedDays: 15 }, 2],
    ['unresolved 30 days, not the company’s fault', { unresolvedDays: 30 }, 2],
    ['unresolved 30 days through the company’s fault', { unresolvedDays: 30, companyAtFault: true }, 1],
  ])('%s → level %i', (_name, facts, level) => {
    const graded = gradeSeverity({ ...base, ...facts }, rules);
    expect(graded.value).toBe(level);
    expect(graded.reasons.length).toBeGreaterThan(0);
  });

  it('reads thresholds from the settings', () => {
    expect(
      gradeSeverity({ ...base, claimedAmountFen: 100_000 }, { ...rules, level2MinAmountFen: 100_000 }).value,
    ).toBe(2);
  });

  it('only escalates automatically', () => {
    const two = gradeSeverity({ ...base, complainantCount: 3 }, rules);
    const three = gradeSeverity(base, rules);
    const one = gradeSeverity({ ...base, litigationFiled: true }, rules);
    expect(escalateOnly(two, three).value).toBe(2);
    expect(escalateOnly(two, one).value).toBe(1);
  });
});

describe('urgency (SPEC §4)', () => {
  const none = {
    threatensMediaOrLegal: false,
    involvesSafety: false,
    involvesFunds: false,
    largeScaleFailure: false,
  };
  it.each([
    ['threat of media or legal action', { threatensMediaOrLegal: true }],
    ['safety', { involvesSafety: true }],
    ['funds', { involvesFunds: true }],
    ['large-scale failure', { largeScaleFailure: true }],
    ['answer needed before the normal deadline', { answerNeededBy: '2026-11-24' }],
  ])('%s → urgent', (_name, facts) => {
    expect(gradeUrgency({ ...none, ...facts }, '2026-11-26').value).toBe('urgent');
  });
  it('is normal otherwise, including an answer date on or after the normal deadline', () => {
    expect(gradeUrgency(none, '2026-11-26')).toEqual({ value: 'normal', reasons: [] });
    expect(gradeUrgency({ ...none, answerNeededBy: '2026-11-26' }, '2026-11-26').value).toBe('normal');
  });
});
