import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { OUTBOX_CLAIM_ATTRIBUTE } from '../../shared/ports/queue-sender.js';

/**
 * An SQS record as Lambda receives it, carrying our business id as the `messageId` attribute and, for a
 * message from the outbox, its claim id as `outboxClaimId` (what `SqsQueueSender` sends).
 */
export function sqsRecord(
  body: unknown,
  businessId: string,
  deliveryId = `delivery-${businessId}`,
  outboxClaimId?: string,
): SQSRecord {
  return {
    messageId: deliveryId,
    receiptHandle: `rh-${deliveryId}`,
    body: JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {
      messageId: { stringValue: businessId, dataType: 'String' },
      ...(outboxClaimId === undefined
        ? {}
        : { [OUTBOX_CLAIM_ATTRIBUTE]: { stringValue: outboxClaimId, dataType: 'String' } }),
    },
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-east-1:123456789012:payout',
    awsRegion: 'ap-east-1',
  };
}

export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}
