import { z } from 'zod';
import {
  IntakeFieldsSchema,
  IntakeInputSchema,
  requireContact,
  type Claim,
} from '../../shared/domain/claim.js';
import { ValidationError } from '../../shared/domain/errors.js';
import { CLAIM_ACTIONS, roleMayTake } from '../../shared/domain/lifecycle.js';
import { staffActor, toPrincipal, type StaffPrincipal } from '../../shared/domain/principal.js';
import {
  AddMaterialSchema,
  CustomerWithdrawSchema,
  addMaterialAsCustomer,
  viewClaimAsCustomer,
  withdrawAsCustomer,
} from '../../shared/domain/use-cases/customer-claim.js';
import { fileClaim, type FiledClaim } from '../../shared/domain/use-cases/file-claim.js';
import {
  SearchQuerySchema,
  WorkQueueQuerySchema,
  claimDetail,
  searchClaims,
  workQueue,
} from '../../shared/domain/use-cases/staff-queries.js';
import {
  TRIAGE_PAYLOADS,
  applyTriageAction,
  type TriageAction,
} from '../../shared/domain/use-cases/triage.js';
import type { Dependencies } from '../../shared/runtime/composition.js';
import { header, parseJsonBody, parseQuery } from '../../shared/runtime/http/request.js';
import type { Route } from '../../shared/runtime/http/router.js';
import { staffIdentityFrom } from '../../shared/runtime/http/staff-identity.js';
import { json, type HttpEvent } from '../../shared/runtime/http/types.js';

const IdempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,128}$/, 'Idempotency-Key must be 8–128 letters, digits, or _ . : -');
const TokenQuerySchema = z.strictObject({ token: z.string().max(200).optional() });
const StaffIntakeSchema = requireContact(
  IntakeFieldsSchema.extend({ channel: z.enum(['phone', 'walk_in']) }),
);

function idempotencyKeyOf(event: HttpEvent): string | undefined {
  const raw = header(event, 'idempotency-key');
  if (raw === undefined) return undefined;
  const parsed = IdempotencyKeySchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError('the Idempotency-Key header is not valid', [
      { path: 'Idempotency-Key', message: parsed.error.issues[0]?.message ?? 'invalid' },
    ]);
  }
  return parsed.data;
}

function principalOf(event: HttpEvent, deps: Dependencies): StaffPrincipal {
  return toPrincipal(staffIdentityFrom(event), deps.orgTree);
}

/** The intake answer: the token appears here once and nowhere else. */
function filedResponse(filed: FiledClaim) {
  const { claim } = filed;
  return json(filed.replayed ? 200 : 201, {
    id: claim.id,
    number: claim.number,
    status: claim.status,
    receivedAt: claim.receivedAt,
    severity: claim.severity,
    urgency: claim.urgency,
    department: claim.department,
    possibleDuplicateOf: claim.possibleDuplicateOf,
    ...(claim.closure ? { refusal: claim.closure.explanation } : {}),
    ...(filed.accessToken !== undefined
      ? {
          accessToken: filed.accessToken,
          trackingPath: `/claims/${claim.number}?token=${encodeURIComponent(filed.accessToken)}`,
        }
      : { accessTokenNote: 'a token was already issued for this submission; use the link you received' }),
    replayed: filed.replayed,
  });
}

/** A staff view of a claim: everything but the token hashes, plus the actions this caller's roles allow. */
function staffClaimResponse(claim: Omit<Claim, 'accessTokenHashes'>, principal: StaffPrincipal) {
  return { ...claim, allowedActions: CLAIM_ACTIONS.filter((a) => roleMayTake(a, principal.roles)) };
}

const triageRoute = (action: TriageAction, segment: string): Route<Dependencies> => ({
  method: 'POST',
  path: `/staff/claims/{ref}/${segment}`,
  async handle(event, params, deps) {
    const principal = principalOf(event, deps);
    const payload = parseJsonBody(event, TRIAGE_PAYLOADS[action], deps.maxBodyBytes);
    const claim = await applyTriageAction(deps, { ref: params['ref'] ?? '', action, payload, principal });
    const { accessTokenHashes: _secret, ...visible } = claim;
    return json(200, staffClaimResponse(visible, principal));
  },
});

export const routes: readonly Route<Dependencies>[] = [
  // Public: the customer's side. Tokens travel as ?token= so tracking links work.
  {
    method: 'POST',
    path: '/claims',
    async handle(event, _params, deps) {
      const idempotencyKey = idempotencyKeyOf(event);
      const input = parseJsonBody(event, IntakeInputSchema, deps.maxBodyBytes);
      return filedResponse(
        await fileClaim(deps, { input, channel: 'web', actor: { type: 'customer' }, idempotencyKey }),
      );
    },
  },
  {
    method: 'GET',
    path: '/claims/{number}',
    async handle(event, params, deps) {
      const { token } = parseQuery(event, TokenQuerySchema);
      return json(200, await viewClaimAsCustomer(deps, params['number'] ?? '', token));
    },
  },
  {
    method: 'POST',
    path: '/claims/{number}/material',
    async handle(event, params, deps) {
      const { token } = parseQuery(event, TokenQuerySchema);
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
    path: '/claims/{number}/withdraw',
    async handle(event, params, deps) {
      const { token } = parseQuery(event, TokenQuerySchema);
      const { reason } = parseJsonBody(event, CustomerWithdrawSchema, deps.maxBodyBytes);
      const claim = await withdrawAsCustomer(deps, params['number'] ?? '', token, reason);
      return json(200, { number: claim.number, status: claim.status });
    },
  },

  // Staff: everything under /staff/ sits behind the JWT authorizer.
  {
    method: 'POST',
    path: '/staff/claims',
    async handle(event, _params, deps) {
      const principal = principalOf(event, deps);
      const idempotencyKey = idempotencyKeyOf(event);
      const { channel, ...input } = parseJsonBody(event, StaffIntakeSchema, deps.maxBodyBytes);
      const filed = await fileClaim(deps, {
        input,
        channel,
        actor: staffActor(principal),
        staff: principal,
        idempotencyKey,
      });
      return filedResponse(filed);
    },
  },
  {
    method: 'GET',
    path: '/staff/claims',
    async handle(event, _params, deps) {
      const principal = principalOf(event, deps);
      return json(200, await workQueue(deps, principal, parseQuery(event, WorkQueueQuerySchema)));
    },
  },
  {
    method: 'GET',
    path: '/staff/search',
    async handle(event, _params, deps) {
      const principal = principalOf(event, deps);
      return json(200, await searchClaims(deps, principal, parseQuery(event, SearchQuerySchema)));
    },
  },
  {
    method: 'GET',
    path: '/staff/me',
    handle(event, _params, deps) {
      const principal = principalOf(event, deps);
      return Promise.resolve(
        json(200, {
          ...principal,
          allowedActions: CLAIM_ACTIONS.filter((a) => roleMayTake(a, principal.roles)),
        }),
      );
    },
  },
  {
    method: 'GET',
    path: '/staff/claims/{ref}',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      const detail = await claimDetail(deps, principal, params['ref'] ?? '');
      return json(200, { claim: staffClaimResponse(detail.claim, principal), timeline: detail.timeline });
    },
  },
  triageRoute('assign', 'assign'),
  triageRoute('request_material', 'request-material'),
  triageRoute('mark_material_complete', 'material-complete'),
  triageRoute('start_investigation', 'start-investigation'),
  triageRoute('not_admit', 'not-admit'),
  triageRoute('withdraw', 'withdraw'),
];
