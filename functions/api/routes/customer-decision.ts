import type { Claim } from '../../../shared/domain/claim.js';
import {
  AcceptInputSchema,
  DisputeInputSchema,
  ReconsiderationInputSchema,
  SurveyInputSchema,
  acceptOffer,
  confirmClosure,
  disputeOffer,
  offerView,
  recordSurvey,
  requestReconsideration,
} from '../../../shared/domain/use-cases/customer-decision.js';
import type { ApiDependencies } from '../routes.js';
import { aesGcmSealer } from '../../../shared/adapters/crypto/aes-gcm-sealer.js';
import { parseJsonBody } from '../../../shared/runtime/http/request.js';
import type { Route } from '../../../shared/runtime/http/router.js';
import { json } from '../../../shared/runtime/http/types.js';
import { claimTokenOf } from './helpers.js';
import * as z from '../../../shared/zod.js';

const EmptyBody = z.strictObject({});

/** What the customer gets back after a decision: never staff internals. */
function answer(claim: Claim) {
  const offer = offerView(claim);
  return json(200, {
    number: claim.number,
    status: claim.status,
    ...(offer ? { offer } : {}),
    ...(claim.survey ? { survey: claim.survey } : {}),
  });
}

/** Public routes of the customer's decision, reconsideration, closure and survey (token in the X-Claim-Token header). */
export const customerDecisionRoutes: readonly Route<ApiDependencies>[] = [
  {
    method: 'POST',
    path: '/claims/{number}/accept',
    async handle(event, params, deps) {
      const token = claimTokenOf(event);
      const { payee } = parseJsonBody(event, AcceptInputSchema, deps.maxBodyBytes);
      const choice = payee ? { payee, sealer: aesGcmSealer(deps.customerDataSecret) } : undefined;
      return answer(await acceptOffer(deps, params['number'] ?? '', token, choice));
    },
  },
  {
    method: 'POST',
    path: '/claims/{number}/dispute',
    async handle(event, params, deps) {
      const token = claimTokenOf(event);
      const { reason } = parseJsonBody(event, DisputeInputSchema, deps.maxBodyBytes);
      return answer(await disputeOffer(deps, params['number'] ?? '', token, reason));
    },
  },
  {
    method: 'POST',
    path: '/claims/{number}/reconsideration',
    async handle(event, params, deps) {
      const token = claimTokenOf(event);
      const { reasons } = parseJsonBody(event, ReconsiderationInputSchema, deps.maxBodyBytes);
      return answer(await requestReconsideration(deps, params['number'] ?? '', token, reasons));
    },
  },
  {
    method: 'POST',
    path: '/claims/{number}/confirm-closure',
    async handle(event, params, deps) {
      const token = claimTokenOf(event);
      parseJsonBody(event, EmptyBody, deps.maxBodyBytes);
      return answer(await confirmClosure(deps, params['number'] ?? '', token));
    },
  },
  {
    method: 'POST',
    path: '/claims/{number}/survey',
    async handle(event, params, deps) {
      const token = claimTokenOf(event);
      const input = parseJsonBody(event, SurveyInputSchema, deps.maxBodyBytes);
      return answer(await recordSurvey(deps, params['number'] ?? '', token, input));
    },
  },
];
