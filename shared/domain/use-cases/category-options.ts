import * as z from '../../zod.js';
import { LanguageSchema, type CategoryCode, type Language } from '../categories.js';
import { activeCategories, type CategoryDefinition } from '../category-policy.js';

/** `GET /form-options?lang=`: the language the options are worded in (Chinese unless asked). */
export const FormOptionsQuerySchema = z.strictObject({ lang: z._default(LanguageSchema, 'zh-CN') });

export interface FormOptions {
  readonly language: Language;
  /** The categories the claim form offers (the active ones, in the policy's order), named in `language`. */
  readonly categories: readonly { readonly code: CategoryCode; readonly name: string }[];
}

/** What the public claim form needs from the policy in force: no department, flag or retired category. */
export function formOptions(categories: readonly CategoryDefinition[], language: Language): FormOptions {
  return {
    language,
    categories: activeCategories(categories).map((c) => ({ code: c.code, name: c.name[language] })),
  };
}

export interface StaffCategory {
  readonly code: CategoryCode;
  readonly name: CategoryDefinition['name'];
  readonly active: boolean;
  /** Who handles its claims: the console proposes it as a plan's executing department. */
  readonly department: string;
}

/**
 * `GET /staff/categories`: every category, retired ones too (old claims still carry them), with both names,
 * for the console pages that name a claim's category or offer a new one (the active ones).
 */
export function staffCategories(categories: readonly CategoryDefinition[]): {
  categories: StaffCategory[];
} {
  return {
    categories: categories.map((c) => ({
      code: c.code,
      name: { ...c.name },
      active: c.active,
      department: c.department,
    })),
  };
}
