import { ConflictError } from './errors.js';
import { buildOrgTree } from './org-units.js';
import { seedPolicyVersion, type PolicyVersion } from './policy-document.js';
import type { PolicySettings } from './settings.js';
import type { Clock } from '../ports/clock.js';
import type { PolicySnapshot, PolicySource, PolicyStore } from '../ports/policy-store.js';

/** How long a function keeps the policy it read before reading the current version again. */
export const POLICY_CACHE_TTL_MS = 60_000;

/**
 * The policy in force, read from the store at most every `ttlMs` (one GetItem), so a version an admin saves
 * reaches every warm function within a minute without a deploy. A table without a document is seeded with
 * version 1 from `seed` (the deployment's POLICY_SETTINGS), conditionally: of two functions seeding at once,
 * one writes and the other reads what it wrote.
 */
export function cachedPolicySource(
  store: PolicyStore,
  clock: Clock,
  seed: PolicySettings,
  ttlMs = POLICY_CACHE_TTL_MS,
  /**
   * False for a function that may only read the table (the report): it uses the seed as version 1 without
   * writing it, and the next function that may write seeds the same version.
   */
  writesSeed = true,
): PolicySource {
  let cached: { snapshot: PolicySnapshot; loadedAt: number } | undefined;
  let loading: Promise<PolicySnapshot> | undefined;
  async function load(): Promise<PolicySnapshot> {
    const stored =
      (await store.current()) ??
      (writesSeed ? await seedOnce(store, seed, clock.now()) : seedPolicyVersion(seed, clock.now()));
    // The tree of an unchanged version is not rebuilt.
    if (cached && cached.snapshot.version === stored.version) return cached.snapshot;
    return snapshotOf(stored);
  }
  return {
    async current() {
      const now = clock.now().getTime();
      if (cached && now - cached.loadedAt < ttlMs) return cached.snapshot;
      // Requests arriving together share one read.
      loading ??= load().finally(() => {
        loading = undefined;
      });
      const snapshot = await loading;
      cached = { snapshot, loadedAt: now };
      return snapshot;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

async function seedOnce(store: PolicyStore, seed: PolicySettings, at: Date): Promise<PolicyVersion> {
  const first = seedPolicyVersion(seed, at);
  try {
    await store.save(first, 0);
    return first;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const current = await store.current();
    if (!current) throw error;
    return current;
  }
}

/** A version as use cases take it, with its organisation tree built. */
export function snapshotOf(version: Pick<PolicyVersion, 'version' | 'settings'>): PolicySnapshot {
  return {
    version: version.version,
    settings: version.settings,
    orgTree: buildOrgTree(version.settings.units),
  };
}

/** A policy that never changes (tests, and tools that run on the settings they were given). */
export function fixedPolicySource(settings: PolicySettings, version = 1): PolicySource {
  const snapshot = snapshotOf({ version, settings });
  return { current: () => Promise.resolve(snapshot), invalidate: () => undefined };
}
