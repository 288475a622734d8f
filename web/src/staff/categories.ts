import { useEffect, useState } from 'preact/hooks';
import * as z from '../../../shared/zod.js';
import { categoryName } from '../../../shared/domain/category-policy.js';
import { request } from '../api.js';
import type { Lang } from '../i18n.js';

/** `GET /staff/categories`: every category of the policy in force, retired ones too, with both names. */
const StaffCategoriesSchema = z.object({
  categories: z.array(
    z.object({
      code: z.string(),
      name: z.object({ 'zh-CN': z.string(), en: z.string() }),
      active: z.boolean(),
      department: z.optional(z.string()),
    }),
  ),
});
export type StaffCategory = z.infer<typeof StaffCategoriesSchema>['categories'][number];

// Read once per page load and shared by the queue, the claim and the dashboard; a policy save drops it.
let cached: Promise<StaffCategory[]> | undefined;

export function forgetCategories(): void {
  cached = undefined;
}

export function loadCategories(headers: Record<string, string>): Promise<StaffCategory[]> {
  cached ??= request('GET', '/staff/categories', { headers }).then((r) => {
    const parsed = StaffCategoriesSchema.safeParse(r.body);
    if (r.status !== 200 || !parsed.success) {
      cached = undefined; // asked again next time rather than naming nothing for the whole visit
      return [];
    }
    return parsed.data.categories;
  });
  return cached;
}

/** The policy's categories for a page; undefined until they arrive. */
export function useCategories(headers: Record<string, string>): readonly StaffCategory[] | undefined {
  const [categories, setCategories] = useState<readonly StaffCategory[] | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void loadCategories(headers).then((list) => {
      if (current) setCategories(list);
    });
    return () => {
      current = false;
    };
  }, [headers]);
  return categories;
}

/** A claim's category in the page's language (an ellipsis while the list is on its way, never the code). */
export function categoryLabel(
  categories: readonly StaffCategory[] | undefined,
  code: string,
  lang: Lang,
): string {
  return categories === undefined ? '…' : categoryName(categories, code, lang);
}
