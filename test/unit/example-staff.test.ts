import { describe, expect, it } from 'vitest';
import { exampleStaff, seedExampleStaff } from '../../infra/local/example-staff.js';
import { InMemoryStaffDirectory } from '../../shared/adapters/memory/staff-directory.js';
import { buildOrgTree } from '../../shared/domain/org-units.js';
import { defaultPolicySettings } from '../../shared/domain/settings.js';
import { recipientsOf } from '../../shared/domain/use-cases/send-notification.js';
import { FixedClock, SequentialIds } from '../support/fixtures.js';

const settings = defaultPolicySettings();
const clock = new FixedClock(new Date('2026-11-23T02:00:00Z'));

/** `npm start` seeds an example directory so every internal notice reaches someone's outbox (issue 15). */
describe('the example staff directory of npm start', () => {
  it('has an agent, manager, legal, finance, executive and admin at HQ, and staff in the region and store', () => {
    const people = exampleStaff(settings.units, clock.now().toISOString());
    const at = (unit: string) => people.filter((p) => p.unitId === unit).flatMap((p) => p.roles);
    expect(at('HQ').sort()).toEqual(['admin', 'agent', 'executive', 'finance', 'legal', 'manager']);
    expect(at('EAST').sort()).toEqual(['agent', 'manager']);
    expect(at('EAST-SH01').sort()).toEqual(['agent', 'manager']);
    expect(people.every((p) => p.email.endsWith('@staff.claims.localhost'))).toBe(true);
    expect(people.find((p) => p.id === 'local-agent-east-sh01')).toMatchObject({
      name: '上海一店专员',
      deputyId: 'local-manager-east-sh01',
    });
  });

  it('seeds idempotently: a second start adds nobody and keeps what an admin changed', async () => {
    const directory = new InMemoryStaffDirectory();
    const ids = new SequentialIds();
    expect(await seedExampleStaff(directory, settings.units, clock, ids)).toBe(10);
    const manager = await directory.get('local-manager-hq');
    if (!manager) throw new Error('no HQ manager seeded');
    directory.members.set(manager.id, { ...manager, email: 'boss@example.com', version: 2 });
    expect(await seedExampleStaff(directory, settings.units, clock, ids)).toBe(0);
    expect((await directory.get('local-manager-hq'))?.email).toBe('boss@example.com');
    expect((await directory.history('local-agent-hq'))[0]).toMatchObject({
      action: 'staff_created',
      actor: { type: 'system', id: 'npm-start' },
    });
  });

  it('gives every internal notice of a fresh start an address', async () => {
    const directory = new InMemoryStaffDirectory();
    await seedExampleStaff(directory, settings.units, clock, new SequentialIds());
    const deps = { settings, staff: directory };
    expect(buildOrgTree(settings.units).has('EAST-SH01')).toBe(true);
    expect(
      await recipientsOf(deps, { type: 'unit_role', unitId: 'EAST-SH01', role: 'manager' }, null),
    ).toEqual(['manager.east-sh01@staff.claims.localhost']);
    // No legal desk at the store: the notice goes up the chain to HQ's.
    expect(await recipientsOf(deps, { type: 'unit_role', unitId: 'EAST-SH01', role: 'legal' }, null)).toEqual(
      ['legal.hq@staff.claims.localhost'],
    );
    expect(await recipientsOf(deps, { type: 'staff', staffId: 'local-agent-hq' }, null)).toEqual([
      'agent.hq@staff.claims.localhost',
    ]);
  });
});
