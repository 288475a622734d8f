import type { PolicySettings } from '../../../shared/domain/settings.js';
import type { Language as Lang } from '../../../shared/domain/categories.js';

/** Words of the statutory rules part of the policy page (issue 24), [zh-CN, en]. */
const T = {
  legend: ['法定救济规则', 'Statutory remedy rules'],
  hint: [
    '依据法律条文计算客户的法定权利，供客服、审批人和法务参考，并非法律意见。法律修改时在此更新金额、倍数和天数，或停用某条规则；每次保存都是新版本。',
    'What the cited law owes the customer, as guidance for agents, approvers and legal, not legal advice. When the law changes, update the amounts, multiples and day limits here, or switch a rule off; every save is a new version.',
  ],
  rule: ['规则', 'Rule'],
  source: ['依据', 'Source'],
  from: ['适用于此日期起的购买', 'Applies to purchases from'],
  enabled: ['启用', 'On'],
  figures: ['参数', 'Figures'],
  ruleSetVersion: ['规则集第 {n} 版', 'Rule set version {n}'],
  ruleSetVersionName: ['规则集版本', 'Rule set version'],
  returnDays: ['退货期限（天）', 'Return period (days)'],
  replaceDays: ['换货期限（天）', 'Replacement period (days)'],
  repairsBeforeReplacement: ['修理几次仍不能使用可换退', 'Failed repairs before replacement or return'],
  priceMultiplier: ['价款倍数', 'Multiple of the price'],
  lossMultiplier: ['损失倍数', 'Multiple of the loss'],
  minimumFen: ['最低金额（元）', 'Minimum amount (CNY)'],
  exclusions: ['除外商品', 'Excluded goods'],
  badNumber: ['请输入 1 或更大的整数', 'Enter a whole number of 1 or more'],
  badAmount: ['请输入金额，例如 500 或 500.00', 'Enter an amount such as 500 or 500.00'],
  badRule: ['此规则的参数不成立：{why}', 'These figures do not hold together: {why}'],
  replaceShorter: [
    '换货期限不能短于退货期限',
    'The replacement period cannot be shorter than the return period',
  ],
} as const;
type Key = keyof typeof T;
export type Figure =
  | 'returnDays'
  | 'replaceDays'
  | 'repairsBeforeReplacement'
  | 'priceMultiplier'
  | 'lossMultiplier'
  | 'minimumFen';
const isKey = (value: string): value is Key => value in T;

export function t(key: Key, lang: Lang, vars: Record<string, string | number> = {}): string {
  return T[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

/**
 * A changed path of the statutory rules in words for the history: "statutory.rules.2.params.minimumFen" reads
 * 法定救济规则 · 退一赔三 · 最低金额（元）; null for a path outside the rules.
 */
export function statutoryPathWords(path: string, lang: Lang, current: PolicySettings): string | null {
  const [root, list, index, ...rest] = path.split('.');
  if (root !== 'statutory') return null;
  if (list === 'version') return `${t('legend', lang)} · ${t('ruleSetVersionName', lang)}`;
  const rule = current.statutory.rules[Number(index)];
  const field = rest.filter((s) => s !== 'params').at(0);
  const words = [t('legend', lang), rule ? rule.name[lang] : `#${Number(index) + 1}`];
  if (field !== undefined) words.push(isKey(field) ? t(field, lang) : field);
  return words.join(' · ');
}
