import { beforeEach, describe, expect, it } from 'vitest';
import { createPayoutHandler } from '../../functions/payout/app.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { partyKey } from '../../shared/domain/payout.js';
import { confirmPayout } from '../../shared/domain/use-cases/payouts.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { CountingGateway, acceptedMoneyClaim, finance } from '../support/money.js';
import { sqsEvent, sqsRecord } from '../support/sqs.js';

/**
 * The payout worker against DynamoDB Local's real conditional writes, with a provider that pays on
 * every submit it receives: whatever happens, the provider must see exactly one payment.
 */
describe('payout safety (DynamoDB Local)', () => {
  let table: TestTable;
  let deps: ReturnType<typeof testDependencies>;
  let gateway: CountingGateway;
  let worker: ReturnType<typeof createPayoutHandler>;
  let payoutId: string;
  let claimId: string;

  beforeEach(async () => {
    table = await createTestTable();
    deps = testDependencies(table.store, undefined, table.money);
    gateway = new CountingGateway();
    worker = createPayoutHandler({ ...deps, gateway });
    const accepted = await acceptedMoneyClaim(deps);
    payoutId = accepted.payoutId;
    claimId = accepted.claim.id;
  });

  /** Delivers the payout message once (a fresh SQS delivery id each time); true when it succeeded. */
  async function deliver(n = 0): Promise<boolean> {
    const result = await worker(
      sqsEvent(sqsRecord({ payoutId, claimId }, payoutId, `delivery-${n}-${Math.random()}`)),
      lambdaContext(),
    );
    return result.batchItemFailures.length === 0;
  }

  /** Redelivers until a delivery succeeds, as SQS does after the visibility timeout. */
  async function redeliverUntilDone(max = 6): Promise<number> {
    for (let i = 1; i <= max; i++) if (await deliver(100 + i)) return i;
    throw new Error('never succeeded');
  }

  /** One payout paid with the provider's reference, the claim executed, one advance in the ledger. */
  async function expectPaidOnce() {
    expect(gateway.payments).toHaveLength(1);
    expect(gateway.payments[0]).toMatchObject({ payoutId, amountFen: 8_000, currency: 'CNY' });
    const payout = await table.money.getPayout(payoutId);
    expect(payout).toMatchObject({ status: 'paid', voucherNumber: 'GW-1' });
    const claim = await table.store.getById(claimId);
    expect(claim).toMatchObject({
      status: 'executed',
      execution: { kind: 'payout', reference: 'GW-1' },
      payouts: [{ id: payoutId, status: 'paid', voucherNumber: 'GW-1' }],
    });
    const ledger = await table.money.ledgerByParty(partyKey('supplier', '甲供应商'));
    expect(ledger.map((e) => [e.kind, e.amountFen, e.balanceAfterFen])).toEqual([['advance', 8_000, 8_000]]);
    expect(await table.money.listRecoveries(claimId)).toHaveLength(1);
    const items = await table.allItems();
    const payoutDone = items.filter((i) => i['SK'] === `OUTBOX#${payoutId}:payout_done`);
    expect(payoutDone).toHaveLength(1);
    const events = await table.store.listEvents(claimId);
    expect(events.filter((e) => e.action === 'record_execution')).toHaveLength(1);
  }

  it('marks the payout message relayed on arrival, and a redelivery marks it again harmlessly and pays once', async () => {
    const pending = async () =>
      (await table.store.pendingOutbox(100, new Date('2100-01-01T00:00:00Z'))).filter(
        (m) => m.queue === 'payout',
      );
    expect(await pending()).toMatchObject([{ id: payoutId, claimId }]);
    const outboxDelivery = async (n: number) =>
      (
        await worker(
          sqsEvent(sqsRecord({ payoutId, claimId }, payoutId, `delivery-o${n}`, claimId)),
          lambdaContext(),
        )
      ).batchItemFailures;
    expect(await outboxDelivery(1)).toEqual([]);
    expect(await pending()).toEqual([]);
    const relayedAt = deps.clock.now().toISOString();
    deps.clock.advanceMs(60_000);
    expect(await outboxDelivery(2)).toEqual([]);
    await expectPaidOnce();
    const items = await table.allItems();
    expect(items.find((i) => i['SK'] === `OUTBOX#${payoutId}`)).toMatchObject({ relayedAt });
  });

  it('pays once when the same message is delivered 5 times concurrently', async () => {
    const results = await Promise.all([0, 1, 2, 3, 4].map((n) => deliver(n)));
    // One delivery won requested → submitting; the others were told to come back later.
    expect(results.filter(Boolean).length).toBeGreaterThanOrEqual(1);
    if (results.some((ok) => !ok)) await redeliverUntilDone();
    expect(gateway.submits).toBe(1);
    await expectPaidOnce();
  });

  it('a worker crash between "submitting" and the gateway answer is looked up, never resubmitted', async () => {
    gateway.loseNextAnswer = true;
    expect(await deliver()).toBe(false);
    expect(await table.money.getPayout(payoutId)).toMatchObject({ status: 'submitting' });
    expect(await redeliverUntilDone()).toBe(1);
    expect(gateway.submits).toBe(1);
    expect(gateway.lookups).toBe(1);
    await expectPaidOnce();
  });

  it('a gateway timeout is looked up until the provider settles, never resubmitted', async () => {
    gateway.timeoutAndSettleAfterLookups = 1;
    expect(await deliver()).toBe(false); // timeout: outcome unknown
    expect(await deliver()).toBe(false); // looked up: still pending at the provider
    expect(await deliver()).toBe(true); // looked up: paid
    expect(gateway.submits).toBe(1);
    expect(gateway.lookups).toBe(2);
    await expectPaidOnce();
  });

  it('a redelivery after "paid" never reaches the gateway', async () => {
    expect(await deliver()).toBe(true);
    for (let i = 0; i < 3; i++) expect(await deliver(10 + i)).toBe(true);
    expect(gateway.submits).toBe(1);
    expect(gateway.lookups).toBe(0);
    await expectPaidOnce();
  });

  it('a crash right after marking "submitting" (the provider never heard of it) is not resubmitted', async () => {
    const payout = await table.money.getPayout(payoutId);
    if (!payout) throw new Error('no payout');
    await table.money.transitionPayout({ ...payout, status: 'submitting', attempts: 1 }, 'requested');
    expect(await deliver()).toBe(false); // lookup says not_found: left for the DLQ and finance
    expect(gateway.submits).toBe(0);
    expect(await table.money.getPayout(payoutId)).toMatchObject({ status: 'submitting' });
    // Finance settles it by hand with the voucher of the transfer they made.
    await confirmPayout(deps, { payoutId, voucherNumber: 'PZ-9', principal: finance });
    expect(await table.money.getPayout(payoutId)).toMatchObject({ status: 'paid', voucherNumber: 'PZ-9' });
    expect(await deliver()).toBe(true); // later redeliveries find it paid
    expect(gateway.submits).toBe(0);
  });
});
