/**
 * The assign form's people, kept free of the page's modules so unit tests run it without the DOM. The
 * shapes are those of `/staff/me`'s `queue` (MeSchema): units naming their parent, colleagues their unit.
 */
export interface PickerUnit {
  readonly id: string;
  readonly parentId?: string | undefined;
}
export interface PickerColleague {
  readonly id: string;
  readonly name: string;
  readonly unitId?: string | undefined;
}

/** The ids of `rootId` and every unit below it, from the caller's units. */
function subtreeOf(units: readonly PickerUnit[], rootId: string): Set<string> {
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  return new Set(
    units
      .filter((u) => {
        for (let id: string | undefined = u.id; id !== undefined; id = parent.get(id))
          if (id === rootId) return true;
        return false;
      })
      .map((u) => u.id),
  );
}

/**
 * The people a claim at `unitId` may be assigned to: the caller's active colleagues of that unit or below
 * (what the API's checkAssignee accepts), by name.
 */
export function assigneesFor<C extends PickerColleague>(
  choices: { readonly units: readonly PickerUnit[]; readonly colleagues: readonly C[] } | undefined,
  unitId: string,
): C[] {
  if (choices === undefined) return [];
  const units = subtreeOf(choices.units, unitId);
  return choices.colleagues.filter((c) => c.unitId !== undefined && units.has(c.unitId));
}
