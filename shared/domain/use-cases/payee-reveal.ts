import { loadVisibleClaim } from '../claim-lookup.js';
import { NotFoundError } from '../errors.js';
import { maskedPayee, type MaskedPayee, type Payee } from '../payee.js';
import type { Payout } from '../payout.js';
import type { StaffPrincipal } from '../principal.js';
import { needsRole } from '../refusals.js';
import type { ClaimStore } from '../../ports/claim-store.js';
import type { MoneyStore } from '../../ports/money-store.js';
import type { Sealer } from '../../ports/sealer.js';
import type { ClaimWriter } from '../../ports/claim-writer.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/ids.js';
import { claimUpdate } from '../claim-change.js';
import { staffActor } from '../principal.js';

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
 * 4. Record the reveal on the claim's trail (who, when, which payout; the account itself never), through the
 *    one writer: an unchanged claim with a `reveal_payee` event, conditional on the version read.
 */
export async function revealPayee(
  deps: {
    readonly money: MoneyStore;
    readonly store: ClaimStore;
    readonly sealer: Sealer;
    readonly writer: ClaimWriter;
    readonly clock: Clock;
    readonly ids: IdGenerator;
  },
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
  const claim = await loadVisibleClaim(deps.store, payout.claimNumber, principal);
  const { accountSealed, ...rest } = payout.payee;
  if (accountSealed === undefined) return rest;
  const account = await deps.sealer.open(accountSealed, payout.claimId);
  const now = deps.clock.now();
  const { change } = claimUpdate(claim, claim, {
    eventId: deps.ids.newId(now),
    at: now.toISOString(),
    actor: staffActor(principal),
    action: 'reveal_payee',
    note: `payee account of payout ${payout.id} shown in full (${rest.accountMasked ?? ''})`,
  });
  await deps.writer.commit(change);
  return { ...rest, account };
}
