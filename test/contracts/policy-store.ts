import { beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../shared/domain/errors.js';
import { nextPolicyVersion, seedPolicyVersion } from '../../shared/domain/policy-document.js';
import { defaultPolicySettings } from '../../shared/domain/settings.js';
import type { StoreSet, StoreSubject } from './stores.js';

const at = new Date('2026-11-23T02:00:00Z');

/** What every PolicyStore promises, run against the in-memory fake and DynamoDB. */
export function policyStoreContract(subject: StoreSubject): void {
  describe(`PolicyStore (${subject.name})`, () => {
    let stores: StoreSet;
    beforeEach(async () => {
      stores = await subject.fresh();
    });

    it('has no document in a new table; the seed becomes version 1 and is in force', async () => {
      expect(await stores.policy.current()).toBeNull();
      expect(await stores.policy.listVersions()).toEqual([]);
      const seed = seedPolicyVersion(defaultPolicySettings(), at);
      await stores.policy.save(seed, 0);
      expect(await stores.policy.current()).toEqual(seed);
      expect(await stores.policy.version(1)).toEqual(seed);
    });

    it('keeps every version readable, the newest in force, with who saved it, when and what changed', async () => {
      const v1 = seedPolicyVersion(defaultPolicySettings(), at);
      await stores.policy.save(v1, 0);
      const raised = { ...v1.settings, money: { ...v1.settings.money, agentMaxFen: 20_000 } };
      const v2 = nextPolicyVersion(v1, raised, 'admin-1', new Date('2026-11-24T02:00:00Z'), '坐席上限调高');
      await stores.policy.save(v2, 1);
      expect((await stores.policy.current())?.settings.money.agentMaxFen).toBe(20_000);
      expect((await stores.policy.version(1))?.settings.money.agentMaxFen).toBe(10_000);
      expect(await stores.policy.version(3)).toBeNull();
      expect(await stores.policy.listVersions()).toEqual([
        {
          version: 2,
          savedBy: 'admin-1',
          savedAt: '2026-11-24T02:00:00.000Z',
          changes: [{ path: 'money.agentMaxFen', before: 10_000, after: 20_000 }],
          note: '坐席上限调高',
        },
        { version: 1, savedBy: 'POLICY_SETTINGS', savedAt: at.toISOString(), changes: [] },
      ]);
    });

    it('of two saves on the same version one is refused with a conflict, and nothing of it is kept', async () => {
      const v1 = seedPolicyVersion(defaultPolicySettings(), at);
      await stores.policy.save(v1, 0);
      const first = nextPolicyVersion(v1, { ...v1.settings, filingWindowDays: 45 }, 'admin-1', at);
      const second = nextPolicyVersion(v1, { ...v1.settings, filingWindowDays: 60 }, 'admin-2', at);
      const results = await Promise.allSettled([stores.policy.save(first, 1), stores.policy.save(second, 1)]);
      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect(refused[0]?.status === 'rejected' && refused[0].reason).toBeInstanceOf(ConflictError);
      const current = await stores.policy.current();
      expect(current?.version).toBe(2);
      expect([45, 60]).toContain(current?.settings.filingWindowDays);
      expect(await stores.policy.listVersions()).toHaveLength(2);
    });

    it('refuses a second seed, a stale expected version and a version that skips a number', async () => {
      const v1 = seedPolicyVersion(defaultPolicySettings(), at);
      await stores.policy.save(v1, 0);
      await expect(stores.policy.save(v1, 0)).rejects.toBeInstanceOf(ConflictError);
      const v2 = nextPolicyVersion(v1, { ...v1.settings, filingWindowDays: 45 }, 'admin-1', at);
      await stores.policy.save(v2, 1);
      const stale = nextPolicyVersion(v1, { ...v1.settings, filingWindowDays: 50 }, 'admin-2', at);
      await expect(stores.policy.save(stale, 1)).rejects.toBeInstanceOf(ConflictError);
      await expect(stores.policy.save({ ...v2, version: 5 }, 2)).rejects.toBeInstanceOf(ConflictError);
      expect((await stores.policy.current())?.settings.filingWindowDays).toBe(45);
    });

    it('hands out copies: changing what was saved or read changes nothing stored', async () => {
      const v1 = seedPolicyVersion(defaultPolicySettings(), at);
      await stores.policy.save(v1, 0);
      v1.settings.units.length = 0;
      const read = await stores.policy.current();
      read?.settings.units.pop();
      expect((await stores.policy.version(1))?.settings.units).toHaveLength(3);
    });
  });
}
