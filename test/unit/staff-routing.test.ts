import { describe, expect, it } from 'vitest';
import { buildOrgTree } from '../../shared/domain/org-units.js';
import { staffAddresses } from '../../shared/domain/staff-routing.js';
import { settings, staffMember } from '../support/fixtures.js';

const tree = buildOrgTree(settings.units);
const storeClaim = { unitId: 'EAST-SH01' };
const directory = [
  staffMember('li', ['agent'], 'EAST-SH01', { deputyId: 'wang' }),
  staffMember('wang', ['agent'], 'EAST-SH01'),
  staffMember('store-mgr', ['manager'], 'EAST-SH01'),
  staffMember('region-mgr', ['manager'], 'EAST'),
  staffMember('hq-mgr', ['manager'], 'HQ'),
  staffMember('hq-mgr-2', ['manager', 'legal'], 'HQ'),
];
const address = (id: string) => `${id}@staff.claims.example`;
const withChange = (id: string, change: Partial<(typeof directory)[number]>) =>
  directory.map((m) => (m.id === id ? { ...m, ...change } : m));

/** Internal notices go to directory addresses (issue 15). */
describe('notice routing from the staff directory', () => {
  it('reaches the assignee when they are available', () => {
    expect(staffAddresses({ type: 'staff', staffId: 'li' }, storeClaim, directory, tree)).toEqual([
      address('li'),
    ]);
  });

  it('sends an on-leave or deactivated assignee’s notice to their deputy', () => {
    for (const change of [{ onLeave: true }, { active: false }])
      expect(
        staffAddresses({ type: 'staff', staffId: 'li' }, storeClaim, withChange('li', change), tree),
      ).toEqual([address('wang')]);
  });

  it('falls back to the unit’s managers when the deputy is away too, or there is none, or nobody knows them', () => {
    const both = withChange('li', { onLeave: true }).map((m) =>
      m.id === 'wang' ? { ...m, active: false } : m,
    );
    expect(staffAddresses({ type: 'staff', staffId: 'li' }, storeClaim, both, tree)).toEqual([
      address('store-mgr'),
    ]);
    expect(
      staffAddresses(
        { type: 'staff', staffId: 'wang' },
        storeClaim,
        withChange('wang', { onLeave: true }),
        tree,
      ),
    ).toEqual([address('store-mgr')]);
    expect(staffAddresses({ type: 'staff', staffId: 'agnet-li' }, storeClaim, directory, tree)).toEqual([
      address('store-mgr'),
    ]);
  });

  it('goes to every available member of a unit’s role, and up the chain when the unit has none', () => {
    expect(
      staffAddresses({ type: 'unit_role', unitId: 'HQ', role: 'manager' }, null, directory, tree),
    ).toEqual([address('hq-mgr'), address('hq-mgr-2')]);
    const noStoreManager = withChange('store-mgr', { active: false });
    expect(
      staffAddresses(
        { type: 'unit_role', unitId: 'EAST-SH01', role: 'manager' },
        storeClaim,
        noStoreManager,
        tree,
      ),
    ).toEqual([address('region-mgr')]);
    expect(
      staffAddresses({ type: 'unit_role', unitId: 'EAST-SH01', role: 'legal' }, null, directory, tree),
    ).toEqual([address('hq-mgr-2')]);
    expect(
      staffAddresses({ type: 'unit_role', unitId: 'HQ', role: 'finance' }, null, directory, tree),
    ).toEqual([]);
  });

  it('replaces a manager on leave by their available deputy', () => {
    const away = withChange('store-mgr', { onLeave: true, deputyId: 'wang' });
    expect(
      staffAddresses({ type: 'unit_role', unitId: 'EAST-SH01', role: 'manager' }, storeClaim, away, tree),
    ).toEqual([address('wang')]);
  });
});
