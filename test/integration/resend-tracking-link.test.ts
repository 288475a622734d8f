import { simpleParser } from 'mailparser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { createNotify } from '../../functions/notify/app.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { claimKey } from '../../shared/adapters/dynamodb/keys.js';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { InMemoryMailer } from '../../shared/adapters/memory/mailer.js';
import { InMemoryTextMessages } from '../../shared/adapters/memory/text-messages.js';
import { hashAccessToken } from '../../shared/domain/access-token.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';
import { sqsEvent } from '../support/mail.js';
import { mailTestDependencies, type MailTestDeps } from '../support/mail-deps.js';

describe('staff resend the tracking link (DynamoDB Local)', () => {
  let table: TestTable;
  let t: MailTestDeps;
  let api: ReturnType<typeof createApi>;
  let notify: ReturnType<typeof createNotify>;
  let texts: InMemoryTextMessages;
  let mailer: InMemoryMailer;
  let claim: { number: string; id: string };

  beforeEach(async () => {
    table = await createTestTable();
    texts = new InMemoryTextMessages();
    mailer = new InMemoryMailer();
    t = mailTestDependencies(table, { texts, mailer });
    api = createApi(t.base);
    notify = createNotify(t.notify);
    const filed = await invoke(api, httpEvent('POST', '/claims', { body: formBody() }));
    claim = { number: String(filed.body['number']), id: String(filed.body['id']) };
  });

  const resend = (roles: Parameters<typeof staffClaims>[0], unit = 'HQ') =>
    invoke(
      api,
      httpEvent('POST', `/staff/claims/${claim.number}/tracking-link`, {
        body: {},
        claims: staffClaims(roles, unit),
      }),
    );
  const linkIntents = () =>
    t.base.queues.sent.filter((m) => JSON.stringify(m.body).includes('"kind":"tracking_link"'));

  it('records who sent it on the timeline and texts and mails a link that opens the claim', async () => {
    const answer = await resend(['agent']);
    expect(answer).toEqual({ status: 200, body: { number: claim.number, channels: ['email', 'sms'] } });
    const events = await table.store.listEvents(claim.id);
    expect(events.at(-1)).toMatchObject({
      action: 'reissue_access_token',
      channel: 'staff_console',
      actor: { type: 'staff', id: 'staff-agent-HQ' },
      note: 'tracking link sent to the customer by email and sms',
    });
    const [intent] = linkIntents();
    expect((await notify(sqsEvent([intent?.body]), lambdaContext())).batchItemFailures).toEqual([]);

    const sms = texts.sent.at(-1)?.text ?? '';
    expect(sms).toMatch(
      new RegExp(
        `^投诉 ${claim.number} 的新查询链接。详情：https://claims\\.example/track\\.html\\?number=${claim.number}#t=\\S+ 回TD退订$`,
      ),
    );
    const mail = await simpleParser(Buffer.from(mailer.sent.at(-1)?.raw ?? new Uint8Array()));
    expect(mail.subject).toBe(`[${claim.number}] 您索赔的新查询链接`);
    expect(mail.text).toContain(`应您的要求，我们为索赔 ${claim.number} 发送了新的查询链接。`);
    const token = /#t=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1] ?? '';
    const view = await invoke(api, httpEvent('GET', `/claims/${claim.number}`, { customerToken: token }));
    expect(view.status).toBe(200);
  });

  it('at the token cap drops the oldest token but the first, so the new link and the filing’s still work', async () => {
    const full = Array.from({ length: t.base.settings.maxAccessTokensPerClaim }, (_, i) =>
      hashAccessToken(`old-${i}`),
    );
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: claimKey(claim.id),
        UpdateExpression: 'SET accessTokenHashes = :full',
        ExpressionAttributeValues: { ':full': full },
      }),
    );
    await resend(['manager']);
    const [intent] = linkIntents();
    await notify(sqsEvent([intent?.body]), lambdaContext());
    const mail = await simpleParser(Buffer.from(mailer.sent.at(-1)?.raw ?? new Uint8Array()));
    const token = /#t=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1] ?? '';
    const stored = (await table.store.getById(claim.id))?.accessTokenHashes ?? [];
    expect(stored).toHaveLength(full.length);
    expect(stored).toContain(hashAccessToken(token));
    expect(stored[0]).toBe(full[0]);
    expect(stored).not.toContain(full[1]);
  });

  it('the intake answer names the channels the receipt goes by, leaving out a number that opted out', async () => {
    const body = formBody({
      claimant: { name: '王芳', phone: '13800138000', email: 'wangfang@example.com' },
    });
    const before = await invoke(api, httpEvent('POST', '/claims', { body }));
    expect(before.body['notifiedBy']).toEqual(['sms', 'email']);
    await t.mailStore.recordTextOptOut('+8613800138000', '2026-11-23T01:00:00.000Z', 'TD');
    const after = await invoke(
      api,
      httpEvent('POST', '/claims', { body: { ...body, description: '又漏水了' } }),
    );
    expect(after.body['notifiedBy']).toEqual(['email']);
  });

  it('promises no text to a number that opted out, and refuses in words when nothing else reaches the customer', async () => {
    await t.mailStore.recordTextOptOut('+8613800138000', '2026-11-23T01:00:00.000Z', 'TD');
    expect(await resend(['agent'])).toEqual({
      status: 200,
      body: { number: claim.number, channels: ['email'] },
    });
    const phoneOnly = await invoke(
      api,
      httpEvent('POST', '/claims', {
        body: formBody({ claimant: { name: '王芳', phone: '13800138000' } }),
        headers: { 'idempotency-key': 'phone-only-0001' },
      }),
    );
    const refused = await invoke(
      api,
      httpEvent('POST', `/staff/claims/${String(phoneOnly.body['number'])}/tracking-link`, {
        body: {},
        claims: staffClaims(['agent']),
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body['error']).toMatchObject({
      issues: [
        {
          message:
            '客户的手机号码已退订短信，且这项索赔没有电子邮箱，无法发送查询链接；请电话告知客户查询方式。',
        },
      ],
    });
  });

  it('is refused to roles that do not talk to customers, in words', async () => {
    const refused = await resend(['finance']);
    expect(refused.status).toBe(403);
    expect(linkIntents()).toEqual([]);
  });
});
