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
/** A second order and kind with just more claims than intake reads: the cost is flat beyond the bound. */
const FEW = 30;
const FEW_PRODUCT = '空气炸锅 A2';
const FEW_ORDER = 'SO-FEW';
/** Monday 2026-11-23 10:00 Shanghai; the siblings were filed over the week before. */
const NOW = new Date('2026-11-23T02:00:00Z');

export interface IntakeSiblingsResult {
  readonly siblings: number;
  readonly requests: number;
  readonly none: { readonly p50: number; readonly p99: number; readonly mean: number };
  readonly withSiblings: { readonly p50: number; readonly p99: number; readonly mean: number };
  /** The same with FEW claims (just past the read bounds). */
  readonly few: number;
  readonly withFew: { readonly p50: number; readonly p99: number; readonly mean: number };
  /** p50 with siblings / p50 without: target ≤ 1.2. */
  readonly ratio: number;
  /** p50 with siblings / p50 with FEW: ≈ 1 when the cost no longer grows with history. */
  readonly ratioToFew: number;
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
    const ctx = { calendar: createWorkingCalendar(), settings };
    const load = async (count: number, prefix: string, product: { name: string; orderNumber: string }) => {
      const template = await intakeTemplate({ product });
      await putClaims(client, tableName, count, (i) => {
        const copy = claimCopy(ctx, template, i, {
          idPrefix: prefix,
          receivedAt: new Date(NOW.getTime() - 60_000 - i * 50_000).toISOString(),
          unitPath: ['HQ'],
        });
        // Many customers, as a busy product has: the same-kind rule counts distinct others among them.
        return { ...copy, claimant: { ...copy.claimant, phone: `139${String(i).padStart(8, '0')}` } };
      });
    };
    await load(options.siblings, 'SIB', { name: PRODUCT, orderNumber: ORDER });
    await load(FEW, 'FEW', { name: FEW_PRODUCT, orderNumber: FEW_ORDER });
    const loadSeconds = (performance.now() - started) / 1000;

    // Both kinds of claim end the same way, so only the reads differ: a new customer each time (no
    // duplicate to flag) and an amount that makes every claim severity 2 (which the same-kind rule would
    // make the heavy ones anyway), hence the same clocks, notifications and counters.
    let customer = 0;
    const file = async (history: 'none' | 'few' | 'heavy') => {
      customer++;
      const claimant = { name: '王芳', phone: `136${String(customer).padStart(8, '0')}` };
      const product =
        history === 'heavy'
          ? { name: PRODUCT, orderNumber: ORDER }
          : history === 'few'
            ? { name: FEW_PRODUCT, orderNumber: FEW_ORDER }
            : { name: `Kettle ${randomUUID()}`, orderNumber: `SO-${randomUUID().slice(0, 8)}` };
      const t = performance.now();
      await fileClaim(deps, {
        input: intakeInput({ claimant, product, claimedAmountFen: settings.severity.level2MinAmountFen }),
        channel: 'web',
        actor: { type: 'customer' },
      });
      return performance.now() - t;
    };
    options.log('  warming up');
    for (let i = 0; i < 30; i++) {
      await file('none');
      await file('few');
      await file('heavy');
    }
    const none: number[] = [];
    const few: number[] = [];
    const heavy: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      // One at a time, interleaved: latency, not throughput, is the question.
      for (let i = 0; i < options.requests; i++) {
        none.push(await file('none'));
        few.push(await file('few'));
        heavy.push(await file('heavy'));
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
    const c = summary(few);
    return {
      siblings: options.siblings,
      requests: none.length,
      none: a,
      withSiblings: b,
      few: FEW,
      withFew: c,
      ratio: b.p50 / a.p50,
      ratioToFew: b.p50 / c.p50,
      loadSeconds,
    };
  } finally {
    await dynamo.stop();
  }
}
