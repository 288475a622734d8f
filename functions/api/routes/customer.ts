import * as z from '../../../shared/zod.js';
import { EscalateToHqSchema, escalateToHq } from '../../../shared/domain/use-cases/escalate-to-hq.js';
import { IntakeInputSchema } from '../../../shared/domain/claim.js';
import {
  AddMaterialSchema,
  CustomerWithdrawSchema,
  addMaterialAsCustomer,
  viewClaimAsCustomer,
  withdrawAsCustomer,
} from '../../../shared/domain/use-cases/customer-claim.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { FormOptionsQuerySchema, formOptions } from '../../../shared/domain/use-cases/category-options.js';
import type { ApiDependencies } from '../routes.js';
import { LookupCodeRequestSchema, LookupLinkRequestSchema } from '../../../shared/domain/claim-finder.js';
import { redeemLookupCode, requestLookupCode } from '../../../shared/domain/use-cases/find-claim.js';
import { header, parseJsonBody, parseQuery } from '../../../shared/runtime/http/request.js';
import { PROOF_OF_WORK_HEADER, issueChallenge, verifyProof } from '../../../shared/domain/proof-of-work.js';
import type { Route } from '../../../shared/runtime/http/router.js';
import { json } from '../../../shared/runtime/http/types.js';
import { claimTokenOf, filedResponse, idempotencyKeyOf } from './helpers.js';
import { privacyNoticeView, requireConsent } from '../../../shared/domain/privacy-notice.js';
/** Public routes: the customer's side. The token travels in the X-Claim-Token header (claimTokenOf). */
export const customerRoutes: readonly Route<ApiDependencies>[] = [
  {
    // The claim form's choices from the policy in force (issue 15): a category an admin adds shows here.
    method: 'GET',
    path: '/form-options',
    handle(event, _params, deps) {
      const { lang } = parseQuery(event, FormOptionsQuerySchema);
      return Promise.resolve(json(200, formOptions(deps.settings.categories, lang)));
    },
  },
  {
    // The form's proof-of-work challenge (issue 18): signed, stateless; the browser solves it as the customer types.
    method: 'GET',
    path: '/form-challenge',
    async handle(event, _params, deps) {
      parseQuery(event, NoQuerySchema);
      const { antiSpam, idempotencyTtlHours } = deps.settings;
      if (antiSpam.proofOfWorkBits === 0)
        return json(200, { challenge: '', bits: 0, expiresAt: deps.clock.now().toISOString() });
      return json(
        200,
        issueChallenge(await deps.formChallengeSecret(), deps.clock.now(), {
          bits: antiSpam.proofOfWorkBits,
          minutes: antiSpam.challengeMinutes,
          idempotencyTtlHours,
        }),
      );
    },
  },
  {
    // The privacy notice the form's consent line links to, and the company (its name and logo) the pages show.
    method: 'GET',
    path: '/privacy-notice',
    handle(event, _params, deps) {
      const { lang } = parseQuery(event, FormOptionsQuerySchema);
      return Promise.resolve(
        json(200, privacyNoticeView(deps.settings.privacyNotice, deps.settings.company, lang)),
      );
    },
  },
  {
    method: 'POST',
    path: '/claims',
    async handle(event, _params, deps) {
      const idempotencyKey = idempotencyKeyOf(event);
      const input = parseJsonBody(event, IntakeInputSchema, deps.maxBodyBytes);
      // The public form's consent line (个人信息保护法): required, to the notice in force; recorded on the claim.
      const now = deps.clock.now();
      requireConsent(deps.settings.privacyNotice, input.privacyConsent, now);
      // Scripted spam (issue 18): a proof of work bound to the Idempotency-Key, unless the policy turned it off.
      const bits = deps.settings.antiSpam.proofOfWorkBits;
      if (bits > 0)
        verifyProof(
          await deps.formChallengeSecret(),
          header(event, PROOF_OF_WORK_HEADER),
          idempotencyKey,
          now,
          bits,
        );
      return filedResponse(
        await fileClaim(deps, { input, channel: 'web', actor: { type: 'customer' }, idempotencyKey }),
        deps.mailStore,
      );
    },
  },
  {
    method: 'GET',
    path: '/claims/{number}',
    async handle(event, params, deps) {
      const token = claimTokenOf(event);
      return json(200, await viewClaimAsCustomer(deps, params['number'] ?? '', token));
    },
  },
  {
    method: 'POST',
    path: '/claims/{number}/material',
    async handle(event, params, deps) {
      const token = claimTokenOf(event);
      const input = parseJsonBody(event, AddMaterialSchema, deps.maxBodyBytes);
      const claim = await addMaterialAsCustomer(deps, params['number'] ?? '', token, input);
      return json(200, {
        number: claim.number,
        status: claim.status,
        materialSubmissions: claim.materialSubmissions,
      });
    },
  },
  {
    method: 'POST',
    path: '/claims/{number}/escalate',
    async handle(event, params, deps) {
      const token = claimTokenOf(event);
      const input = parseJsonBody(event, EscalateToHqSchema, deps.maxBodyBytes);
      const claim = await escalateToHq(deps, params['number'] ?? '', token, input);
      return json(200, { number: claim.number, status: claim.status, unitId: claim.unitId });
    },
  },
  {
    method: 'POST',
    path: '/claims/{number}/withdraw',
    async handle(event, params, deps) {
      const token = claimTokenOf(event);
      const { reason } = parseJsonBody(event, CustomerWithdrawSchema, deps.maxBodyBytes);
      const claim = await withdrawAsCustomer(deps, params['number'] ?? '', token, reason);
      return json(200, { number: claim.number, status: claim.status });
    },
  },
  {
    // "Find my claim" (issue 16): the same 202 and body whether or not anything matched or was sent.
    method: 'POST',
    path: '/lookup/code',
    async handle(event, _params, deps) {
      await requestLookupCode(deps, parseJsonBody(event, LookupCodeRequestSchema, deps.maxBodyBytes));
      return json(202, LOOKUP_CODE_ANSWER);
    },
  },
  {
    method: 'POST',
    path: '/lookup/link',
    async handle(event, _params, deps) {
      const { language, ...request } = parseJsonBody(event, LookupLinkRequestSchema, deps.maxBodyBytes);
      return json(200, await redeemLookupCode(deps, request, language));
    },
  },
];

const NoQuerySchema = z.strictObject({});

/** The one answer to "send me a code". */
export const LOOKUP_CODE_ANSWER = { status: 'accepted' } as const;
