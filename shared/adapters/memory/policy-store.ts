import { ConflictError } from '../../domain/errors.js';
import {
  PolicyVersionSchema,
  policyConflict,
  type PolicyVersion,
  type PolicyVersionSummary,
} from '../../domain/policy-document.js';
import type { PolicyStore } from '../../ports/policy-store.js';

/** As the DynamoDB store: versions validated on the way in, the save conditional, readers get copies. */
export class InMemoryPolicyStore implements PolicyStore {
  readonly versions = new Map<number, PolicyVersion>();

  private latest(): number {
    return Math.max(0, ...this.versions.keys());
  }

  current(): Promise<PolicyVersion | null> {
    const stored = this.versions.get(this.latest());
    return Promise.resolve(stored ? structuredClone(stored) : null);
  }

  version(n: number): Promise<PolicyVersion | null> {
    const stored = this.versions.get(n);
    return Promise.resolve(stored ? structuredClone(stored) : null);
  }

  listVersions(): Promise<PolicyVersionSummary[]> {
    return Promise.resolve(
      [...this.versions.values()]
        .sort((a, b) => b.version - a.version)
        .map(({ settings: _settings, ...summary }) => structuredClone(summary)),
    );
  }

  save(next: PolicyVersion, expectedVersion: number): Promise<void> {
    const valid = PolicyVersionSchema.safeParse(next);
    if (!valid.success) return Promise.reject(valid.error);
    if (valid.data.version !== expectedVersion + 1)
      return Promise.reject(
        new ConflictError(`policy version ${valid.data.version} does not follow version ${expectedVersion}`),
      );
    if (this.latest() !== expectedVersion) return Promise.reject(policyConflict(expectedVersion));
    this.versions.set(valid.data.version, structuredClone(valid.data));
    return Promise.resolve();
  }
}
