import { ValidationError } from './errors.js';
import type { UnitDefinition } from './settings.js';

/** SPEC §12: HQ → region → store. Deeper trees are refused so the three queue indexes cover every level. */
export const MAX_UNIT_DEPTH = 3;

/** What the tree is built from: ids and parents (names play no part in it). */
type UnitPlace = Pick<UnitDefinition, 'id' | 'parentId'>;

export interface OrgTree {
  readonly units: ReadonlyMap<string, UnitPlace>;
  /** Path from the root to the unit, e.g. ['HQ', 'EAST', 'EAST-SH01']. */
  pathOf(unitId: string): readonly string[];
  has(unitId: string): boolean;
}

/** Builds and checks the tree once (one root, known parents, no cycles, depth ≤ 3). */
export function buildOrgTree(definitions: readonly UnitPlace[]): OrgTree {
  const units = new Map(definitions.map((u) => [u.id, u]));
  if (units.size !== definitions.length) throw new ValidationError('duplicate unit id in settings.units');
  const roots = definitions.filter((u) => u.parentId === undefined);
  if (roots.length !== 1) throw new ValidationError('settings.units must have exactly one root unit (HQ)');
  const paths = new Map<string, string[]>();
  for (const unit of definitions) {
    const path: string[] = [];
    let current: UnitPlace | undefined = unit;
    while (current) {
      if (path.includes(current.id)) throw new ValidationError(`unit ${unit.id} is part of a cycle`);
      path.unshift(current.id);
      if (current.parentId === undefined) break;
      const parent = units.get(current.parentId);
      if (!parent) throw new ValidationError(`unit ${current.id} names unknown parent ${current.parentId}`);
      current = parent;
    }
    if (path.length > MAX_UNIT_DEPTH) {
      throw new ValidationError(`unit ${unit.id} is ${path.length} levels deep; at most ${MAX_UNIT_DEPTH}`);
    }
    paths.set(unit.id, path);
  }
  return {
    units,
    has: (unitId) => units.has(unitId),
    pathOf(unitId) {
      const path = paths.get(unitId);
      if (!path)
        throw new ValidationError(`unknown organisation unit ${unitId}`, [
          { path: 'unitId', message: 'unknown unit' },
        ]);
      return path;
    },
  };
}

/** Staff see their own unit and every unit below it; HQ (the root) sees all. */
export function unitCovers(viewerUnitId: string, claimUnitPath: readonly string[]): boolean {
  return claimUnitPath.includes(viewerUnitId);
}
