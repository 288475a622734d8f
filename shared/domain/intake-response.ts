import * as z from '../zod.js';
import { toE164 } from './phone.js';
import type { Claim } from './claim.js';

export const NOTIFY_CHANNELS = ['sms', 'email'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

/**
 * The answer of `POST /claims` the confirmation page reads (the API's answer carries more for staff
 * intake: severity, department…). One schema for both sides: the route builds it, the form parses it.
 */
export const FiledResponseSchema = z.object({
  number: z.string(),
  status: z.string(),
  /** The tracking page's path with the token in its fragment; absent when a replay issued no token. */
  trackingPath: z.optional(z.string()),
  /** When the first substantive reply is due (ISO instant). */
  firstReplyDue: z.optional(z.string()),
  /** A late claim's refusal in the claim's language: it is recorded, not admitted. */
  refusal: z.optional(z.string()),
  /** Where the receipt (or the refusal) goes besides this page: the channels the claim gave us. */
  notifiedBy: z._default(z.array(z.enum(NOTIFY_CHANNELS)), []),
});
export type FiledResponse = z.infer<typeof FiledResponseSchema>;

/**
 * The channels the intake reply is addressed to: a text to a phone SMS can reach (the intake schema takes
 * only those) unless that number replied TD to an earlier text, and a mail to an email address. The notify
 * function sends them from the outbox a moment later, skipping an opted-out number the same way.
 */
export function intakeReplyChannels(claim: Pick<Claim, 'claimant'>, textOptedOut: boolean): NotifyChannel[] {
  return [
    ...(!textOptedOut && claim.claimant.phone !== undefined && toE164(claim.claimant.phone) !== null
      ? ['sms' as const]
      : []),
    ...(claim.claimant.email !== undefined && claim.claimant.email !== '' ? ['email' as const] : []),
  ];
}
