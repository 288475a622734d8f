/**
 * Attaches a ClaimsFunction to a WorkQueue as its SQS consumer, with the settings every consumer in
 * this system shares: partial batch responses (one bad message does not retry its neighbours) and a
 * visibility timeout proven to be at least 6x the function timeout.
 */
import { Validations, type Duration } from 'aws-cdk-lib';
import type { EventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import type { ClaimsFunction } from './claims-function.js';
import { VISIBILITY_TO_TIMEOUT_RATIO, type WorkQueue } from './work-queue.js';

export interface QueueConsumerOptions {
  /** Messages per invocation; default 10. */
  readonly batchSize?: number;
  /** Wait to fill a batch; default none (notifications should not wait). */
  readonly maxBatchingWindow?: Duration;
  /** Cap on concurrent invocations for this queue (2..1000), to protect a downstream system. */
  readonly maxConcurrency?: number;
}

export function addQueueConsumer(
  fn: ClaimsFunction,
  workQueue: WorkQueue,
  options: QueueConsumerOptions = {},
): EventSourceMapping {
  const needed = fn.timeout.toSeconds() * VISIBILITY_TO_TIMEOUT_RATIO;
  if (workQueue.visibilityTimeout.toSeconds() < needed) {
    throw new Error(
      `${workQueue.node.path}: visibility timeout ${workQueue.visibilityTimeout.toSeconds()}s is less than ` +
        `${VISIBILITY_TO_TIMEOUT_RATIO}x the timeout of ${fn.node.path} (${needed}s); raise the queue's consumerTimeout`,
    );
  }

  // Receive, delete and extend visibility on this queue only (no send, no purge).
  workQueue.queue.grantConsumeMessages(fn.role);
  const mapping = fn.function.addEventSourceMapping(`Consumes-${workQueue.node.id}`, {
    eventSourceArn: workQueue.queue.queueArn,
    batchSize: options.batchSize ?? 10,
    maxBatchingWindow: options.maxBatchingWindow,
    maxConcurrency: options.maxConcurrency,
    reportBatchItemFailures: true,
  });
  // The role's policy must exist before Lambda starts polling, or the first polls fail.
  mapping.node.addDependency(fn.role);
  Validations.of(mapping).acknowledge({
    id: 'Serverless-LambdaEventSourceMappingDestination',
    reason:
      'SQS event sources do not support on-failure destinations; a message that keeps failing moves to ' +
      "the queue's own dead-letter queue after maxReceiveCount receives.",
  });
  return mapping;
}
