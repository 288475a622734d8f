import * as z from '../../zod.js';
import { nonEmptyText } from '../text.js';
import {
  CommitmentIdSchema,
  CustomerIdSchema,
  NewCommitmentSchema,
  commitmentIdFor,
  inForce,
  type Commitment,
  type NewCommitment,
  commitmentRefusals,
} from '../commitments.js';
import { ValidationError } from '../errors.js';
import { lacksPermission } from '../refusals.js';
import type { StaffPrincipal } from '../principal.js';
import { mayDo } from '../staff-permissions.js';
import { addDays, shanghaiDate } from '../shanghai-time.js';
import type { CitedPromise } from '../sla/claim-clocks.js';
import type { Clock } from '../../ports/clock.js';
import type { CommitmentStore } from '../../ports/commitment-store.js';
import type { IdGenerator } from '../../ports/ids.js';

export interface CommitmentDeps {
  readonly commitments: CommitmentStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export { NewCommitmentSchema };
export const ExpireCommitmentSchema = z.strictObject({
  reason: nonEmptyText(2000),
  expectedVersion: z.optional(z.int().check(z.gte(1))),
});
export const CommitmentListQuerySchema = z.strictObject({ customer: CustomerIdSchema });

function requireApprover(principal: StaffPrincipal): void {
  if (!mayDo('manageCommitments', principal.roles)) {
    throw lacksPermission(
      'manageCommitments',
      'registering or expiring a commitment needs the manager or admin role',
    );
  }
}

/**
 * Register a commitment (SPEC §13).
 * 1. Only a manager or admin, who is recorded as its approver.
 * 2. Give it an id in its customer's namespace; status active, no breaches.
 * 3. Store it (one conditional Put).
 */
export async function createCommitment(
  deps: CommitmentDeps,
  principal: StaffPrincipal,
  input: NewCommitment,
): Promise<Commitment> {
  requireApprover(principal);
  const now = deps.clock.now();
  const at = now.toISOString();
  const commitment: Commitment = {
    id: commitmentIdFor(input.customerId, deps.ids.newId(now)),
    version: 1,
    ...input,
    approval: { approvedBy: principal.id, approvedAt: at },
    status: 'active',
    breaches: [],
    createdAt: at,
  };
  await deps.commitments.create(commitment);
  return commitment;
}

export async function getCommitment(deps: CommitmentDeps, id: string): Promise<Commitment> {
  const valid = CommitmentIdSchema.safeParse(id);
  const found = valid.success ? await deps.commitments.get(valid.data) : null;
  if (!found) throw commitmentRefusals.notFound(id);
  return found;
}

/**
 * Expire a commitment before its end (withdrawn, replaced): it stops applying to new claims.
 * 1. Manager or admin; 2. load it; 3. refuse if already expired; 4. save conditional on its version.
 */
export async function expireCommitment(
  deps: CommitmentDeps,
  principal: StaffPrincipal,
  id: string,
  input: z.infer<typeof ExpireCommitmentSchema>,
): Promise<Commitment> {
  requireApprover(principal);
  const current = await getCommitment(deps, id);
  if (current.status === 'expired') throw commitmentRefusals.expired(id);
  const next: Commitment = {
    ...current,
    version: current.version + 1,
    status: 'expired',
    expired: { at: deps.clock.now().toISOString(), by: principal.id, reason: input.reason },
  };
  await deps.commitments.save(next, input.expectedVersion ?? current.version);
  return next;
}

export interface CommitmentOverview {
  /** Active commitments whose validity ends within 30 days, and those already past it (lapsed). */
  readonly expiring: readonly Commitment[];
  readonly breached: readonly Commitment[];
}

/** SPEC §13: breaches are reported; expiring commitments are visible (within 30 days of today). */
export async function commitmentOverview(deps: CommitmentDeps, withinDays = 30): Promise<CommitmentOverview> {
  const now = deps.clock.now();
  const until = shanghaiDate(addDays(now, withinDays));
  const [expiring, breached] = await Promise.all([
    deps.commitments.activeEndingBy(until),
    deps.commitments.breached(),
  ]);
  return { expiring, breached };
}

/**
 * The response promise a claim gets from the commitment it cites: null when the commitment is not in force
 * on the intake date or promises no response time (the policy's target applies). A commitment that does
 * not exist is refused (400), so a mistyped id is noticed at intake.
 */
export async function citedPromise(
  store: CommitmentStore,
  commitmentId: string,
  at: Date,
): Promise<CitedPromise | null> {
  const valid = CommitmentIdSchema.safeParse(commitmentId);
  const commitment = valid.success ? await store.get(valid.data) : null;
  if (!commitment) {
    throw new ValidationError(`no commitment ${commitmentId}`, [
      { path: 'commitmentId', message: 'unknown commitment' },
    ]);
  }
  if (!inForce(commitment, shanghaiDate(at)) || commitment.responseTarget === undefined) return null;
  return { commitmentId: commitment.id, responseTarget: commitment.responseTarget };
}
