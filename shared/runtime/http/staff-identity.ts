import * as z from '../../zod.js';
import { STAFF_ROLES, type StaffRole } from '../../domain/lifecycle.js';
import { UnauthenticatedError, ForbiddenError } from '../../domain/errors.js';
import type { StaffIdentity } from '../../domain/principal.js';
import type { HttpEvent } from './types.js';

/**
 * Claims as the HTTP API JWT authorizer passes them: every value a string, arrays flattened to "[a b]".
 * Cognito puts roles in `cognito:groups` and our attributes under `custom:`.
 */
const AuthorizerSchema = z.object({
  jwt: z.object({
    claims: z.object({
      sub: z.string().check(z.minLength(1)),
      'cognito:groups': z.optional(z.union([z.string(), z.array(z.string())])),
      'custom:unit': z.optional(z.string().check(z.minLength(1))),
      'custom:approval_limit': z.optional(z.union([z.string(), z.number()])),
      name: z.optional(z.string()),
      'cognito:username': z.optional(z.string()),
      token_use: z.optional(z.string()),
    }),
  }),
});

/** The staff member the authorizer vouched for; 401 without claims, 403 without a staff role or unit. */
export function staffIdentityFrom(event: HttpEvent): StaffIdentity {
  const parsed = AuthorizerSchema.safeParse(event.requestContext.authorizer);
  if (!parsed.success) throw new UnauthenticatedError('sign in to use the staff API');
  const claims = parsed.data.jwt.claims;
  // Cognito's access token passes an authorizer that matches `client_id`, but it is not who the person
  // is (no unit, no name): the staff API takes the ID token only, as a sign-in problem (401), not a 403.
  if (claims.token_use !== 'id')
    throw new UnauthenticatedError('sign in again: the staff API takes the ID token, not an access token');
  const roles = parseGroups(claims['cognito:groups']);
  if (roles.length === 0)
    throw new ForbiddenError(
      'your account has no staff role (agent, manager, executive, legal, finance, admin)',
      {
        'zh-CN': '您的账号还没有员工角色，请联系系统管理员。',
        en: 'Your account has no staff role yet; please ask an administrator.',
      },
    );
  if (claims['custom:unit'] === undefined)
    throw new ForbiddenError('your account has no organisation unit', {
      'zh-CN': '您的账号还没有所属单位，请联系系统管理员。',
      en: 'Your account has no unit yet; please ask an administrator.',
    });
  const limit = Number(claims['custom:approval_limit'] ?? 0);
  const name = claims.name ?? claims['cognito:username'];
  return {
    id: claims.sub,
    ...(name !== undefined ? { name } : {}),
    roles,
    unitId: claims['custom:unit'],
    approvalLimitFen: Number.isSafeInteger(limit) && limit >= 0 ? limit : 0,
  };
}

function parseGroups(groups: string | string[] | undefined): StaffRole[] {
  const names = Array.isArray(groups) ? groups : (groups ?? '').replace(/^\[|\]$/g, '').split(/[\s,]+/);
  return STAFF_ROLES.filter((role) => names.includes(role));
}
