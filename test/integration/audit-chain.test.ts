import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApi } from '../../functions/api/app.js';
import { claimKey, eventKey } from '../../shared/adapters/dynamodb/keys.js';
import { genesisHash } from '../../shared/domain/audit-chain.js';
import { claimUpdate } from '../../shared/domain/claim-change.js';
import { confirmPayout, recordRecovery } from '../../shared/domain/use-cases/payouts.js';
import { verifyClaimAudit } from '../../shared/domain/use-cases/verify-audit.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { httpEvent, invoke, staffClaims } from '../support/http.js';
import { acceptedMoneyClaim, finance } from '../support/money.js';

const run = promisify(execFile);

const IntegritySchema = z.object({
  intact: z.boolean(),
  unchained: z.optional(z.number()),
  brokenAt: z.optional(z.object({ index: z.number(), eventId: z.string(), reason: z.string() })),
});

/**
 * Issue 21 item 6 on DynamoDB Local: a claim's trail written through every kind of event write (claim
 * changes, a ledger-only change, a token minted beside the claim, a change computed before that append)
 * holds its hash chain; an event item changed or removed in the table is reported by `verify-audit` and the
 * staff claim detail.
 */
describe('the audit hash chain on DynamoDB Local', () => {
  let table: TestTable;
  let deps: ReturnType<typeof testDependencies>;
  let api: ReturnType<typeof createApi>;
  let claimId = '';
  let number = '';
  const manager = staffClaims(['manager'], 'HQ', 'manager-1');

  beforeAll(async () => {
    table = await createTestTable();
    deps = testDependencies(table.store, undefined, table.money);
    api = createApi(deps);
    const accepted = await acceptedMoneyClaim(deps);
    claimId = accepted.claim.id;
    number = accepted.claim.number;
    await confirmPayout(deps, { payoutId: accepted.payoutId, voucherNumber: 'PZ-1', principal: finance });
    // A change read before a token is minted beside the claim, committed after it: linked after that event.
    const stale = await table.store.getById(claimId);
    if (!stale) throw new Error('no claim');
    const at = deps.clock.now().toISOString();
    const tokenEvent = {
      id: 'EVT-TOKEN',
      claimId,
      at,
      actor: { type: 'system' as const, id: 'notify' },
      channel: 'system' as const,
      action: 'reissue_access_token' as const,
      changes: [{ field: 'accessTokenHashes', before: '1 item(s)', after: '2 item(s)' }],
    };
    expect(await table.store.addAccessTokenHash(claimId, 'f'.repeat(64), 5, tokenEvent)).toBe(true);
    const { change } = claimUpdate(stale, stale, {
      eventId: 'EVT-STALE',
      at,
      actor: { type: 'staff', id: 'manager-1', roles: ['manager'] },
      action: 'add_internal_note',
      note: '内部备注',
    });
    await deps.writer.commit(change);
    // A ledger-only change (the claim item is not rewritten): it moves the head on its own.
    const [recovery] = await table.money.listRecoveries(claimId);
    if (!recovery) throw new Error('no recovery');
    await recordRecovery(deps, {
      recoveryId: recovery.id,
      principal: finance,
      input: { method: 'deposit_deduction', amountFen: 8_000, reference: 'D-1' },
    });
  });

  async function verifyAudit(...args: string[]): Promise<{ code: number; last: string }> {
    const env = {
      ...process.env,
      TABLE_NAME: table.tableName,
      DYNAMODB_ENDPOINT: table.endpoint,
      AWS_REGION: 'local',
    };
    try {
      const { stdout } = await run('npx', ['tsx', 'infra/cli/claims.ts', 'verify-audit', ...args], { env });
      return { code: 0, last: stdout.trim().split('\n').at(-1) ?? '' };
    } catch (error) {
      const failed = z.object({ code: z.number(), stdout: z.string() }).parse(error);
      return { code: failed.code, last: failed.stdout.trim().split('\n').at(-1) ?? '' };
    }
  }

  async function detailIntegrity() {
    const detail = await invoke(api, httpEvent('GET', `/staff/claims/${number}`, { claims: manager }));
    expect(detail.status).toBe(200);
    return IntegritySchema.parse(detail.body['auditIntegrity']);
  }

  it('links every event written, whichever path wrote it, and ends at the claim item head', async () => {
    const events = await table.store.listEvents(claimId);
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['file_claim', 'reissue_access_token', 'record_recovery']),
    );
    expect(events.every((e) => /^[A-Za-z0-9_-]{22}$/.test(e.hash ?? ''))).toBe(true);
    expect(events[0]?.prevHash).toBe(genesisHash(claimId));
    const stale = events.find((e) => e.id === 'EVT-STALE');
    expect(stale?.prevHash).toBe(events.find((e) => e.id === 'EVT-TOKEN')?.hash);
    const claim = await table.store.getById(claimId);
    // The head is the one event no other links to (the list is in id order, not always commit order).
    const linkedTo = new Set(events.map((e) => e.prevHash));
    expect(events.filter((e) => !linkedTo.has(e.hash)).map((e) => e.hash)).toEqual([claim?.auditHead]);
    expect((await verifyClaimAudit(table.store, number))?.integrity).toEqual({ intact: true, unchained: 0 });
    expect(await detailIntegrity()).toEqual({ intact: true, unchained: 0 });
  });

  it('says in words that the chain holds, in zh-CN by default and in English when asked', async () => {
    const count = (await table.store.listEvents(claimId)).length;
    expect(await verifyAudit(number)).toEqual({
      code: 0,
      last: `${number}: 审计记录完整：${count} 条记录均未被改动`,
    });
    expect(await verifyAudit(number.toLowerCase(), '--lang', 'en')).toEqual({
      code: 0,
      last: `${number}: The audit trail holds: none of its ${count} records was altered`,
    });
    expect(await verifyAudit('CLM-2026-999999')).toEqual({
      code: 1,
      last: '没有编号为 CLM-2026-999999 的索赔',
    });
  });

  it('reports an event item changed in the table, then one removed, by position', async () => {
    const events = await table.store.listEvents(claimId);
    const third = events[2];
    if (!third) throw new Error('too few events');
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: eventKey(claimId, third.id),
        UpdateExpression: 'SET note = :note',
        ExpressionAttributeValues: { ':note': '改过的说明' },
      }),
    );
    expect(await verifyAudit(number)).toEqual({
      code: 1,
      last: `${number}: 审计记录校验失败：第 3 条记录被改动`,
    });
    expect(await verifyAudit(number, '--lang', 'en')).toEqual({
      code: 1,
      last: `${number}: Audit trail check failed: record 3 was altered`,
    });
    expect(await detailIntegrity()).toEqual({
      intact: false,
      brokenAt: expect.objectContaining({ index: 3, eventId: third.id, reason: 'altered' }) as unknown,
    });

    await table.client.send(
      new DeleteCommand({ TableName: table.tableName, Key: eventKey(claimId, third.id) }),
    );
    expect(await verifyAudit(number)).toEqual({
      code: 1,
      last: `${number}: 审计记录校验失败：第 3 条记录之前的记录被删除或改动`,
    });
    expect(await detailIntegrity()).toMatchObject({
      intact: false,
      brokenAt: { index: 3, reason: 'unlinked' },
    });
  });

  it('verifies a trail stored before the chain as not chained, and chains what comes after it', async () => {
    const old = await acceptedMoneyClaim(deps);
    const events = await table.store.listEvents(old.claim.id);
    // As stored before the chain: no links on the events, no head on the claim.
    for (const e of events)
      await table.client.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: eventKey(old.claim.id, e.id),
          UpdateExpression: 'REMOVE prevHash, #hash',
          ExpressionAttributeNames: { '#hash': 'hash' },
        }),
      );
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: claimKey(old.claim.id),
        UpdateExpression: 'REMOVE auditHead',
      }),
    );
    expect(await verifyAudit(old.claim.number)).toEqual({
      code: 0,
      last: `${old.claim.number}: 审计记录未加校验：${events.length} 条记录均早于校验链启用`,
    });
    deps.clock.advanceDays(1);
    await confirmPayout(deps, { payoutId: old.payoutId, voucherNumber: 'PZ-2', principal: finance });
    const after = await table.store.listEvents(old.claim.id);
    const first = after.find((e) => e.hash !== undefined);
    expect(first?.prevHash).toBe(genesisHash(old.claim.id));
    expect((await verifyClaimAudit(table.store, old.claim.number))?.integrity).toEqual({
      intact: true,
      unchained: events.length,
      notChainedBefore: first?.at,
    });
    expect((await verifyAudit(old.claim.number, '--lang', 'en')).last).toMatch(
      new RegExp(
        `^${old.claim.number}: The audit trail holds: none of its ${after.length} records was altered; the ${events.length} records before .+ predate the hash chain and cannot be checked$`,
      ),
    );
  });
});
