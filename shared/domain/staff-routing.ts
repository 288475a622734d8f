import type { Claim } from './claim.js';
import type { Recipient } from './messages.js';
import type { OrgTree } from './org-units.js';
import { isAvailable, type StaffMember } from './staff-directory.js';

/** Who owns a claim's notices: its assignee when there is one, otherwise the managers of its unit. */
export function claimOwner(claim: Pick<Claim, 'assigneeId' | 'unitId'>): Recipient {
  return claim.assigneeId !== undefined
    ? { type: 'staff', staffId: claim.assigneeId }
    : { type: 'unit_role', unitId: claim.unitId, role: 'manager' };
}

/**
 * Where an internal notice goes, from the directory (issue 15):
 * - to a person (the assignee): them; when they are inactive or on leave, their deputy (if available),
 *   else the managers of the claim's unit (or, without a claim, of the person's unit); someone the
 *   directory does not know is treated the same way;
 * - to a unit's role (its managers, legal, …): the available members with that role in that unit, each one
 *   away replaced by their available deputy; a unit with nobody left passes the notice to the unit above,
 *   up to the root, so an escalation or a store's notice still reaches someone.
 * Returns the addresses, each once; none when the whole chain is empty.
 */
export function staffAddresses(
  recipient: Exclude<Recipient, { type: 'customer' }>,
  claim: Pick<Claim, 'unitId'> | null,
  directory: readonly StaffMember[],
  tree: OrgTree,
): string[] {
  const byId = new Map(directory.map((m) => [m.id, m]));
  const reachable = (member: StaffMember): StaffMember | null => {
    if (isAvailable(member)) return member;
    const deputy = member.deputyId === undefined ? undefined : byId.get(member.deputyId);
    return deputy !== undefined && isAvailable(deputy) ? deputy : null;
  };
  const roleUpTheChain = (unitId: string, role: string): string[] => {
    const chain = tree.has(unitId) ? [...tree.pathOf(unitId)].reverse() : [unitId];
    for (const unit of chain) {
      const found = directory
        .filter((m) => m.active && m.unitId === unit && m.roles.some((r) => r === role))
        .map(reachable)
        .filter((m): m is StaffMember => m !== null)
        .map((m) => m.email);
      if (found.length > 0) return [...new Set(found)];
    }
    return [];
  };
  if (recipient.type === 'unit_role') return roleUpTheChain(recipient.unitId, recipient.role);
  const member = byId.get(recipient.staffId);
  const person = member === undefined ? null : reachable(member);
  if (person !== null) return [person.email];
  const unitId = claim?.unitId ?? member?.unitId;
  return unitId === undefined ? [] : roleUpTheChain(unitId, 'manager');
}
