import { CLAIM_TOKEN_HEADER, trackingPagePath } from '../../../shared/domain/tracking-link.js';
import * as z from '../../../shared/zod.js';
import { IntakeFieldsSchema, requireContact, type Claim } from '../../../shared/domain/claim.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { CLAIM_ACTIONS, roleMayTake } from '../../../shared/domain/lifecycle.js';
import { seesWholeOrganisation, toPrincipal, type StaffPrincipal } from '../../../shared/domain/principal.js';
import { intakeReplyChannels, type FiledResponse } from '../../../shared/domain/intake-response.js';
import { type FiledClaim } from '../../../shared/domain/use-cases/file-claim.js';
import type { MailStore } from '../../../shared/ports/mail-store.js';
import { textReach } from '../../../shared/domain/sms/reach.js';
import { awaitsApprovalBy } from '../../../shared/domain/approval-policy.js';
import type { PolicySettings } from '../../../shared/domain/settings.js';
import {
  TRIAGE_PAYLOADS,
  applyTriageAction,
  type TriageAction,
} from '../../../shared/domain/use-cases/triage.js';
import type { Dependencies } from '../../../shared/runtime/composition.js';
import { header, parseJsonBody, parseQuery } from '../../../shared/runtime/http/request.js';
import type { Route } from '../../../shared/runtime/http/router.js';
import { staffIdentityFrom } from '../../../shared/runtime/http/staff-identity.js';
import { json, type HttpEvent } from '../../../shared/runtime/http/types.js';
/** The `Idempotency-Key` header of the intake routes (exported for the OpenAPI document). */
export const IdempotencyKeySchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_.:-]{8,128}$/, 'Idempotency-Key must be 8–128 letters, digits, or _ . : -'));
/** The customer's claim token, as the `X-Claim-Token` header carries it (exported for the OpenAPI document). */
export const ClaimTokenSchema = z.string().check(z.minLength(1), z.maxLength(200));
/** The customer routes take no query parameters: the token once came as `?token=`, and URLs are logged. */
const NoQuerySchema = z.strictObject({});

/**
 * The claim token of a customer route, from its `X-Claim-Token` header (undefined without one: the claim
 * then reads as not found). A `?token=` is refused with a 400 that says where the token goes, so no
 * client keeps putting it where CloudFront and the API log it.
 */
export function claimTokenOf(event: HttpEvent): string | undefined {
  if (event.queryStringParameters?.['token'] !== undefined) {
    throw new ValidationError(
      `the claim token is not accepted in the query string: send it in the ${CLAIM_TOKEN_HEADER} header`,
      [{ path: 'token', message: `send it in the ${CLAIM_TOKEN_HEADER} header`, code: 'token_in_query' }],
    );
  }
  parseQuery(event, NoQuerySchema);
  const raw = header(event, CLAIM_TOKEN_HEADER);
  if (raw === undefined || raw === '') return undefined;
  const parsed = ClaimTokenSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ValidationError(`the ${CLAIM_TOKEN_HEADER} header is not valid`, [
      {
        path: CLAIM_TOKEN_HEADER,
        message: parsed.error.issues[0]?.message ?? 'invalid',
        code: 'invalid_link',
      },
    ]);
  }
  return parsed.data;
}
export const StaffIntakeSchema = requireContact(
  z.extend(IntakeFieldsSchema, { channel: z.enum(['phone', 'walk_in']) }),
);

export function idempotencyKeyOf(event: HttpEvent): string | undefined {
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

export function principalOf(event: HttpEvent, deps: Dependencies): StaffPrincipal {
  return toPrincipal(staffIdentityFrom(event), deps.orgTree);
}

/**
 * The intake answer: the token appears here once and nowhere else. `notifiedBy` leaves out SMS for a number
 * that opted out of texts, as the notify function will.
 */
export async function filedResponse(filed: FiledClaim, mailStore: Pick<MailStore, 'isTextOptedOut'>) {
  const { claim } = filed;
  const { optedOut } = await textReach(claim, mailStore);
  return json(filed.replayed ? 200 : 201, {
    id: claim.id,
    number: claim.number,
    status: claim.status,
    receivedAt: claim.receivedAt,
    severity: claim.severity,
    urgency: claim.urgency,
    department: claim.department,
    possibleDuplicateOf: claim.possibleDuplicateOf,
    firstReplyDue: filed.firstReplyDue,
    ...(claim.closure ? { refusal: claim.closure.explanation } : {}),
    ...(filed.accessToken !== undefined
      ? {
          accessToken: filed.accessToken,
          trackingPath: trackingPagePath(claim.number, filed.accessToken, claim.language),
        }
      : { accessTokenNote: 'a token was already issued for this submission; use the link you received' }),
    notifiedBy: intakeReplyChannels(claim, optedOut),
    replayed: filed.replayed,
  } satisfies FiledResponse & Record<string, unknown>);
}

/**
 * A staff view of a claim: everything but the token hashes, plus the actions this caller's roles allow
 * (taking a claim over is HQ's alone).
 */
export function staffClaimResponse(
  claim: Omit<Claim, 'accessTokenHashes'>,
  principal: StaffPrincipal,
  money: PolicySettings['money'],
) {
  const hq = seesWholeOrganisation(principal);
  // A proposed plan's approval is offered only to someone who may approve this one (limit, own proposal):
  // a button the API would refuse is not offered (issue 17).
  const approvable = claim.status !== 'proposed' || awaitsApprovalBy(claim, principal, money);
  return {
    ...claim,
    allowedActions: CLAIM_ACTIONS.filter(
      (a) => roleMayTake(a, principal.roles) && (a !== 'take_over' || hq) && (a !== 'approve' || approvable),
    ),
  };
}

/** One staff action on a claim: parse the strict body, run the use case, answer with the staff view. */
export function staffClaimRoute<S extends z.core.$ZodType>(
  segment: string,
  schema: S,
  run: (
    deps: Dependencies,
    cmd: { ref: string; principal: StaffPrincipal; input: z.infer<S> },
  ) => Promise<Claim>,
): Route<Dependencies> {
  return {
    method: 'POST',
    path: `/staff/claims/{ref}/${segment}`,
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      const input = parseJsonBody(event, schema, deps.maxBodyBytes);
      const { accessTokenHashes: _secret, ...visible } = await run(deps, {
        ref: params['ref'] ?? '',
        principal,
        input,
      });
      return json(200, staffClaimResponse(visible, principal, deps.settings.money));
    },
  };
}

export const triageRoute = (action: TriageAction, segment: string): Route<Dependencies> =>
  staffClaimRoute(segment, TRIAGE_PAYLOADS[action], (deps, { ref, principal, input }) =>
    applyTriageAction(deps, { ref, action, payload: input, principal }),
  );
