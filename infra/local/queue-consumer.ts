import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaContext } from './api-gateway.js';
import { LOCAL_ACCOUNT } from './sqs-server.js';
import type { LocalQueues, StoredMessage } from './local-queues.js';

export type SqsLambdaHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface LocalConsumer {
  /** Resolves when every batch in flight has finished. */
  stop(): Promise<void>;
}

/**
 * The local Lambda event source mapping: receives batches from a local queue, builds the SQS event
 * exactly as Lambda does, calls the very handler Lambda runs and deletes what it did not report as
 * failed (ReportBatchItemFailures). A thrown handler fails the whole batch; failed messages come back
 * after their visibility timeout and move to the DLQ after maxReceiveCount, as in AWS.
 */
export function startLocalConsumer(
  queues: LocalQueues,
  queue: string,
  handler: SqsLambdaHandler,
  options: { batchSize?: number; idleMs?: number } = {},
): LocalConsumer {
  let running = true;
  let wake: (() => void) | undefined;
  const off = queues.onMessage(() => wake?.());
  const loop = (async () => {
    while (running) {
      const batch = await queues.receive(queue, options.batchSize ?? 10);
      if (batch.length === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, options.idleMs ?? 1000);
          wake = done;
          function done() {
            clearTimeout(timer);
            wake = undefined;
            resolve();
          }
        });
        continue;
      }
      const event: SQSEvent = { Records: batch.map((m) => toRecord(queue, m)) };
      let failed: Set<string>;
      try {
        const response = await handler(event, lambdaContext());
        failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
      } catch (error) {
        console.error(`local ${queue} consumer: the handler threw; the batch will be retried`, error);
        failed = new Set(batch.map((m) => m.messageId));
      }
      for (const message of batch) {
        if (!failed.has(message.messageId) && message.receiptHandle !== null)
          await queues.delete(queue, message.receiptHandle);
      }
    }
  })();
  return {
    async stop() {
      running = false;
      off();
      wake?.();
      await loop;
    },
  };
}

/** One stored message as Lambda's SQS event source hands it to the function. */
export function toRecord(queue: string, message: StoredMessage): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle ?? '',
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
      SenderId: LOCAL_ACCOUNT,
      ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.attributes).map(([name, a]) => [
        name,
        {
          dataType: a.DataType,
          ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}),
          stringListValues: [],
          binaryListValues: [],
        },
      ]),
    ),
    md5OfBody: message.md5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:local:${LOCAL_ACCOUNT}:${queue}`,
    awsRegion: 'local',
  };
}
