import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CATEGORIES,
  categoryName,
  departmentFor,
  isQualityCase,
  needsOnSiteVisit,
  offeredCategoryIssue,
  type CategoryDefinition,
} from '../../../shared/domain/category-policy.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import {
  nextPolicyVersion,
  seedPolicyVersion,
  validatePolicy,
} from '../../../shared/domain/policy-document.js';
import { PolicyVersionSchema } from '../../../shared/domain/policy-document.js';
import { PolicySettingsSchema, defaultPolicySettings } from '../../../shared/domain/settings.js';
import { parsePolicySettings } from '../../../shared/runtime/config.js';

const base = defaultPolicySettings();

function refusal(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('the document was accepted');
}

const withCategories = (categories: readonly unknown[]) => ({
  ...base,
  categories,
});
const edited = (code: string, change: Partial<CategoryDefinition>) =>
  base.categories.map((c) => (c.code === code ? { ...c, ...change } : c));

describe('categories are data in the policy', () => {
  it('seeds the ten categories with names, departments, the on-site and the quality flags', () => {
    expect(base.categories.map((c) => c.code)).toEqual([
      'product_quality',
      'delivery_delay',
      'wrong_shipment',
      'packaging_damage',
      'stock_out',
      'service_attitude',
      'installation_quality',
      'logistics',
      'pricing',
      'other',
    ]);
    expect(base.categories.every((c) => c.active)).toBe(true);
    expect(base.categories.filter((c) => c.onSiteVisit).map((c) => c.code)).toEqual(['installation_quality']);
    expect(base.categories.filter((c) => c.qualityCase).map((c) => c.code)).toEqual(['product_quality']);
    expect(categoryName(base.categories, 'stock_out', 'zh-CN')).toBe('断货');
    expect(categoryName(base.categories, 'stock_out', 'en')).toBe('Out of stock');
    expect(departmentFor('wrong_shipment', base.categories)).toBe('warehouse');
  });

  it('accepts an added category with its own flags', () => {
    const added = validatePolicy(
      withCategories([
        ...base.categories,
        {
          code: 'smell',
          name: { 'zh-CN': '异味', en: 'Odour' },
          department: 'quality',
          onSiteVisit: true,
          qualityCase: true,
        },
      ]),
    );
    expect(added.categories.at(-1)).toEqual({
      code: 'smell',
      name: { 'zh-CN': '异味', en: 'Odour' },
      department: 'quality',
      onSiteVisit: true,
      qualityCase: true,
      active: true,
    });
    expect(needsOnSiteVisit('smell', added.categories)).toBe(true);
    expect(isQualityCase('smell', added.categories)).toBe(true);
    expect(isQualityCase('pricing', added.categories)).toBe(false);
  });

  it('refuses a duplicate code, in words', () => {
    const error = refusal(() =>
      validatePolicy(withCategories([...base.categories, { ...DEFAULT_CATEGORIES[1], department: 'x' }])),
    );
    expect(error.issues).toMatchObject([
      {
        path: 'categories.10.code',
        words: { 'zh-CN': '类别代码 delivery_delay 重复', en: 'Category code delivery_delay is used twice.' },
      },
    ]);
  });

  it('refuses a category without a department, in words', () => {
    const error = refusal(() => validatePolicy(withCategories(edited('pricing', { department: '  ' }))));
    expect(error.issues).toMatchObject([
      {
        path: 'categories.8.department',
        words: { 'zh-CN': '类别 pricing 没有负责部门', en: 'Category pricing has no department.' },
      },
    ]);
  });

  it('refuses a category missing a name in either language, in words', () => {
    const noZh = refusal(() =>
      validatePolicy(
        withCategories([...base.categories, { code: 'smell', name: { en: 'Odour' }, department: 'q' }]),
      ),
    );
    expect(noZh.issues).toMatchObject([
      {
        path: 'categories.10.name.zh-CN',
        words: { 'zh-CN': '类别 smell 缺少中文名称', en: 'Category smell has no Chinese name.' },
      },
    ]);
    const noEn = refusal(() =>
      validatePolicy(withCategories(edited('pricing', { name: { 'zh-CN': '价格', en: '' } }))),
    );
    expect(noEn.issues).toMatchObject([
      {
        path: 'categories.8.name.en',
        words: { 'zh-CN': '类别 pricing 缺少英文名称', en: 'Category pricing has no English name.' },
      },
    ]);
  });

  it('refuses a list with no active category, and one without the fallback other, in words', () => {
    const none = refusal(() =>
      validatePolicy(withCategories(base.categories.map((c) => ({ ...c, active: false })))),
    );
    expect(none.issues.map((i) => i.words)).toEqual([
      {
        'zh-CN': '至少须有一个启用的类别，否则无法受理索赔',
        en: 'At least one category must be active, or no claim could be filed.',
      },
      {
        'zh-CN': '类别 other（其他）须保留并启用：邮件受理的索赔先归入此类，待人工确认',
        en: 'Category other (other) must stay, active: email intake files under it until staff confirm.',
      },
    ]);
    const noOther = refusal(() =>
      validatePolicy(withCategories(base.categories.filter((c) => c.code !== 'other'))),
    );
    expect(noOther.issues.map((i) => i.path)).toEqual(['categories']);
  });

  it('refuses an SLA rule naming an unknown category, in words', () => {
    const error = refusal(() =>
      validatePolicy({
        ...base,
        sla: {
          ...base.sla,
          rules: [{ clock: 'decision', category: 'smell', target: { workingDays: 5 } }],
        },
      }),
    );
    expect(error.issues).toMatchObject([
      {
        path: 'sla.rules.0.category',
        words: {
          'zh-CN': '第 1 条时限规则的类别 smell 不存在',
          en: 'SLA rule 1 names an unknown category, smell.',
        },
      },
    ]);
  });

  it('refuses a code that is not a lower_snake id', () => {
    const error = refusal(() =>
      validatePolicy(
        withCategories([
          ...base.categories,
          { code: 'Smell!', name: { 'zh-CN': '异味', en: 'Odour' }, department: 'q' },
        ]),
      ),
    );
    expect(error.issues.map((i) => i.path)).toEqual(['categories.10.code']);
  });

  it('retires rather than removes: a save dropping a code is refused in words, retiring it is accepted', () => {
    const seed = seedPolicyVersion(base, new Date('2026-03-01T00:00:00Z'));
    const at = new Date('2026-03-02T00:00:00Z');
    const dropped = refusal(() =>
      nextPolicyVersion(
        seed,
        withCategories(base.categories.filter((c) => c.code !== 'pricing')),
        'admin-1',
        at,
      ),
    );
    expect(dropped.issues).toMatchObject([
      {
        path: 'categories',
        words: {
          'zh-CN': '类别「价格」不能删除，请改为停用',
          en: 'The category “Pricing” cannot be removed; retire it instead.',
        },
      },
    ]);
    const retired = nextPolicyVersion(
      seed,
      withCategories(edited('pricing', { active: false })),
      'admin-1',
      at,
    );
    expect(retired.changes).toEqual([{ path: 'categories.8.active', before: true, after: false }]);
    // Retired: not offered, still named.
    expect(offeredCategoryIssue(retired.settings.categories, 'pricing')?.words).toEqual({
      'zh-CN': '问题类别「价格」已停用，请重新选择',
      en: 'The kind of problem “Pricing” is no longer offered; please choose another.',
    });
    expect(categoryName(retired.settings.categories, 'pricing', 'zh-CN')).toBe('价格');
    expect(offeredCategoryIssue(retired.settings.categories, 'smell')?.words).toEqual({
      'zh-CN': '所选的问题类别不存在，请重新选择',
      en: 'The kind of problem chosen is not one we list; please choose another.',
    });
    expect(offeredCategoryIssue(retired.settings.categories, 'stock_out')).toBeNull();
  });
});

describe('documents of the old shape (routing, sla.onSiteCategories) are migrated when parsed', () => {
  // POLICY_SETTINGS and stored versions written before categories were data.
  const oldShape = {
    filingWindowDays: 20,
    routing: {
      ...Object.fromEntries(DEFAULT_CATEGORIES.map((c) => [c.code, c.department])),
      pricing: 'finance',
    },
    sla: { onSiteCategories: ['installation_quality', 'product_quality'], decision: { workingDays: 10 } },
  };

  it('reads the departments and on-site flags into the seed list', () => {
    const settings = PolicySettingsSchema.parse(oldShape);
    expect(settings.filingWindowDays).toBe(20);
    expect(settings.sla.decision).toEqual({ workingDays: 10 });
    expect('routing' in settings).toBe(false);
    expect('onSiteCategories' in settings.sla).toBe(false);
    expect(departmentFor('pricing', settings.categories)).toBe('finance');
    expect(settings.categories.filter((c) => c.onSiteVisit).map((c) => c.code)).toEqual([
      'product_quality',
      'installation_quality',
    ]);
    expect(categoryName(settings.categories, 'pricing', 'en')).toBe('Pricing');
    // The migrated document parses again to itself (a save re-validates what was read).
    expect(validatePolicy(settings)).toEqual(settings);
  });

  it('reads a POLICY_SETTINGS of the old shape (the seed of a table without a document)', () => {
    const seed = parsePolicySettings(
      JSON.stringify({ routing: { delivery_delay: 'transport' }, sla: { onSiteCategories: [] } }),
    );
    expect(departmentFor('delivery_delay', seed.categories)).toBe('transport');
    expect(seed.categories.some((c) => c.onSiteVisit)).toBe(false);
    expect(seed.categories).toHaveLength(10);
  });

  it('reads a stored version of the old shape', () => {
    const stored = PolicyVersionSchema.parse({
      version: 3,
      settings: { routing: { product_quality: 'qa-lab' } },
      savedBy: 'admin-1',
      savedAt: '2026-01-05T08:00:00.000Z',
      changes: [],
    });
    expect(departmentFor('product_quality', stored.settings.categories)).toBe('qa-lab');
    expect(departmentFor('stock_out', stored.settings.categories)).toBe('supply_chain');
    expect(needsOnSiteVisit('installation_quality', stored.settings.categories)).toBe(true);
  });

  it('refuses an old-shape on-site entry naming an unknown category, and both shapes at once, in words', () => {
    const unknown = refusal(() => validatePolicy({ sla: { onSiteCategories: ['smell'] } }));
    expect(unknown.issues).toMatchObject([
      {
        path: 'sla.onSiteCategories',
        words: {
          'zh-CN': 'sla.onSiteCategories 中的类别 smell 不存在',
          en: 'sla.onSiteCategories names an unknown category, smell.',
        },
      },
    ]);
    const both = refusal(() => validatePolicy({ categories: base.categories, routing: { other: 'x' } }));
    expect(both.issues).toMatchObject([
      {
        path: 'routing',
        words: {
          'zh-CN': '请只填写类别列表：routing 与 sla.onSiteCategories 是旧格式',
          en: 'Give the categories only: routing and sla.onSiteCategories are the old shape of the list.',
        },
      },
    ]);
  });
});
