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
import type { ApiDependencies } from '../routes.js';
import { payoutView, revealPayee } from '../../../shared/domain/use-cases/payee-reveal.js';
import { payoutsWaiting } from '../../../shared/domain/use-cases/payouts-waiting.js';
import { aesGcmSealer } from '../../../shared/adapters/crypto/aes-gcm-sealer.js';
import { parseJsonBody, parseQuery } from '../../../shared/runtime/http/request.js';
import type { Route } from '../../../shared/runtime/http/router.js';
import { json } from '../../../shared/runtime/http/types.js';
import { principalOf } from './helpers.js';

const NoQuery = z.strictObject({});

/** Staff routes of payouts, recoveries (追偿) and the recovery ledger (issue 6). */
export const payoutRoutes: readonly Route<ApiDependencies>[] = [
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
      // The payee's account masked for every reader (issue 18); finance opens it with the route below.
      return json(200, { payouts: payouts.map(payoutView), recoveries });
    },
  },
  {
    // Finance's list (issue 17): payouts still to pay, confirm or retry in the caller's units.
    method: 'GET',
    path: '/staff/payouts',
    async handle(event, _params, deps) {
      const principal = principalOf(event, deps);
      parseQuery(event, NoQuery);
      return json(200, await payoutsWaiting(deps, principal));
    },
  },
  {
    // Finance's payout view (issue 18): the payee's account in full, for the finance role only.
    method: 'GET',
    path: '/staff/payouts/{payoutId}/payee',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      parseQuery(event, NoQuery);
      const sealer = aesGcmSealer(deps.customerDataSecret);
      return json(200, await revealPayee({ ...deps, sealer }, params['payoutId'] ?? '', principal));
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
      return json(200, payoutView(payout));
    },
  },
  {
    method: 'POST',
    path: '/staff/payouts/{payoutId}/fail',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      const { reason } = parseJsonBody(event, FailPayoutSchema, deps.maxBodyBytes);
      return json(
        200,
        payoutView(await failPayout(deps, { payoutId: params['payoutId'] ?? '', reason, principal })),
      );
    },
  },
  {
    method: 'POST',
    path: '/staff/payouts/{payoutId}/retry',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      parseJsonBody(event, NoQuery, deps.maxBodyBytes);
      return json(
        200,
        payoutView(await retryPayout(deps, { payoutId: params['payoutId'] ?? '', principal })),
      );
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
