import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoMailStore } from '../../shared/adapters/dynamodb/mail-store.js';
import { INDEXES } from '../../shared/adapters/dynamodb/table-definition.js';
import type { StaffPrincipal } from '../../shared/domain/principal.js';
import { releaseHeldMail, attachHeldMail } from '../../shared/domain/use-cases/held-mail.js';
import { ConflictError } from '../../shared/domain/errors.js';
import type { InboundRecord } from '../../shared/ports/mail-store.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { rawMail, sesNotification } from '../support/mail.js';
import { receiveEmail } from '../../shared/domain/use-cases/receive-email.js';
import { mailTestDependencies, sha256, type MailTestDeps } from '../support/mail-deps.js';

const AGENT: StaffPrincipal = {
  id: 'agent-hq',
  name: '周敏',
  roles: ['agent'],
  unitId: 'HQ',
  unitPath: ['HQ'],
  approvalLimitFen: 0,
};

function record(raw: Buffer, outcome: InboundRecord['outcome']): InboundRecord {
  return {
    sha256: sha256(raw),
    messageId: null,
    rawKey: `inbound/${sha256(raw)}`,
    from: 'lilei@example.com',
    subject: '电饭煲内胆脱漆',
    receivedAt: '2026-11-23T02:00:00.000Z',
    outcome,
  };
}

/** A mail store whose first read answers what it held before: a colleague settles the message meanwhile. */
class StaleReads extends DynamoMailStore {
  constructor(
    private readonly snapshot: InboundRecord,
    ...args: ConstructorParameters<typeof DynamoMailStore>
  ) {
    super(...args);
  }
  private stale = true;
  override getInbound(sha: string): Promise<InboundRecord | null> {
    if (!this.stale) return super.getInbound(sha);
    this.stale = false;
    return Promise.resolve(this.snapshot);
  }
}

describe('held mail in the table (DynamoDB Local)', () => {
  let table: TestTable;
  let t: MailTestDeps;
  const raw = rawMail(
    ['From: lilei@example.com', 'Subject: complaint', 'Content-Type: text/plain; charset=utf-8'],
    '订单号 SO-3003，电饭煲内胆脱漆，要求换新。',
  );
  const held = record(raw, { kind: 'quarantined', reasons: ['auto_reply'] });

  beforeEach(async () => {
    table = await createTestTable();
    t = mailTestDependencies(table);
    await t.rawMail.put(held.rawKey, raw, 'message/rfc822');
  });

  const indexKey = async (sha: string) =>
    (await table.allItems()).find((i) => i['PK'] === `INBOUND#${sha}`)?.[INDEXES.moneyByTime.partitionKey];

  it('indexes quarantined and unreadable mail only, and settles each once', async () => {
    const filed = record(rawMail(['From: a@example.com', 'Subject: x'], 'y'), {
      kind: 'claim',
      claimId: 'c1',
      claimNumber: '2026-000001',
    });
    const unreadable = record(rawMail(['From: b@example.com', 'Subject: z'], 'w'), {
      kind: 'unparseable',
      reason: 'timeout',
    });
    for (const r of [held, filed, unreadable]) expect(await t.mailStore.recordInbound(r)).toBe(true);
    expect(await indexKey(held.sha256)).toBe('HELD_MAIL');
    expect(await indexKey(unreadable.sha256)).toBe('HELD_MAIL');
    expect(await indexKey(filed.sha256)).toBeUndefined();
    expect((await t.mailStore.listHeldMail({ limit: 10 })).items.map((r) => r.sha256).sort()).toEqual(
      [held.sha256, unreadable.sha256].sort(),
    );

    const settlement = {
      action: 'dismissed' as const,
      by: { id: 'agent-hq' },
      at: '2026-11-23T03:00:00.000Z',
    };
    expect(await t.mailStore.settleHeldMail(held.sha256, settlement)).toBe(true);
    expect(await t.mailStore.settleHeldMail(held.sha256, { ...settlement, by: { id: 'other' } })).toBe(false);
    expect(await t.mailStore.settleHeldMail(filed.sha256, settlement)).toBe(false);
    expect((await t.mailStore.getInbound(held.sha256))?.settled).toEqual(settlement);
    expect(await indexKey(held.sha256)).toBeUndefined();
  });

  it('writes no claim when a colleague dismissed the message while it was being released', async () => {
    await t.mailStore.recordInbound(held);
    const stale = new StaleReads(held, table.client, table.tableName);
    const dismissed = {
      action: 'dismissed' as const,
      by: { id: 'manager-hq', name: '陈刚' },
      at: '2026-11-23T02:30:00.000Z',
    };
    expect(await t.mailStore.settleHeldMail(held.sha256, dismissed)).toBe(true);

    const deps = { ...t.emailIn, mailStore: stale };
    const refusal = releaseHeldMail(deps, AGENT, held.sha256);
    await expect(refusal).rejects.toBeInstanceOf(ConflictError);
    await expect(refusal).rejects.toMatchObject({
      words: { 'zh-CN': '陈刚 已于 2026年11月23日 10:30 忽略了这封邮件。' },
    });
    expect((await table.allItems()).filter((i) => i['entityType'] === 'Claim')).toEqual([]);
    expect(t.intents()).toEqual([]);
  });

  it('adds nothing to the claim when the message was settled while it was being attached', async () => {
    await t.mailStore.recordInbound(held);
    // A claim to attach to, filed from the same mail's sender through email-in's own path.
    const claimRaw = rawMail(
      [
        'From: lilei@example.com',
        'Subject: 投诉',
        'Message-ID: <c@example.com>',
        'Content-Type: text/plain; charset=utf-8',
      ],
      '订单号 SO-3003，电饭煲坏了，要求退款。',
    );
    await t.rawMail.put('inbound/claim', claimRaw, 'message/rfc822');
    const outcome = await receiveEmail(t.emailIn, sesNotification('inbound/claim'));
    if (outcome.kind !== 'claim') throw new Error('no claim');
    const before = await table.store.getById(outcome.claimId);

    await t.mailStore.settleHeldMail(held.sha256, {
      action: 'released',
      by: { id: 'manager-hq', name: '陈刚' },
      at: '2026-11-23T02:30:00.000Z',
      claimNumber: '2026-000009',
    });
    const deps = { ...t.emailIn, mailStore: new StaleReads(held, table.client, table.tableName) };
    await expect(
      attachHeldMail(deps, AGENT, held.sha256, { claimNumber: outcome.claimNumber }),
    ).rejects.toMatchObject({
      words: { 'zh-CN': '陈刚 已于 2026年11月23日 10:30 放行为索赔 2026-000009。' },
    });
    expect(await table.store.getById(outcome.claimId)).toEqual(before);
  });
});
