import { describe, expect, it } from 'vitest';
import { InMemoryPolicyStore } from '../../../shared/adapters/memory/policy-store.js';
import { nextPolicyVersion } from '../../../shared/domain/policy-document.js';
import { cachedPolicySource, POLICY_CACHE_TTL_MS } from '../../../shared/domain/policy-source.js';
import { defaultPolicySettings } from '../../../shared/domain/settings.js';
import { FixedClock } from '../../support/fixtures.js';

describe('the policy in force, read through a one-minute cache', () => {
  it('seeds version 1 from POLICY_SETTINGS in a table without a document, once', async () => {
    const store = new InMemoryPolicyStore();
    const clock = new FixedClock(new Date('2026-11-23T02:00:00Z'));
    const seed = { ...defaultPolicySettings(), filingWindowDays: 45 };
    const [a, b] = await Promise.all([
      cachedPolicySource(store, clock, seed).current(),
      cachedPolicySource(store, clock, seed).current(),
    ]);
    expect([a.version, b.version]).toEqual([1, 1]);
    expect(a.settings.filingWindowDays).toBe(45);
    expect(await store.listVersions()).toHaveLength(1);
    expect((await store.version(1))?.savedBy).toBe('POLICY_SETTINGS');
  });

  it('in a function that may only read the table, uses the seed as version 1 without writing it', async () => {
    const store = new InMemoryPolicyStore();
    const clock = new FixedClock(new Date('2026-11-23T02:00:00Z'));
    const source = cachedPolicySource(store, clock, defaultPolicySettings(), POLICY_CACHE_TTL_MS, false);
    expect((await source.current()).version).toBe(1);
    expect(await store.listVersions()).toEqual([]);
  });

  it('sees a saved version only once the cached one is a minute old', async () => {
    const store = new InMemoryPolicyStore();
    const clock = new FixedClock(new Date('2026-11-23T02:00:00Z'));
    const source = cachedPolicySource(store, clock, defaultPolicySettings());
    const v1 = await source.current();
    expect(v1.settings.money.agentMaxFen).toBe(10_000);
    const stored = await store.current();
    if (!stored) throw new Error('no seed');
    const raised = { ...stored.settings, money: { ...stored.settings.money, agentMaxFen: 20_000 } };
    await store.save(nextPolicyVersion(stored, raised, 'admin-1', clock.now()), 1);

    clock.advanceMs(POLICY_CACHE_TTL_MS - 1);
    expect((await source.current()).version).toBe(1);
    clock.advanceMs(1);
    const v2 = await source.current();
    expect(v2.version).toBe(2);
    expect(v2.settings.money.agentMaxFen).toBe(20_000);
    expect(v2.orgTree.pathOf('EAST-SH01')).toEqual(['HQ', 'EAST', 'EAST-SH01']);
  });

  it('reads the store again at once after invalidate (this process saved a version)', async () => {
    const store = new InMemoryPolicyStore();
    const clock = new FixedClock(new Date('2026-11-23T02:00:00Z'));
    const source = cachedPolicySource(store, clock, defaultPolicySettings());
    await source.current();
    const stored = await store.current();
    if (!stored) throw new Error('no seed');
    await store.save(
      nextPolicyVersion(stored, { ...stored.settings, filingWindowDays: 40 }, 'a', clock.now()),
      1,
    );
    source.invalidate();
    expect((await source.current()).settings.filingWindowDays).toBe(40);
  });
});
