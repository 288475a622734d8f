import * as z from '../zod.js';
import { CategoryCodeSchema, FALLBACK_CATEGORY, type CategoryCode, type Language } from './categories.js';
import { ValidationError, type FieldIssue } from './errors.js';

/**
 * Claim categories as data (issue 15): `settings.categories` in the runtime policy, edited by an admin.
 * A category is never removed from the list, only retired (`active: false`): it is no longer offered on
 * forms nor accepted on intake or a facts edit, while the claims that carry it keep their name for it.
 * Names and departments may be left empty here so that the policy's rules refuse them in words
 * (policy-document.ts) rather than as a bare schema error.
 */
const CategoryNameSchema = z.string().check(z.trim(), z.maxLength(60));

export const CategoryDefinitionSchema = z.strictObject({
  code: CategoryCodeSchema,
  name: z.prefault(
    z.strictObject({
      'zh-CN': z._default(CategoryNameSchema, ''),
      en: z._default(CategoryNameSchema, ''),
    }),
    {},
  ),
  /** SPEC §4: the department the category routes to. */
  department: z._default(z.string().check(z.trim(), z.maxLength(60)), ''),
  /** SPEC §5: its claims need an on-site evidence visit (the 24 h clock starts at intake). */
  onSiteVisit: z._default(z.boolean(), false),
  /**
   * SPEC §7, §11: a quality case: without a proposed amount it gets `money.qualityCompensationPercent` of
   * the product value, and after closure a second return visit `money.qualityRevisitMonths` later.
   */
  qualityCase: z._default(z.boolean(), false),
  /** Retired (false): not offered nor accepted any more; claims that carry it are still named. */
  active: z._default(z.boolean(), true),
});
export type CategoryDefinition = z.infer<typeof CategoryDefinitionSchema>;
type Categories = readonly CategoryDefinition[];

const seed = (
  code: string,
  zh: string,
  en: string,
  department: string,
  flags: { onSiteVisit?: boolean; qualityCase?: boolean } = {},
): CategoryDefinition => ({
  code,
  name: { 'zh-CN': zh, en },
  department,
  onSiteVisit: flags.onSiteVisit ?? false,
  qualityCase: flags.qualityCase ?? false,
  active: true,
});

/** The ten categories of SPEC §Lifecycle 4 with their departments: the list a policy starts with. */
export const DEFAULT_CATEGORIES: readonly CategoryDefinition[] = [
  seed('product_quality', '产品质量', 'Product quality', 'quality', { qualityCase: true }),
  seed('delivery_delay', '交货延迟', 'Late delivery', 'logistics'),
  seed('wrong_shipment', '错发 / 少发 / 多发', 'Wrong, short or extra shipment', 'warehouse'),
  seed('packaging_damage', '包装破损', 'Damaged packaging', 'logistics'),
  seed('stock_out', '断货', 'Out of stock', 'supply_chain'),
  seed('service_attitude', '服务态度', 'Service attitude', 'customer_service'),
  seed('installation_quality', '施工质量', 'Installation quality', 'engineering', { onSiteVisit: true }),
  seed('logistics', '物流', 'Logistics', 'logistics'),
  seed('pricing', '价格', 'Pricing', 'sales'),
  seed(FALLBACK_CATEGORY, '其他', 'Other', 'customer_service'),
];

/**
 * The categories of a document written before categories were data: the seed list, with the departments
 * of its `routing` and the on-site flags of its `sla.onSiteCategories` where it had them.
 */
export function migrateLegacyCategories(
  routing: Readonly<Record<string, string>> | undefined,
  onSiteCategories: readonly string[] | undefined,
): CategoryDefinition[] {
  return DEFAULT_CATEGORIES.map((c) => ({
    ...c,
    name: { ...c.name },
    department: routing?.[c.code] ?? c.department,
    onSiteVisit: onSiteCategories ? onSiteCategories.includes(c.code) : c.onSiteVisit,
  }));
}

export function categoryOf<C extends Pick<CategoryDefinition, 'code'>>(
  categories: readonly C[],
  code: CategoryCode,
): C | undefined {
  return categories.find((c) => c.code === code);
}

/** The categories a form offers: the active ones, in the policy's order. */
export function activeCategories(categories: Categories): CategoryDefinition[] {
  return categories.filter((c) => c.active);
}

/** A category's name in a language; a code the policy does not know is named as such, never shown. */
export function categoryName(
  categories: readonly Pick<CategoryDefinition, 'code' | 'name'>[],
  code: CategoryCode,
  lang: Language,
): string {
  return categoryOf(categories, code)?.name[lang] ?? (lang === 'en' ? 'Unlisted category' : '未列出的类别');
}

/** SPEC §4: the department a category routes to (the fallback category's for a code not listed). */
export function departmentFor(code: CategoryCode, categories: Categories): string {
  return (
    categoryOf(categories, code)?.department ??
    categoryOf(categories, FALLBACK_CATEGORY)?.department ??
    'customer_service'
  );
}

export function needsOnSiteVisit(code: CategoryCode, categories: Categories): boolean {
  return categoryOf(categories, code)?.onSiteVisit ?? false;
}

export function isQualityCase(code: CategoryCode, categories: Categories): boolean {
  return categoryOf(categories, code)?.qualityCase ?? false;
}

/**
 * Why a claim cannot be given this category now (unknown to the policy, or retired), in words; null when
 * it may. Intake and the facts edit ask it, so a 400 names the field.
 */
export function offeredCategoryIssue(
  categories: Categories,
  code: CategoryCode,
  path = 'category',
): FieldIssue | null {
  const found = categoryOf(categories, code);
  if (!found)
    return {
      path,
      message: `category ${code} is not one the policy lists`,
      code: 'invalid_option',
      words: {
        'zh-CN': '所选的问题类别不存在，请重新选择',
        en: 'The kind of problem chosen is not one we list; please choose another.',
      },
    };
  if (!found.active)
    return {
      path,
      message: `category ${code} is retired`,
      code: 'invalid_option',
      words: {
        'zh-CN': `问题类别「${found.name['zh-CN']}」已停用，请重新选择`,
        en: `The kind of problem “${found.name.en}” is no longer offered; please choose another.`,
      },
    };
  return null;
}

export function requireOfferedCategory(categories: Categories, code: CategoryCode, path = 'category'): void {
  const issue = offeredCategoryIssue(categories, code, path);
  if (issue) throw new ValidationError(issue.message, [issue]);
}
