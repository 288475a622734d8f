import * as z from '../../shared/zod.js';
import { LookupCodeIntentSchema } from '../../shared/domain/claim-finder.js';
import { NotificationIntentSchema } from '../../shared/domain/messages.js';
import { markArrived } from '../../shared/domain/use-cases/relay-outbox.js';
import { sendLookupCode } from '../../shared/domain/use-cases/send-lookup-code.js';
import { sendNotification, type NotifyDeps } from '../../shared/domain/use-cases/send-notification.js';
import { logger } from '../../shared/runtime/logger.js';
import { sqsHandler } from '../../shared/runtime/sqs.js';
import { withCurrentPolicy, type AtColdStart } from '../../shared/runtime/current-policy.js';

/** The notify queue carries notifications and the codes of "find my claim" (issue 16). */
const NotifyMessageSchema = z.union([NotificationIntentSchema, LookupCodeIntentSchema]);

/**
 * The notify consumer given its dependencies. A thrown error reports the record failed: transient SES
 * errors are retried by the queue, permanent ones (already recorded on the claim) keep failing until
 * the message moves to the DLQ. Each outbox message is marked relayed on arrival (see `markArrived`).
 */
export function createNotify(deps: AtColdStart<NotifyDeps>) {
  return sqsHandler(
    NotifyMessageSchema,
    async (intent, meta) => {
      const current = await withCurrentPolicy(deps);
      const result =
        intent.kind === 'lookup_code'
          ? await sendLookupCode(current, intent)
          : await sendNotification(current, intent);
      logger.info('notification', { messageId: meta.id, kind: intent.kind, result });
    },
    { arrived: (ref) => markArrived(deps, ref) },
  );
}
