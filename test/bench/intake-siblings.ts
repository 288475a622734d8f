/**
 * Intake latency against the history of its order and kind (issue 22, part of `npm run bench`; alone with
 * `npm run bench -- --only=intake-siblings`): the same use case over the DynamoDB adapters on one DynamoDB
 * Local, filing claims whose order number and kind (category + product) already have 10,000 claims this
 * month, against claims whose order and kind have none, in alternating rounds so drift affects both alike.
 * Intake reads a bounded number of siblings (file-claim.ts DUPLICATE_CANDIDATES, sameKindReadLimit), so
 * the ratio should stay near 1 (target ≤ 1.2). Not a test; nothing here is asserted.
 */
import { randomUUID } from 'node:crypto';
import { DynamoClaimStore } from '../../shared/adapters/dynamodb/claim-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { DynamoMoneyStore } from '../../shared/adapters/dynamodb/money-store.js';
import { createWorkingCalendar } from '../../shared/domain/calendar/index.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { freePort, localDynamoClient, startDynamoLocal } from '../../infra/local/dynamodb-local.js';
import { intakeInput, settings, testDependencies } from '../support/fixtures.js';
import { claimCopy, intakeTemplate, putClaims } from '../support/put-claims.js';
import { percentile } from './stats.js';

const PRODUCT = '电热水壶 K1';
const ORDER = 'SO-HEAVY';
/** Monday 2026-11-23 10:00 Shanghai; the siblings were filed over the week before. */
const NOW = new Date('2026-11-23T02:00:00Z');

export interface IntakeSiblingsResult {
  readonly siblings: number;
  readonly requests: number;
  readonly none: { readonly p50: number; readonly p99: number; readonly mean: number };
  readonly withSiblings: { readonly p50: number; readonly p99: number; readonly mean: number };
  /** p50 with siblings / p50 without: target ≤ 1.2. */
  readonly ratio: number;
  readonly loadSeconds: number;
}

export async function benchIntakeSiblings(options: {
  siblings: number;
  requests: number;
  rounds: number;
  log: (line: string) => void;
}): Promise<IntakeSiblingsResult> {
  const dynamo = await startDynamoLocal({ port: await freePort() });
  const tableName = 'bench-siblings';
  try {
    const admin = localDynamoClient(dynamo.endpoint);
    await ensureTable(admin, tableName);
    admin.destroy();
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    const store = new DynamoClaimStore(client, tableName);
    const deps = testDependencies(store, undefined, new DynamoMoneyStore(client, tableName));
    deps.clock.set(NOW.toISOString());

    options.log(`  loading ${options.siblings} claims under one order number and kind`);
    const started = performance.now();
    const template = await intakeTemplate({ product: { name: PRODUCT, orderNumber: ORDER } });
    const ctx = { calendar: createWorkingCalendar(), settings };
    await putClaims(client, tableName, options.siblings, (i) => {
      const copy = claimCopy(ctx, template, i, {
        idPrefix: 'SIB',
        receivedAt: new Date(NOW.getTime() - 60_000 - i * 50_000).toISOString(),
        unitPath: ['HQ'],
      });
      // Many customers, so the same-kind rule has distinct others to count.
      return { ...copy, claimant: { ...copy.claimant, phone: `139${String(i).padStart(8, '0')}` } };
    });
    const loadSeconds = (performance.now() - started) / 1000;

    const file = async (heavy: boolean) => {
      const t = performance.now();
      await fileClaim(deps, {
        input: intakeInput(
          heavy
            ? { product: { name: PRODUCT, orderNumber: ORDER } }
            : { product: { name: `Kettle ${randomUUID()}`, orderNumber: `SO-${randomUUID().slice(0, 8)}` } },
        ),
        channel: 'web',
        actor: { type: 'customer' },
      });
      return performance.now() - t;
    };
    options.log('  warming up');
    for (let i = 0; i < 30; i++) {
      await file(false);
      await file(true);
    }
    const none: number[] = [];
    const heavy: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      // One at a time, interleaved: latency, not throughput, is the question.
      for (let i = 0; i < options.requests; i++) {
        none.push(await file(false));
        heavy.push(await file(true));
      }
      options.log(`  round ${round}/${options.rounds} done`);
    }
    client.destroy();
    const summary = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return {
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        mean: values.reduce((a, b) => a + b, 0) / values.length,
      };
    };
    const a = summary(none);
    const b = summary(heavy);
    return {
      siblings: options.siblings,
      requests: none.length,
      none: a,
      withSiblings: b,
      ratio: b.p50 / a.p50,
      loadSeconds,
    };
  } finally {
    await dynamo.stop();
  }
}
