import { simpleParser } from 'mailparser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmailIn } from '../../functions/email-in/app.js';
import type { InMemoryMailer } from '../../shared/adapters/memory/mailer.js';
import { INDEXES } from '../../shared/adapters/dynamodb/table-definition.js';
import { sendNotification } from '../../shared/domain/use-cases/send-notification.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { encodedWord, rawMail } from '../support/mail.js';
import { deliverInbound, mailTestDependencies, type MailTestDeps } from '../support/mail-deps.js';

/**
 * Issue 25, item 5: an email claim is a first-class claim. It gets the first-reply clock its acknowledgment
 * promises, its stand-in product, category and day found are marked to be confirmed, and stand-ins are no
 * same-kind complaints. Received Monday 2026-11-23 10:00 Shanghai (the fixtures' clock).
 */
describe('email claims with facts to be confirmed (DynamoDB Local)', () => {
  let table: TestTable;
  let t: MailTestDeps;
  let handler: ReturnType<typeof createEmailIn>;
  let n = 0;

  beforeEach(async () => {
    table = await createTestTable();
    t = mailTestDependencies(table);
    handler = createEmailIn(t.emailIn);
  });

  const deliver = (raw: Buffer) => deliverInbound(t, handler, `inbound/confirm-${++n}`, raw);
  const complaint = (from: string, subject = '电热水壶漏水') =>
    rawMail(
      [
        `From: ${from}`,
        'To: claims@claims.example',
        `Subject: ${encodedWord(subject, 'UTF-8')}`,
        `Message-ID: <${++n}.confirm@example.com>`,
        'Content-Type: text/plain; charset=utf-8',
      ],
      '电热水壶壶底漏水，要求退款。',
    );
  async function fileByMail(from: string) {
    const record = await deliver(complaint(from));
    if (record.outcome.kind !== 'claim') throw new Error(JSON.stringify(record.outcome));
    const claim = await table.store.getById(record.outcome.claimId);
    if (!claim) throw new Error('no claim stored');
    return claim;
  }

  it('starts the first-reply clock and the acknowledgment states its real deadline, in words', async () => {
    const claim = await fileByMail('王芳 <wangfang@example.com>');
    expect(claim).toMatchObject({
      channel: 'email',
      status: 'needs_material',
      toConfirm: ['product', 'category', 'foundOn'],
      clocks: {
        first_reply: {
          state: 'running',
          startedAt: '2026-11-23T02:00:00.000Z',
          dueAt: '2026-11-26T10:00:00.000Z',
          basis: 'first reply',
        },
      },
    });
    const [ack] = t.intentsOf('acknowledgment');
    if (!ack) throw new Error('no acknowledgment');
    expect(ack.data.firstReplyDue).toBe(claim.clocks?.first_reply?.dueAt);
    expect(await sendNotification(t.notify, ack)).toBe('sent');
    const sent = (t.mailer as InMemoryMailer).sent[0];
    const parsed = await simpleParser(Buffer.from(sent?.raw ?? []));
    // Thursday 2026-11-26 18:00 Shanghai: three working days from the Monday it arrived.
    expect(parsed.text).toContain('我们将在 2026年11月26日 18:00 前给您首次答复。');
  });

  it('says the same deadline in English to an English sender', async () => {
    const raw = rawMail(
      [
        'From: Jane Doe <jane@example.com>',
        'To: claims@claims.example',
        'Subject: Kettle leaking',
        `Message-ID: <${++n}.confirm@example.com>`,
        'Content-Type: text/plain; charset=utf-8',
      ],
      'The kettle I bought leaks from the bottom. Please refund.',
    );
    const record = await deliver(raw);
    if (record.outcome.kind !== 'claim') throw new Error(JSON.stringify(record.outcome));
    const [ack] = t.intentsOf('acknowledgment');
    if (!ack) throw new Error('no acknowledgment');
    expect(await sendNotification(t.notify, ack)).toBe('sent');
    const parsed = await simpleParser(Buffer.from((t.mailer as InMemoryMailer).sent[0]?.raw ?? []));
    expect(parsed.text).toContain('You will have our first reply by 26 Nov 2026, 18:00.');
  });

  it('three senders about an unnamed product are not three same-kind complaints', async () => {
    const claims = [];
    for (const from of ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com'])
      claims.push(await fileByMail(from));
    expect(claims.map((c) => c.severity)).toEqual([3, 3, 3, 3]);
    expect(claims.map((c) => c.severityReasons)).toEqual(
      claims.map(() => ['no level-1 or level-2 rule applies']),
    );
    // Stand-ins stay out of the kind index, so nothing counts them until staff confirm the kind.
    const kindKeys = (await table.allItems()).filter(
      (i) => i['entityType'] === 'Claim' && i[INDEXES.byKind.partitionKey] !== undefined,
    );
    expect(kindKeys).toEqual([]);
  });
});
