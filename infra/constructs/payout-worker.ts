/**
 * The payout worker: a ClaimsFunction consuming the payout queue (partial batch failures, DLQ after
 * maxReceiveCount), with the table, the notify queue for payout_done, and read access to the Secrets
 * Manager secret that holds the payment webhook's bearer token (the data stack's, so it outlives this
 * stack). The manual gateway is the default; with the `paymentWebhookUrl` context the worker pays through
 * the provider's webhook, reading the token at cold start.
 */
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { DataStack } from '../stacks/data-stack.js';
import { CONSUMER_TIMEOUTS } from '../stacks/consumer-timeouts.js';
import type { ServiceStack } from '../stacks/service-stack.js';
import type { ClaimsFunction } from './claims-function.js';
import { addQueueConsumer } from './queue-consumer.js';

export interface PayoutWorker {
  readonly function: ClaimsFunction;
  /** The data stack's kept secret (it outlives this stack). */
  readonly webhookSecret: ISecret;
}

export function addPayoutWorker(stack: ServiceStack, data: DataStack, webhookUrl?: string): PayoutWorker {
  const webhookSecret = data.paymentWebhookSecret.secret;
  const fn = stack
    .addFunction('PayoutFunction', {
      entry: 'functions/payout/handler.ts',
      description:
        'Payout worker: drives each payout requested → submitting → paid | failed, never paying twice',
      memorySize: 256,
      timeout: CONSUMER_TIMEOUTS.payout,
      environment:
        webhookUrl === undefined
          ? { PAYMENT_GATEWAY: 'manual' }
          : { PAYMENT_GATEWAY: 'webhook', PAYMENT_WEBHOOK_URL: webhookUrl },
    })
    .bindTable(data.table)
    // payout_done is relayed from the outbox right after the payout is recorded.
    .bindQueue(data.notifyQueue.queue, 'NOTIFY_QUEUE_URL');
  fn.setEnvironment('PAYMENT_WEBHOOK_SECRET_ARN', webhookSecret.secretArn);
  webhookSecret.grantRead(fn.role);

  // Small batches and capped concurrency: a provider outage should not fan out into many parallel retries.
  addQueueConsumer(fn, data.payoutQueue, { batchSize: 5, maxConcurrency: 2 });
  return { function: fn, webhookSecret };
}
