import type { OrgTree } from '../domain/org-units.js';
import type { PolicySettings } from '../domain/settings.js';
import type { PolicySource } from '../ports/policy-store.js';

/** The policy in force when a request or message is handled: what use cases read as `deps.settings`. */
export interface CurrentPolicy {
  readonly settings: PolicySettings;
  readonly orgTree: OrgTree;
  /** The version of the policy document these settings are (recorded on the claims it decides). */
  readonly policyVersion: number;
}

/** Dependencies as built at cold start: the policy is a source to read per request, not a value. */
export type AtColdStart<D> = Omit<D, keyof CurrentPolicy> & { readonly policy: PolicySource };

/**
 * The dependencies with the policy current now (from the short cache): every handler calls this once per
 * request or message, so a saved version applies to whatever is handled after the cache's minute.
 */
export async function withCurrentPolicy<D extends { readonly policy: PolicySource }>(
  deps: D,
): Promise<D & CurrentPolicy> {
  const current = await deps.policy.current();
  return { ...deps, settings: current.settings, orgTree: current.orgTree, policyVersion: current.version };
}
