import type { ClaimSummary } from '../claim.js';
import { unitCovers, type OrgTree } from '../org-units.js';
import type { StaffPrincipal } from '../principal.js';
import type { PolicySettings, UnitNames } from '../settings.js';
import type { ReplyTemplate } from '../reply-templates.js';
import { queueSlaState, type QueueSlaState } from '../sla/queue-sla.js';
import type { Page } from '../../ports/claim-store.js';
import type { StaffDirectory } from '../../ports/staff-directory.js';

/** A work-queue row: the summary plus what the console shows of it without another request. */
export interface QueueRow extends ClaimSummary {
  /** The SLA state at the request's time (queueSlaState). */
  readonly slaState: QueueSlaState;
  /** The unit's name in both languages, from the policy in force (its id when the policy lost it). */
  readonly unitName: UnitNames;
  /** The assignee's name from the staff directory (absent when unassigned or not in the directory). */
  readonly assigneeName?: string;
}

export interface QueueRowDeps {
  readonly staff: StaffDirectory;
  readonly settings: Pick<PolicySettings, 'units'>;
}

/**
 * Rows of a queue or search page with their SLA state, unit name and assignee name: one read of the
 * staff directory (hundreds of entries, one Query) and only when a row has an assignee.
 */
export async function queueRows<P extends Page<ClaimSummary>>(
  deps: QueueRowDeps,
  page: P,
  now: Date,
): Promise<Omit<P, 'items'> & Page<QueueRow>> {
  const at = now.toISOString();
  const names = page.items.some((s) => s.assigneeId !== undefined)
    ? new Map((await deps.staff.list()).map((m) => [m.id, m.name]))
    : new Map<string, string>();
  const units = new Map(deps.settings.units.map((u) => [u.id, u.name]));
  const items = page.items.map((s): QueueRow => {
    const assigneeName = s.assigneeId === undefined ? undefined : names.get(s.assigneeId);
    return {
      ...s,
      slaState: queueSlaState(s.sla, at),
      unitName: units.get(s.unitId) ?? { 'zh-CN': s.unitId, en: s.unitId },
      ...(assigneeName !== undefined ? { assigneeName } : {}),
    };
  });
  // The rest of the page (cursor, a queue's total) as it came.
  return { ...page, items };
}

/** A unit the caller may pick in the queue's unit filter, with its parent for the tree's indentation. */
export interface QueueUnit {
  readonly id: string;
  readonly name: UnitNames;
  readonly parentId?: string;
  /** 0 for the caller's own unit, 1 for the units right below it, … */
  readonly depth: number;
}

export interface Colleague {
  readonly id: string;
  readonly name: string;
  /** Their unit: the claim view offers as assignees only the people of the claim's unit subtree. */
  readonly unitId: string;
}

/**
 * The queue's pickers for the caller: the units of their subtree in tree order (a unit, then the units
 * below it), and the active people working in them (for the assignee filter and the assign form), by name.
 */
export async function queueChoices(
  deps: QueueRowDeps & {
    readonly orgTree: OrgTree;
    readonly settings: Pick<PolicySettings, 'units' | 'replyTemplates'>;
  },
  principal: StaffPrincipal,
): Promise<{ units: QueueUnit[]; colleagues: Colleague[]; replyTemplates: readonly ReplyTemplate[] }> {
  const top = deps.orgTree.pathOf(principal.unitId).length;
  const visible = deps.settings.units.filter(
    (u) => deps.orgTree.has(u.id) && unitCovers(principal.unitId, deps.orgTree.pathOf(u.id)),
  );
  const byPath = visible
    .map((u) => ({ u, path: deps.orgTree.pathOf(u.id) }))
    .sort((a, b) => a.path.join('\u0000').localeCompare(b.path.join('\u0000')));
  const units = byPath.map(({ u, path }) => ({
    id: u.id,
    name: u.name,
    ...(u.parentId !== undefined ? { parentId: u.parentId } : {}),
    depth: path.length - top,
  }));
  const ids = new Set(units.map((u) => u.id));
  const colleagues = (await deps.staff.list())
    .filter((m) => m.active && ids.has(m.unitId))
    .map((m) => ({ id: m.id, name: m.name, unitId: m.unitId }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  // The reply box's saved replies ride along: the console has them without a request of their own.
  return { units, colleagues, replyTemplates: deps.settings.replyTemplates };
}
