import type { Claim } from './claim.js';
import { isClaimNumber } from './claim-number.js';
import { ConflictError, NotFoundError } from './errors.js';
import { canSee, type StaffPrincipal } from './principal.js';
import type { ClaimStore } from '../ports/claim-store.js';

/** A claim by number (CLM-…) or id, or 404 when it does not exist or lies outside the caller's units. */
export async function loadVisibleClaim(
  store: ClaimStore,
  ref: string,
  principal: StaffPrincipal,
): Promise<Claim> {
  const claim = isClaimNumber(ref) ? await store.getByNumber(ref) : await store.getById(ref);
  if (!claim || !canSee(principal, claim.unitPath)) throw claimNotFound(ref);
  return claim;
}

/**
 * The 404 for a claim the caller may not reach: no such claim, not theirs to see, or a link that does not
 * match. One sentence for all, so the refusal tells nothing apart; a claim number is named, an id is not.
 */
export function claimNotFound(ref: string): NotFoundError {
  const named = isClaimNumber(ref);
  return new NotFoundError(`no claim ${ref}`, {
    'zh-CN': named ? `找不到索赔 ${ref}，或您无权查看。` : '找不到这项索赔，或您无权查看。',
    en: named
      ? `Claim ${ref} was not found, or you may not see it.`
      : 'This claim was not found, or you may not see it.',
  });
}

/** A lost race on a claim (a stale version or a concurrent write) as the caller's 409. */
export function claimChangedMeanwhile(): ConflictError {
  return new ConflictError(
    'the claim was changed by someone else at the same time; reload it and try again',
    {
      'zh-CN': '这项索赔刚被其他人修改，请刷新后再试。',
      en: 'Someone else changed this claim just now; reload it and try again.',
    },
  );
}
