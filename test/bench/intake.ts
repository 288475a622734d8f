import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoClaimStore } from '../../shared/adapters/dynamodb/claim-store.js';
import { changeItems } from '../../shared/adapters/dynamodb/claim-writer.js';
import { outboxKey } from '../../shared/adapters/dynamodb/keys.js';
import type { Claim } from '../../shared/domain/claim.js';
import { defaultPolicySettings } from '../../shared/domain/settings.js';
import { intakeCounters } from '../../shared/domain/sla/statistics.js';
import { freePort } from '../../infra/local/dynamodb-local.js';
import { startLocalStack } from '../../infra/local/stack.js';
import { formBody } from '../support/http.js';
import { median, drive } from './stats.js';
import { fetchedProofHeaders } from '../support/proof-of-work.js';

export interface IntakeResult {
  readonly candidate: { perSecond: number; p50: number; p99: number };
  readonly baseline: { perSecond: number; p50: number; p99: number };
  readonly ratio: number;
  readonly requests: number;
  readonly concurrency: number;
}

/**
 * Intake through the local HTTP path with the real handler, against raw TransactWriteItems carrying the
 * same items (claim, audit event, idempotency record, acknowledgment outbox message, volume counters) with
 * the same client settings and concurrency, on the same DynamoDB Local, in alternating rounds so drift
 * affects both sides alike. The queue consumers are off: in AWS they are other functions.
 */
export async function benchIntake(options: {
  requests: number;
  concurrency: number;
  rounds: number;
  log: (s: string) => void;
}): Promise<IntakeResult> {
  const tableName = 'bench-intake';
  const stack = await startLocalStack({
    port: 0,
    dynamoPort: await freePort(),
    keysFile: `/tmp/bench-keys-${randomUUID()}.json`,
    tableName,
    consumers: false,
  });
  try {
    const client = createDocumentClient({ endpoint: stack.dynamoEndpoint });
    const store = new DynamoClaimStore(client, tableName);
    // The form's proof of work (issue 18) is solved in the customer's browser, not by the handler: each
    // drive's proofs are solved before it starts, so the rates below are the handler's alone.
    const proofs: Record<string, string>[] = [];
    const solveProofs = async (count: number) => {
      for (let i = 0; i < count; i++)
        proofs.push(await fetchedProofHeaders(stack.apiUrl, `bench-${randomUUID()}`));
    };
    const post = async () => {
      const proof = proofs.shift() ?? (await fetchedProofHeaders(stack.apiUrl, `bench-${randomUUID()}`));
      const response = await fetch(`${stack.apiUrl}/claims`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...proof },
        body: JSON.stringify(
          formBody({
            foundOn: new Date().toISOString().slice(0, 10),
            product: {
              name: `Kettle ${randomUUID().slice(0, 6)}`,
              orderNumber: `SO-${randomUUID().slice(0, 8)}`,
            },
          }),
        ),
      });
      if (response.status !== 201)
        throw new Error(`intake answered ${response.status}: ${await response.text()}`);
      return z.object({ id: z.string() }).parse(await response.json());
    };
    const sample = await store.getById((await post()).id);
    if (!sample) throw new Error('sample claim missing');
    const [firstEvent] = await store.listEvents(sample.id);
    if (!firstEvent) throw new Error('sample event missing');
    const sampleOutbox = await client.send(
      new GetCommand({ TableName: tableName, Key: outboxKey(sample.id, `${sample.id}:acknowledgment`) }),
    );
    const { body } = z.object({ body: z.record(z.string(), z.unknown()) }).parse(sampleOutbox.Item);
    const settings = defaultPolicySettings();
    // The handler's own transaction, built by the writer's own function: claim, audit event, idempotency
    // record, acknowledgment and the month's volume counters.
    const rawIntake = async () => {
      const id = randomUUID();
      const claim: Claim = {
        ...sample,
        id,
        number: `CLM-2099-${id.slice(0, 6).replace(/\D/g, '7').padEnd(6, '7')}`,
      };
      await client.send(
        new TransactWriteCommand({
          TransactItems: changeItems(tableName, settings.severity, {
            claimId: id,
            claim: { type: 'create', claim },
            event: { ...firstEvent, id: `${id}-e`, claimId: id },
            outbox: [{ queue: 'notify', id: `${id}:acknowledgment`, body }],
            related: [
              {
                type: 'idempotency',
                key: `web:${id}`,
                claimId: id,
                requestHash: 'h',
                expiresAt: new Date(Date.now() + 3_600_000),
              },
              ...intakeCounters(claim),
            ],
          }).map((part) => part.item),
        }),
      );
    };
    options.log('  warming up');
    await solveProofs(50);
    await drive(50, options.concurrency, () => post().then(() => undefined));
    await drive(50, options.concurrency, rawIntake);
    const candidate: Awaited<ReturnType<typeof drive>>[] = [];
    const baseline: Awaited<ReturnType<typeof drive>>[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      baseline.push(await drive(options.requests, options.concurrency, rawIntake));
      await solveProofs(options.requests);
      candidate.push(await drive(options.requests, options.concurrency, () => post().then(() => undefined)));
      options.log(
        `  round ${round}/${options.rounds}: handler ${candidate.at(-1)?.perSecond.toFixed(0)}/s, raw ${baseline.at(-1)?.perSecond.toFixed(0)}/s`,
      );
    }
    const summary = (runs: typeof candidate) => ({
      perSecond: median(runs.map((r) => r.perSecond)),
      p50: median(runs.map((r) => r.p50)),
      p99: median(runs.map((r) => r.p99)),
    });
    const c = summary(candidate);
    const b = summary(baseline);
    client.destroy();
    return {
      candidate: c,
      baseline: b,
      ratio: c.perSecond / b.perSecond,
      requests: options.requests,
      concurrency: options.concurrency,
    };
  } finally {
    await stack.stop();
  }
}
