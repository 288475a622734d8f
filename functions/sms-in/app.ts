import { inboundTextOf, TwoWayTextSchema } from '../../shared/adapters/sms/two-way-message.js';
import { recordOptOut } from '../../shared/domain/use-cases/text-opt-out.js';
import type { MailStore } from '../../shared/ports/mail-store.js';
import type { Clock } from '../../shared/ports/clock.js';
import { logger } from '../../shared/runtime/logger.js';
import { sqsHandler } from '../../shared/runtime/sqs.js';

export interface SmsInDeps {
  readonly mailStore: Pick<MailStore, 'recordTextOptOut'>;
  readonly clock: Clock;
}

/**
 * SMS in (SQS consumer of the sms-in queue, fed by the two-way SMS topic): a customer's TD / STOP records
 * the number as opted out, so no more texts go to it; other texts are logged (SMS is not a claim channel).
 * Recording an opt-out twice is harmless, so a redelivered message is simply handled again.
 */
export function createSmsIn(deps: SmsInDeps) {
  return sqsHandler(TwoWayTextSchema, async (message, meta) => {
    const outcome = await recordOptOut(deps, inboundTextOf(message));
    // The number is personal data: only its last four digits reach the log.
    logger.info('inbound text', {
      messageId: meta.id,
      outcome,
      from: `…${message.originationNumber.slice(-4)}`,
    });
  });
}
