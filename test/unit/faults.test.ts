import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { claimToItem } from '../../shared/adapters/dynamodb/claim-items.js';
import { DynamoClaimStore } from '../../shared/adapters/dynamodb/claim-store.js';
import { DynamoClaimWriter } from '../../shared/adapters/dynamodb/claim-writer.js';
import { InMemoryClaimStore } from '../../shared/adapters/memory/claim-store.js';
import { SqsQueueSender } from '../../shared/adapters/sqs/queue-sender.js';
import { ConflictError } from '../../shared/domain/errors.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { RELAY_GRACE_MS, relayPending } from '../../shared/domain/use-cases/relay-outbox.js';
import type { ClaimWriter } from '../../shared/ports/claim-writer.js';
import { intakeInput, testDependencies, writerFor } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';

/** A claim as the store holds it, for mocked reads. */
async function storedClaimItem() {
  const memory = new InMemoryClaimStore();
  const filed = await fileClaim(testDependencies(memory), {
    input: intakeInput(),
    channel: 'web',
    actor: { type: 'customer' },
  });
  return { claim: filed.claim, item: claimToItem(filed.claim) };
}

describe('faults injected at the SDK', () => {
  const dynamo = mockClient(DynamoDBDocumentClient);
  const sqs = mockClient(SQSClient);
  afterEach(() => {
    dynamo.reset();
    sqs.reset();
  });

  it('a throttled transaction is a 500 with a request id, after which nothing else is written', async () => {
    const { claim, item } = await storedClaimItem();
    dynamo.on(GetCommand).resolves({ Item: item });
    dynamo.on(TransactWriteCommand).rejects(
      Object.assign(new Error('Rate of requests exceeds the allowed throughput'), {
        name: 'ProvisionedThroughputExceededException',
      }),
    );
    const api = createApi(
      testDependencies(new DynamoClaimStore(createDocumentClient({ endpoint: 'http://127.0.0.1:9' }), 't')),
    );
    const assign = httpEvent('POST', `/staff/claims/${claim.id}/assign`, {
      claims: staffClaims(['manager']),
      body: { assigneeId: 'x' },
    });
    const result = await invoke(api, assign);
    expect(result.status).toBe(500);
    expect(result.body['error']).toMatchObject({
      code: 'INTERNAL',
      requestId: assign.requestContext.requestId,
    });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('a transaction cancelled by a conflicting one is a 409 for the caller', async () => {
    const { claim, item } = await storedClaimItem();
    dynamo.on(GetCommand).resolves({ Item: item });
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
      }),
    );
    const writer = new DynamoClaimWriter(createDocumentClient({ endpoint: 'http://127.0.0.1:9' }), 't');
    await expect(
      writer.commit({
        claimId: claim.id,
        claim: { type: 'update', claim: { ...claim, version: 2 }, expectedVersion: 1 },
        event: {
          id: 'e',
          claimId: claim.id,
          at: claim.receivedAt,
          actor: { type: 'system', id: 't' },
          channel: 'system',
          action: 'deadline_sweep',
          changes: [],
        },
        outbox: [],
        related: [],
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('SQS refusing part of a batch leaves the outbox message pending; the catch-up sends it after the grace period, pinned', async () => {
    const memory = new InMemoryClaimStore();
    const deps = testDependencies(memory);
    const queues = new SqsQueueSender(
      new SQSClient({ region: 'ap-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }),
      {
        notify: 'https://sqs.ap-east-1.amazonaws.com/123456789012/notify',
      },
    );
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Successful: [],
        Failed: [{ Id: '0', Code: 'InternalError', SenderFault: false, Message: 'try again' }],
      })
      .resolves({ Successful: [{ Id: '0', MessageId: 'm', MD5OfMessageBody: 'x' }], Failed: [] });
    const filed = await fileClaim(
      { ...deps, queues },
      { input: intakeInput(), channel: 'web', actor: { type: 'customer' } },
    );
    expect(await memory.pendingOutbox(10, new Date('2100-01-01T00:00:00Z'))).toHaveLength(1);
    expect(await relayPending({ ...deps, queues })).toBe(0); // within the grace period
    deps.clock.advanceMs(RELAY_GRACE_MS + 1);
    expect(await relayPending({ ...deps, queues })).toBe(1);
    const calls = sqs.commandCalls(SendMessageBatchCommand);
    expect(calls).toHaveLength(2);
    const entry = calls[1]?.args[0].input.Entries?.[0];
    expect(calls[1]?.args[0].input.QueueUrl).toBe('https://sqs.ap-east-1.amazonaws.com/123456789012/notify');
    expect(entry?.MessageAttributes?.['messageId']?.StringValue).toBe(`${filed.claim.id}:acknowledgment`);
    expect(entry?.MessageAttributes?.['outboxClaimId']?.StringValue).toBe(filed.claim.id);
    expect(JSON.parse(entry?.MessageBody ?? '{}')).toMatchObject({
      kind: 'acknowledgment',
      claimNumber: filed.claim.number,
    });
  });
});

describe('a crash between two steps of intake', () => {
  it('loses no claim: the retry with the same key files it once, leaving only a gap in the numbers', async () => {
    const memory = new InMemoryClaimStore();
    let crashes = 1;
    // A failing writer behind the port: the counter moved, then the function died before the transaction.
    const writer = writerFor(memory);
    const crashing: ClaimWriter = {
      commit: (change) =>
        crashes-- > 0 ? Promise.reject(new Error('Lambda timed out')) : writer.commit(change),
    };
    const api = createApi({ ...testDependencies(memory), writer: crashing });
    const headers = { 'idempotency-key': 'crash-test-0001' };
    expect((await invoke(api, httpEvent('POST', '/claims', { body: formBody(), headers }))).status).toBe(500);
    expect(memory.claims.size).toBe(0);
    const retry = await invoke(api, httpEvent('POST', '/claims', { body: formBody(), headers }));
    expect(retry.status).toBe(201);
    expect(retry.body['number']).toBe('CLM-2026-000002');
    expect(memory.claims.size).toBe(1);
    expect(
      (await invoke(api, httpEvent('POST', '/claims', { body: formBody(), headers }))).body['number'],
    ).toBe('CLM-2026-000002');
  });
});
