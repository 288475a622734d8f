import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import { policyDiff, validatePolicy } from '../../../shared/domain/policy-document.js';
import { defaultPolicySettings, type PolicySettings } from '../../../shared/domain/settings.js';

const base = defaultPolicySettings();

function refusal(document: unknown): ValidationError {
  try {
    validatePolicy(document);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('the document was accepted');
}

function withMoney(money: Partial<PolicySettings['money']>): PolicySettings {
  return { ...base, money: { ...base.money, ...money } };
}

describe('a policy save is validated with the schema and the rules across fields', () => {
  it('accepts the defaults and a raised agent tier', () => {
    expect(validatePolicy(base)).toEqual(base);
    expect(validatePolicy(withMoney({ agentMaxFen: 20_000 })).money.agentMaxFen).toBe(20_000);
  });

  it('refuses a field that breaks the schema, with its path', () => {
    const error = refusal({ ...base, filingWindowDays: 0 });
    expect(error.message).toContain('the policy was not saved');
    expect(error.issues).toMatchObject([
      { path: 'filingWindowDays', code: 'must_exceed', params: { min: 0 } },
    ]);
  });

  it('refuses a tier gap: an area manager tier not above the agent tier, in words', () => {
    const error = refusal(withMoney({ agentMaxFen: 60_000 }));
    expect(error.issues.map((i) => i.path)).toEqual(['money.areaManagerMaxFen']);
    expect(error.issues[0]?.words).toEqual({
      'zh-CN': '审批层级须逐级递增：区域经理上限 ¥500.00 须高于坐席上限 ¥600.00',
      en: "Approval tiers must increase: the area manager's ¥500.00 must be above the agent's ¥600.00.",
    });
  });

  it('refuses a department head tier not above the area manager tier', () => {
    const error = refusal(withMoney({ departmentHeadMaxFen: 50_000 }));
    expect(error.issues.map((i) => i.path)).toEqual(['money.departmentHeadMaxFen']);
    expect(error.issues[0]?.words?.['zh-CN']).toBe(
      '审批层级须逐级递增：部门负责人上限 ¥500.00 须高于区域经理上限 ¥500.00',
    );
  });

  it('refuses a cycle in the unit tree', () => {
    const error = refusal({
      ...base,
      units: [
        { id: 'HQ', name: '总部 Headquarters' },
        { id: 'EAST', name: '华东', parentId: 'SH' },
        { id: 'SH', name: '上海', parentId: 'EAST' },
      ],
    });
    expect(error.issues.map((i) => i.words?.['zh-CN'])).toEqual([
      expect.stringContaining('单位 EAST 的上级关系形成循环'),
      expect.stringContaining('单位 SH 的上级关系形成循环'),
    ]);
  });

  it('refuses a fourth level, an unknown parent, two roots and an intake unit not in the tree', () => {
    const error = refusal({
      ...base,
      intakeUnitId: 'NOWHERE',
      units: [
        ...base.units,
        { id: 'EAST-SH01-A', name: '柜台', parentId: 'EAST-SH01' },
        { id: 'WEST-CD01', name: '成都一店', parentId: 'WEST' },
        { id: 'OTHER', name: '另一总部' },
      ],
    });
    expect(error.issues.map((i) => i.words?.['zh-CN'])).toEqual([
      expect.stringContaining('组织须恰好有一个总部'),
      expect.stringContaining('单位 EAST-SH01-A 位于第 4 级，组织最多 3 级'),
      expect.stringContaining('单位 WEST-CD01 的上级 WEST 不存在'),
      expect.stringContaining('受理单位 NOWHERE 不在组织中'),
    ]);
    expect(error.issues.map((i) => i.path)).toEqual([
      'units',
      'units.3.parentId',
      'units.4.parentId',
      'intakeUnitId',
    ]);
  });

  it('refuses an SLA target of zero, a default or a rule', () => {
    const error = refusal({
      ...base,
      sla: {
        ...base.sla,
        decision: { workingDays: 0 },
        rules: [{ clock: 'first_reply', category: 'pricing', target: { workingHours: 0 } }],
      },
    });
    expect(error.issues).toMatchObject([
      {
        path: 'sla.decision',
        words: { 'zh-CN': '处理决定时限不能为零', en: 'The decision target cannot be zero.' },
      },
      {
        path: 'sla.rules.0.target',
        words: { 'zh-CN': '第 1 条时限规则的时限不能为零', en: 'SLA rule 1 has a target of zero.' },
      },
    ]);
  });
});

describe('the diff of two versions', () => {
  it('names each changed leaf by its path, with the value before and after', () => {
    const after = {
      ...withMoney({ agentMaxFen: 20_000 }),
      units: [...base.units, { id: 'WEST', name: '西部', parentId: 'HQ' }],
    };
    expect(policyDiff(base, after)).toEqual([
      { path: 'money.agentMaxFen', before: 10_000, after: 20_000 },
      { path: 'units.3', after: { id: 'WEST', name: '西部', parentId: 'HQ' } },
    ]);
    expect(policyDiff(base, base)).toEqual([]);
  });
});

describe('unit names in zh-CN and en', () => {
  it('reads a document from before, whose units have one name, as both names', () => {
    const read = validatePolicy({
      units: [
        { id: 'HQ', name: '总部 Headquarters' },
        { id: 'EAST', name: '华东大区 East region', parentId: 'HQ' },
        { id: 'EAST-SH01', name: '上海一店', parentId: 'EAST' },
      ],
    });
    expect(read.units.map((u) => u.name)).toEqual([
      { 'zh-CN': '总部', en: 'Headquarters' },
      { 'zh-CN': '华东大区', en: 'East region' },
      { 'zh-CN': '上海一店', en: '上海一店' },
    ]);
  });

  it('refuses a unit name left blank in one language', () => {
    const error = refusal({ ...base, units: [{ id: 'HQ', name: { 'zh-CN': '总部', en: ' ' } }] });
    expect(error.issues.map((i) => i.path)).toEqual(['units.0.name.en']);
  });
});
