import * as z from '../../../shared/zod.js';
import { loadVisibleClaim } from '../../../shared/domain/claim-lookup.js';
import {
  ConfirmPayoutSchema,
  FailPayoutSchema,
  LedgerQuerySchema,
  RecoveryEntryInputSchema,
  confirmPayout,
  failPayout,
  retryPayout,
  recordRecovery,
  recoveryLedger,
} from '../../../shared/domain/use-cases/payouts.js';
import type { Dependencies } from '../../../shared/runtime/composition.js';
import { parseJsonBody, parseQuery } from '../../../shared/runtime/http/request.js';
import type { Route } from '../../../shared/runtime/http/router.js';
import { json } from '../../../shared/runtime/http/types.js';
import { principalOf } from './helpers.js';

const NoQuery = z.strictObject({});

/** Staff routes of payouts, recoveries (追偿) and the recovery ledger (issue 6). */
export const payoutRoutes: readonly Route<Dependencies>[] = [
  {
    method: 'GET',
    path: '/staff/claims/{ref}/payouts',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      parseQuery(event, NoQuery);
      const claim = await loadVisibleClaim(deps.store, params['ref'] ?? '', principal);
      const [payouts, recoveries] = await Promise.all([
        deps.money.listPayouts(claim.id),
        deps.money.listRecoveries(claim.id),
      ]);
      return json(200, { payouts, recoveries });
    },
  },
  {
    method: 'POST',
    path: '/staff/payouts/{payoutId}/confirm',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      const { voucherNumber } = parseJsonBody(event, ConfirmPayoutSchema, deps.maxBodyBytes);
      const payout = await confirmPayout(deps, {
        payoutId: params['payoutId'] ?? '',
        voucherNumber,
        principal,
      });
      return json(200, payout);
    },
  },
  {
    method: 'POST',
    path: '/staff/payouts/{payoutId}/fail',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      const { reason } = parseJsonBody(event, FailPayoutSchema, deps.maxBodyBytes);
      return json(200, await failPayout(deps, { payoutId: params['payoutId'] ?? '', reason, principal }));
    },
  },
  {
    method: 'POST',
    path: '/staff/payouts/{payoutId}/retry',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      parseJsonBody(event, NoQuery, deps.maxBodyBytes);
      return json(200, await retryPayout(deps, { payoutId: params['payoutId'] ?? '', principal }));
    },
  },
  {
    method: 'POST',
    path: '/staff/recoveries/{recoveryId}/entries',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      const input = parseJsonBody(event, RecoveryEntryInputSchema, deps.maxBodyBytes);
      return json(
        200,
        await recordRecovery(deps, { recoveryId: params['recoveryId'] ?? '', principal, input }),
      );
    },
  },
  {
    method: 'GET',
    path: '/staff/ledger',
    async handle(event, _params, deps) {
      const principal = principalOf(event, deps);
      return json(200, await recoveryLedger(deps, principal, parseQuery(event, LedgerQuerySchema)));
    },
  },
];
