import type { Claim } from './claim.js';
import { isClaimNumber } from './claim-number.js';
import { NotFoundError } from './errors.js';
import { canSee, type StaffPrincipal } from './principal.js';
import type { ClaimStore } from '../ports/claim-store.js';

/** A claim by number (CLM-…) or id, or 404 when it does not exist or lies outside the caller's units. */
export async function loadVisibleClaim(
  store: ClaimStore,
  ref: string,
  principal: StaffPrincipal,
): Promise<Claim> {
  const claim = isClaimNumber(ref) ? await store.getByNumber(ref) : await store.getById(ref);
  if (!claim || !canSee(principal, claim.unitPath)) throw new NotFoundError(`no claim ${ref}`);
  return claim;
}
