import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { fixedPolicySource } from '../../shared/domain/policy-source.js';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  EXECUTED_PARTITION,
  ledgerEntryKey,
  ledgerMonthPartition,
  ledgerPartyPartition,
  payoutKey,
  recoveryKey,
} from '../../shared/adapters/dynamodb/keys.js';
import { claimToItem } from '../../shared/adapters/dynamodb/claim-items.js';
import { DynamoClaimWriter } from '../../shared/adapters/dynamodb/claim-writer.js';
import { INDEXES } from '../../shared/adapters/dynamodb/table-definition.js';
import { PolicySettingsSchema } from '../../shared/domain/settings.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { ConflictError } from '../../shared/domain/errors.js';
import { partyKey } from '../../shared/domain/payout.js';
import { autoCloseQuietClaims } from '../../shared/domain/use-cases/customer-decision.js';
import { confirmPayout, recordRecovery } from '../../shared/domain/use-cases/payouts.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { intakeInput, testDependencies } from '../support/fixtures.js';
import { acceptedMoneyClaim, finance } from '../support/money.js';

describe('DynamoMoneyStore (DynamoDB Local)', () => {
  let table: TestTable;
  let deps: ReturnType<typeof testDependencies>;

  beforeEach(async () => {
    table = await createTestTable();
    deps = testDependencies(table.store, undefined, table.money);
  });

  it('pins the key strings of payouts, recoveries and ledger entries', () => {
    expect(payoutKey('C1', 'C1:payout:1')).toEqual({ PK: 'CLAIM#C1', SK: 'PAYOUT#C1:payout:1' });
    expect(recoveryKey('R1')).toEqual({ PK: 'RECOVERY#R1', SK: 'RECOVERY' });
    expect(ledgerEntryKey('R1', 'E1')).toEqual({ PK: 'RECOVERY#R1', SK: 'ENTRY#E1' });
    expect(ledgerPartyPartition('supplier:ACME')).toBe('LEDGER#supplier:ACME');
    expect(ledgerMonthPartition('2026-11')).toBe('LEDGER_MONTH#2026-11');
    expect(INDEXES.ledgerByParty.indexName).toBe('GSI13');
    expect(INDEXES.moneyByTime.indexName).toBe('GSI14');
  });

  it('writes the accepted claim, its payout and the payout message in one transaction', async () => {
    const { claim, payoutId } = await acceptedMoneyClaim(deps);
    const items = await table.allItems();
    const payout = items.find((i) => i['SK'] === `PAYOUT#${payoutId}`);
    expect(payout).toMatchObject({
      entityType: 'Payout',
      schemaVersion: 1,
      status: 'requested',
      amountFen: 8_000,
    });
    expect(payoutId).toBe(`${claim.id}:payout:1`);
    const outbox = items.find((i) => i['SK'] === `OUTBOX#${payoutId}`);
    expect(outbox).toMatchObject({ queue: 'payout', body: { payoutId, claimId: claim.id } });
    expect(await table.money.listPayouts(claim.id)).toHaveLength(1);
  });

  it('the claim writer indexes the claim by the operator’s severity rules', async () => {
    // Level 2 after 1 unresolved day instead of 15: the time checkpoint comes before the reply warning.
    const custom = PolicySettingsSchema.parse({ severity: { level2UnresolvedDays: 1 } });
    const writer = new DynamoClaimWriter(table.client, table.tableName, fixedPolicySource(custom));
    const { claim } = await fileClaim(deps, {
      input: intakeInput(),
      channel: 'web',
      actor: { type: 'customer' },
    });
    const last = (await table.store.listEvents(claim.id)).at(-1);
    if (!last) throw new Error('no event');
    const next = { ...claim, version: claim.version + 1 };
    await writer.commit({
      claimId: claim.id,
      event: { ...last, id: 'ZZZ-severity-rules' },
      claim: { type: 'update', claim: next, expectedVersion: claim.version },
      outbox: [],
      related: [],
    });
    const stored = (await table.allItems()).find(
      (i) => i['PK'] === `CLAIM#${claim.id}` && i['SK'] === 'CLAIM',
    );
    const byCustom = claimToItem(next, custom.severity)['deadline'];
    expect(byCustom).not.toEqual(claimToItem(next)['deadline']);
    expect(stored?.['deadline']).toEqual(byCustom);
  });

  it('refuses a second payout with the same deterministic id, writing nothing', async () => {
    const { claim, payoutId } = await acceptedMoneyClaim(deps);
    const payout = await table.money.getPayout(payoutId);
    if (!payout) throw new Error('no payout');
    const before = await table.allItems();
    const events = await table.store.listEvents(claim.id);
    const last = events.at(-1);
    if (!last) throw new Error('no event');
    await expect(
      deps.writer.commit({
        claimId: claim.id,
        event: { ...last, id: 'ZZZ-new-event' },
        outbox: [],
        related: [{ type: 'payout_new', payout }],
      }),
    ).rejects.toThrow(ConflictError);
    expect(await table.allItems()).toEqual(before);
  });

  it('lists executed claims through the sparse, keys-only GSI15 entry and auto-closes the quiet ones', async () => {
    const { claim, payoutId } = await acceptedMoneyClaim(deps);
    await confirmPayout(deps, { payoutId, voucherNumber: 'PZ-1', principal: finance });
    const item = (await table.allItems()).find((i) => i['PK'] === `CLAIM#${claim.id}` && i['SK'] === 'CLAIM');
    expect(item?.[INDEXES.statsTopKeys.partitionKey]).toBe(EXECUTED_PARTITION);
    const executedAt = (await table.store.getById(claim.id))?.execution?.at ?? '';
    expect(item?.[INDEXES.statsTopKeys.sortKey]).toBe(Date.parse(executedAt));
    expect(item?.[INDEXES.moneyByTime.partitionKey]).toBeUndefined();
    expect(await table.money.executedBefore(deps.clock.now(), 10)).toEqual([]);
    deps.clock.advanceDays(8);
    const due = await table.money.executedBefore(new Date(deps.clock.now().getTime() - 7 * 86_400_000), 10);
    expect(due.map((c) => c.id)).toEqual([claim.id]);
    expect((await autoCloseQuietClaims(deps, deps.clock.now())).closed).toEqual([claim.number]);
    const closedItem = (await table.allItems()).find(
      (i) => i['PK'] === `CLAIM#${claim.id}` && i['SK'] === 'CLAIM',
    );
    expect(closedItem?.[INDEXES.statsTopKeys.partitionKey]).toBeUndefined();
    expect((await autoCloseQuietClaims(deps, deps.clock.now())).closed).toEqual([]);
  });

  it('still finds a claim executed before the move to GSI15, waiting in GSI14, and closes it out of there', async () => {
    const { claim, payoutId } = await acceptedMoneyClaim(deps);
    await confirmPayout(deps, { payoutId, voucherNumber: 'PZ-1', principal: finance });
    const stored = await table.store.getById(claim.id);
    if (!stored?.execution) throw new Error('not executed');
    // The item as the release before wrote it: GSI14 keys, none in GSI15.
    const {
      [INDEXES.statsTopKeys.partitionKey]: _pk,
      [INDEXES.statsTopKeys.sortKey]: _sk,
      ...legacy
    } = claimToItem(stored);
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...legacy,
          [INDEXES.moneyByTime.partitionKey]: EXECUTED_PARTITION,
          [INDEXES.moneyByTime.sortKey]: `${stored.execution.at}#${stored.id}`,
        },
      }),
    );
    deps.clock.advanceDays(8);
    const due = await table.money.executedBefore(new Date(deps.clock.now().getTime() - 7 * 86_400_000), 10);
    expect(due.map((c) => c.id)).toEqual([claim.id]);
    expect((await autoCloseQuietClaims(deps, deps.clock.now())).closed).toEqual([claim.number]);
    const closedItem = (await table.allItems()).find(
      (i) => i['PK'] === `CLAIM#${claim.id}` && i['SK'] === 'CLAIM',
    );
    expect(closedItem?.[INDEXES.moneyByTime.partitionKey]).toBeUndefined();
    expect(await table.money.executedBefore(deps.clock.now(), 10)).toEqual([]);
  });

  it('reads the ledger per party (GSI13) and per month (GSI14)', async () => {
    const { claim, payoutId } = await acceptedMoneyClaim(deps);
    await confirmPayout(deps, { payoutId, voucherNumber: 'PZ-1', principal: finance });
    const [recovery] = await table.money.listRecoveries(claim.id);
    if (!recovery) throw new Error('no recovery');
    await recordRecovery(deps, {
      recoveryId: recovery.id,
      principal: finance,
      input: { method: 'deposit_deduction', amountFen: 8_000, reference: 'D-1' },
    });
    const key = partyKey('supplier', '甲供应商');
    expect((await table.money.ledgerByParty(key)).map((e) => e.kind)).toEqual([
      'advance',
      'deposit_deduction',
    ]);
    expect(await table.money.ledgerByParty(key, '2026-11')).toHaveLength(2);
    expect(await table.money.ledgerByParty(key, '2026-12')).toHaveLength(0);
    expect((await table.money.ledgerByMonth('2026-11')).map((e) => e.balanceAfterFen)).toEqual([8_000, 0]);
    expect(await table.money.getRecovery(recovery.id)).toMatchObject({ status: 'settled', version: 2 });
  });
});
