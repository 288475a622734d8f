import type { ReceiveEmailDeps } from '../../shared/domain/use-cases/receive-email.js';
import { receiveEmail } from '../../shared/domain/use-cases/receive-email.js';
import { SesReceivedNotificationSchema } from '../../shared/domain/mail/ses-notification.js';
import { logger } from '../../shared/runtime/logger.js';
import { BUSINESS_METRICS, recordMetric } from '../../shared/runtime/metrics.js';
import { sqsHandler } from '../../shared/runtime/sqs.js';
import { withCurrentPolicy, type AtColdStart } from '../../shared/runtime/current-policy.js';

/** The email-in consumer given its dependencies (handler.ts builds them once per cold start). */
export function createEmailIn(deps: AtColdStart<ReceiveEmailDeps>) {
  return sqsHandler(SesReceivedNotificationSchema, async (notification, meta) => {
    const outcome = await receiveEmail(await withCurrentPolicy(deps), notification);
    // Quarantined and unparseable mail is recorded in the table; the log line is the report.
    const details = { messageId: meta.id, objectKey: notification.receipt.action.objectKey, outcome };
    if (outcome.kind === 'unparseable' || outcome.kind === 'quarantined') {
      logger.warn('inbound mail', details);
      recordMetric(BUSINESS_METRICS.mailQuarantined, 1, { outcome: outcome.kind });
    } else {
      logger.info('inbound mail', details);
      if (outcome.kind === 'claim') recordMetric(BUSINESS_METRICS.claimFiled, 1, { channel: 'email' });
    }
  });
}
