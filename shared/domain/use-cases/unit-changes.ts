import { ValidationError, type FieldIssue } from '../errors.js';
import { buildOrgTree } from '../org-units.js';
import type { PolicySettings } from '../settings.js';
import type { ClaimStore } from '../../ports/claim-store.js';

/**
 * Issue 15: a unit that holds open claims (its own or its subtree's) may be renamed but not moved (a new
 * parent) or closed (removed): those claims' queues, scopes and counters follow the unit's path, which
 * they keep. Refused with the count in words, one issue per unit; a unit without open claims changes freely.
 */
export async function refuseUnitChangesWithOpenClaims(
  deps: { readonly store: Pick<ClaimStore, 'countOpenInUnit'> },
  before: PolicySettings,
  after: PolicySettings,
): Promise<void> {
  const tree = buildOrgTree(before.units);
  const kept = new Map(after.units.map((unit, index) => [unit.id, { unit, index }]));
  const issues: FieldIssue[] = [];
  for (const unit of before.units) {
    const now = kept.get(unit.id);
    if (now && now.unit.parentId === unit.parentId) continue;
    const open = await deps.store.countOpenInUnit(tree.pathOf(unit.id));
    if (open === 0) continue;
    issues.push(
      now
        ? {
            path: `settings.units.${now.index}.parentId`,
            message: `unit ${unit.id} still has ${open} open claim${open === 1 ? '' : 's'}: it cannot move to another parent`,
            words: {
              'zh-CN': `单位 ${unit.id} 仍有 ${open} 件未结案的索赔，不能调整上级`,
              en: `Unit ${unit.id} still has ${open} open claim${open === 1 ? '' : 's'}: it cannot move to another parent.`,
            },
          }
        : {
            path: 'settings.units',
            message: `unit ${unit.id} still has ${open} open claim${open === 1 ? '' : 's'}: it cannot be closed`,
            words: {
              'zh-CN': `单位 ${unit.id} 仍有 ${open} 件未结案的索赔，不能撤销`,
              en: `Unit ${unit.id} still has ${open} open claim${open === 1 ? '' : 's'}: it cannot be closed.`,
            },
          },
    );
  }
  if (issues.length > 0)
    throw new ValidationError(`the policy was not saved: ${issues.map((i) => i.message).join('; ')}`, issues);
}
