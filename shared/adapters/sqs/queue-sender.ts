import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueName } from '../../domain/messages.js';
import { OUTBOX_CLAIM_ATTRIBUTE, type QueuedMessage, type QueueSender } from '../../ports/queue-sender.js';

/** SQS's batch limit. */
const BATCH = 10;

/**
 * Sends to SQS in batches of ten. The message id travels as an attribute for the consumer's idempotency,
 * and an outbox message's claim id beside it, so the consumer can mark the outbox row relayed.
 */
export class SqsQueueSender implements QueueSender {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrls: Readonly<Partial<Record<QueueName, string>>>,
  ) {}

  async send(queue: QueueName, messages: readonly QueuedMessage[]): Promise<void> {
    const url = this.queueUrls[queue];
    if (url === undefined) throw new Error(`no URL configured for the ${queue} queue`);
    for (let i = 0; i < messages.length; i += BATCH) {
      const batch = messages.slice(i, i + BATCH);
      const result = await this.client.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: batch.map((m, n) => ({
            Id: String(n),
            MessageBody: JSON.stringify(m.body),
            MessageAttributes: {
              messageId: { DataType: 'String', StringValue: m.id },
              ...(m.claimId === undefined
                ? {}
                : { [OUTBOX_CLAIM_ATTRIBUTE]: { DataType: 'String', StringValue: m.claimId } }),
            },
          })),
        }),
      );
      if (result.Failed && result.Failed.length > 0) {
        const first = result.Failed[0];
        throw new Error(
          `SQS refused ${result.Failed.length} of ${batch.length} messages to ${queue}: ${first?.Code ?? ''} ${first?.Message ?? ''}`,
        );
      }
    }
  }
}
