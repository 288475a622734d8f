import { CLAIM_ACTIONS, roleMayTake } from '../../../shared/domain/lifecycle.js';
import { staffActor } from '../../../shared/domain/principal.js';
import { claimAssessment } from '../../../shared/domain/statutory/claim-remedies.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { EditFactsSchema, editFacts } from '../../../shared/domain/use-cases/edit-facts.js';
import {
  SearchQuerySchema,
  WorkQueueQuerySchema,
  claimDetail,
  searchClaims,
  workQueue,
} from '../../../shared/domain/use-cases/staff-queries.js';
import {
  ResendTrackingLinkSchema,
  resendTrackingLink,
} from '../../../shared/domain/use-cases/resend-tracking-link.js';
import { queueChoices, queueRows } from '../../../shared/domain/use-cases/queue-rows.js';
import { staffCategories } from '../../../shared/domain/use-cases/category-options.js';
import { operatorNotices } from '../../../shared/domain/use-cases/operator-notices.js';
import type { ApiDependencies } from '../routes.js';
import { parseJsonBody, parseQuery } from '../../../shared/runtime/http/request.js';
import type { Route } from '../../../shared/runtime/http/router.js';
import { json } from '../../../shared/runtime/http/types.js';
import {
  StaffIntakeSchema,
  filedResponse,
  idempotencyKeyOf,
  principalOf,
  staffClaimResponse,
  staffClaimRoute,
  triageRoute,
} from './helpers.js';
/** Staff routes: everything under /staff/ sits behind the JWT authorizer. */
export const staffRoutes: readonly Route<ApiDependencies>[] = [
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
      return filedResponse(filed, deps.mailStore);
    },
  },
  {
    method: 'GET',
    path: '/staff/claims',
    async handle(event, _params, deps) {
      const principal = principalOf(event, deps);
      const now = deps.clock.now();
      const page = await workQueue(deps, principal, parseQuery(event, WorkQueueQuerySchema), now);
      return json(200, await queueRows(deps, page, now));
    },
  },
  {
    method: 'GET',
    path: '/staff/search',
    async handle(event, _params, deps) {
      const principal = principalOf(event, deps);
      const page = await searchClaims(deps, principal, parseQuery(event, SearchQuerySchema));
      return json(200, await queueRows(deps, page, deps.clock.now()));
    },
  },
  {
    method: 'GET',
    path: '/staff/me',
    async handle(event, _params, deps) {
      const principal = principalOf(event, deps);
      return json(200, {
        ...principal,
        allowedActions: CLAIM_ACTIONS.filter((a) => roleMayTake(a, principal.roles)),
        // Banners of the console and the dashboard: a missing holiday schedule, a shifted rehearsal clock.
        notices: await operatorNotices(deps),
        // The work queue's pickers: the caller's units (names in both languages) and colleagues.
        queue: await queueChoices(deps, principal),
      });
    },
  },
  {
    // Any signed-in staff member: the console names every claim's category from this list.
    method: 'GET',
    path: '/staff/categories',
    handle(event, _params, deps) {
      principalOf(event, deps);
      return Promise.resolve(json(200, staffCategories(deps.settings.categories)));
    },
  },
  {
    method: 'GET',
    path: '/staff/claims/{ref}',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      const detail = await claimDetail(deps, principal, params['ref'] ?? '');
      // The claim's units from the head office down, with their names in both languages (the policy in force).
      const units = detail.claim.unitPath.map((id) => {
        const unit = deps.settings.units.find((u) => u.id === id);
        return { id, name: unit?.name ?? { 'zh-CN': id, en: id } };
      });
      // Issue 24: what the law owes the customer on the claim's facts, under the rules of the policy in force.
      const statutory = claimAssessment(detail.claim, deps.settings.statutory);
      return json(200, {
        claim: staffClaimResponse(detail.claim, principal, deps.settings.money),
        units,
        ...(statutory ? { statutory } : {}),
        timeline: detail.timeline,
        auditIntegrity: detail.auditIntegrity,
      });
    },
  },
  triageRoute('assign', 'assign'),
  triageRoute('request_material', 'request-material'),
  triageRoute('mark_material_complete', 'material-complete'),
  triageRoute('start_investigation', 'start-investigation'),
  triageRoute('not_admit', 'not-admit'),
  triageRoute('withdraw', 'withdraw'),
  triageRoute('take_over', 'take-over'),
  triageRoute('acknowledge_response', 'acknowledge-response'),
  triageRoute('reply_to_customer', 'reply'),
  triageRoute('add_internal_note', 'notes'),
  {
    method: 'POST',
    path: '/staff/claims/{ref}/tracking-link',
    async handle(event, params, deps) {
      const principal = principalOf(event, deps);
      parseJsonBody(event, ResendTrackingLinkSchema, deps.maxBodyBytes);
      return json(200, await resendTrackingLink(deps, params['ref'] ?? '', principal));
    },
  },
  staffClaimRoute('facts', EditFactsSchema, (deps, { ref, principal, input }) =>
    editFacts(deps, ref, input, principal),
  ),
];
