import type { Category } from './categories.js';
import type { PolicySettings } from './settings.js';

/** SPEC §4: each category routes to its responsible department by a rule from the settings. */
export function departmentFor(category: Category, routing: PolicySettings['routing']): string {
  return routing[category] ?? 'customer_service';
}
