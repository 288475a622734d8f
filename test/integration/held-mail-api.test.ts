import { simpleParser } from 'mailparser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { createEmailIn } from '../../functions/email-in/app.js';
import { createNotify } from '../../functions/notify/app.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { INDEXES } from '../../shared/adapters/dynamodb/table-definition.js';
import { InMemoryMailer } from '../../shared/adapters/memory/mailer.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { httpEvent, invoke, staffClaims } from '../support/http.js';
import { encodedWord, rawMail, sqsEvent, type SesOverrides } from '../support/mail.js';
import { deliverInbound, mailTestDependencies, type MailTestDeps } from '../support/mail-deps.js';

/** What SES finds for mail whose From is forged: SPF passes for the forger's own envelope only. */
const FORGED: SesOverrides = {
  source: 'bulk@forger.example',
  spf: 'PASS',
  dkim: 'FAIL',
  dmarc: 'FAIL',
  dmarcPolicy: 'none',
};

describe('held mail: listed for staff, released, attached or dismissed (DynamoDB Local)', () => {
  let table: TestTable;
  let t: MailTestDeps;
  let api: ReturnType<typeof createApi>;
  let emailIn: ReturnType<typeof createEmailIn>;
  let mailer: InMemoryMailer;
  let n = 0;

  beforeEach(async () => {
    table = await createTestTable();
    mailer = new InMemoryMailer();
    t = mailTestDependencies(table, { mailer });
    emailIn = createEmailIn(t.emailIn);
    // The API reads the very raw-mail store email-in was delivered to.
    const reading = { rawMail: t.rawMail, parse: t.emailIn.parse };
    api = createApi({ ...t.base, mailStore: t.mailStore, heldMail: () => Promise.resolve(reading) });
  });

  const deliver = (raw: Buffer, envelope: SesOverrides = {}) =>
    deliverInbound(t, emailIn, `inbound/held-${++n}`, raw, envelope);

  /** A complaint an auto-responder sent: held, though it reads as a complaint. */
  const autoReplied = () =>
    rawMail(
      [
        'From: 李雷 <lilei@example.com>',
        'To: claims@claims.example',
        `Subject: ${encodedWord('自动回复：电饭煲内胆脱漆', 'UTF-8')}`,
        `Message-ID: <${++n}.auto@example.com>`,
        'Auto-Submitted: auto-replied',
        'Content-Type: multipart/mixed; boundary="b"',
      ],
      '--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n订单号 SO-3003，电饭煲内胆脱漆，要求换新。\r\n--b\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename="pot.jpg"\r\n\r\nnot-a-jpeg\r\n--b--\r\n',
    );

  const complaint = () =>
    rawMail(
      [
        'From: 王芳 <wangfang@example.com>',
        'To: claims@claims.example',
        `Subject: ${encodedWord('电热水壶漏水', 'UTF-8')}`,
        `Message-ID: <${++n}.complaint@example.com>`,
        'Content-Type: text/plain; charset=utf-8',
      ],
      '订单号 SO-2001，电热水壶壶底漏水，要求退款。',
    );

  const forgedReply = (number: string) =>
    rawMail(
      [
        'From: wangfang@example.com',
        `Subject: Re: [${number}] 补充`,
        `Message-ID: <${++n}.reply@example.com>`,
        'Content-Type: multipart/mixed; boundary="r"',
      ],
      '--r\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n请把赔偿打到这个新账户 6222 0000 1111\r\n--r\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename="proof.jpg"\r\n\r\nnot-a-jpeg\r\n--r--\r\n',
    );

  const get = (
    path: string,
    roles: Parameters<typeof staffClaims>[0] = ['agent'],
    unit = 'HQ',
    lang = 'zh-CN',
  ) =>
    invoke(
      api,
      httpEvent('GET', path, { claims: staffClaims(roles, unit), headers: { 'accept-language': lang } }),
    );
  const post = (
    path: string,
    body: unknown = {},
    roles: Parameters<typeof staffClaims>[0] = ['agent'],
    unit = 'HQ',
  ) => invoke(api, httpEvent('POST', path, { body, claims: staffClaims(roles, unit) }));

  it('lists an auto-replied complaint with its reasons in words, shows its text, and releases it as a claim', async () => {
    const record = await deliver(autoReplied());
    expect(record.outcome).toMatchObject({ kind: 'quarantined', reasons: ['auto_submitted:auto-replied'] });

    const zh = await get('/staff/held-mail');
    expect(zh.status).toBe(200);
    expect(zh.body['items']).toEqual([
      {
        sha256: record.sha256,
        from: 'lilei@example.com',
        subject: '自动回复：电饭煲内胆脱漆',
        receivedAt: '2026-11-23T02:00:00.000Z',
        reasons: [{ code: 'auto_submitted:auto-replied', words: '自动发出的邮件（Auto-Submitted）' }],
        note: null,
        claimNumber: null,
        readable: true,
      },
    ]);
    const en = await get('/staff/held-mail', ['agent'], 'HQ', 'en');
    expect(en.body['items']).toMatchObject([{ reasons: [{ words: 'sent automatically (Auto-Submitted)' }] }]);

    const detail = await get(`/staff/held-mail/${record.sha256}`);
    expect(String(detail.body['text'])).toContain('电饭煲内胆脱漆，要求换新。');
    expect(detail.body['attachments']).toEqual([{ name: 'pot.jpg', contentType: 'image/jpeg', size: 10 }]);

    const released = await post(`/staff/held-mail/${record.sha256}/release`);
    expect(released.status).toBe(200);
    const number = String(released.body['claimNumber']);
    const claim = await table.store.getByNumber(number);
    expect(claim).toMatchObject({
      channel: 'email',
      claimant: { name: '李雷', email: 'lilei@example.com' },
      product: { orderNumber: 'SO-3003' },
      createdBy: { type: 'staff', id: 'staff-agent-HQ' },
    });
    expect(claim?.evidence?.map((e) => e.name)).toEqual(['pot.jpg']);
    const [filing] = await table.store.listEvents(claim?.id ?? '');
    expect(filing?.note).toContain('staff-agent-HQ 从待核实邮件中放行（邮件于 2026年11月23日 10:00 收到）。');
    // An auto-responder is never answered, released or not.
    expect(filing?.note).toContain('未自动发送受理回执：自动发出的邮件（Auto-Submitted）。');
    // In the claim's language alone, as the rest of its timeline.
    expect(filing?.note).not.toMatch(/Released|acknowledgment/);
    expect(t.intents().map((i) => i.kind)).toEqual([]);

    // Settled in the same transaction: out of the list and out of the index, recorded as released.
    expect((await get('/staff/held-mail')).body['items']).toEqual([]);
    const settled = await t.mailStore.getInbound(record.sha256);
    expect(settled?.settled).toMatchObject({
      action: 'released',
      claimNumber: number,
      by: { id: 'staff-agent-HQ' },
    });
    const item = (await table.allItems()).find((i) => i['PK'] === `INBOUND#${record.sha256}`);
    expect(item?.[INDEXES.moneyByTime.partitionKey]).toBeUndefined();

    const again = await post(`/staff/held-mail/${record.sha256}/release`);
    expect(again.status).toBe(409);
    expect(again.body['error']).toMatchObject({
      message: `staff-agent-HQ 已于 2026年11月23日 10:00 放行为索赔 ${number}。`,
    });
  });

  it('attaches a held forged reply to the claim it named: its files as evidence, the owner told in words', async () => {
    const filed = await deliver(complaint());
    if (filed.outcome.kind !== 'claim') throw new Error('no claim');
    const { claimNumber: number, claimId } = filed.outcome;
    const held = await deliver(forgedReply(number), FORGED);
    expect(held.outcome).toMatchObject({ kind: 'quarantined', claimId });

    const [row] = (await get('/staff/held-mail')).body['items'] as Record<string, unknown>[];
    expect(row).toMatchObject({
      claimNumber: number,
      reasons: [
        { code: 'unverified_sender', words: '发件人未能核实' },
        { code: 'sender:dmarc_fail', words: 'DMARC 验证失败：发件域名没有发出这封邮件' },
      ],
    });
    expect(String(row?.['note'])).toMatch(new RegExp(`^未并入索赔 ${number}：发件人未通过验证`));

    const unknown = await post(`/staff/held-mail/${held.sha256}/attach`, { claimNumber: 'CLM-2026-999999' });
    expect(unknown.status).toBe(404);
    expect(unknown.body['error']).toMatchObject({ message: '找不到索赔 CLM-2026-999999，或您无权查看。' });

    const attached = await post(`/staff/held-mail/${held.sha256}/attach`, { claimNumber: number });
    expect(attached).toEqual({ status: 200, body: { claimNumber: number } });
    const claim = await table.store.getById(claimId);
    expect(claim?.evidence?.map((e) => e.name)).toEqual(['proof.jpg']);
    expect(claim?.customerResponse?.what).toBe('email_reply');
    const event = (await table.store.listEvents(claimId)).at(-1);
    expect(event).toMatchObject({ action: 'mail_attached', actor: { type: 'staff', id: 'staff-agent-HQ' } });
    expect(event?.note).toContain('staff-agent-HQ 将 wangfang@example.com 的邮件从待核实邮件加入本索赔。');
    expect(event?.note).toContain('请把赔偿打到这个新账户');
    expect(event?.note).not.toContain('added the mail');
    expect((await t.mailStore.getInbound(held.sha256))?.settled?.action).toBe('attached');

    // The claim's owner (HQ's managers: nobody is assigned) reads what came, in the claim's language.
    const told = t.intentsOf('customer_responded').at(-1);
    expect(told?.data).toMatchObject({ what: 'email_reply', files: 1 });
    const notify = createNotify(t.notify);
    expect((await notify(sqsEvent([told]), lambdaContext())).batchItemFailures).toEqual([]);
    const mail = await simpleParser(Buffer.from(mailer.sent.at(-1)?.raw ?? new Uint8Array()));
    expect(mail.subject).toBe(`[${number}] 客户回复了邮件`);
    expect(mail.text).toContain('请把赔偿打到这个新账户');
  });

  it('dismisses a message once; a second try and other roles and units are refused in words', async () => {
    const record = await deliver(autoReplied());
    const finance = await get('/staff/held-mail', ['finance']);
    expect(finance.status).toBe(403);
    expect(finance.body['error']).toMatchObject({ message: '您的角色不能处理待核实邮件。' });
    // A store's agent covers neither the intake unit nor a claim the mail names.
    expect((await get('/staff/held-mail', ['agent'], 'EAST-SH01')).body['items']).toEqual([]);
    const hidden = await get(`/staff/held-mail/${record.sha256}`, ['agent'], 'EAST-SH01');
    expect(hidden.status).toBe(404);
    expect(hidden.body['error']).toMatchObject({ message: '找不到这封邮件，或您无权查看。' });

    expect(await post(`/staff/held-mail/${record.sha256}/dismiss`)).toEqual({
      status: 200,
      body: { dismissed: true },
    });
    expect((await get('/staff/held-mail')).body['items']).toEqual([]);
    const again = await post(`/staff/held-mail/${record.sha256}/dismiss`, {}, ['manager']);
    expect(again.status).toBe(409);
    expect(again.body['error']).toMatchObject({
      message: 'staff-agent-HQ 已于 2026年11月23日 10:00 忽略了这封邮件。',
    });
    // Nothing became a claim.
    expect((await table.allItems()).filter((i) => i['entityType'] === 'Claim')).toEqual([]);
  });

  const list = (query: Record<string, string>) =>
    invoke(api, httpEvent('GET', '/staff/held-mail', { query, claims: staffClaims(['agent']) }));

  it('lists unreadable mail, which can only be dismissed, and pages newest first', async () => {
    const big = rawMail(
      ['From: big@example.com', 'Subject: big', 'Content-Type: text/plain'],
      'x'.repeat(t.emailIn.settings.mail.maxMessageBytes + 1),
    );
    const unreadable = await deliver(big);
    expect(unreadable.outcome.kind).toBe('unparseable');
    const auto = await deliver(autoReplied(), { timestamp: '2026-11-23T03:00:00.000Z' });

    const first = await list({ limit: '1' });
    expect((first.body['items'] as { sha256: string }[]).map((r) => r.sha256)).toEqual([auto.sha256]);
    const cursor = String(first.body['cursor']);
    const second = await list({ limit: '1', cursor });
    expect(second.body['items']).toMatchObject([
      {
        sha256: unreadable.sha256,
        readable: false,
        reasons: [{ words: '邮件过大，无法读取' }],
      },
    ]);
    const bad = await list({ cursor: 'bm90LWEta2V5' });
    expect(bad.status).toBe(400);

    const release = await post(`/staff/held-mail/${unreadable.sha256}/release`);
    expect(release.status).toBe(400);
    expect(release.body['error']).toMatchObject({
      issues: [{ message: '这封邮件无法读取（或原件已不在），不能建为索赔或加入索赔，只能忽略。' }],
    });
    expect((await post(`/staff/held-mail/${unreadable.sha256}/dismiss`)).status).toBe(200);
    expect((await get(`/staff/held-mail/${'0'.repeat(64)}`)).status).toBe(404);
  });
});
