import type { StaffPrincipal } from '../principal.js';
import { canSee } from '../principal.js';
import { needsRole } from '../refusals.js';
import { STAFF_PERMISSIONS, mayDo } from '../staff-permissions.js';
import type { OrgTree } from '../org-units.js';
import type { ClaimStore } from '../../ports/claim-store.js';
import type { MoneyStore } from '../../ports/money-store.js';
import { payoutView, type PayoutView } from './payee-reveal.js';

/** How many executing claims one list reads at most; beyond it the list says it is cut short. */
export const WAITING_CLAIMS_CAP = 200;

/** A payout finance has to act on, with the claim it pays (number, claimant, product) beside it. */
export interface WaitingPayout {
  readonly claimNumber: string;
  readonly claimantName: string;
  readonly productName: string;
  readonly unitId: string;
  readonly payout: PayoutView;
}

export interface PayoutsWaiting {
  readonly items: readonly WaitingPayout[];
  /** More executing claims than the cap: the oldest are listed, the rest wait for the next read. */
  readonly truncated: boolean;
}

/**
 * Finance's list of payouts waiting (issue 17): what is still to pay, or failed and to retry, in the caller's
 * units, oldest request first. It reads only: claims in `executing` from the unit's queue index, then each
 * one's payouts from its own partition, so paying adds no index to keep.
 * 1. Finance and admin only (the roles that record payouts), 403 in words otherwise.
 * 2. Executing claims of the caller's unit and below, oldest first, up to WAITING_CLAIMS_CAP.
 * 3. Of each, the payouts not paid: requested or submitting (to pay or confirm), and the latest if it failed
 *    (to retry; an earlier failed one was superseded by its retry).
 * 4. Payees masked as on the claim view; finance opens an account with the audited reveal.
 */
export async function payoutsWaiting(
  deps: { readonly store: ClaimStore; readonly money: MoneyStore; readonly orgTree: OrgTree },
  principal: StaffPrincipal,
): Promise<PayoutsWaiting> {
  if (!mayDo('recordMoney', principal.roles))
    throw needsRole(STAFF_PERMISSIONS.recordMoney, 'only finance and admins list the payouts waiting');
  const read = await deps.store.workQueue({
    unitPath: deps.orgTree.pathOf(principal.unitId),
    status: 'executing',
    from: 'oldest',
    cap: WAITING_CLAIMS_CAP,
  });
  const claims = read.items.filter((s) => canSee(principal, s.unitPath));
  const lists = await Promise.all(claims.map((c) => deps.money.listPayouts(c.id)));
  const items = claims.flatMap((claim, i) => {
    const payouts = lists[i] ?? [];
    const latest = payouts.at(-1)?.id;
    return payouts
      .filter(
        (p) =>
          p.status === 'requested' || p.status === 'submitting' || (p.status === 'failed' && p.id === latest),
      )
      .map((p) => ({
        claimNumber: claim.number,
        claimantName: claim.claimantName,
        productName: claim.productName,
        unitId: claim.unitId,
        payout: payoutView(p),
      }));
  });
  items.sort((a, b) => a.payout.requestedAt.localeCompare(b.payout.requestedAt));
  return { items, truncated: read.capped };
}
