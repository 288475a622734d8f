import * as z from '../../zod.js';
import type { AuditEvent } from '../audit.js';
import type { AuditIntegrity } from '../audit-chain.js';
import { trailIntegrity } from './verify-audit.js';
import { summarize, type Claim, type ClaimSummary } from '../claim.js';
import { loadVisibleClaim } from '../claim-lookup.js';
import { ValidationError } from '../errors.js';
import { needsRole, outsideUnit } from '../refusals.js';
import { ClaimStatusSchema, type StaffRole } from '../lifecycle.js';
import { unitCovers, type OrgTree } from '../org-units.js';
import { canSee, type StaffPrincipal } from '../principal.js';
import type { ClaimStore, Page } from '../../ports/claim-store.js';
import { SlaFilterSchema } from '../sla/queue-sla.js';

export interface QueryDeps {
  readonly store: ClaimStore;
  readonly orgTree: OrgTree;
}

const limit = z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25);
const cursor = z.optional(z.string().check(z.maxLength(2000)));
const order = z._default(z.enum(['newest', 'oldest']), 'newest');

/** Work-queue filters as they arrive in a query string. */
export const WorkQueueQuerySchema = z.strictObject({
  unit: z.optional(z.string().check(z.maxLength(40))),
  status: z.optional(ClaimStatusSchema),
  /** `me`, `none` (unassigned) or a staff id. */
  assignee: z.optional(z.string().check(z.maxLength(128))),
  /** Rows in this SLA state at the request's time (breached, due soon, paused). */
  sla: z.optional(SlaFilterSchema),
  order,
  limit,
  cursor,
});
export type WorkQueueParams = z.infer<typeof WorkQueueQuerySchema>;

export const SearchQuerySchema = z
  .strictObject({
    number: z.optional(z.string().check(z.maxLength(40))),
    phone: z.optional(z.string().check(z.maxLength(30))),
    email: z.optional(z.string().check(z.maxLength(254))),
    order: z.optional(z.string().check(z.maxLength(64))),
    limit,
    cursor,
  })
  .check(
    z.refine((q) => [q.number, q.phone, q.email, q.order].filter((v) => v !== undefined).length === 1, {
      message: 'search by exactly one of number, phone, email, order',
      path: ['number'],
    }),
  );
export type SearchParams = z.infer<typeof SearchQuerySchema>;

/**
 * The work queue: open claims of a unit and every unit below it, newest or oldest first, paged.
 * 1. Default to the caller's unit; refuse a unit outside it.
 * 2. `assignee=me` (or an id) reads the assignee index, kept to the unit; `none` only unassigned claims.
 * 3. Otherwise query the queue index of the unit's level; status and SLA state filter either.
 */
export async function workQueue(
  deps: QueryDeps,
  principal: StaffPrincipal,
  params: WorkQueueParams,
  now: Date,
): Promise<Page<ClaimSummary>> {
  const unitPath = deps.orgTree.pathOf(params.unit ?? principal.unitId);
  if (!unitCovers(principal.unitId, unitPath)) {
    throw outsideUnit(`unit ${params.unit} is outside your organisation unit ${principal.unitId}`);
  }
  const assigneeId =
    params.assignee === undefined
      ? undefined
      : params.assignee === 'me'
        ? principal.id
        : params.assignee === 'none'
          ? null
          : params.assignee;
  const result = await deps.store.workQueue({
    limit: params.limit,
    cursor: params.cursor,
    order: params.order,
    unitPath,
    status: params.status,
    assigneeId,
    sla: params.sla,
    now: now.toISOString(),
  });
  return { ...result, items: result.items.filter((s) => canSee(principal, s.unitPath)) };
}

/**
 * Roles that talk to customers and so may find claims by a customer's phone or email: a finance or
 * executive login has no reason to turn a phone number into the claims (and names) behind it (issue 22).
 */
export const CONTACT_SEARCH_ROLES: readonly StaffRole[] = ['agent', 'manager', 'legal'];

/**
 * Search by claim number, customer phone or email, or order number.
 * 1. Phone and email searches only for CONTACT_SEARCH_ROLES (403 otherwise).
 * 2. One lookup by the one key given.
 * 3. Results outside the caller's units are left out, as if they did not exist.
 */
export async function searchClaims(
  deps: QueryDeps,
  principal: StaffPrincipal,
  params: SearchParams,
): Promise<Page<ClaimSummary>> {
  if (
    (params.phone !== undefined || params.email !== undefined) &&
    !principal.roles.some((r) => CONTACT_SEARCH_ROLES.includes(r))
  )
    throw needsRole(
      CONTACT_SEARCH_ROLES,
      'searching by a customer’s phone or email needs the agent, manager or legal role',
    );
  const page = { limit: params.limit, cursor: params.cursor };
  let result: Page<ClaimSummary>;
  if (params.number !== undefined) {
    const claim = await deps.store.getByNumber(params.number.trim().toUpperCase());
    result = { items: claim ? [summarize(claim)] : [] };
  } else if (params.phone !== undefined) {
    result = await deps.store.findByContact({ phone: params.phone }, page);
  } else if (params.email !== undefined) {
    result = await deps.store.findByContact({ email: params.email }, page);
  } else if (params.order !== undefined) {
    result = await deps.store.findByOrder(params.order, page);
  } else {
    throw new ValidationError('search by exactly one of number, phone, email, order');
  }
  return { ...result, items: result.items.filter((s) => canSee(principal, s.unitPath)) };
}

export interface ClaimDetail {
  readonly claim: Omit<Claim, 'accessTokenHashes'>;
  readonly timeline: readonly AuditEvent[];
  /** Whether the timeline's hash chain holds (issue 21): the console warns when it does not. */
  readonly auditIntegrity: AuditIntegrity;
}

/** Claim detail with its full audit timeline, for staff who can see the claim's unit. */
export async function claimDetail(
  deps: QueryDeps,
  principal: StaffPrincipal,
  ref: string,
): Promise<ClaimDetail> {
  const claim = await loadVisibleClaim(deps.store, ref, principal);
  const { accessTokenHashes: _secret, ...visible } = claim;
  const timeline = await deps.store.listEvents(claim.id);
  return { claim: visible, timeline, auditIntegrity: trailIntegrity(claim, timeline) };
}
