/**
 * Timeouts of the SQS consumers, shared by the data stack (which sizes each queue's visibility
 * timeout from them) and the service stack (which gives the consumer function the same timeout).
 * `addQueueConsumer` refuses a pairing where the queue would hand a batch out again mid-run.
 */
import { Duration } from 'aws-cdk-lib';

export const CONSUMER_TIMEOUTS = {
  /** Fetch the raw message from S3, parse MIME, write the claim. */
  emailIn: Duration.seconds(60),
  /** Build MIME and one SES call per message. */
  notify: Duration.seconds(30),
  /** One payment-provider call with its own timeout, then a conditional update. */
  payout: Duration.seconds(60),
  /** One conditional write per text a customer sends back (TD / STOP). */
  smsIn: Duration.seconds(10),
} as const;
