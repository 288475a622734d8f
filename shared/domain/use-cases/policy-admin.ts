import * as z from '../../zod.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { lacksPermission } from '../refusals.js';
import {
  nextPolicyVersion,
  policyConflict,
  policyRuleIssues,
  type PolicyVersion,
  type PolicyVersionSummary,
} from '../policy-document.js';
import type { StaffPrincipal } from '../principal.js';
import { PolicySettingsSchema } from '../settings.js';
import { mayDo } from '../staff-permissions.js';
import type { Clock } from '../../ports/clock.js';
import type { PolicySource, PolicyStore } from '../../ports/policy-store.js';
import { revisedNotice } from '../privacy-notice.js';

export interface PolicyAdminDeps {
  readonly policy: PolicySource;
  readonly policyStore: PolicyStore;
  readonly clock: Clock;
}

/** A save: the whole document (missing parts take their defaults), on the version the admin edited. */
export const PolicySaveSchema = z.strictObject({
  expectedVersion: z.int().check(z.gte(1)),
  settings: PolicySettingsSchema,
  note: z.optional(z.string().check(z.maxLength(500))),
});
export type PolicySave = z.infer<typeof PolicySaveSchema>;

function mayRead(principal: StaffPrincipal): void {
  if (!mayDo('readPolicy', principal.roles))
    throw lacksPermission('readPolicy', 'reading the policy needs the manager, executive or admin role');
}

/** The version in force (seeded from POLICY_SETTINGS in a table without one), read past the cache. */
async function currentVersion(deps: PolicyAdminDeps): Promise<PolicyVersion> {
  const stored = await deps.policyStore.current();
  if (stored) return stored;
  await deps.policy.current(); // seeds version 1
  const seeded = await deps.policyStore.current();
  if (!seeded) throw new Error('the policy document was not seeded');
  return seeded;
}

export async function viewPolicy(deps: PolicyAdminDeps, principal: StaffPrincipal): Promise<PolicyVersion> {
  mayRead(principal);
  return currentVersion(deps);
}

export async function listPolicyVersions(
  deps: PolicyAdminDeps,
  principal: StaffPrincipal,
): Promise<{ versions: PolicyVersionSummary[] }> {
  mayRead(principal);
  await currentVersion(deps);
  return { versions: await deps.policyStore.listVersions() };
}

export async function viewPolicyVersion(
  deps: PolicyAdminDeps,
  principal: StaffPrincipal,
  version: number,
): Promise<PolicyVersion> {
  mayRead(principal);
  const found = await deps.policyStore.version(version);
  if (!found)
    throw new NotFoundError(`the policy has no version ${version}`, {
      'zh-CN': `策略没有第 ${version} 版，请从版本列表中选择。`,
      en: `The policy has no version ${version}; choose one from the list of versions.`,
    });
  return found;
}

/**
 * Save a new version (admin only), effective from its save.
 * 1. The document passed the schema at the edge (field paths under `settings.`); here the rules across
 *    fields (tier order, the unit tree, zero SLA targets, routing), each refused with its path in words.
 * 2. It must be a save on the version in force: one made on an older version is a 409, nothing written.
 * 3. `checkUnits` refuses moving or closing a unit with open claims (given by the caller, see unit-changes).
 * 4. One conditional write of the version with who, when and the diff; this process's cache is dropped.
 */
export async function savePolicy(
  deps: PolicyAdminDeps,
  principal: StaffPrincipal,
  input: PolicySave,
  checkUnits: (before: PolicyVersion, after: PolicyVersion) => Promise<void> = () => Promise.resolve(),
): Promise<PolicyVersion> {
  if (!mayDo('managePolicy', principal.roles))
    throw lacksPermission('managePolicy', 'only an admin may change the policy');
  const issues = policyRuleIssues(input.settings).map((i) => ({ ...i, path: `settings.${i.path}` }));
  if (issues.length > 0)
    throw new ValidationError(`策略未保存：${issues.map((i) => i.message).join('；')}`, issues);
  const current = await currentVersion(deps);
  if (current.version !== input.expectedVersion) throw policyConflict(input.expectedVersion);
  // A changed privacy notice is a new notice version, in effect from now (issue 18).
  const settings = {
    ...input.settings,
    privacyNotice: revisedNotice(
      current.settings.privacyNotice,
      input.settings.privacyNotice,
      deps.clock.now(),
    ),
  };
  const next = nextPolicyVersion(current, settings, principal.id, deps.clock.now(), input.note);
  if (next.changes.length === 0)
    throw new ValidationError('策略没有改动，未保存新版本 (nothing changed: no new version was saved)', [
      { path: 'settings', message: '没有改动 (unchanged)' },
    ]);
  await checkUnits(current, next);
  await deps.policyStore.save(next, current.version);
  deps.policy.invalidate();
  return next;
}
