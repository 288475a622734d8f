import * as z from '../zod.js';
import { StaffRoleSchema, type StaffRole } from './lifecycle.js';
import { unitCovers, type OrgTree } from './org-units.js';
import { ForbiddenError } from './errors.js';
import type { Actor } from './claim.js';

/** A signed-in staff member, as the JWT authorizer vouches for them. */
export interface StaffPrincipal {
  readonly id: string;
  readonly name?: string | undefined;
  readonly roles: readonly StaffRole[];
  readonly unitId: string;
  readonly unitPath: readonly string[];
  /** Highest amount this person may approve, in fen (SPEC §8), from their token. */
  readonly approvalLimitFen: number;
}

export const StaffIdentitySchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  name: z.optional(z.string()),
  roles: z.array(StaffRoleSchema).check(z.minLength(1)),
  unitId: z.string().check(z.minLength(1)),
  approvalLimitFen: z.int().check(z.nonnegative()),
});
export type StaffIdentity = z.infer<typeof StaffIdentitySchema>;

/** Places the identity in the organisation tree; a token naming a unit we do not know is refused. */
export function toPrincipal(identity: StaffIdentity, tree: OrgTree): StaffPrincipal {
  if (!tree.has(identity.unitId))
    throw new ForbiddenError(`your organisation unit ${identity.unitId} is not configured`, {
      'zh-CN': '您账号所属的单位尚未设置，请联系系统管理员。',
      en: 'Your account’s unit is not set up yet; please ask an administrator.',
    });
  return { ...identity, unitPath: tree.pathOf(identity.unitId) };
}

export function staffActor(principal: StaffPrincipal): Actor {
  return {
    type: 'staff',
    id: principal.id,
    ...(principal.name !== undefined ? { name: principal.name } : {}),
    roles: [...principal.roles],
  };
}

/** HQ, the root of the tree, sees every unit's claims and figures; everyone else their own subtree. */
export function seesWholeOrganisation(principal: StaffPrincipal): boolean {
  return principal.unitPath.length === 1;
}

export function canSee(principal: StaffPrincipal, claimUnitPath: readonly string[]): boolean {
  return unitCovers(principal.unitId, claimUnitPath);
}
