import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoClaimStore } from '../../shared/adapters/dynamodb/claim-store.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditAction, AuditEvent } from '../../shared/domain/audit.js';
import { summarize, type Claim } from '../../shared/domain/claim.js';
import { deadlineOf } from '../../shared/domain/sla/deadline.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { markArrived, RELAY_GRACE_MS, relayPending } from '../../shared/domain/use-cases/relay-outbox.js';
import { applyTriageAction } from '../../shared/domain/use-cases/triage.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { intakeInput, principal, testDependencies } from '../support/fixtures.js';

/** Files a claim through the real use case so items are exactly what production writes. */
async function file(
  table: TestTable,
  deps: ReturnType<typeof testDependencies>,
  overrides: Record<string, unknown> = {},
) {
  return (
    await fileClaim(deps, { input: intakeInput(overrides), channel: 'web', actor: { type: 'customer' } })
  ).claim;
}

function eventFor(claim: Claim, id: string, action: AuditAction = 'reissue_access_token'): AuditEvent {
  return {
    id,
    claimId: claim.id,
    at: claim.updatedAt,
    actor: { type: 'system', id: 'test' },
    channel: 'system',
    action,
    changes: [],
  };
}

describe('DynamoClaimStore on DynamoDB Local', () => {
  let table: TestTable;
  let deps: ReturnType<typeof testDependencies>;
  beforeAll(async () => {
    table = await createTestTable();
    deps = testDependencies(table.store);
  });

  it('hands out claim-number sequences atomically, per year', async () => {
    const values = await Promise.all(Array.from({ length: 20 }, () => table.store.nextClaimSequence(2031)));
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await table.store.nextClaimSequence(2032)).toBe(1);
  });

  it('keeps claim numbers unique across containers drawing from blocks of the same counter', async () => {
    // Two stores on one table are two warm Lambda containers, each holding its own block.
    const other = new DynamoClaimStore(table.client, table.tableName);
    const draws = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? table.store : other).nextClaimSequence(2040)),
    );
    expect(new Set(draws).size).toBe(60);
    expect(Math.min(...draws)).toBe(1);
  });

  it('writes the claim and its audit event together, under pinned keys', async () => {
    const claim = await file(table, deps);
    const stored = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: { PK: `CLAIM#${claim.id}`, SK: 'CLAIM' } }),
    );
    expect(stored.Item).toMatchObject({
      entityType: 'Claim',
      schemaVersion: 1,
      GSI1PK: `NUMBER#${claim.number}`,
      GSI1SK: 'CLAIM',
      GSI2PK: 'PHONE#13800138000',
      GSI2SK: `${claim.receivedAt}#${claim.id}`,
      GSI4PK: 'ORDER#SO-1001',
      GSI6PK: 'QUEUE#HQ',
      GSI9PK: 'KIND#product_quality#电热水壶 k1',
    });
    expect(stored.Item).not.toHaveProperty('GSI7PK');
    const events = await table.store.listEvents(claim.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.action).toBe('file_claim');
  });

  it('keeps index copies small: no id, unit or false flags in the summary; the deadline without defaults', async () => {
    const claim = await file(table, deps, {
      claimant: { name: 'Compact', phone: '13922223333' },
      product: { name: '电饭煲 C1', orderNumber: 'SO-COMPACT-1' },
    });
    const stored = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: { PK: `CLAIM#${claim.id}`, SK: 'CLAIM' } }),
    );
    expect(stored.Item?.['summary']).not.toHaveProperty('id');
    expect(stored.Item?.['summary']).not.toHaveProperty('unitId');
    expect(stored.Item?.['summary']).not.toHaveProperty('possibleDuplicate');
    expect(stored.Item?.['deadline']).toEqual({
      indexAt: deadlineOf(claim, deps.settings.severity)?.indexAt,
      clocks: [{ name: 'first_reply', dueAt: claim.clocks?.first_reply?.dueAt }],
    });
    // What the queue and the deadline index give back is the whole summary.
    const queue = await table.store.workQueue({ unitPath: ['HQ'], from: 'newest', cap: 50 });
    expect(queue.items.find((s) => s.id === claim.id)).toEqual(summarize(claim));
    const due = [];
    for await (const entry of table.store.deadlinesUntil('2100-01-01T00:00:00.000Z'))
      if (entry.claimId === claim.id) due.push(entry);
    expect(due).toEqual([
      {
        claimId: claim.id,
        summary: summarize(claim),
        deadline: deadlineOf(claim, deps.settings.severity),
      },
    ]);
  });

  it('reads items written in the older, full forms of the summary and the deadline entry', async () => {
    const older = await file(table, deps, { claimant: { name: 'Old', phone: '13911112222' } });
    deps.clock.advanceDays(1);
    const newer = await file(table, deps, { claimant: { name: 'New', phone: '13911112222' } });
    // The older claim as the release before wrote it: the full summary and deadline entry.
    const key = { PK: `CLAIM#${older.id}`, SK: 'CLAIM' };
    const item =
      (await table.client.send(new GetCommand({ TableName: table.tableName, Key: key }))).Item ?? {};
    const deadline = deadlineOf(older, deps.settings.severity);
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...item,
          summary: summarize(older),
          deadline,
        },
      }),
    );
    const byPhone = await table.store.findByContact({ phone: '13911112222' }, { limit: 10 });
    expect(byPhone.items.map((s) => s.number)).toEqual([newer.number, older.number]);
    expect(byPhone.items[1]).toEqual(summarize(older));
    const due = [];
    for await (const entry of table.store.deadlinesUntil(deadline?.indexAt ?? ''))
      if (entry.claimId === older.id) due.push(entry);
    expect(due).toEqual([{ claimId: older.id, summary: summarize(older), deadline }]);
  });

  it('reads by id and by number', async () => {
    const claim = await file(table, deps);
    // As filed, plus the head of its audit trail (the writer keeps it on the claim item).
    const head = (await table.store.listEvents(claim.id)).at(-1)?.hash;
    expect(await table.store.getById(claim.id)).toEqual({ ...claim, auditHead: head });
    expect(await table.store.getByNumber(claim.number)).toEqual({ ...claim, auditHead: head });
    expect(await table.store.getByNumber('CLM-1999-000001')).toBeNull();
    expect(await table.store.getById('nope')).toBeNull();
  });

  it('finds claims by phone (however typed) and by email, newest first', async () => {
    const a = await file(table, deps, {
      claimant: { name: 'A', phone: '13700000001', email: 'Ming@Example.com' },
    });
    deps.clock.advanceDays(1);
    const b = await file(table, deps, { claimant: { name: 'A', phone: '+86 137-0000-0001' } });
    const byPhone = await table.store.findByContact({ phone: '137 0000 0001' }, { limit: 10 });
    expect(byPhone.items.map((s) => s.number)).toEqual([b.number, a.number]);
    const byEmail = await table.store.findByContact({ email: 'ming@example.COM' }, { limit: 10 });
    expect(byEmail.items.map((s) => s.number)).toEqual([a.number]);
  });

  it('finds claims by order number and lists order siblings since a date', async () => {
    const claim = await file(table, deps, { product: { name: 'P', orderNumber: 'ord-77' } });
    const page = await table.store.findByOrder(' ORD-77', { limit: 10 });
    expect(page.items.map((s) => s.number)).toEqual([claim.number]);
    const siblings = await table.store.orderSiblings(
      'ORD-77',
      new Date(Date.parse(claim.receivedAt) - 1000),
      10,
    );
    expect(siblings).toEqual([
      { number: claim.number, contactKeys: { phone: '13800138000' }, receivedAt: claim.receivedAt },
    ]);
    expect(
      await table.store.orderSiblings('ORD-77', new Date(Date.parse(claim.receivedAt) + 1000), 10),
    ).toEqual([]);
  });

  it('lists same-kind siblings by category and product', async () => {
    const claim = await file(table, deps, { product: { name: 'Kind Test' }, category: 'packaging_damage' });
    const siblings = await table.store.kindSiblings('packaging_damage', 'kind test', new Date(0), 10);
    expect(siblings).toEqual([{ contactKeys: { phone: '13800138000' }, receivedAt: claim.receivedAt }]);
  });

  describe('work queues', () => {
    let fresh: TestTable;
    let d: ReturnType<typeof testDependencies>;
    const claims: Claim[] = [];
    beforeAll(async () => {
      fresh = await createTestTable();
      d = testDependencies(fresh.store);
      for (const unitId of ['HQ', 'EAST', 'EAST-SH01', 'EAST-SH01', 'HQ']) {
        claims.push(await file(fresh, d, { unitId }));
        d.clock.advanceDays(0.01);
      }
    });

    it('show a unit its own open claims and those below it, newest or oldest first', async () => {
      const hq = await fresh.store.workQueue({ unitPath: ['HQ'], from: 'newest', cap: 50 });
      expect(hq.items.map((s) => s.number)).toEqual(claims.map((c) => c.number).reverse());
      const east = await fresh.store.workQueue({ unitPath: ['HQ', 'EAST'], from: 'oldest', cap: 50 });
      expect(east.items.map((s) => s.number)).toEqual(
        [claims[1], claims[2], claims[3]].map((c) => c?.number),
      );
      const store1 = await fresh.store.workQueue({
        unitPath: ['HQ', 'EAST', 'EAST-SH01'],
        from: 'newest',
        cap: 50,
      });
      expect(store1.items.map((s) => s.unitId)).toEqual(['EAST-SH01', 'EAST-SH01']);
    });

    it('read no more than the cap from the end asked for, and say so', async () => {
      const newest = await fresh.store.workQueue({ unitPath: ['HQ'], from: 'newest', cap: 2 });
      expect(newest).toEqual({ items: [claims[4], claims[3]].map((c) => c && summarize(c)), capped: true });
      const oldest = await fresh.store.workQueue({ unitPath: ['HQ'], from: 'oldest', cap: 2 });
      expect(oldest.items.map((s) => s.number)).toEqual([claims[0], claims[1]].map((c) => c?.number));
      const all = await fresh.store.workQueue({ unitPath: ['HQ'], from: 'oldest', cap: 5 });
      expect(all.capped).toBe(false);
      expect(all.items).toHaveLength(5);
    });

    it('filter by status', async () => {
      const target = claims[0] as Claim;
      await applyTriageAction(d, {
        ref: target.id,
        action: 'request_material',
        payload: { items: ['发票'] },
        principal: principal(['agent']),
      });
      const waiting = await fresh.store.workQueue({
        unitPath: ['HQ'],
        status: 'needs_material',
        from: 'newest',
        cap: 50,
      });
      expect(waiting.items.map((s) => s.number)).toEqual([target.number]);
      const received = await fresh.store.workQueue({
        unitPath: ['HQ'],
        status: 'received',
        from: 'newest',
        cap: 50,
      });
      expect(received.items).toHaveLength(4);
    });

    it('drop closed claims (the queue index is sparse) and list open claims by assignee', async () => {
      const [, second, third] = claims as [Claim, Claim, Claim];
      const manager = principal(['manager']);
      await applyTriageAction(d, {
        ref: second.id,
        action: 'assign',
        payload: { assigneeId: 'agent-9' },
        principal: manager,
      });
      await applyTriageAction(d, {
        ref: third.id,
        action: 'assign',
        payload: { assigneeId: 'agent-9' },
        principal: manager,
      });
      expect((await fresh.store.byAssignee('agent-9', { limit: 10 })).items.map((s) => s.number)).toEqual([
        third.number,
        second.number,
      ]);
      await applyTriageAction(d, {
        ref: third.id,
        action: 'withdraw',
        payload: { reason: 'x' },
        principal: manager,
      });
      expect((await fresh.store.byAssignee('agent-9', { limit: 10 })).items.map((s) => s.number)).toEqual([
        second.number,
      ]);
      const hq = await fresh.store.workQueue({ unitPath: ['HQ'], from: 'newest', cap: 50 });
      expect(hq.items.map((s) => s.number)).not.toContain(third.number);
    });
  });

  it('adds access-token hashes up to the limit, each with an audit event', async () => {
    const claim = await file(table, deps);
    const hash = (n: number) => n.toString(16).padStart(64, '0');
    expect(await table.store.addAccessTokenHash(claim.id, hash(1), 2, eventFor(claim, 'EVT-T1'))).toBe(true);
    expect(await table.store.addAccessTokenHash(claim.id, hash(2), 2, eventFor(claim, 'EVT-T2'))).toBe(false);
    expect((await table.store.getById(claim.id))?.accessTokenHashes).toHaveLength(2);
    expect((await table.store.listEvents(claim.id)).map((e) => e.id)).toContain('EVT-T1');
    expect((await table.store.listEvents(claim.id)).map((e) => e.id)).not.toContain('EVT-T2');
  });

  it('keeps outbox messages pending until their consumer marks them, then leaves them on the claim as its record', async () => {
    const claim = await file(table, deps);
    const ackId = `${claim.id}:acknowledgment`;
    expect(deps.queues.sent.at(-1)).toMatchObject({ id: ackId, claimId: claim.id });
    const mine = async (before: Date) =>
      (await table.store.pendingOutbox(1000, before)).filter((m) => m.claimId === claim.id);
    const [pending] = await mine(new Date('2100-01-01T00:00:00Z'));
    const createdAt = new Date(pending?.createdAt ?? '');
    // The age bound is in the key condition: nothing created at or after `createdBefore` comes back.
    expect(await mine(createdAt)).toEqual([]);
    expect(await mine(new Date(createdAt.getTime() + 1))).toMatchObject([{ queue: 'notify', id: ackId }]);

    await table.store.markRelayed([{ claimId: claim.id, id: ackId }], new Date('2026-11-23T03:00:00Z'));
    // A redelivery marks again harmlessly (the first arrival stays), and so does a message without a row.
    await table.store.markRelayed(
      [
        { claimId: claim.id, id: ackId },
        { claimId: 'NO-SUCH-CLAIM', id: 'report:2026-11-23:HQ' },
      ],
      new Date('2026-11-23T04:00:00Z'),
    );
    expect(await mine(new Date('2100-01-01T00:00:00Z'))).toEqual([]);
    const items = await table.allItems();
    expect(items.find((i) => i['SK'] === `OUTBOX#${ackId}`)).toMatchObject({
      entityType: 'OutboxMessage',
      relayedAt: '2026-11-23T03:00:00.000Z',
    });
    expect(items.filter((i) => i['PK'] === 'CLAIM#NO-SUCH-CLAIM')).toEqual([]);
  });

  it('catch-up: a message waiting in its queue is re-sent only after the grace period; a failed send too', async () => {
    const waiting = await file(table, deps);
    deps.queues.failNext = 1;
    const failed = await file(table, deps);
    const ids = [waiting, failed].map((c) => `${c.id}:acknowledgment`);
    const resent = () => deps.queues.sent.filter((m) => ids.includes(m.id)).map((m) => m.id);
    expect(resent()).toEqual([ids[0]]);
    deps.clock.advanceMs(RELAY_GRACE_MS - 1_000);
    await relayPending(deps, 1000);
    expect(resent()).toEqual([ids[0]]);
    deps.clock.advanceMs(2_000);
    await relayPending(deps, 1000);
    expect(resent()).toEqual([ids[0], ids[0], ids[1]]);
    // Both arrive (the first one twice): neither is sent again.
    for (const c of [waiting, waiting, failed])
      await markArrived(deps, { claimId: c.id, id: `${c.id}:acknowledgment` });
    deps.clock.advanceMs(RELAY_GRACE_MS);
    await relayPending(deps, 1000);
    expect(resent()).toHaveLength(3);
  });
});
