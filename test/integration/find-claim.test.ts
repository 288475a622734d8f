import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { createNotify } from '../../functions/notify/app.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { DynamoClaimFinderStore } from '../../shared/adapters/dynamodb/claim-finder-store.js';
import { lookupKey, lookupRateKey } from '../../shared/adapters/dynamodb/keys.js';
import { InMemoryMailer } from '../../shared/adapters/memory/mailer.js';
import { InMemoryTextMessages } from '../../shared/adapters/memory/text-messages.js';
import { FINDER_RULES, LookupCodeIntentSchema, rateHour } from '../../shared/domain/claim-finder.js';
import { readTrackingFragment } from '../../shared/domain/tracking-link.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { formBody, httpEvent, invoke } from '../support/http.js';
import { sqsEvent } from '../support/mail.js';
import { mailTestDependencies, type MailTestDeps } from '../support/mail-deps.js';

describe('find my claim against DynamoDB Local', () => {
  let table: TestTable;
  let t: MailTestDeps;
  let api: ReturnType<typeof createApi>;
  let notify: ReturnType<typeof createNotify>;
  let texts: InMemoryTextMessages;
  let mailer: InMemoryMailer;
  let number: string;

  beforeEach(async () => {
    table = await createTestTable();
    texts = new InMemoryTextMessages();
    mailer = new InMemoryMailer();
    t = mailTestDependencies(table, { texts, mailer });
    api = createApi(t.base);
    notify = createNotify(t.notify);
    const filed = await invoke(
      api,
      httpEvent('POST', '/claims', {
        body: formBody({ claimant: { name: '王芳', phone: '13800138000', email: 'wang@example.com' } }),
      }),
    );
    number = String(filed.body['number']);
  });

  const codeIntents = () =>
    t.base.queues.sent.flatMap((m) => {
      const parsed = LookupCodeIntentSchema.safeParse(m.body);
      return parsed.success ? [parsed.data] : [];
    });
  const ask = (contact: string, n = number) =>
    invoke(api, httpEvent('POST', '/lookup/code', { body: { number: n, contact } }));
  const redeem = (code: string) => invoke(api, httpEvent('POST', '/lookup/link', { body: { number, code } }));
  async function deliverLatest() {
    const intent = codeIntents().at(-1);
    if (!intent) throw new Error('no code intent');
    expect((await notify(sqsEvent([intent]), lambdaContext())).batchItemFailures).toEqual([]);
    return intent;
  }

  it('texts the code to the claim’s phone, stores only its hash, and the code opens the claim once', async () => {
    expect(await ask('+86 138 0013 8000')).toEqual({ status: 202, body: { status: 'accepted' } });
    const intent = await deliverLatest();
    expect(texts.sent).toHaveLength(1);
    const sms = texts.sent[0];
    const code = /验证码 (\d{6})/.exec(sms?.text ?? '')?.[1] ?? '';
    expect(sms).toEqual({
      to: '+8613800138000',
      text: `验证码 ${code}，用于找回索赔 ${number}，15 分钟内有效，仅可使用一次。非本人操作请忽略。回TD退订`,
      idempotencyKey: intent.id,
    });
    // Neither the outbox, the queue message nor the table holds the code once it is sent.
    expect(JSON.stringify(intent)).not.toContain(code);
    const lookup = (await table.allItems()).find((i) => i['PK'] === lookupKey(number).PK);
    expect(lookup?.['codeHash']).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(lookup)).not.toContain(code);
    // A second delivery of the same intent sends nothing more.
    await notify(sqsEvent([intent]), lambdaContext());
    expect(texts.sent).toHaveLength(1);

    const found = await redeem(code);
    expect(found.status).toBe(200);
    const path = String(found.body['trackingPath']);
    const { token } = readTrackingFragment(path.slice(path.indexOf('#')));
    const view = await invoke(api, httpEvent('GET', `/claims/${number}`, { customerToken: token ?? '' }));
    expect(view.status).toBe(200);
    expect(view.body['number']).toBe(number);
    expect((await redeem(code)).status).toBe(400);
  });

  it('mails the code to the claim’s address, in English when the page asked in English', async () => {
    await invoke(
      api,
      httpEvent('POST', '/lookup/code', { body: { number, contact: 'WANG@example.com', language: 'en' } }),
    );
    await deliverLatest();
    expect(texts.sent).toEqual([]);
    expect(mailer.sent).toHaveLength(1);
    const raw = Buffer.from(mailer.sent[0]?.raw ?? new Uint8Array()).toString('utf8');
    expect(raw).toMatch(/Subject: \[CLM-\d{4}-\d{6}\] Your code to find your claim: \d{6}/);
    expect(mailer.sent[0]?.to).toEqual(['wang@example.com']);
  });

  it('counts every request per number and per contact in one transaction, 5 an hour', async () => {
    for (let i = 0; i < FINDER_RULES.maxCodesPerHour + 2; i++)
      expect(await ask('13800138000')).toEqual({ status: 202, body: { status: 'accepted' } });
    expect(codeIntents()).toHaveLength(FINDER_RULES.maxCodesPerHour);
    const items = await table.allItems();
    const hour = rateHour(t.base.clock.now());
    const counter = (key: { PK: string }) => items.find((i) => i['PK'] === key.PK)?.['requested'];
    expect(counter(lookupRateKey('NUMBER', number, hour))).toBe(FINDER_RULES.maxCodesPerHour);
    expect(counter(lookupRateKey('CONTACT', 'sms:13800138000', hour))).toBe(FINDER_RULES.maxCodesPerHour);
    // A contact that does not match still counts, on the number and on itself; nothing else is written.
    const before = items.length;
    expect(await ask('other@example.com', 'CLM-2026-999999')).toEqual({
      status: 202,
      body: { status: 'accepted' },
    });
    const after = await table.allItems();
    expect(after.length - before).toBe(2);
    expect(after.filter((i) => String(i['PK']).startsWith('LOOKUP#'))).toHaveLength(1);
  });

  it('counts concurrent wrong codes atomically and locks at 20, after which the right code fails too', async () => {
    await ask('13800138000');
    await deliverLatest();
    const code = /验证码 (\d{6})/.exec(texts.sent[0]?.text ?? '')?.[1] ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = await Promise.all(
      Array.from({ length: FINDER_RULES.maxWrongCodes }, () => redeem(wrong)),
    );
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([400]));
    const finder = new DynamoClaimFinderStore(table.client, table.tableName);
    const state = await finder.get(number);
    expect(state?.lockedUntil).toBe('2026-11-23T03:00:00.000Z');
    expect(state?.codeHash).toBeUndefined();
    const locked = await redeem(code);
    expect(locked.status).toBe(400);
    expect(JSON.stringify(locked.body)).toContain('lookup_code_wrong');
  });

  it('a newer request replaces the code: the earlier intent is suppressed, its code never exists', async () => {
    await ask('13800138000');
    const first = codeIntents()[0];
    await ask('13800138000');
    await deliverLatest();
    if (!first) throw new Error('no first intent');
    expect((await notify(sqsEvent([first]), lambdaContext())).batchItemFailures).toEqual([]);
    expect(texts.sent).toHaveLength(1);
    expect(await t.mailStore.getNotification(first.id, first.claimId)).toMatchObject({
      state: 'suppressed',
      reason: 'superseded',
    });
  });
});
