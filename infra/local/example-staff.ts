import { ConflictError } from '../../shared/domain/errors.js';
import type { StaffRole } from '../../shared/domain/lifecycle.js';
import type { UnitDefinition } from '../../shared/domain/settings.js';
import { diffMembers, type StaffMember } from '../../shared/domain/staff-directory.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/ids.js';
import type { StaffDirectory } from '../../shared/ports/staff-directory.js';

/** Where the example staff's mail goes locally: the outbox page shows it; nothing leaves the machine. */
export const EXAMPLE_STAFF_DOMAIN = 'staff.claims.localhost';

interface ExamplePerson {
  readonly role: StaffRole;
  readonly name: string;
  readonly approvalLimitFen?: number;
}

/** HQ has every desk; each region and store a manager and an agent (SPEC §8 tiers as approval limits). */
const AT_ROOT: readonly ExamplePerson[] = [
  { role: 'agent', name: '李娜', approvalLimitFen: 10_000 },
  { role: 'manager', name: '张伟', approvalLimitFen: 3_000_000 },
  { role: 'legal', name: '王静' },
  { role: 'finance', name: '刘洋' },
  { role: 'executive', name: '陈明', approvalLimitFen: 100_000_000 },
  { role: 'admin', name: '赵磊' },
];
const BELOW: readonly ExamplePerson[] = [
  { role: 'manager', name: '经理', approvalLimitFen: 50_000 },
  { role: 'agent', name: '专员', approvalLimitFen: 10_000 },
];

/**
 * The example directory of `npm start` (issue 15): at the root unit an agent, a manager, legal, finance, an
 * executive and an administrator; in every region and store a manager and an agent (the store's agent has
 * the store's manager as deputy). Ids are the local sign-in's `local-<role>-<unit>`, addresses
 * `<role>.<unit>@staff.claims.localhost`, so every internal notice reaches someone's outbox.
 */
export function exampleStaff(units: readonly UnitDefinition[], at: string): StaffMember[] {
  const people: StaffMember[] = [];
  for (const unit of units) {
    const root = unit.parentId === undefined;
    const unitName = unit.name['zh-CN'];
    const key = unit.id.toLowerCase();
    for (const person of root ? AT_ROOT : BELOW) {
      const deputy = !root && person.role === 'agent' ? { deputyId: `local-manager-${key}` } : {};
      people.push({
        id: `local-${person.role}-${key}`,
        name: root ? person.name : `${unitName}${person.name}`,
        email: `${person.role}.${key}@${EXAMPLE_STAFF_DOMAIN}`,
        unitId: unit.id,
        roles: [person.role],
        ...(person.approvalLimitFen !== undefined ? { approvalLimitFen: person.approvalLimitFen } : {}),
        active: true,
        onLeave: false,
        ...deputy,
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
    }
  }
  return people;
}

/**
 * Adds the example people the directory lacks, each with its audit event; entries that exist (seeded
 * before, or edited by an admin since) are left as they are, so every start may call it. Returns how
 * many were added. Deputies come after the people they name, so the stores' agents are added last.
 */
export async function seedExampleStaff(
  directory: StaffDirectory,
  units: readonly UnitDefinition[],
  clock: Clock,
  ids: IdGenerator,
): Promise<number> {
  const now = clock.now();
  const people = exampleStaff(units, now.toISOString()).sort(
    (a, b) => Number(a.deputyId !== undefined) - Number(b.deputyId !== undefined),
  );
  let added = 0;
  for (const member of people) {
    if ((await directory.get(member.id)) !== null) continue;
    try {
      await directory.save({
        member,
        expectedVersion: null,
        event: {
          id: ids.newId(now),
          staffId: member.id,
          at: member.createdAt,
          actor: { type: 'system', id: 'npm-start' },
          action: 'staff_created',
          changes: diffMembers(null, member),
        },
      });
      added++;
    } catch (error) {
      // Another start seeded the same person meanwhile: theirs stands.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return added;
}
