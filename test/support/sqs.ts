import type { SQSEvent, SQSRecord } from 'aws-lambda';

/** An SQS record as Lambda receives it, carrying our business id as the `messageId` attribute. */
export function sqsRecord(
  body: unknown,
  businessId: string,
  deliveryId = `delivery-${businessId}`,
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
    messageAttributes: { messageId: { stringValue: businessId, dataType: 'String' } },
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-east-1:123456789012:payout',
    awsRegion: 'ap-east-1',
  };
}

export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}
