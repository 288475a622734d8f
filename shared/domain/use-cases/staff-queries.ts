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
import { requestFingerprint } from '../access-token.js';
import { awaitsApprovalBy } from '../approval-policy.js';
import { CategoryCodeSchema } from '../categories.js';
import { QueueSortSchema, readFrom, sortQueue } from '../queue-order.js';
import { cursorOffset, offsetCursor } from '../paging-cursor.js';
import type { PolicySettings } from '../settings.js';

export interface QueryDeps {
  readonly store: ClaimStore;
  readonly orgTree: OrgTree;
}

const limit = z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25);
const cursor = z.optional(z.string().check(z.maxLength(2000)));
const order = z._default(z.enum(['newest', 'oldest']), 'newest');

/** Work-queue filters and sort as they arrive in a query string. */
export const WorkQueueQuerySchema = z.strictObject({
  unit: z.optional(z.string().check(z.maxLength(40))),
  status: z.optional(ClaimStatusSchema),
  /** `me`, `none` (unassigned) or a staff id. */
  assignee: z.optional(z.string().check(z.maxLength(128))),
  /** Rows in this SLA state at the request's time (breached, due soon, paused). */
  sla: z.optional(SlaFilterSchema),
  category: z.optional(CategoryCodeSchema),
  /** `true`: only claims the customer responded on that no staff member has opened since. */
  responded: z.optional(z.literal('true')),
  /** `mine`: only proposed plans the caller may approve (roles, approval limit, not their own proposal). */
  approval: z.optional(z.literal('mine')),
  /** Next deadline first (default), gravest level first, or by received time (`order`). */
  sort: z._default(QueueSortSchema, 'deadline'),
  /** For `sort=received`: newest (default) or oldest first. */
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

/** The most open claims one queue request reads and sorts; past it the answer says `capped`. */
export const QUEUE_CAP = 2000;

export interface WorkQueueDeps extends QueryDeps {
  readonly settings: Pick<PolicySettings, 'money'>;
}

/** A sorted queue page: the rows, the next cursor, how many rows match (at least, when `capped`). */
export interface WorkQueuePage extends Page<ClaimSummary> {
  readonly total: number;
  /** More than QUEUE_CAP open claims matched: only the first QUEUE_CAP (from the end read) were sorted. */
  readonly capped?: true;
}

/**
 * The work queue: open claims of a unit and every unit below it, filtered, sorted and paged.
 * DynamoDB sorts the queue index by received time only, so every matching summary of the unit is read (all
 * pages, summaries only, at most QUEUE_CAP) and sorted here; the cursor is an offset bound to the query.
 * 1. Default to the caller's unit; refuse a unit outside it.
 * 2. `assignee=me` (or an id) reads the assignee index, kept to the unit; `none` only unassigned claims.
 * 3. Otherwise the queue index of the unit's level; status, SLA state, category, customer responded filter it.
 * 4. `approval=mine`: proposed claims only, then their full claims (BatchGetItem, reads only) decide whether
 *    the caller may approve the plan (awaitsApprovalBy: the approve action's own rules).
 * 5. Sort, count, cut the page.
 */
export async function workQueue(
  deps: WorkQueueDeps,
  principal: StaffPrincipal,
  params: WorkQueueParams,
  now: Date,
): Promise<WorkQueuePage> {
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
  const mine = params.approval === 'mine';
  // What the cursor is bound to: the query less its paging, where it resolved to, and who asked.
  const { limit: _limit, cursor: _cursor, ...query } = params;
  const signature = requestFingerprint({ query, unitPath, assigneeId, by: principal.id }).slice(0, 16);
  const offset = cursorOffset(params.cursor, signature);
  // Only a proposed plan awaits approval: another status asked for alongside matches nothing.
  if (mine && params.status !== undefined && params.status !== PENDING_APPROVAL)
    return { items: [], total: 0 };
  const read = await deps.store.workQueue({
    unitPath,
    status: mine ? PENDING_APPROVAL : params.status,
    assigneeId,
    sla: params.sla,
    now: now.toISOString(),
    category: params.category,
    customerResponded: params.responded === 'true',
    from: readFrom(params.sort, params.order),
    cap: QUEUE_CAP,
  });
  let rows = read.items.filter((s) => canSee(principal, s.unitPath));
  if (mine) rows = await awaitingApproval(deps, principal, rows);
  const sorted = sortQueue(rows, params.sort, params.order);
  const items = sorted.slice(offset, offset + params.limit);
  const next = offset + params.limit;
  return {
    items,
    total: sorted.length,
    ...(next < sorted.length ? { cursor: offsetCursor(next, signature) } : {}),
    ...(read.capped ? { capped: true as const } : {}),
  };
}

const PENDING_APPROVAL = 'proposed';
/** BatchGetItem's limit. */
const CLAIMS_PER_READ = 100;

/** The rows whose full claim (the summary lacks the plan) the caller may approve now. */
async function awaitingApproval(
  deps: WorkQueueDeps,
  principal: StaffPrincipal,
  rows: readonly ClaimSummary[],
): Promise<ClaimSummary[]> {
  const batches: string[][] = [];
  for (let i = 0; i < rows.length; i += CLAIMS_PER_READ)
    batches.push(rows.slice(i, i + CLAIMS_PER_READ).map((s) => s.id));
  const claims = (await Promise.all(batches.map((ids) => deps.store.getManyById(ids)))).flat();
  const approvable = new Set(
    claims.filter((c) => awaitsApprovalBy(c, principal, deps.settings.money)).map((c) => c.id),
  );
  return rows.filter((s) => approvable.has(s.id));
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
