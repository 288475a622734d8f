import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { claimToItem } from '../../shared/adapters/dynamodb/claim-items.js';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoClaimWriter } from '../../shared/adapters/dynamodb/claim-writer.js';
import { InMemoryClaimStore } from '../../shared/adapters/memory/claim-store.js';
import { ConflictError } from '../../shared/domain/errors.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { intakeInput, testDependencies } from '../support/fixtures.js';

const dynamo = mockClient(DynamoDBDocumentClient);

function cancelled(...codes: string[]): TransactionCanceledException {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

describe('claim writer transactions that carry shared counter items', () => {
  beforeEach(() => dynamo.reset());

  it('retries a TransactionConflict on a counter item instead of refusing an unrelated intake', async () => {
    const { claim } = await fileClaim(testDependencies(new InMemoryClaimStore()), {
      input: intakeInput(),
      channel: 'web',
      actor: { type: 'customer' },
    });
    const writer = new DynamoClaimWriter(createDocumentClient({ region: 'ap-east-1' }), 'claims');
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('None', 'None', 'None', 'TransactionConflict'))
      .resolves({});
    const event = {
      id: 'E1',
      claimId: claim.id,
      at: claim.receivedAt,
      actor: claim.createdBy,
      channel: 'web' as const,
      action: 'file_claim' as const,
      changes: [],
    };
    await writer.commit({
      claimId: claim.id,
      claim: { type: 'create', claim },
      event,
      outbox: [],
      related: [{ type: 'stats', month: '2026-11', shard: 3, add: { volume: 1 } }],
    });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('a stale version is still a 409 at once', async () => {
    const { claim } = await fileClaim(testDependencies(new InMemoryClaimStore()), {
      input: intakeInput(),
      channel: 'web',
      actor: { type: 'customer' },
    });
    const writer = new DynamoClaimWriter(createDocumentClient({ region: 'ap-east-1' }), 'claims');
    dynamo
      .on(TransactWriteCommand)
      .rejects(cancelled('ConditionalCheckFailed', 'None', 'TransactionConflict'));
    // The writer looks whether only tokens were appended: here the claim itself moved on.
    dynamo.on(GetCommand).resolves({ Item: claimToItem({ ...claim, version: 2 }) });
    const event = {
      id: 'E2',
      claimId: claim.id,
      at: claim.receivedAt,
      actor: claim.createdBy,
      channel: 'web' as const,
      action: 'assign' as const,
      changes: [],
    };
    await expect(
      writer.commit({
        claimId: claim.id,
        claim: { type: 'update', claim, expectedVersion: 1 },
        event,
        outbox: [],
        related: [{ type: 'stats', month: '2026-11', shard: 3, add: { x: 1 } }],
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(1);
  });
});
