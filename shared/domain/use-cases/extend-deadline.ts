import * as z from '../../zod.js';
import { nonEmptyText } from '../text.js';
import type { Claim } from '../claim.js';
import { loadVisibleClaim } from '../claim-lookup.js';
import { notificationMessage } from '../messages.js';
import { staffActor, type StaffPrincipal } from '../principal.js';
import { extendClock } from '../sla/claim-clocks.js';
import { ClockNameSchema } from '../sla/clock-schema.js';
import { applyChange } from './money-change.js';
import type { TriageDeps } from './triage.js';

/** An extension is a staff action on the claim, so it needs what triage needs. */
export type ExtendDeadlineDeps = TriageDeps;

export const ExtendDeadlineSchema = z.strictObject({
  clock: ClockNameSchema,
  /** Working days added to the current deadline (whole 24 h days for calendar-hour clocks). */
  days: z.int().check(z.gte(1), z.lte(60)),
  reason: nonEmptyText(2000),
  /** SPEC §5: only with the customer's agreement. */
  customerAgreed: z.literal(true, { message: 'a deadline is extended only when the customer agrees' }),
  expectedVersion: z.optional(z.int().check(z.gte(1))),
});
export type ExtendDeadlineInput = z.infer<typeof ExtendDeadlineSchema>;

/**
 * Extend one SLA clock, once (SPEC §5).
 * 1. Load the claim (404 outside the caller's units); through `applyChange`: check role and state in
 *    the lifecycle table;
 * 2. move the clock's deadline out by the working days given; refuse a second extension of the same clock;
 * 3. commit claim + audit event (old and new deadline in the diff, the reason as its note) + the
 *    customer's deadline-extension notice, in one transaction; relay the notice.
 */
export async function extendDeadline(
  deps: ExtendDeadlineDeps,
  ref: string,
  input: ExtendDeadlineInput,
  principal: StaffPrincipal,
): Promise<Claim> {
  const current = await loadVisibleClaim(deps.store, ref, principal);
  const calendar = await deps.calendars.current();
  return applyChange(
    deps,
    current,
    'extend_deadline',
    staffActor(principal),
    principal.roles,
    (claim, { now, at }) => {
      const clocks = extendClock(
        { calendar, settings: deps.settings },
        claim,
        {
          clock: input.clock,
          days: input.days,
          reason: input.reason,
          customerAgreed: true,
          by: principal.id,
        },
        now,
      );
      const previousDueAt = claim.clocks?.[input.clock]?.dueAt;
      const newDueAt = clocks[input.clock]?.dueAt;
      if (previousDueAt === undefined || newDueAt === undefined)
        throw new Error(`unreachable: extendClock extends only a clock the claim has (${input.clock})`);
      const outbox = [
        notificationMessage(
          'deadline_extension',
          { clock: input.clock, previousDueAt, newDueAt, reason: input.reason },
          {
            id: `${claim.id}:deadline_extension:${input.clock}`,
            claim,
            recipient: { type: 'customer' },
            createdAt: at,
          },
        ),
      ];
      return { claim: { ...claim, clocks }, note: input.reason, outbox };
    },
    input.expectedVersion ?? current.version,
  );
}
