import * as z from '../../zod.js';

const Verdict = z.optional(z.object({ status: z.string() }));

/**
 * The SES "Received" notification for a receipt rule's S3 action, as the email-in queue receives it
 * (SNS raw message delivery: the body is SES's JSON). Not strict: SES adds fields over time.
 * The local SMTP listener enqueues the same shape.
 */
export const SesReceivedNotificationSchema = z.object({
  notificationType: z.literal('Received'),
  mail: z.object({
    timestamp: z.iso.datetime({ offset: true }),
    /** The envelope sender (MAIL FROM); empty for a null return path. */
    source: z.string(),
    messageId: z.string().check(z.minLength(1)),
    destination: z.array(z.string()),
  }),
  receipt: z.object({
    timestamp: z.iso.datetime({ offset: true }),
    recipients: z.array(z.string()),
    spamVerdict: Verdict,
    virusVerdict: Verdict,
    action: z.object({
      type: z.literal('S3'),
      bucketName: z.string().check(z.minLength(1)),
      objectKey: z.string().check(z.minLength(1)),
    }),
  }),
});
export type SesReceivedNotification = z.infer<typeof SesReceivedNotificationSchema>;
