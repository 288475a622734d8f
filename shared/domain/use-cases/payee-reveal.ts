import { loadVisibleClaim } from '../claim-lookup.js';
import { NotFoundError } from '../errors.js';
import { maskedPayee, type MaskedPayee, type Payee } from '../payee.js';
import type { Payout } from '../payout.js';
import type { StaffPrincipal } from '../principal.js';
import { needsRole } from '../refusals.js';
import type { ClaimStore } from '../../ports/claim-store.js';
import type { MoneyStore } from '../../ports/money-store.js';
import type { Sealer } from '../../ports/sealer.js';

/** A payout as every staff reader gets it: the payee's account masked, never sealed or in clear. */
export type PayoutView = Omit<Payout, 'payee'> & { readonly payee?: MaskedPayee };

export function payoutView(payout: Payout): PayoutView {
  const { payee, ...rest } = payout;
  return payee === undefined ? rest : { ...rest, payee: maskedPayee(payee) };
}

/** The payee with the account in clear, for finance paying it. */
export type RevealedPayee = Omit<Payee, 'accountSealed'> & { readonly account?: string };

/**
 * Finance's payout view (issue 18): the payee's full account, to pay against.
 * 1. Only the finance role (403 in words for everyone else, admins included: they administer, not pay).
 * 2. The payout, and its claim within the caller's units (404 either way, as for any payout).
 * 3. Open the sealed account with the claim id as context.
 */
export async function revealPayee(
  deps: { readonly money: MoneyStore; readonly store: ClaimStore; readonly sealer: Sealer },
  payoutId: string,
  principal: StaffPrincipal,
): Promise<RevealedPayee> {
  if (!principal.roles.includes('finance'))
    throw needsRole(['finance'], 'only finance sees the payee account in full');
  const payout = await deps.money.getPayout(payoutId);
  if (!payout?.payee)
    throw new NotFoundError(`no payee on payout ${payoutId}`, {
      'zh-CN': '找不到这笔付款的收款信息，或您无权查看。',
      en: 'No payee was found for this payout, or you may not see it.',
    });
  await loadVisibleClaim(deps.store, payout.claimNumber, principal);
  const { accountSealed, ...rest } = payout.payee;
  if (accountSealed === undefined) return rest;
  return { ...rest, account: await deps.sealer.open(accountSealed, payout.claimId) };
}
