import { describe, expect, it } from 'vitest';
import { nextPolicyVersion, seedPolicyVersion } from '../../../shared/domain/policy-document.js';
import { defaultPolicySettings } from '../../../shared/domain/settings.js';
import { assessStatutoryRemedies } from '../../../shared/domain/statutory/entitlements.js';
import {
  DEFAULT_STATUTORY_RULES,
  nextRuleSetVersion,
  type StatutoryRuleSet,
} from '../../../shared/domain/statutory/remedy-rules.js';
import { statutoryPathWords } from '../../../web/src/staff/statutory-words.js';
import { sh } from '../calendar/shanghai.js';
import { NOTHING_OWED } from './facts.js';

const at = new Date('2026-12-04T02:00:00Z');

/** The shipped rules with one rule's entry changed. */
function withRule(code: string, change: (rule: StatutoryRuleSet['rules'][number]) => object): unknown {
  return {
    ...DEFAULT_STATUTORY_RULES,
    rules: DEFAULT_STATUTORY_RULES.rules.map((r) => (r.code === code ? change(r) : r)),
  };
}

describe('the statutory rules as policy data (issue 24)', () => {
  it('ships the current rules, each with its citation, in the default policy', () => {
    const { statutory } = defaultPolicySettings();
    expect(statutory).toEqual(DEFAULT_STATUTORY_RULES);
    expect(
      statutory.rules.map((r) => `${r.name['zh-CN']}：${r.source.law['zh-CN']}${r.source.article['zh-CN']}`),
    ).toEqual([
      '质量问题退换修：消费者权益保护法第二十四条',
      '七日无理由退货：消费者权益保护法第二十五条',
      '退一赔三：消费者权益保护法第五十五条第一款',
      '惩罚性赔偿：消费者权益保护法第五十五条第二款',
      '食品安全惩罚性赔偿：食品安全法第一百四十八条第二款',
      '三包：部分商品修理更换退货责任规定第九条、第十条、第十一条',
    ]);
  });

  it('numbers the rule set one more when a rule changed, and keeps its number otherwise', () => {
    const raised = nextRuleSetVersion(DEFAULT_STATUTORY_RULES, {
      ...DEFAULT_STATUTORY_RULES,
      rules: DEFAULT_STATUTORY_RULES.rules.map((r) =>
        r.code === 'fraud_compensation' ? { ...r, params: { priceMultiplier: 3, minimumFen: 600_00 } } : r,
      ),
    });
    expect(raised.version).toBe(2);
    expect(
      nextRuleSetVersion(DEFAULT_STATUTORY_RULES, { ...DEFAULT_STATUTORY_RULES, version: 9 }).version,
    ).toBe(1);
  });

  it('saves a changed minimum as a new policy version whose history names the rule and the field', () => {
    const current = seedPolicyVersion(defaultPolicySettings(), at);
    const settings = {
      ...current.settings,
      statutory: withRule('fraud_compensation', (r) => ({
        ...r,
        params: { priceMultiplier: 3, minimumFen: 600_00 },
      })),
    };
    const next = nextPolicyVersion(current, settings, 'admin-zhou', at);
    expect(next.settings.statutory.version).toBe(2);
    expect(next.changes.map((c) => c.path)).toEqual([
      'statutory.rules.2.params.minimumFen',
      'statutory.version',
    ]);
    expect(statutoryPathWords('statutory.rules.2.params.minimumFen', 'zh-CN', next.settings)).toBe(
      '法定救济规则 · 退一赔三 · 最低金额（元）',
    );
    expect(statutoryPathWords('statutory.rules.2.enabled', 'en', next.settings)).toBe(
      'Statutory remedy rules · Fraud compensation · On',
    );
    expect(statutoryPathWords('money.agentMaxFen', 'en', next.settings)).toBeNull();
  });

  it('refuses a replacement period shorter than the return period', () => {
    const current = seedPolicyVersion(defaultPolicySettings(), at);
    const settings = {
      ...current.settings,
      statutory: withRule('three_guarantees', (r) => ({
        ...r,
        params: { returnDays: 7, replaceDays: 5, repairsBeforeReplacement: 2 },
      })),
    };
    expect(() => nextPolicyVersion(current, settings, 'admin-zhou', at)).toThrow(/not saved/);
  });

  it('decides nothing under a rule an admin switched off', () => {
    const parsed = defaultPolicySettings();
    const off = {
      ...parsed.statutory,
      rules: parsed.statutory.rules.map((r) =>
        r.code === 'fraud_compensation' ? { ...r, enabled: false } : r,
      ),
    };
    const facts = { ...NOTHING_OWED, fraudFound: true };
    const reported = new Date(sh('2026-12-02 10:00'));
    expect(
      assessStatutoryRemedies(parsed.statutory, facts, reported).entitlements.map((e) => e.ruleCode),
    ).toEqual(['fraud_compensation']);
    expect(assessStatutoryRemedies(off, facts, reported)).toEqual({
      entitlements: [],
      factsNeeded: [],
      ruledOut: [],
    });
  });
});
