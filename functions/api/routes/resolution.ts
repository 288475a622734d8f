import type * as z from '../../../shared/zod.js';
import type { Claim } from '../../../shared/domain/claim.js';
import type { StaffPrincipal } from '../../../shared/domain/principal.js';
import {
  ApproveInputSchema,
  DecideReconsiderationInputSchema,
  ExecutionInputSchema,
  FindingsInputSchema,
  HandToLegalInputSchema,
  ProposalInputSchema,
  ReasonInputSchema,
  approveResolution,
  clearLegalReview,
  concludeLegal,
  decideReconsideration,
  handToLegal,
  proposeResolution,
  recordExecution,
  recordFindings,
  rejectProposal,
  sendBack,
} from '../../../shared/domain/use-cases/resolution.js';
import type { MoneyDeps } from '../../../shared/domain/use-cases/money-change.js';
import type { Dependencies } from '../../../shared/runtime/composition.js';
import { parseJsonBody } from '../../../shared/runtime/http/request.js';
import type { Route } from '../../../shared/runtime/http/router.js';
import { json } from '../../../shared/runtime/http/types.js';
import { principalOf, staffClaimResponse } from './helpers.js';

/** One staff money action: parse the strict body, run the use case, answer with the staff view. */
function moneyRoute<S extends z.core.$ZodType>(
  segment: string,
  schema: S,
  run: (
    deps: MoneyDeps,
    cmd: { ref: string; principal: StaffPrincipal; input: z.infer<S> },
  ) => Promise<Claim>,
): Route<Dependencies> {
  return {
    method: 'POST',
    path: `/staff/claims/{ref}/${segment}`,
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      const input = parseJsonBody(event, schema, deps.maxBodyBytes);
      const claim = await run(deps, { ref: params['ref'] ?? '', principal, input });
      const { accessTokenHashes: _secret, ...visible } = claim;
      return json(200, staffClaimResponse(visible, principal));
    },
  };
}

/** Staff routes of investigation, resolution, approval, reconsideration, legal and execution (issue 6). */
export const resolutionRoutes: readonly Route<Dependencies>[] = [
  moneyRoute('findings', FindingsInputSchema, recordFindings),
  moneyRoute('propose', ProposalInputSchema, proposeResolution),
  moneyRoute('legal-clear', ReasonInputSchema, clearLegalReview),
  moneyRoute('approve', ApproveInputSchema, approveResolution),
  moneyRoute('reject', ReasonInputSchema, rejectProposal),
  moneyRoute('send-back', ReasonInputSchema, sendBack),
  moneyRoute('decide-reconsideration', DecideReconsiderationInputSchema, decideReconsideration),
  moneyRoute('hand-to-legal', HandToLegalInputSchema, handToLegal),
  moneyRoute('conclude-legal', ReasonInputSchema, concludeLegal),
  moneyRoute('record-execution', ExecutionInputSchema, recordExecution),
];
