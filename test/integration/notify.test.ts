import { SESClient, SendRawEmailCommand, MessageRejected } from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotify } from '../../functions/notify/app.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { LocalQueues } from '../../infra/local/local-queues.js';
import { startLocalConsumer } from '../../infra/local/queue-consumer.js';
import { hashAccessToken } from '../../shared/domain/access-token.js';
import { replyAddress } from '../../shared/domain/mail/reply-address.js';
import type { IntentOf, NotificationIntent } from '../../shared/domain/messages.js';
import { defaultPolicySettings, type PolicySettings } from '../../shared/domain/settings.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { SesMailer } from '../../shared/adapters/ses/mailer.js';
import { normalizeMessageId } from '../../shared/ports/mail-store.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { intakeInput } from '../support/fixtures.js';
import { sqsEvent } from '../support/mail.js';
import { TEST_REPLY_ADDRESS_SECRET, mailTestDependencies, type MailTestDeps } from '../support/mail-deps.js';
import { sqsEvent as sqsEventOf, sqsRecord } from '../support/sqs.js';

const ses = mockClient(SESClient);

describe('notify handler with SES (aws-sdk-client-mock, DynamoDB Local)', () => {
  let table: TestTable;
  let t: MailTestDeps;
  let handler: ReturnType<typeof createNotify>;

  function setUp(settings: PolicySettings = defaultPolicySettings()) {
    t = mailTestDependencies(table, {
      settings,
      mailer: new SesMailer(new SESClient({ region: 'ap-east-1' }), 'claims-set'),
    });
    handler = createNotify(t.notify);
  }

  beforeEach(async () => {
    ses.reset();
    table = await createTestTable();
    setUp();
  });
  afterEach(() => ses.reset());

  async function emailClaim(email = 'wangfang@example.com') {
    const filed = await fileClaim(t.base, {
      input: intakeInput({ claimant: { name: '王芳', email } }),
      channel: 'email',
      actor: { type: 'customer' },
    });
    const ack = t.intentsOf('acknowledgment').find((i) => i.claimId === filed.claim.id);
    if (!ack) throw new Error('no acknowledgment intent');
    return { claim: filed.claim, ack };
  }

  function sentRaw(call = 0): Buffer {
    const input = ses.commandCalls(SendRawEmailCommand)[call]?.args[0].input;
    return Buffer.from(input?.RawMessage?.Data ?? new Uint8Array());
  }

  it('sends the acknowledgment once as raw MIME: claim number, deadline, a working tracking link, Auto-Submitted', async () => {
    ses.on(SendRawEmailCommand).resolves({ MessageId: '0100018c-abc' });
    const { claim, ack } = await emailClaim();

    const result = await handler(sqsEvent([ack]), lambdaContext());
    expect(result.batchItemFailures).toEqual([]);

    const calls = ses.commandCalls(SendRawEmailCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toMatchObject({
      Source: 'claims@claims.example',
      Destinations: ['wangfang@example.com'],
      ConfigurationSetName: 'claims-set',
    });
    const mail = await simpleParser(sentRaw());
    expect(mail.subject).toContain(claim.number);
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    // Replies go to the claim's reply address, whose token lets them in whatever SES can verify.
    expect(mail.replyTo?.value[0]?.address).toBe(
      replyAddress('claims@claims.example', claim.number, TEST_REPLY_ADDRESS_SECRET),
    );
    expect(mail.text).toContain(claim.number);
    expect(mail.text).toMatch(/首次答复/);
    expect(mail.text).toContain('2026年11月26日 18:00'); // three working days after Monday 2026-11-23, Shanghai time
    // The token rides in the link's fragment: a browser never sends it, so no log keeps it.
    const token = /#t=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1] ?? '';
    expect(mail.text).toContain(`https://claims.example/track.html?number=${claim.number}#t=`);
    expect(mail.text).not.toContain('token=');
    const stored = await table.store.getById(claim.id);
    expect(stored?.accessTokenHashes).toContain(hashAccessToken(token));

    const record = await t.mailStore.getNotification(ack.id, claim.id);
    expect(record).toMatchObject({ state: 'sent', to: ['wangfang@example.com'] });
    expect(record?.raw).toBeUndefined();
    expect(
      await t.mailStore.claimForMessageIds([normalizeMessageId('<0100018c-abc@eu-west-1.amazonses.com>')]),
    ).toBe(claim.id);
    const events = await table.store.listEvents(claim.id);
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['reissue_access_token', 'notification_sent']),
    );
  });

  it('sends nothing the second time the same intent is delivered', async () => {
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'once' });
    const { ack } = await emailClaim();
    await handler(sqsEvent([ack]), lambdaContext());
    const again = await handler(sqsEvent([ack], 2), lambdaContext());
    expect(again.batchItemFailures).toEqual([]);
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(1);
  });

  it('marks the outbox row relayed on arrival; a redelivery marks it again harmlessly and sends nothing more', async () => {
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'once' });
    const { claim, ack } = await emailClaim();
    const pending = async () =>
      (await table.store.pendingOutbox(100, new Date('2100-01-01T00:00:00Z'))).map((m) => m.id);
    expect(await pending()).toEqual([ack.id]);
    const first = await handler(sqsEventOf(sqsRecord(ack, ack.id, 'delivery-1', claim.id)), lambdaContext());
    expect(first.batchItemFailures).toEqual([]);
    expect(await pending()).toEqual([]);
    const relayedAt = t.base.clock.now().toISOString();
    t.base.clock.advanceMs(60_000);
    const again = await handler(sqsEventOf(sqsRecord(ack, ack.id, 'delivery-2', claim.id)), lambdaContext());
    expect(again.batchItemFailures).toEqual([]);
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(1);
    const items = await table.allItems();
    expect(items.find((i) => i['SK'] === `OUTBOX#${ack.id}`)).toMatchObject({ relayedAt });
  });

  it('retries throttling through the queue, sending the very same bytes and issuing one token', async () => {
    ses
      .on(SendRawEmailCommand)
      .rejectsOnce(Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' }))
      .resolves({ MessageId: 'after-retry' });
    const { claim, ack } = await emailClaim();

    const first = await handler(sqsEvent([ack]), lambdaContext());
    expect(first.batchItemFailures).toHaveLength(1);
    expect((await t.mailStore.getNotification(ack.id, claim.id))?.state).toBe('sending');

    const second = await handler(sqsEvent([ack], 2), lambdaContext());
    expect(second.batchItemFailures).toEqual([]);
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(2);
    expect(sentRaw(1).equals(sentRaw(0))).toBe(true);
    expect((await table.store.getById(claim.id))?.accessTokenHashes).toHaveLength(2); // intake's + the link's
    expect(await t.mailStore.getNotification(ack.id, claim.id)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('records a permanent rejection on the claim and keeps failing the message so it reaches the DLQ', async () => {
    ses
      .on(SendRawEmailCommand)
      .rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: {} }));
    const { claim, ack } = await emailClaim();

    for (const receiveCount of [1, 2, 3]) {
      const result = await handler(sqsEvent([ack], receiveCount), lambdaContext());
      expect(result.batchItemFailures).toHaveLength(1);
    }
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(1);
    const record = await t.mailStore.getNotification(ack.id, claim.id);
    expect(record?.state).toBe('failed');
    expect(record?.reason).toContain('MessageRejected');
    const failed = (await table.store.listEvents(claim.id)).find((e) => e.action === 'notification_failed');
    expect(failed?.note).toContain('MessageRejected');
  });

  it('sends at most N acknowledgments per sender per hour; the rest are recorded, not sent', async () => {
    const settings = defaultPolicySettings();
    setUp({ ...settings, mail: { ...settings.mail, maxAcknowledgmentsPerSenderPerHour: 2 } });
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'x' });
    const acks: IntentOf<'acknowledgment'>[] = [];
    for (const order of ['SO-1', 'SO-2', 'SO-3']) {
      const filed = await fileClaim(t.base, {
        input: intakeInput({
          claimant: { name: 'Flood', email: 'flood@example.com' },
          product: { name: 'Kettle', orderNumber: order },
        }),
        channel: 'email',
        actor: { type: 'customer' },
      });
      const ack = t.intentsOf('acknowledgment').find((i) => i.claimId === filed.claim.id);
      if (ack) acks.push(ack);
    }
    const result = await handler(sqsEvent(acks), lambdaContext());
    expect(result.batchItemFailures).toEqual([]);
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(2);
    const third = acks[2];
    expect(await t.mailStore.getNotification(third?.id ?? '', third?.claimId ?? null)).toMatchObject({
      state: 'suppressed',
      reason: 'sender_rate_limit',
    });
  });

  it('resolves staff recipients through the staff directory, and records an unresolvable one as suppressed', async () => {
    setUp();
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'staff' });
    const { claim } = await emailClaim();
    const base = {
      claimId: claim.id,
      claimNumber: claim.number,
      language: 'zh-CN' as const,
      createdAt: claim.receivedAt,
    };
    const intents: NotificationIntent[] = [
      {
        ...base,
        id: `${claim.id}:approval`,
        kind: 'approval_needed',
        recipient: { type: 'unit_role', unitId: 'HQ', role: 'manager' },
        data: {
          revision: 1,
          type: 'replacement',
          totalFen: 19_900,
          proposedBy: { id: 'agent-7', name: '李明' },
          legalReview: false,
        },
      },
      {
        ...base,
        id: `${claim.id}:assign`,
        kind: 'assignment',
        recipient: { type: 'staff', staffId: 'agent-7' },
        data: { unitId: 'HQ', severity: 3, urgency: 'normal', firstReplyDue: '2026-11-26T10:00:00.000Z' },
      },
      {
        ...base,
        id: `${claim.id}:ghost`,
        kind: 'assignment',
        recipient: { type: 'staff', staffId: 'ghost' },
        data: { unitId: 'HQ', severity: 3, urgency: 'normal', firstReplyDue: null },
      },
      {
        ...base,
        id: `${claim.id}:nobody`,
        kind: 'approval_needed',
        // The test directory has no legal staff anywhere up the chain.
        recipient: { type: 'unit_role', unitId: 'HQ', role: 'legal' },
        data: {
          revision: 1,
          type: 'replacement',
          totalFen: 19_900,
          proposedBy: { id: 'agent-7', name: '李明' },
          legalReview: true,
        },
      },
    ];
    expect((await handler(sqsEvent(intents), lambdaContext())).batchItemFailures).toEqual([]);
    expect(ses.commandCalls(SendRawEmailCommand).map((c) => c.args[0].input.Destinations)).toEqual([
      ['manager-hq@staff.claims.example'],
      ['agent-7@staff.claims.example'],
      // Someone the directory does not know: the managers of the claim's unit instead.
      ['manager-hq@staff.claims.example'],
    ]);
    const staffMail = await simpleParser(sentRaw(0));
    expect(staffMail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(staffMail.replyTo).toBeUndefined();
    expect(await t.mailStore.getNotification(`${claim.id}:nobody`, claim.id)).toMatchObject({
      state: 'suppressed',
      reason: 'no_address',
    });
  });

  it('sends the acknowledgment without a link when the claim already holds its maximum of tokens', async () => {
    const settings = defaultPolicySettings();
    setUp({ ...settings, maxAccessTokensPerClaim: 1 });
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'nolink' });
    const { ack } = await emailClaim();
    expect((await handler(sqsEvent([ack]), lambdaContext())).batchItemFailures).toEqual([]);
    const mail = await simpleParser(sentRaw());
    expect(mail.text).not.toContain('#t=');
    expect(mail.text).toContain('请使用您之前收到的链接');
  });

  it('at the token cap the survey replaces the oldest token, so its link opens the survey', async () => {
    setUp({ ...defaultPolicySettings(), maxAccessTokensPerClaim: 1 });
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'survey' });
    const { claim, ack } = await emailClaim();
    expect((await handler(sqsEvent([ack]), lambdaContext())).batchItemFailures).toEqual([]);
    const held = (await table.store.getById(claim.id))?.accessTokenHashes ?? [];
    expect(held).toHaveLength(1);
    const survey: IntentOf<'closure_survey'> = {
      ...ack,
      id: `${claim.id}:closure_survey:1`,
      kind: 'closure_survey',
      data: { closedAt: '2026-12-04T02:00:00.000Z' },
    };
    expect((await handler(sqsEvent([survey]), lambdaContext())).batchItemFailures).toEqual([]);
    const mail = await simpleParser(sentRaw(1));
    expect(mail.subject).toBe(`[${claim.number}] 索赔已关闭，请评价`);
    expect(mail.text).not.toContain('之前收到的链接');
    const token = /#t=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1] ?? '';
    expect(mail.text).toContain(`track.html?number=${claim.number}#t=${token}&section=survey`);
    const stored = (await table.store.getById(claim.id))?.accessTokenHashes ?? [];
    expect(stored).toEqual([hashAccessToken(token)]);
    expect(stored).not.toContain(held[0]);
  });
});

describe('notify behind the local queue (event source mapping semantics)', () => {
  it('moves a permanently rejected notification to the DLQ after maxReceiveCount, having sent it once', async () => {
    ses.reset();
    ses
      .on(SendRawEmailCommand)
      .rejects(new MessageRejected({ message: 'Address blacklisted.', $metadata: {} }));
    const table = await createTestTable();
    const t = mailTestDependencies(table, {
      mailer: new SesMailer(new SESClient({ region: 'ap-east-1' }), undefined),
    });
    const filed = await fileClaim(t.base, {
      input: intakeInput({ claimant: { name: 'A', email: 'a@example.com' } }),
      channel: 'email',
      actor: { type: 'customer' },
    });
    const [ack] = t.intents();
    let now = Date.parse('2026-11-23T02:00:00Z');
    const queues = await LocalQueues.open(
      null,
      { notify: { visibilityTimeoutSeconds: 30, maxReceiveCount: 3 } },
      () => now,
    );
    await queues.send('notify', JSON.stringify(ack));
    const consumer = startLocalConsumer(queues, 'notify', createNotify(t.notify), { idleMs: 5 });
    // Each failed receive hides the message for 30 s of queue time; move that clock until the DLQ has it.
    for (let i = 0; i < 400 && queues.peek('notify-dlq').length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      now += 31_000;
    }
    await consumer.stop();
    expect(queues.peek('notify-dlq').map((m) => m.body)).toEqual([JSON.stringify(ack)]);
    expect(queues.peek('notify')).toEqual([]);
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(1);
    expect((await t.mailStore.getNotification(ack?.id ?? '', filed.claim.id))?.state).toBe('failed');
    ses.reset();
  });
});
