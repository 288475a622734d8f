import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../shared/domain/errors.js';
import type { StaffEvent, StaffMember } from '../../shared/domain/staff-directory.js';
import type { StaffDirectory } from '../../shared/ports/staff-directory.js';
import type { StoreSubject } from './stores.js';

const AT = '2026-11-23T02:00:00.000Z';
const ADMIN: StaffEvent['actor'] = { type: 'staff', id: 'admin-1', roles: ['admin'] };

export function member(overrides: Partial<StaffMember> = {}): StaffMember {
  return {
    id: 'agent-li',
    name: '李娜',
    email: 'li.na@staff.claims.localhost',
    unitId: 'HQ',
    roles: ['agent'],
    active: true,
    onLeave: false,
    version: 1,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

function event(staffId: string, id: string, action: StaffEvent['action'] = 'staff_created'): StaffEvent {
  return {
    id,
    staffId,
    at: AT,
    actor: ADMIN,
    action,
    changes: [{ field: 'name', before: null, after: '李娜' }],
  };
}

/** What every StaffDirectory promises, run against the in-memory fake and DynamoDB. */
export function staffDirectoryContract(subject: StoreSubject): void {
  describe(`StaffDirectory (${subject.name})`, () => {
    let staff: StaffDirectory;
    beforeEach(async () => {
      staff = (await subject.fresh()).staff;
    });

    it('creates an entry with its audit event, reads it back, lists the directory by id', async () => {
      expect(await staff.get('agent-li')).toBeNull();
      await staff.save({ member: member(), expectedVersion: null, event: event('agent-li', 'E1') });
      await staff.save({
        member: member({
          id: 'agent-fang',
          name: '王芳',
          phone: '+86 138 0013 8000',
          approvalLimitFen: 10_000,
        }),
        expectedVersion: null,
        event: event('agent-fang', 'E2'),
      });
      expect(await staff.get('agent-li')).toEqual(member());
      expect((await staff.list()).map((m) => m.id)).toEqual(['agent-fang', 'agent-li']);
      expect((await staff.get('agent-fang'))?.approvalLimitFen).toBe(10_000);
      expect(await staff.history('agent-li')).toEqual([event('agent-li', 'E1')]);
      expect(await staff.history('nobody')).toEqual([]);
    });

    it('refuses a second entry with the same id (409), writing neither entry nor event', async () => {
      await staff.save({ member: member(), expectedVersion: null, event: event('agent-li', 'E1') });
      await expect(
        staff.save({
          member: member({ name: '别人' }),
          expectedVersion: null,
          event: event('agent-li', 'E2'),
        }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect((await staff.get('agent-li'))?.name).toBe('李娜');
      expect((await staff.history('agent-li')).map((e) => e.id)).toEqual(['E1']);
    });

    it('updates only from the version read: of two concurrent edits one wins, the other gets 409', async () => {
      await staff.save({ member: member(), expectedVersion: null, event: event('agent-li', 'E1') });
      const results = await Promise.allSettled([
        staff.save({
          member: member({ name: '李娜 A', version: 2 }),
          expectedVersion: 1,
          event: event('agent-li', 'E2', 'staff_updated'),
        }),
        staff.save({
          member: member({ name: '李娜 B', version: 2 }),
          expectedVersion: 1,
          event: event('agent-li', 'E3', 'staff_updated'),
        }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected');
      expect(refused?.status === 'rejected' ? refused.reason : null).toBeInstanceOf(ConflictError);
      const stored = await staff.get('agent-li');
      expect(stored?.version).toBe(2);
      expect(['李娜 A', '李娜 B']).toContain(stored?.name);
      expect(await staff.history('agent-li')).toHaveLength(2);
    });

    it('refuses an entry that breaks its schema, storing nothing', async () => {
      await expect(
        staff.save({
          member: member({ email: 'not an address' }),
          expectedVersion: null,
          event: event('agent-li', 'E1'),
        }),
      ).rejects.toThrow();
      expect(await staff.get('agent-li')).toBeNull();
    });

    it('hands out copies: changing what was read changes nothing stored', async () => {
      await staff.save({ member: member(), expectedVersion: null, event: event('agent-li', 'E1') });
      const read = await staff.get('agent-li');
      read?.roles.push('manager');
      const [listed] = await staff.list();
      listed?.roles.pop();
      expect((await staff.get('agent-li'))?.roles).toEqual(['agent']);
    });
  });
}
