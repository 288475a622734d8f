import * as z from '../../zod.js';

/**
 * One of SES's verdicts. SES documents PASS, FAIL, GRAY (not checked, or nothing to check: no
 * signature, no DMARC record) and PROCESSING_FAILED; any other status is read as not a pass.
 */
const Verdict = z.optional(z.object({ status: z.string().check(z.maxLength(100)) }));

/**
 * The SES "Received" notification for a receipt rule's S3 action, as the email-in queue receives it
 * (SNS raw message delivery: the body is SES's JSON). Not strict: SES adds fields over time.
 * The local SMTP listener enqueues the same shape.
 *
 * `spfVerdict`, `dkimVerdict` and `dmarcVerdict` are SES's authentication of the sender: whether a
 * reply may be attached to a claim on the strength of its From address depends on them
 * (`sender-verification.ts`). `mail.commonHeaders.from` is the From header as SES read it (the one
 * DMARC was evaluated against).
 */
export const SesReceivedNotificationSchema = z.object({
  notificationType: z.literal('Received'),
  mail: z.object({
    timestamp: z.iso.datetime({ offset: true }),
    /** The envelope sender (MAIL FROM); empty for a null return path. */
    source: z.string(),
    messageId: z.string().check(z.minLength(1)),
    destination: z.array(z.string()),
    commonHeaders: z.optional(
      z.object({
        from: z.optional(z.array(z.string().check(z.maxLength(2000))).check(z.maxLength(100))),
      }),
    ),
  }),
  receipt: z.object({
    timestamp: z.iso.datetime({ offset: true }),
    recipients: z.array(z.string()),
    spamVerdict: Verdict,
    virusVerdict: Verdict,
    spfVerdict: Verdict,
    dkimVerdict: Verdict,
    dmarcVerdict: Verdict,
    /** The sending domain's DMARC policy (none, quarantine, reject); present when DMARC failed. */
    dmarcPolicy: z.optional(z.string().check(z.maxLength(100))),
    action: z.object({
      type: z.literal('S3'),
      bucketName: z.string().check(z.minLength(1)),
      objectKey: z.string().check(z.minLength(1)),
    }),
  }),
});
export type SesReceivedNotification = z.infer<typeof SesReceivedNotificationSchema>;
