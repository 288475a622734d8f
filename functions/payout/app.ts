import { PayoutMessageSchema } from '../../shared/domain/payout.js';
import { processPayout } from '../../shared/domain/use-cases/payouts.js';
import { markArrived } from '../../shared/domain/use-cases/relay-outbox.js';
import type { MoneyDeps } from '../../shared/domain/use-cases/money-change.js';
import { logger } from '../../shared/runtime/logger.js';
import { BUSINESS_METRICS, recordMetric } from '../../shared/runtime/metrics.js';
import { sqsHandler } from '../../shared/runtime/sqs.js';
import { withCurrentPolicy, type AtColdStart } from '../../shared/runtime/current-policy.js';
import type { PaymentGateway } from '../../shared/ports/payment-gateway.js';

/**
 * The payout worker's SQS handler, given its dependencies: each message names one payout, and the use
 * case makes every delivery safe (duplicates, redeliveries and unknown outcomes never pay twice).
 * A failed record is reported alone and retried; after maxReceiveCount it lands in the payout DLQ.
 * Each outbox message is marked relayed on arrival (see `markArrived`).
 */
export function createPayoutHandler(deps: AtColdStart<MoneyDeps> & { readonly gateway: PaymentGateway }) {
  return sqsHandler(
    PayoutMessageSchema,
    async (message, meta) => {
      const result = await processPayout(await withCurrentPolicy(deps), message.payoutId);
      logger.info('payout processed', { payoutId: message.payoutId, messageId: meta.id, result });
      if (result === 'paid') recordMetric(BUSINESS_METRICS.payoutPaid);
    },
    { arrived: (ref) => markArrived(deps, ref) },
  );
}
