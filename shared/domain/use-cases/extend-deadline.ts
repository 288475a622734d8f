import * as z from '../../zod.js';
import { nonEmptyText } from '../text.js';
import { diffClaims, type AuditEvent } from '../audit.js';
import type { Claim } from '../claim.js';
import { loadVisibleClaim } from '../claim-lookup.js';
import { planTransition } from '../lifecycle.js';
import { notificationMessage } from '../messages.js';
import { staffActor, type StaffPrincipal } from '../principal.js';
import { extendClock } from '../sla/claim-clocks.js';
import { ClockNameSchema } from '../sla/clock-schema.js';
import { relayOutbox } from './relay-outbox.js';
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
 * 1. Load the claim (404 outside the caller's units); check role and state in the lifecycle table.
 * 2. Move the clock's deadline out by the working days given; refuse a second extension of the same clock.
 * 3. Save claim + audit event (old and new deadline in the diff, the reason as its note) + the customer's
 *    deadline-extension notice, in one transaction; relay the notice.
 */
export async function extendDeadline(
  deps: ExtendDeadlineDeps,
  ref: string,
  input: ExtendDeadlineInput,
  principal: StaffPrincipal,
): Promise<Claim> {
  const current = await loadVisibleClaim(deps.store, ref, principal);
  planTransition('extend_deadline', current.status, principal.roles);
  const now = deps.clock.now();
  const at = now.toISOString();
  const clocks = extendClock(
    { calendar: await deps.calendars.current(), settings: deps.settings },
    current,
    { clock: input.clock, days: input.days, reason: input.reason, customerAgreed: true, by: principal.id },
    now,
  );
  const next: Claim = { ...current, clocks, version: current.version + 1, updatedAt: at };
  const event: AuditEvent = {
    id: deps.ids.newId(now),
    claimId: current.id,
    at,
    actor: staffActor(principal),
    channel: 'staff_console',
    action: 'extend_deadline',
    changes: diffClaims(current, next),
    note: input.reason,
  };
  const previousDueAt = current.clocks?.[input.clock]?.dueAt;
  const newDueAt = clocks[input.clock]?.dueAt;
  if (previousDueAt === undefined || newDueAt === undefined)
    throw new Error(`unreachable: extendClock extends only a clock the claim has (${input.clock})`);
  const outbox = [
    notificationMessage(
      'deadline_extension',
      { clock: input.clock, previousDueAt, newDueAt, reason: input.reason },
      {
        id: `${current.id}:deadline_extension:${input.clock}`,
        claim: current,
        recipient: { type: 'customer' },
        createdAt: at,
      },
    ),
  ];

  await deps.store.saveChange(next, input.expectedVersion ?? current.version, event, outbox);
  await relayOutbox(
    deps,
    outbox.map((m) => ({ ...m, claimId: current.id, createdAt: at })),
  );
  return next;
}
