import * as z from '../../zod.js';
import type { InboundText } from '../../domain/use-cases/text-opt-out.js';

/**
 * What End User Messaging SMS publishes to the two-way SNS topic for each text a customer sends to our
 * number (raw delivery to the sms-in queue, so it is the SQS body). Fields we do not use may be added by AWS.
 */
export const TwoWayTextSchema = z.looseObject({
  originationNumber: z.string().check(z.minLength(1), z.maxLength(32)),
  destinationNumber: z.optional(z.string()),
  messageKeyword: z.optional(z.string()),
  messageBody: z.string().check(z.maxLength(1600)),
  inboundMessageId: z.optional(z.string()),
  previousPublishedMessageId: z.optional(z.string()),
});
export type TwoWayText = z.infer<typeof TwoWayTextSchema>;

/** The provider's message as the domain takes it: who sent it and what they wrote. */
export function inboundTextOf(message: TwoWayText): InboundText {
  return { from: message.originationNumber, text: message.messageBody };
}
