import * as z from '../../zod.js';
import { IsoInstantSchema } from '../calendar/instant.js';
import { SlaClockSchema } from '../calendar/sla-clock.js';

/** SPEC §5: the clocks a claim can carry. */
export const CLOCK_NAMES = ['first_reply', 'on_site_visit', 'decision', 'reconsideration'] as const;
export const ClockNameSchema = z.enum(CLOCK_NAMES);
export type ClockName = z.infer<typeof ClockNameSchema>;

/** The one extension a clock may get (SPEC §5): with the customer's agreement and a reason. */
export const ClockExtensionSchema = z.strictObject({
  at: IsoInstantSchema,
  by: z.string().check(z.minLength(1)),
  reason: z.string().check(z.minLength(1)),
  customerAgreed: z.literal(true),
  previousDueAt: IsoInstantSchema,
  newDueAt: IsoInstantSchema,
  /** The working days (or whole days) added, so a loaded holiday schedule can recompute the deadline. */
  days: z.optional(z.int().check(z.positive())),
});
export type ClockExtension = z.infer<typeof ClockExtensionSchema>;

/**
 * A clock as a claim carries it: the calendar module's SlaClock plus what the sweep records on it.
 * Plain data on the claim, so every change shows in the audit event's diff.
 */
export const ClaimClockSchema = z.extend(SlaClockSchema, {
  /** Why this target: the policy rule or commitment that chose it, for readers of the claim. */
  basis: z.string().check(z.minLength(1)),
  /** When the warning falls due (the warning ratio of the budget used, paused time excluded). */
  warningAt: IsoInstantSchema,
  warnedAt: z.nullable(IsoInstantSchema),
  breachedAt: z.nullable(IsoInstantSchema),
  /** Units told about the breach, in order: the claim's unit first, then each unit above it (SPEC §12). */
  escalations: z.array(z.strictObject({ at: IsoInstantSchema, unitId: z.string().check(z.minLength(1)) })),
  /** When the next unit up is told if the clock is still running; null once the top was told. */
  nextEscalationAt: z.nullable(IsoInstantSchema),
  extension: z.nullable(ClockExtensionSchema),
});
export type ClaimClock = z.infer<typeof ClaimClockSchema>;

export const ClaimClocksSchema = z.partialRecord(ClockNameSchema, ClaimClockSchema);
export type ClaimClocks = z.infer<typeof ClaimClocksSchema>;

/** The clocks a claim carries, in the fixed order of CLOCK_NAMES (no casts of Object.entries). */
export function clockEntries(clocks: ClaimClocks | undefined): [ClockName, ClaimClock][] {
  const entries: [ClockName, ClaimClock][] = [];
  for (const name of CLOCK_NAMES) {
    const clock = clocks?.[name];
    if (clock) entries.push([name, clock]);
  }
  return entries;
}
