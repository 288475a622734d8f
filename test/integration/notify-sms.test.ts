import { beforeEach, describe, expect, it } from 'vitest';
import { UnconfiguredTexts } from '../../shared/adapters/sms/end-user-messaging.js';
import { createNotify } from '../../functions/notify/app.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { InMemoryMailer } from '../../shared/adapters/memory/mailer.js';
import { InMemoryTextMessages } from '../../shared/adapters/memory/text-messages.js';
import { hashAccessToken } from '../../shared/domain/access-token.js';
import { textRecordId } from '../../shared/domain/use-cases/send-text.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { recordOptOut } from '../../shared/domain/use-cases/text-opt-out.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { intakeInput } from '../support/fixtures.js';
import { sqsEvent } from '../support/mail.js';
import { mailTestDependencies, type MailTestDeps } from '../support/mail-deps.js';

describe('notify sends SMS to customers with a phone (DynamoDB Local)', () => {
  let table: TestTable;
  let t: MailTestDeps;
  let texts: InMemoryTextMessages;
  let mailer: InMemoryMailer;
  let handler: ReturnType<typeof createNotify>;

  beforeEach(async () => {
    table = await createTestTable();
    texts = new InMemoryTextMessages();
    mailer = new InMemoryMailer();
    t = mailTestDependencies(table, { texts, mailer });
    handler = createNotify(t.notify);
  });

  async function claimOf(overrides: Record<string, unknown>, channel: 'web' | 'email' = 'web') {
    const filed = await fileClaim(t.base, {
      input: intakeInput(overrides),
      channel,
      actor: { type: 'customer' },
    });
    const ack = t.intentsOf('acknowledgment').find((i) => i.claimId === filed.claim.id);
    if (!ack) throw new Error('no acknowledgment intent');
    return { claim: filed.claim, ack };
  }

  it('texts a phone-only customer the acknowledgment instead of suppressing it, once, recorded on the claim', async () => {
    const { claim, ack } = await claimOf({ claimant: { name: '王芳', phone: '138 0013 8000' } });
    expect((await handler(sqsEvent([ack]), lambdaContext())).batchItemFailures).toEqual([]);

    expect(mailer.sent).toEqual([]);
    expect(texts.sent).toHaveLength(1);
    const [sms] = texts.sent;
    const token = /#t=([A-Za-z0-9_-]+)/.exec(sms?.text ?? '')?.[1] ?? '';
    expect(sms).toEqual({
      to: '+8613800138000',
      text: `您的投诉 ${claim.number} 已受理。详情：https://claims.example/track.html?number=${claim.number}#t=${token} 回TD退订`,
      idempotencyKey: textRecordId(ack.id),
    });
    expect((await table.store.getById(claim.id))?.accessTokenHashes).toContain(hashAccessToken(token));
    expect(await t.mailStore.getNotification(textRecordId(ack.id), claim.id)).toMatchObject({
      state: 'sent',
      to: ['+8613800138000'],
    });
    expect(await t.mailStore.getNotification(ack.id, claim.id)).toMatchObject({
      state: 'suppressed',
      reason: 'sms_only',
    });
    const events = await table.store.listEvents(claim.id);
    expect(events.map((e) => e.note)).toContain('acknowledgment SMS to +8613800138000');
    expect(events.map((e) => e.action)).not.toContain('notification_suppressed');

    // A redelivery sends nothing more.
    expect((await handler(sqsEvent([ack]), lambdaContext())).batchItemFailures).toEqual([]);
    expect(texts.sent).toHaveLength(1);
  });

  it('without an SMS sender configured the channel is off: suppressed as before, nothing fails', async () => {
    const off = mailTestDependencies(table, { texts: new UnconfiguredTexts(), mailer });
    const filed = await fileClaim(off.base, {
      input: intakeInput({ claimant: { name: '王芳', phone: '13800138000' } }),
      channel: 'web',
      actor: { type: 'customer' },
    });
    const claim = filed.claim;
    const ack = off.intentsOf('acknowledgment').find((i) => i.claimId === claim.id);
    if (!ack) throw new Error('no acknowledgment intent');
    const result = await createNotify(off.notify)(sqsEvent([ack]), lambdaContext());
    expect(result.batchItemFailures).toEqual([]);
    expect(await off.mailStore.getNotification(textRecordId(ack.id), claim.id)).toMatchObject({
      state: 'suppressed',
      reason: 'sms_not_configured',
    });
    expect(await off.mailStore.getNotification(ack.id, claim.id)).toMatchObject({
      state: 'suppressed',
      reason: 'no_address',
    });
  });

  it('texts an English customer in English beside the mail', async () => {
    const { claim, ack } = await claimOf({
      language: 'en',
      claimant: { name: 'Jane Doe', phone: '+44 20 7946 0958', email: 'jane@example.com' },
    });
    await handler(sqsEvent([ack]), lambdaContext());
    expect(mailer.sent.map((m) => m.to)).toEqual([['jane@example.com']]);
    const token = /#t=([A-Za-z0-9_-]+)/.exec(texts.sent[0]?.text ?? '')?.[1] ?? '';
    expect(texts.sent.map((s) => [s.to, s.text])).toEqual([
      [
        '+442079460958',
        `Claim ${claim.number} received. https://claims.example/track.html?number=${claim.number}&lang=en#t=${token} STOP to opt out`,
      ],
    ]);
  });

  it('retries a transient SMS failure with the very same text and key', async () => {
    const { ack } = await claimOf({});
    texts.failWith.push(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    expect((await handler(sqsEvent([ack]), lambdaContext())).batchItemFailures).toHaveLength(1);
    expect(texts.sent).toEqual([]);
    expect((await handler(sqsEvent([ack]), lambdaContext())).batchItemFailures).toEqual([]);
    expect((await handler(sqsEvent([ack]), lambdaContext())).batchItemFailures).toEqual([]);
    expect(texts.sent).toHaveLength(1);
    expect(texts.sent[0]?.idempotencyKey).toBe(textRecordId(ack.id));
  });

  it('does not answer a mailed-in claim by SMS, even with a phone in it', async () => {
    const { ack } = await claimOf(
      { claimant: { name: '王芳', phone: '13800138000', email: 'wangfang@example.com' } },
      'email',
    );
    await handler(sqsEvent([ack]), lambdaContext());
    expect(texts.sent).toEqual([]);
    expect(mailer.sent).toHaveLength(1);
  });
});

describe('SMS opt-out (DynamoDB Local)', () => {
  it('stops texts to a number that answered TD or STOP, and ignores other replies', async () => {
    const table = await createTestTable();
    const texts = new InMemoryTextMessages();
    const t = mailTestDependencies(table, { texts });
    const handler = createNotify(t.notify);
    const deps = { mailStore: t.mailStore, clock: t.base.clock };
    expect(await recordOptOut(deps, { from: '+8613800138000', text: '你好' })).toBe('ignored');
    expect(await t.mailStore.isTextOptedOut('+8613800138000')).toBe(false);
    expect(await recordOptOut(deps, { from: '+8613800138000', text: ' td ' })).toBe('opted_out');
    expect(await recordOptOut(deps, { from: '+442079460958', text: 'STOP' })).toBe('opted_out');
    expect(await t.mailStore.isTextOptedOut('+8613800138000')).toBe(true);

    const filed = await fileClaim(t.base, {
      input: intakeInput({ claimant: { name: '王芳', phone: '13800138000' } }),
      channel: 'web',
      actor: { type: 'customer' },
    });
    const ack = t.intentsOf('acknowledgment').find((i) => i.claimId === filed.claim.id);
    if (!ack) throw new Error('no acknowledgment intent');
    await handler(sqsEvent([ack]), lambdaContext());
    expect(texts.sent).toEqual([]);
    expect(await t.mailStore.getNotification(textRecordId(ack.id), filed.claim.id)).toMatchObject({
      state: 'suppressed',
      reason: 'opted_out',
    });
    const notes = (await table.store.listEvents(filed.claim.id)).map((e) => e.note);
    expect(notes).toContain('acknowledgment SMS: +8613800138000 opted out of texts');
  });
});
