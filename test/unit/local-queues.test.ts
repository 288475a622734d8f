import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalQueues } from '../../infra/local/local-queues.js';
import { startLocalConsumer } from '../../infra/local/queue-consumer.js';
import { startLocalSqs, type LocalSqsServer } from '../../infra/local/sqs-server.js';
import { SqsQueueSender } from '../../shared/adapters/sqs/queue-sender.js';
import { sqsHandler } from '../../shared/runtime/sqs.js';
import { z } from 'zod';

/** A clock the queues read, moved by hand so visibility timeouts pass without waiting. */
class ManualClock {
  t = Date.parse('2026-11-23T02:00:00Z');
  now = () => this.t;
}

function client(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

describe('local SQS stand-in through the real SDK', () => {
  let server: LocalSqsServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('takes SqsQueueSender batches unchanged and hands them out with SQS semantics', async () => {
    const clock = new ManualClock();
    const queues = await LocalQueues.open(
      null,
      { notify: { visibilityTimeoutSeconds: 30, maxReceiveCount: 2 } },
      clock.now,
    );
    server = await startLocalSqs(queues);
    const sqs = client(server.endpoint);
    const url = (await sqs.send(new GetQueueUrlCommand({ QueueName: 'notify' }))).QueueUrl ?? '';
    expect(url).toBe(server.queueUrl('notify'));

    // The production sender, SDK MD5 checks included, against the stand-in.
    await new SqsQueueSender(sqs, { notify: url }).send('notify', [
      { id: 'biz-1', body: { n: 1 } },
      { id: 'biz-2', body: { n: 2 } },
    ]);

    const first = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }),
    );
    expect(
      first.Messages?.map((m) => [
        m.Body,
        m.MessageAttributes?.['messageId']?.StringValue,
        m.Attributes?.ApproximateReceiveCount,
      ]),
    ).toEqual([
      ['{"n":1}', 'biz-1', '1'],
      ['{"n":2}', 'biz-2', '1'],
    ]);
    // Invisible until the timeout passes.
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages ?? []).toEqual([]);

    const [one, two] = first.Messages ?? [];
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: one?.ReceiptHandle ?? '' }));
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: two?.ReceiptHandle ?? '',
        VisibilityTimeout: 0,
      }),
    );
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(again.Messages?.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([
      ['{"n":2}', '2'],
    ]);

    // Received maxReceiveCount times and still not deleted: the next receive moves it to the DLQ.
    clock.t += 31_000;
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages ?? []).toEqual([]);
    expect(queues.peek('notify-dlq').map((m) => m.body)).toEqual(['{"n":2}']);
    sqs.destroy();
  });

  it('answers unknown queues and actions with SQS errors', async () => {
    const queues = await LocalQueues.open(null, {
      notify: { visibilityTimeoutSeconds: 30, maxReceiveCount: 5 },
    });
    server = await startLocalSqs(queues);
    const sqs = client(server.endpoint);
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: server.queueUrl('nope'), MessageBody: 'x' })),
    ).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
    });
    sqs.destroy();
  });

  it('keeps messages across a restart', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'claims-queues-'));
    const settings = { 'email-in': { visibilityTimeoutSeconds: 30, maxReceiveCount: 5 } };
    const before = await LocalQueues.open(folder, settings);
    await before.send('email-in', '{"kept":true}');
    await before.flush();
    const after = await LocalQueues.open(folder, settings);
    expect(after.peek('email-in').map((m) => m.body)).toEqual(['{"kept":true}']);
  });
});

describe('local consumer', () => {
  it('calls the handler with Lambda-shaped SQS events, deletes successes and redelivers reported failures', async () => {
    const clock = new ManualClock();
    const queues = await LocalQueues.open(
      null,
      { notify: { visibilityTimeoutSeconds: 30, maxReceiveCount: 3 } },
      clock.now,
    );
    const seen: { n: number; receiveCount: number; source: string }[] = [];
    const inner = sqsHandler(z.object({ n: z.number() }), (message, meta) => {
      seen.push({ n: message.n, receiveCount: meta.receiveCount, source: meta.record.eventSource });
      return message.n === 2 ? Promise.reject(new Error('fails')) : Promise.resolve();
    });
    let batches = 0;
    let settled: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (settled = resolve));
    const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      const result = await inner(event, (await import('../../infra/local/api-gateway.js')).lambdaContext());
      if (++batches === 1) settled();
      return result;
    };
    await queues.send('notify', '{"n":1}');
    await queues.send('notify', '{"n":2}');
    const consumer = startLocalConsumer(queues, 'notify', handler, { idleMs: 10 });
    await done;
    await consumer.stop();
    expect(seen).toEqual([
      { n: 1, receiveCount: 1, source: 'aws:sqs' },
      { n: 2, receiveCount: 1, source: 'aws:sqs' },
    ]);
    // The success is gone; the reported failure waits out its visibility timeout.
    expect(queues.peek('notify').map((m) => [m.body, m.receiveCount])).toEqual([['{"n":2}', 1]]);
  });
});
