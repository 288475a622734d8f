import type { PolicyVersion, PolicyVersionSummary } from '../domain/policy-document.js';
import type { OrgTree } from '../domain/org-units.js';
import type { PolicySettings } from '../domain/settings.js';

/**
 * The versioned policy document (issue 15): every saved version is kept, the highest is in force.
 * Saving is one conditional write on the version number, so of two admins who edited the same version
 * one saves and the other gets a ConflictError (409).
 */
export interface PolicyStore {
  /** The version in force (the highest), or null when the table has none yet. */
  current(): Promise<PolicyVersion | null>;
  /** One version, or null when there is no such version. */
  version(n: number): Promise<PolicyVersion | null>;
  /** Every version without its document, newest first. */
  listVersions(): Promise<PolicyVersionSummary[]>;
  /**
   * Writes `next` (numbered `expectedVersion + 1`) only if no version after `expectedVersion` exists;
   * `expectedVersion` 0 seeds the first. ConflictError when another save came first.
   */
  save(next: PolicyVersion, expectedVersion: number): Promise<void>;
}

/** The policy in force at one moment, as use cases take it. */
export interface PolicySnapshot {
  readonly version: number;
  readonly settings: PolicySettings;
  readonly orgTree: OrgTree;
}

/** Where functions read the policy in force from (cached briefly, see cachedPolicySource). */
export interface PolicySource {
  current(): Promise<PolicySnapshot>;
  /** Forget the cached version (after this process saved one). */
  invalidate(): void;
}
