import { lacksPermission } from '../refusals.js';
import type { OrgTree } from '../org-units.js';
import type { StaffPrincipal } from '../principal.js';
import {
  applyStaffUpdate,
  checkMember,
  diffMembers,
  staffRefusal,
  StaffMemberSchema,
  type NewStaffMember,
  type StaffEvent,
  type StaffListQuery,
  type StaffMember,
  type StaffUpdate,
  staffNotFound,
  staffWriteConflict,
} from '../staff-directory.js';
import { mayDo } from '../staff-permissions.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/ids.js';
import type { StaffDirectory } from '../../ports/staff-directory.js';
import type { StaffAccounts } from '../../ports/staff-accounts.js';

export interface StaffAdminDeps {
  readonly staff: StaffDirectory;
  readonly staffAccounts: StaffAccounts;
  readonly orgTree: OrgTree;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

function requireAdmin(principal: StaffPrincipal): void {
  if (!mayDo('manageStaff', principal.roles))
    throw lacksPermission('manageStaff', 'only an administrator manages the staff directory');
}

/**
 * The directory for an admin: active entries (or all), optionally those of a unit and the units below
 * it, and those whose name, email or id contains the search text (any case); sorted by unit, then name.
 */
export async function listStaff(
  deps: Pick<StaffAdminDeps, 'staff' | 'orgTree'>,
  principal: StaffPrincipal,
  query: StaffListQuery,
): Promise<StaffMember[]> {
  requireAdmin(principal);
  const q = (query.q ?? '').toLowerCase();
  const inUnit = (m: StaffMember) =>
    query.unitId === undefined ||
    (deps.orgTree.has(m.unitId)
      ? deps.orgTree.pathOf(m.unitId).includes(query.unitId)
      : m.unitId === query.unitId);
  return (await deps.staff.list())
    .filter((m) => query.all === 'true' || m.active)
    .filter(inUnit)
    .filter((m) => q === '' || [m.name, m.email, m.id].some((s) => s.toLowerCase().includes(q)))
    .sort((a, b) => a.unitId.localeCompare(b.unitId) || a.name.localeCompare(b.name, 'zh-CN'));
}

/** One entry with its audit trail; 404 when there is none. */
export async function getStaff(
  deps: Pick<StaffAdminDeps, 'staff'>,
  principal: StaffPrincipal,
  id: string,
): Promise<{ member: StaffMember; history: StaffEvent[] }> {
  requireAdmin(principal);
  const member = await deps.staff.get(id);
  if (!member) throw staffNotFound(id);
  return { member, history: await deps.staff.history(id) };
}

/**
 * An admin adds someone.
 * 1. Admin only (403).
 * 2. The id is the one given (an existing sign-in account's `sub`), or the sign-in provider creates the
 *    account with the roles as groups and its `sub` becomes the id.
 * 3. Check the unit and the deputy (400 with the reason in words); an id in use is a 409.
 * 4. Write the entry (version 1) and its audit event in one conditional transaction.
 */
export async function createStaff(
  deps: StaffAdminDeps,
  principal: StaffPrincipal,
  input: NewStaffMember,
): Promise<StaffMember> {
  requireAdmin(principal);
  if (!deps.orgTree.has(input.unitId)) throw staffRefusal('unknown_unit', 'unitId', { value: input.unitId });
  if (input.id !== undefined && (await deps.staff.get(input.id)) !== null)
    throw staffWriteConflict(input.id, null);
  const deputy = input.deputyId === undefined ? null : await deps.staff.get(input.deputyId);
  const at = deps.clock.now();
  const probe = memberFrom(input, input.id ?? 'pending', at.toISOString());
  checkMember(probe, deps.orgTree, deputy);
  const id =
    input.id ??
    (await deps.staffAccounts.provision({
      email: input.email,
      name: input.name,
      roles: input.roles,
      unitId: input.unitId,
      approvalLimitFen: input.approvalLimitFen,
    }));
  const member = StaffMemberSchema.parse({ ...probe, id });
  checkMember(member, deps.orgTree, deputy);
  await deps.staff.save({
    member,
    expectedVersion: null,
    event: eventOf(deps, principal, id, 'staff_created', null, member, at),
  });
  return member;
}

/**
 * An admin edits an entry (deactivating is an edit with `active: false`).
 * 1. Admin only (403); the entry exists (404); the version is the one the admin saw (409 otherwise).
 * 2. Apply the edit and check the result as on creation (400 with the reason in words).
 * 3. Write it, version + 1, and its audit event with the diff, conditional on the version read.
 */
export async function updateStaff(
  deps: Pick<StaffAdminDeps, 'staff' | 'orgTree' | 'clock' | 'ids'>,
  principal: StaffPrincipal,
  id: string,
  update: StaffUpdate,
  action: 'staff_updated' | 'staff_deactivated' = 'staff_updated',
): Promise<StaffMember> {
  requireAdmin(principal);
  const current = await deps.staff.get(id);
  if (!current) throw staffNotFound(id);
  if (current.version !== update.expectedVersion) throw staffWriteConflict(id, update.expectedVersion);
  const at = deps.clock.now();
  const edited = applyStaffUpdate(current, update);
  const next: StaffMember = { ...edited, version: current.version + 1, updatedAt: at.toISOString() };
  const deputy = next.deputyId === undefined ? null : await deps.staff.get(next.deputyId);
  checkMember(next, deps.orgTree, deputy);
  await deps.staff.save({
    member: next,
    expectedVersion: current.version,
    event: eventOf(deps, principal, id, action, current, next, at),
  });
  return next;
}

export function deactivateStaff(
  deps: Pick<StaffAdminDeps, 'staff' | 'orgTree' | 'clock' | 'ids'>,
  principal: StaffPrincipal,
  id: string,
  expectedVersion: number,
): Promise<StaffMember> {
  return updateStaff(deps, principal, id, { expectedVersion, active: false }, 'staff_deactivated');
}

function memberFrom(input: NewStaffMember, id: string, at: string): StaffMember {
  return StaffMemberSchema.parse({
    id,
    name: input.name,
    email: input.email,
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    unitId: input.unitId,
    roles: input.roles,
    ...(input.approvalLimitFen !== undefined ? { approvalLimitFen: input.approvalLimitFen } : {}),
    active: true,
    onLeave: input.onLeave ?? false,
    ...(input.deputyId !== undefined ? { deputyId: input.deputyId } : {}),
    version: 1,
    createdAt: at,
    updatedAt: at,
  });
}

function eventOf(
  deps: Pick<StaffAdminDeps, 'ids'>,
  principal: StaffPrincipal,
  staffId: string,
  action: StaffEvent['action'],
  before: StaffMember | null,
  after: StaffMember,
  at: Date,
): StaffEvent {
  return {
    id: deps.ids.newId(at),
    staffId,
    at: at.toISOString(),
    actor: {
      type: 'staff',
      id: principal.id,
      ...(principal.name !== undefined ? { name: principal.name } : {}),
      roles: [...principal.roles],
    },
    action,
    changes: diffMembers(before, after),
  };
}
