import * as z from '../zod.js';
import { IsoInstantSchema } from './calendar/instant.js';

/**
 * What a customer did that staff must look at (issue 16): the claim is marked "customer responded" in the
 * queue and its owner is told, until a staff member opens the claim. Material in particular does not
 * resume a paused clock by itself: staff confirm "material complete" or ask for more.
 */
export const CUSTOMER_RESPONSE_KINDS = [
  'material', // added material on the tracking page
  'email_reply', // replied by mail to an open claim
  'reply_after_closure', // replied by mail to a closed claim
  'dispute', // disputed the offer
  'unsatisfied', // rated the closure "unsatisfied"
  'reconsideration', // asked for a reconsideration
  'quarantined_mail', // mail naming the claim was held: its sender could not be verified
] as const;
export const CustomerResponseKindSchema = z.enum(CUSTOMER_RESPONSE_KINDS);
export type CustomerResponseKind = z.infer<typeof CustomerResponseKindSchema>;

/** The mark on the claim: the latest response not yet seen by staff. */
export const CustomerResponseSchema = z.strictObject({
  what: CustomerResponseKindSchema,
  at: IsoInstantSchema,
});
export type CustomerResponse = z.infer<typeof CustomerResponseSchema>;

/** How much of someone's words a staff notice quotes (the customer's, a colleague's note): enough to act on. */
export const EXCERPT_CHARS = 300;

/** Words on one line, cut to the excerpt's length (with "…" when cut). */
export function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_CHARS ? flat : `${flat.slice(0, EXCERPT_CHARS - 1)}…`;
}
