import * as z from '../../../shared/zod.js';
import { AttachHeldMailSchema, HeldMailQuerySchema } from '../../../shared/domain/mail/held-mail-view.js';
import type { StaffPrincipal } from '../../../shared/domain/principal.js';
import type { HeldMailDeps } from '../../../shared/domain/use-cases/held-mail.js';
import { parseJsonBody, parseQuery, requestLanguage } from '../../../shared/runtime/http/request.js';
import type { Route } from '../../../shared/runtime/http/router.js';
import { json } from '../../../shared/runtime/http/types.js';
import type { ApiDependencies } from '../routes.js';
import { principalOf } from './helpers.js';

const NoBodySchema = z.strictObject({});

/**
 * The held-mail use cases, loaded on the first held-mail request: they carry the mail pipeline (reading,
 * filing, the reasons' words), which the API's other requests never use, so cold starts do not read it.
 */
const useCases = () => import('../../../shared/domain/use-cases/held-mail.js');

/** The intake dependencies with stored inbound mail, loaded on the first held-mail request. */
async function withMail(deps: ApiDependencies): Promise<HeldMailDeps> {
  return { ...deps, ...(await deps.heldMail()) };
}

/** A settlement that takes no body: release or dismiss. */
function settleRoute(action: 'release' | 'dismiss'): Route<ApiDependencies> {
  return {
    method: 'POST',
    path: `/staff/held-mail/{sha256}/${action}`,
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      parseJsonBody(event, NoBodySchema, deps.maxBodyBytes);
      const { releaseHeldMail, dismissHeldMail } = await useCases();
      const settle: (d: HeldMailDeps, p: StaffPrincipal, sha256: string) => Promise<object> =
        action === 'release' ? releaseHeldMail : dismissHeldMail;
      return json(200, await settle(await withMail(deps), principal, params['sha256'] ?? ''));
    },
  };
}

/**
 * Held mail (issue 16): messages the mail rules quarantined or could not read, listed for staff who take
 * in claims, each to release as a claim, attach to a claim, or dismiss.
 */
export const heldMailRoutes: readonly Route<ApiDependencies>[] = [
  {
    method: 'GET',
    path: '/staff/held-mail',
    async handle(event, _params, deps) {
      const principal = principalOf(event, deps);
      const query = parseQuery(event, HeldMailQuerySchema);
      const { listHeldMail } = await useCases();
      // The list reads records only: the raw-mail store and the parser stay unloaded.
      return json(200, await listHeldMail(deps, principal, query, requestLanguage(event)));
    },
  },
  {
    method: 'GET',
    path: '/staff/held-mail/{sha256}',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      const sha256 = params['sha256'] ?? '';
      const { heldMailDetail } = await useCases();
      return json(200, await heldMailDetail(await withMail(deps), principal, sha256, requestLanguage(event)));
    },
  },
  settleRoute('release'),
  {
    method: 'POST',
    path: '/staff/held-mail/{sha256}/attach',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      const input = parseJsonBody(event, AttachHeldMailSchema, deps.maxBodyBytes);
      const { attachHeldMail } = await useCases();
      return json(200, await attachHeldMail(await withMail(deps), principal, params['sha256'] ?? '', input));
    },
  },
  settleRoute('dismiss'),
];
