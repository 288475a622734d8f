import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { scheduledHandler, sqsHandler } from '../../shared/runtime/sqs.js';

function record(messageId: string, body: string, businessId?: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '2',
      SentTimestamp: '0',
      SenderId: 'x',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: businessId ? { messageId: { stringValue: businessId, dataType: 'String' } } : {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-east-1:123456789012:q',
    awsRegion: 'ap-east-1',
  };
}

describe('sqsHandler', () => {
  it('reports only the failed records: a thrown handler, a non-JSON body, a schema violation', async () => {
    const seen: string[] = [];
    const handler = sqsHandler(z.object({ n: z.number() }), (message, meta) => {
      if (message.n === 3) return Promise.reject(new Error('boom'));
      seen.push(`${meta.id}:${message.n}:${meta.receiveCount}`);
      return Promise.resolve();
    });
    const event: SQSEvent = {
      Records: [
        record('a', '{"n":1}', 'biz-1'),
        record('b', 'not json'),
        record('c', '{"n":"x"}'),
        record('d', '{"n":3}'),
        record('e', '{"n":5}'),
      ],
    };
    const result = await handler(event, lambdaContext());
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['b', 'c', 'd']);
    expect(seen).toEqual(['biz-1:1:2', 'e:5:2']);
  });
});

describe('scheduledHandler', () => {
  it('validates the Scheduler input before running the job', async () => {
    const handler = scheduledHandler((event) => Promise.resolve(event.scheduledTime));
    const ok = {
      scheduledTime: '2026-11-23T18:00:00Z',
      executionId: 'e1',
      scheduleArn: 'arn:aws:scheduler:::schedule/x',
    };
    expect(await handler(ok, lambdaContext())).toBe('2026-11-23T18:00:00Z');
    await expect(handler({ scheduledTime: 'yesterday' }, lambdaContext())).rejects.toThrow();
  });
});
