import * as z from '../zod.js';
import { ConflictError, ValidationError, type FieldIssue } from './errors.js';
import { codeOfZodIssue } from './field-issues.js';
import { FALLBACK_CATEGORY, type Language } from './categories.js';
import { formatFen } from './money.js';
import { MAX_UNIT_DEPTH } from './org-units.js';
import { PolicySettingsSchema, type PolicySettings } from './settings.js';
import { placeholderList, unknownPlaceholders } from './reply-templates.js';
import { nextRuleSetVersion } from './statutory/remedy-rules.js';

/**
 * The runtime policy document (issue 15): the PolicySettings saved as numbered versions in the table.
 * Each save is validated here (the same zod schema as POLICY_SETTINGS, then the rules across fields),
 * audited (who, when, the changed paths) and effective from its save; earlier versions stay readable.
 */

/** One changed leaf of the document: its dotted path, the value before and after (absent: none). */
export const PolicyChangeSchema = z.strictObject({
  path: z.string(),
  before: z.optional(z.unknown()),
  after: z.optional(z.unknown()),
});
export type PolicyChange = z.infer<typeof PolicyChangeSchema>;

export const PolicyVersionSchema = z.strictObject({
  version: z.int().check(z.gte(1)),
  settings: PolicySettingsSchema,
  savedBy: z.string().check(z.minLength(1)),
  savedAt: z.iso.datetime(),
  /** What changed from the version before (the seed, version 1, has none). */
  changes: z.array(PolicyChangeSchema),
  note: z.optional(z.string()),
});
export type PolicyVersion = z.infer<typeof PolicyVersionSchema>;

/** A version without its document, for the history list. */
export type PolicyVersionSummary = Omit<PolicyVersion, 'settings'>;

/** Who saved the seed version: the deployment's POLICY_SETTINGS, not a person. */
export const SEED_AUTHOR = 'POLICY_SETTINGS';

/**
 * The document an admin sends, validated: the schema first (field paths as zod gives them), then the rules
 * across fields. Either failure is a ValidationError whose issues name each field with a message in words.
 */
export function validatePolicy(raw: unknown): PolicySettings {
  const parsed = PolicySettingsSchema.safeParse(raw);
  if (!parsed.success)
    throw new ValidationError(
      'the policy was not saved: some fields are not valid',
      parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message,
        ...codeOfZodIssue(i),
        ...wordsOf(i),
      })),
    );
  const issues = policyRuleIssues(parsed.data);
  if (issues.length > 0)
    throw new ValidationError(`the policy was not saved: ${issues.map((i) => i.message).join('; ')}`, issues);
  return parsed.data;
}

/** The words a check of the policy schema gave its issue (the old-shape migration words its refusals). */
function wordsOf(issue: z.core.$ZodIssue): { words?: Readonly<Record<Language, string>> } {
  if (issue.code !== 'custom') return {};
  const words = WordsSchema.safeParse(issue.params?.['words']);
  return words.success ? { words: words.data } : {};
}
const WordsSchema = z.strictObject({ 'zh-CN': z.string(), en: z.string() });

/** Every rule across fields the schema alone cannot state; empty when the document holds together. */
export function policyRuleIssues(s: PolicySettings): FieldIssue[] {
  return [
    ...tierIssues(s),
    ...unitIssues(s),
    ...slaIssues(s),
    ...categoryIssues(s),
    ...replyTemplateIssues(s),
  ];
}

function tierIssues(s: PolicySettings): FieldIssue[] {
  const { agentMaxFen, areaManagerMaxFen, departmentHeadMaxFen } = s.money;
  const issues: FieldIssue[] = [];
  if (agentMaxFen <= 0)
    issues.push({
      path: 'money.agentMaxFen',
      message: 'the agent tier must be above ¥0.00',
      words: { 'zh-CN': '坐席审批上限须大于 ¥0.00', en: 'The agent tier must be above ¥0.00.' },
    });
  const [agent, area, head] = [agentMaxFen, areaManagerMaxFen, departmentHeadMaxFen].map(formatFen);
  if (areaManagerMaxFen <= agentMaxFen)
    issues.push({
      path: 'money.areaManagerMaxFen',
      message: `approval tiers must increase: the area manager's ${area} must be above the agent's ${agent}`,
      words: {
        'zh-CN': `审批层级须逐级递增：区域经理上限 ${area} 须高于坐席上限 ${agent}`,
        en: `Approval tiers must increase: the area manager's ${area} must be above the agent's ${agent}.`,
      },
    });
  if (departmentHeadMaxFen <= areaManagerMaxFen)
    issues.push({
      path: 'money.departmentHeadMaxFen',
      message: `approval tiers must increase: the department head's ${head} must be above the area manager's ${area}`,
      words: {
        'zh-CN': `审批层级须逐级递增：部门负责人上限 ${head} 须高于区域经理上限 ${area}`,
        en: `Approval tiers must increase: the department head's ${head} must be above the area manager's ${area}.`,
      },
    });
  return issues;
}

function unitIssues(s: PolicySettings): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const byId = new Map<string, number>();
  s.units.forEach((unit, index) => {
    if (byId.has(unit.id))
      issues.push({
        path: `units.${index}.id`,
        message: `unit id ${unit.id} is used twice`,
        words: { 'zh-CN': `单位编号 ${unit.id} 重复`, en: `Unit id ${unit.id} is used twice.` },
      });
    else byId.set(unit.id, index);
  });
  const roots = s.units.filter((u) => u.parentId === undefined);
  if (roots.length !== 1)
    issues.push({
      path: 'units',
      message: `the organisation needs exactly one head office, a unit without a parent; it has ${roots.length}`,
      words: {
        'zh-CN': `组织须恰好有一个总部（无上级的单位），现有 ${roots.length} 个`,
        en: `The organisation needs exactly one head office, a unit without a parent; it has ${roots.length}.`,
      },
    });
  s.units.forEach((unit, index) => {
    if (unit.parentId === undefined) return;
    if (!byId.has(unit.parentId)) {
      issues.push({
        path: `units.${index}.parentId`,
        message: `unit ${unit.id} names an unknown parent, ${unit.parentId}`,
        words: {
          'zh-CN': `单位 ${unit.id} 的上级 ${unit.parentId} 不存在`,
          en: `Unit ${unit.id} names an unknown parent, ${unit.parentId}.`,
        },
      });
      return;
    }
    const seen: string[] = [unit.id];
    let parentId: string | undefined = unit.parentId;
    while (parentId !== undefined) {
      if (seen.includes(parentId)) {
        issues.push({
          path: `units.${index}.parentId`,
          message: `unit ${unit.id} is part of a cycle: ${[...seen, parentId].join(' → ')}`,
          words: {
            'zh-CN': `单位 ${unit.id} 的上级关系形成循环`,
            en: `Unit ${unit.id} is part of a cycle: ${[...seen, parentId].join(' → ')}.`,
          },
        });
        return;
      }
      seen.push(parentId);
      const parentIndex = byId.get(parentId);
      parentId = parentIndex === undefined ? undefined : s.units[parentIndex]?.parentId;
    }
    if (seen.length > MAX_UNIT_DEPTH)
      issues.push({
        path: `units.${index}.parentId`,
        message: `unit ${unit.id} is ${seen.length} levels deep; at most ${MAX_UNIT_DEPTH}: head office → region → store`,
        words: {
          'zh-CN': `单位 ${unit.id} 位于第 ${seen.length} 级，组织最多 ${MAX_UNIT_DEPTH} 级（总部 → 大区 → 门店）`,
          en: `Unit ${unit.id} is ${seen.length} levels deep; at most ${MAX_UNIT_DEPTH}: head office → region → store.`,
        },
      });
  });
  if (!byId.has(s.intakeUnitId))
    issues.push({
      path: 'intakeUnitId',
      message: `the intake unit ${s.intakeUnitId} is not in the organisation`,
      words: {
        'zh-CN': `受理单位 ${s.intakeUnitId} 不在组织中`,
        en: `The intake unit ${s.intakeUnitId} is not in the organisation.`,
      },
    });
  return issues;
}

const SLA_TARGETS = [
  ['firstReply', '首次答复', 'first reply'],
  ['firstReplyUrgent', '加急首次答复', 'urgent first reply'],
  ['decision', '处理决定', 'decision'],
  ['decisionUrgent', '加急处理决定', 'urgent decision'],
  ['reconsideration', '复议', 'reconsideration'],
  ['onSiteVisit', '上门核查', 'on-site visit'],
] as const;

function isZero(target: PolicySettings['sla']['firstReply']): boolean {
  return Object.values(target).every((amount) => amount === 0);
}

function slaIssues(s: PolicySettings): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [key, zh, en] of SLA_TARGETS)
    if (isZero(s.sla[key]))
      issues.push({
        path: `sla.${key}`,
        message: `the ${en} target cannot be zero`,
        words: { 'zh-CN': `${zh}时限不能为零`, en: `The ${en} target cannot be zero.` },
      });
  s.sla.rules.forEach((rule, index) => {
    if (isZero(rule.target))
      issues.push({
        path: `sla.rules.${index}.target`,
        message: `SLA rule ${index + 1} has a target of zero`,
        words: {
          'zh-CN': `第 ${index + 1} 条时限规则的时限不能为零`,
          en: `SLA rule ${index + 1} has a target of zero.`,
        },
      });
  });
  return issues;
}

/** Saved replies: ids once each, and only the placeholders a claim can fill (a typo would reach the customer). */
function replyTemplateIssues(s: PolicySettings): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  s.replyTemplates.forEach((t, index) => {
    const at = `replyTemplates.${index}`;
    if (seen.has(t.id))
      issues.push({
        path: `${at}.id`,
        message: `saved reply ${t.id} is used twice`,
        words: { 'zh-CN': `常用回复编号 ${t.id} 重复`, en: `Saved reply ${t.id} is used twice.` },
      });
    seen.add(t.id);
    for (const language of ['zh-CN', 'en'] as const)
      for (const name of unknownPlaceholders(t.body[language])) {
        issues.push({
          path: `${at}.body.${language}`,
          message: `saved reply ${t.id} names {${name}}, which no claim fills`,
          words: {
            'zh-CN': `常用回复“${t.title['zh-CN']}”中的 {${name}} 无法填写，可用：${placeholderList('zh-CN')}`,
            en: `Saved reply "${t.title.en}" names {${name}}, which no claim fills; use ${placeholderList('en')}.`,
          },
        });
      }
  });
  return issues;
}

function categoryIssues(s: PolicySettings): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  s.categories.forEach((c, index) => {
    const at = `categories.${index}`;
    if (seen.has(c.code))
      issues.push({
        path: `${at}.code`,
        message: `category code ${c.code} is used twice`,
        words: { 'zh-CN': `类别代码 ${c.code} 重复`, en: `Category code ${c.code} is used twice.` },
      });
    seen.add(c.code);
    if (c.name['zh-CN'] === '')
      issues.push({
        path: `${at}.name.zh-CN`,
        message: `category ${c.code} has no Chinese name`,
        words: { 'zh-CN': `类别 ${c.code} 缺少中文名称`, en: `Category ${c.code} has no Chinese name.` },
      });
    if (c.name.en === '')
      issues.push({
        path: `${at}.name.en`,
        message: `category ${c.code} has no English name`,
        words: { 'zh-CN': `类别 ${c.code} 缺少英文名称`, en: `Category ${c.code} has no English name.` },
      });
    if (c.department === '')
      issues.push({
        path: `${at}.department`,
        message: `category ${c.code} has no department`,
        words: { 'zh-CN': `类别 ${c.code} 没有负责部门`, en: `Category ${c.code} has no department.` },
      });
  });
  if (!s.categories.some((c) => c.active))
    issues.push({
      path: 'categories',
      message: 'at least one category must be active, or no claim could be filed',
      words: {
        'zh-CN': '至少须有一个启用的类别，否则无法受理索赔',
        en: 'At least one category must be active, or no claim could be filed.',
      },
    });
  const fallback = s.categories.find((c) => c.code === FALLBACK_CATEGORY);
  if (!fallback?.active)
    issues.push({
      path: 'categories',
      message: `category ${FALLBACK_CATEGORY} must stay, active: email intake files under it until staff confirm`,
      words: {
        'zh-CN': `类别 ${FALLBACK_CATEGORY}（其他）须保留并启用：邮件受理的索赔先归入此类，待人工确认`,
        en: `Category ${FALLBACK_CATEGORY} (other) must stay, active: email intake files under it until staff confirm.`,
      },
    });
  s.sla.rules.forEach((rule, index) => {
    if (rule.category !== undefined && !seen.has(rule.category))
      issues.push({
        path: `sla.rules.${index}.category`,
        message: `SLA rule ${index + 1} names an unknown category, ${rule.category}`,
        words: {
          'zh-CN': `第 ${index + 1} 条时限规则的类别 ${rule.category} 不存在`,
          en: `SLA rule ${index + 1} names an unknown category, ${rule.category}.`,
        },
      });
  });
  return issues;
}

/**
 * A category is retired, never removed (claims that carry it keep its name): a version that drops a code
 * the one before listed is refused, whether or not open claims use it, so no claim is left unnamed.
 */
export function removedCategoryIssues(before: PolicySettings, after: PolicySettings): FieldIssue[] {
  const kept = new Set(after.categories.map((c) => c.code));
  return before.categories
    .filter((c) => !kept.has(c.code))
    .map((c) => ({
      path: 'categories',
      message: `category ${c.code} cannot be removed: retire it (active: false) instead`,
      words: {
        'zh-CN': `类别「${c.name['zh-CN']}」不能删除，请改为停用`,
        en: `The category “${c.name.en}” cannot be removed; retire it instead.`,
      },
    }));
}

/** The leaves that differ between two documents, by dotted path (arrays compared element by element). */
export function policyDiff(before: unknown, after: unknown, path = ''): PolicyChange[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => policyDiff(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => policyDiff(before[i], after[i], `${path}.${i}`)).flat();
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [
    {
      path: path || '(root)',
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
    },
  ];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The next version of the document: validated, numbered after `current`, with the diff from it; its statutory
 * rule set numbered after the current one when a rule changed.
 */
export function nextPolicyVersion(
  current: PolicyVersion,
  raw: unknown,
  by: string,
  at: Date,
  note?: string,
): PolicyVersion {
  const validated = validatePolicy(raw);
  // The statutory rule set counts its own versions: one more when a rule changed (issue 24).
  const settings = {
    ...validated,
    statutory: nextRuleSetVersion(current.settings.statutory, validated.statutory),
  };
  const removed = removedCategoryIssues(current.settings, settings);
  if (removed.length > 0)
    throw new ValidationError(
      `the policy was not saved: ${removed.map((i) => i.message).join('; ')}`,
      removed,
    );
  return {
    version: current.version + 1,
    settings,
    savedBy: by,
    savedAt: at.toISOString(),
    changes: policyDiff(current.settings, settings),
    ...(note !== undefined && note.trim() !== '' ? { note: note.trim() } : {}),
  };
}

/** Version 1, from the deployment's POLICY_SETTINGS: the seed of a table that has no document yet. */
export function seedPolicyVersion(settings: PolicySettings, at: Date): PolicyVersion {
  return { version: 1, settings, savedBy: SEED_AUTHOR, savedAt: at.toISOString(), changes: [] };
}

/** The refusal of a save made on a version that is no longer the current one (409). */
export function policyConflict(expectedVersion: number): ConflictError {
  return new ConflictError(`someone saved the policy after version ${expectedVersion}, the one edited`, {
    'zh-CN': `策略已被他人修改（您编辑的是第 ${expectedVersion} 版），请重新载入后再改。`,
    en: `Someone saved the policy after version ${expectedVersion}, the one you edited; reload it and make your change again.`,
  });
}
