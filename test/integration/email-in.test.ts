import { simpleParser } from 'mailparser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmailIn } from '../../functions/email-in/app.js';
import { claimUpdate } from '../../shared/domain/claim-change.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { defaultPolicySettings } from '../../shared/domain/settings.js';
import { sendNotification } from '../../shared/domain/use-cases/send-notification.js';
import { INDEXES } from '../../shared/adapters/dynamodb/table-definition.js';
import type { InMemoryMailer } from '../../shared/adapters/memory/mailer.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import {
  encode,
  encodedWord,
  rawMail,
  sesNotification,
  sqsEvent,
  type SesOverrides,
} from '../support/mail.js';
import { deliverInbound, mailTestDependencies, sha256, type MailTestDeps } from '../support/mail-deps.js';
import { MAIL_FIXTURES, TNEF_FILES, readFixture } from '../support/mail-fixtures.js';

describe('email-in handler (DynamoDB Local)', () => {
  let table: TestTable;
  let t: MailTestDeps;
  let handler: ReturnType<typeof createEmailIn>;
  let n = 0;

  beforeEach(async () => {
    table = await createTestTable();
    t = mailTestDependencies(table);
    handler = createEmailIn(t.emailIn);
  });

  /** Stores the raw message as SES would and delivers SES's notification through the handler. */
  const deliver = (raw: Buffer, envelope: SesOverrides = {}) =>
    deliverInbound(t, handler, `inbound/msg-${++n}`, raw, envelope);

  const complaint = (
    extra: string[] = [],
    body = '订单号 SO-2001，电热水壶壶底漏水，要求退款。',
    from = '王芳 <wangfang@example.com>',
  ) =>
    rawMail(
      [
        `From: ${from}`,
        'To: claims@claims.example',
        `Subject: ${encodedWord('电热水壶漏水', 'UTF-8')}`,
        `Message-ID: <${++n}.complaint@example.com>`,
        'Content-Type: text/plain; charset=utf-8',
        ...extra,
      ],
      body,
    );

  it('files a new message as an email claim through intake, asking for what it could not fill', async () => {
    const record = await deliver(complaint());
    expect(record.outcome.kind).toBe('claim');
    if (record.outcome.kind !== 'claim') return;
    const claim = await table.store.getById(record.outcome.claimId);
    expect(claim).toMatchObject({
      channel: 'email',
      status: 'needs_material',
      claimant: { name: '王芳', email: 'wangfang@example.com' },
      product: { orderNumber: 'SO-2001' },
      requestedRemedy: 'refund',
      language: 'zh-CN',
    });
    expect(claim?.description).toContain('壶底漏水');
    expect(claim?.materialRequest?.items).toEqual(
      expect.arrayContaining(['产品名称和型号', '发现问题的日期']),
    );
    const [ack] = t.intentsOf('acknowledgment');
    expect(ack).toMatchObject({
      kind: 'acknowledgment',
      claimId: claim?.id,
      recipient: { type: 'customer' },
    });
    expect(ack?.data.missingMaterial).toContain('产品名称和型号');
    const events = await table.store.listEvents(record.outcome.claimId);
    expect(events[0]).toMatchObject({ action: 'file_claim', channel: 'email' });
  });

  it('decodes GBK, GB2312 and Big5 mail into the claim without replacement characters', async () => {
    for (const [charset, subject, body] of [
      ['GBK', '投诉：电饭煲', '内胆涂层脱落，要求换货。'],
      ['GB2312', '投诉：微波炉', '加热时冒烟，要求维修。'],
      ['Big5', '投訴：吹風機', '使用時冒火花，要求退款。'],
    ] as const) {
      const raw = rawMail(
        [
          `From: ${encodedWord('李雷', charset)} <lilei.${charset}@example.com>`,
          `Subject: ${encodedWord(subject, charset)}`,
          `Content-Type: text/plain; charset=${charset}`,
          'Content-Transfer-Encoding: base64',
        ],
        encode(body, charset).toString('base64'),
      );
      const record = await deliver(raw);
      if (record.outcome.kind !== 'claim') throw new Error(`${charset}: ${JSON.stringify(record.outcome)}`);
      const claim = await table.store.getById(record.outcome.claimId);
      expect(claim?.claimant.name).toBe('李雷');
      expect(claim?.description).toBe(`${subject}\n\n${body}`);
      expect(claim?.description).not.toContain('\uFFFD');
    }
  });

  it('saves attachments to the evidence store and records them on the claim', async () => {
    const photo = Buffer.from('fake-jpeg-bytes');
    const raw = rawMail(
      ['From: a@example.com', 'Subject: broken kettle', 'Content-Type: multipart/mixed; boundary="x"'],
      [
        '--x',
        'Content-Type: text/plain',
        '',
        'Order SO-9 arrived broken, please refund.',
        '--x',
        'Content-Type: image/jpeg',
        'Content-Disposition: attachment; filename="kettle.jpg"',
        'Content-Transfer-Encoding: base64',
        '',
        photo.toString('base64'),
        '--x--',
        '',
      ].join('\r\n'),
    );
    const record = await deliver(raw);
    if (record.outcome.kind !== 'claim') throw new Error(JSON.stringify(record.outcome));
    const claim = await table.store.getById(record.outcome.claimId);
    expect(claim?.language).toBe('en');
    expect(claim?.evidence).toEqual([
      expect.objectContaining({
        name: 'kettle.jpg',
        contentType: 'image/jpeg',
        size: photo.length,
        sha256: sha256(photo),
      }),
    ]);
    const key = claim?.evidence?.[0]?.key ?? '';
    expect(Buffer.from((await t.evidence.get(key)) ?? []).equals(photo)).toBe(true);
    expect(claim?.materialRequest?.items).not.toContain('photos, the invoice or other evidence');
  });

  it('stores the same message delivered twice once: one claim, one acknowledgment', async () => {
    const raw = complaint();
    const first = await deliver(raw);
    const second = await deliver(raw);
    expect(second).toEqual(first);
    const claims = (await table.allItems()).filter((i) => i['entityType'] === 'Claim');
    expect(claims).toHaveLength(1);
    expect(t.intents()).toHaveLength(1);
  });

  describe('replies', () => {
    async function acknowledgedClaim() {
      const record = await deliver(complaint());
      if (record.outcome.kind !== 'claim') throw new Error('no claim');
      const [ack] = t.intents();
      if (!ack) throw new Error('no acknowledgment');
      expect(await sendNotification(t.notify, ack)).toBe('sent');
      const sent = (t.mailer as InMemoryMailer).sent[0];
      if (!sent) throw new Error('nothing sent');
      return {
        claimId: record.outcome.claimId,
        number: record.outcome.claimNumber,
        sesId: 'mem-1@memory.test',
        ourId: sent.messageId,
      };
    }

    it('attach to their claim by In-Reply-To against the id the mailer returned, with their attachments', async () => {
      const { claimId, number, sesId } = await acknowledgedClaim();
      const raw = rawMail(
        [
          'From: wangfang@example.com',
          'Subject: Re: your acknowledgment',
          `In-Reply-To: <${sesId}>`,
          `References: <other@example.com> <${sesId}>`,
          'Content-Type: multipart/mixed; boundary="r"',
        ],
        '--r\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n发票见附件\r\n--r\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="invoice.pdf"\r\n\r\n%PDF-1.4\r\n--r--\r\n',
      );
      const record = await deliver(raw);
      expect(record.outcome).toEqual({ kind: 'reply', claimId, claimNumber: number });
      const claim = await table.store.getById(claimId);
      expect(claim?.version).toBe(2);
      expect(claim?.evidence?.map((e) => e.name)).toEqual(['invoice.pdf']);
      const events = await table.store.listEvents(claimId);
      const replyEvent = events.find((e) => e.action === 'customer_email');
      expect(replyEvent?.channel).toBe('email');
      expect(replyEvent?.note).toContain('发票见附件');
      // The claim is marked for staff and its owner (no assignee yet: the intake unit's managers) is told.
      expect(claim?.customerResponse).toEqual({ what: 'email_reply', at: replyEvent?.at });
      const [told] = t.intentsOf('customer_responded');
      expect(told?.recipient).toEqual({ type: 'unit_role', unitId: 'HQ', role: 'manager' });
      expect(told?.data).toMatchObject({ what: 'email_reply', excerpt: '发票见附件', files: 1 });
      expect(t.intents().map((i) => i.kind)).toEqual(['acknowledgment', 'customer_responded']);
    });

    it('attach by claim number in the subject when the sender is the claim contact', async () => {
      const { claimId, number } = await acknowledgedClaim();
      const raw = rawMail(
        ['From: WangFang@Example.com', `Subject: Re: [${number}] 补充`, 'Content-Type: text/plain'],
        'photo later',
      );
      const record = await deliver(raw);
      expect(record.outcome).toEqual({ kind: 'reply', claimId, claimNumber: number });
    });

    it('refuse the claim number from another sender: that message is a new claim of its own', async () => {
      const { claimId, number } = await acknowledgedClaim();
      const raw = rawMail(
        [
          'From: stranger@example.net',
          `Subject: Re: [${number}] I am also affected`,
          'Content-Type: text/plain',
        ],
        'same problem',
      );
      const record = await deliver(raw);
      expect(record.outcome.kind).toBe('claim');
      if (record.outcome.kind === 'claim') expect(record.outcome.claimId).not.toBe(claimId);
      expect((await table.store.getById(claimId))?.version).toBe(1);
    });

    /** The Reply-To notify put on the acknowledgment: the claim's reply address. */
    async function replyAddressOfAcknowledgment(): Promise<string> {
      const sent = (t.mailer as InMemoryMailer).sent[0];
      const parsed = await simpleParser(Buffer.from(sent?.raw ?? []));
      const address = parsed.replyTo?.value[0]?.address;
      if (address === undefined) throw new Error('the acknowledgment has no Reply-To');
      return address;
    }

    /** A reply with a photo attached, from `from`, to `to`. */
    const replyWithPhoto = (from: string, subject: string, to = 'claims@claims.example') =>
      rawMail(
        [
          `From: ${from}`,
          `To: ${to}`,
          `Subject: ${subject}`,
          `Message-ID: <${++n}.reply@example.com>`,
          'Content-Type: multipart/mixed; boundary="r"',
        ],
        '--r\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n请把赔偿打到这个新账户 6222 0000 1111\r\n--r\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename="proof.jpg"\r\n\r\nnot-a-jpeg\r\n--r--\r\n',
      );
    /** What SES finds for mail whose From is forged: SPF passes for the forger's own envelope only. */
    const forged = {
      source: 'bulk@forger.example',
      spf: 'PASS',
      dkim: 'FAIL',
      dmarc: 'FAIL',
      dmarcPolicy: 'none',
    };

    /**
     * Nothing of the held mail is on the claim: only the "customer responded" mark, one mail_held event
     * and one notice to its owner that quotes none of the mail's words, however many mails were held.
     */
    async function expectHeld(claimId: string) {
      const claim = await table.store.getById(claimId);
      expect(claim?.version).toBe(2);
      expect(claim?.evidence ?? []).toEqual([]);
      expect(claim?.customerResponse?.what).toBe('quarantined_mail');
      const events = await table.store.listEvents(claimId);
      expect(events.filter((e) => e.action === 'customer_email')).toEqual([]);
      expect(
        events.filter((e) => e.action === 'mail_held').map((e) => e.changes.map((c) => c.field)),
      ).toEqual([['customerResponse']]);
      expect([...t.evidence.objects.keys()].filter((k) => k.startsWith('email/'))).toEqual([]);
      const told = t.intentsOf('customer_responded');
      expect(told.map(({ data: { files: _files, ...rest } }) => rest)).toEqual([
        { what: 'quarantined_mail', at: claim?.customerResponse?.at, excerpt: null },
      ]);
    }

    it('hold a reply by claim number from the contact’s address when SES cannot verify it', async () => {
      const { claimId, number } = await acknowledgedClaim();
      const record = await deliver(replyWithPhoto('wangfang@example.com', `Re: [${number}] 补充`), forged);
      expect(record.outcome).toMatchObject({
        kind: 'quarantined',
        reasons: ['unverified_sender', 'sender:dmarc_fail'],
        claimId,
      });
      const note = record.outcome.kind === 'quarantined' ? (record.outcome.note ?? '') : '';
      expect(note).toContain(`未并入索赔 ${number}：发件人未通过验证（DMARC 验证失败`);
      expect(note).toContain(`Not added to claim ${number}: the sender could not be verified`);
      expect(note).toContain('spf=PASS, dkim=FAIL, dmarc=FAIL');
      await expectHeld(claimId);
      // Nothing was filed in the customer's name either, and nobody was answered.
      expect((await table.allItems()).filter((i) => i['entityType'] === 'Claim')).toHaveLength(1);
      expect(t.intents().map((i) => i.kind)).toEqual(['acknowledgment', 'customer_responded']);
    });

    it('hold a reply by In-Reply-To, and mail without any verdicts, when the sender is not verified', async () => {
      const { claimId, sesId } = await acknowledgedClaim();
      const answer = (subject: string) =>
        rawMail(
          [
            'From: wangfang@example.com',
            `Subject: ${subject}`,
            `In-Reply-To: <${sesId}>`,
            'Content-Type: text/plain',
          ],
          'more',
        );
      expect((await deliver(answer('Re: ack'), forged)).outcome).toMatchObject({
        kind: 'quarantined',
        claimId,
      });
      const bare = answer('Re: ack 2');
      expect((await deliver(bare, { spf: null, dkim: null, dmarc: null })).outcome).toMatchObject({
        kind: 'quarantined',
        reasons: ['unverified_sender', 'sender:no_aligned_pass'],
        claimId,
      });
      await expectHeld(claimId);
    });

    it('attach a verified reply: DMARC pass, or no DMARC record with SPF passing for the From domain', async () => {
      const { claimId, number } = await acknowledgedClaim();
      const viaDmarc = await deliver(replyWithPhoto('wangfang@example.com', `Re: [${number}] 一`), {
        spf: 'FAIL',
        dkim: 'PASS',
        dmarc: 'PASS',
        commonFrom: ['王芳 <wangfang@example.com>'],
      });
      expect(viaDmarc.outcome).toEqual({ kind: 'reply', claimId, claimNumber: number });
      const viaSpf = await deliver(replyWithPhoto('wangfang@example.com', `Re: [${number}] 二`), {
        source: 'wangfang=example.com@mail.example.com',
        spf: 'PASS',
        dkim: 'GRAY',
        dmarc: 'GRAY',
      });
      expect(viaSpf.outcome).toEqual({ kind: 'reply', claimId, claimNumber: number });
      const claim = await table.store.getById(claimId);
      expect(claim?.version).toBe(3);
      expect(claim?.evidence?.map((e) => e.name)).toEqual(['proof.jpg', 'proof.jpg']);
    });

    it('attach mail to the claim’s reply address even when SES cannot verify the sender', async () => {
      const { claimId, number } = await acknowledgedClaim();
      const address = await replyAddressOfAcknowledgment();
      expect(address).toMatch(new RegExp(`^claims\\+${number}\\.[0-9a-f]{20}@claims\\.example$`));
      // A customer whose own domain has no SPF, DKIM or DMARC, writing from another address.
      const record = await deliver(replyWithPhoto('wang.fang@home.example', 'Re: 您的索赔', address), {
        ...forged,
        recipients: [address],
      });
      expect(record.outcome).toEqual({ kind: 'reply', claimId, claimNumber: number, replyAddress: true });
      const claim = await table.store.getById(claimId);
      expect(claim?.evidence?.map((e) => e.name)).toEqual(['proof.jpg']);
      const events = await table.store.listEvents(claimId);
      expect(events.find((e) => e.action === 'customer_email')?.note).toContain('请把赔偿打到这个新账户');
    });

    it('hold mail to a reply address whose token is tampered or another claim’s, filing nothing', async () => {
      const first = await acknowledgedClaim();
      const address = await replyAddressOfAcknowledgment();
      const token = /\.([0-9a-f]{20})@/.exec(address)?.[1] ?? '';
      const tampered = address.replace(token, `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`);
      const record = await deliver(replyWithPhoto('wangfang@example.com', 'Re: 您的索赔', tampered), {
        ...forged,
        recipients: [tampered],
      });
      expect(record.outcome).toMatchObject({
        kind: 'quarantined',
        reasons: ['reply_address_invalid'],
        claimId: first.claimId,
      });
      const note = record.outcome.kind === 'quarantined' ? (record.outcome.note ?? '') : '';
      expect(note).toContain('地址中的校验码不正确');
      expect(note).toContain('wrong check code');
      // The token of claim 1 on claim 2's number (the next, guessable, number) is no key either.
      const next = first.number.replace(/\d+$/, (d) => String(Number(d) + 1).padStart(d.length, '0'));
      const moved = address.replace(first.number, next);
      const other = await deliver(replyWithPhoto('x@forger.example', 'hello', moved), {
        ...forged,
        recipients: [moved],
      });
      expect(other.outcome).toMatchObject({ kind: 'quarantined', reasons: ['reply_address_invalid'] });
      // A guess at a reply address is not the customer responding: the claim is not even marked.
      const claim = await table.store.getById(first.claimId);
      expect(claim?.version).toBe(1);
      expect(claim?.customerResponse).toBeUndefined();
      expect(t.intentsOf('customer_responded')).toEqual([]);
      expect([...t.evidence.objects.keys()].filter((k) => k.startsWith('email/'))).toEqual([]);
      expect((await table.allItems()).filter((i) => i['entityType'] === 'Claim')).toHaveLength(1);
    });
  });

  describe('no automatic answer', () => {
    it.each([
      ['Auto-Submitted: auto-replied', {}, 'auto_submitted:auto-replied'],
      ['Precedence: junk', {}, 'precedence:junk'],
      ['X-Loop: claims@claims.example', {}, 'loop_of_our_mail'],
      ['X-Autoreply: yes', {}, 'auto_reply'],
      ['X-Mailer: x', { source: '' }, 'null_return_path'],
      ['X-Mailer: x', { source: 'MAILER-DAEMON@mx.example.com' }, 'mailer_daemon'],
      ['X-Mailer: x', { spam: 'FAIL' }, 'spam_verdict'],
      ['X-Mailer: x', { virus: 'FAIL' }, 'virus_verdict'],
    ] as const)(
      'quarantines mail with %s %o (%s): recorded, no claim, no acknowledgment',
      async (header, envelope, reason) => {
        const record = await deliver(complaint([header]), envelope);
        expect(record.outcome.kind).toBe('quarantined');
        expect(record.outcome.kind === 'quarantined' ? record.outcome.reasons : []).toContain(reason);
        expect((await table.allItems()).filter((i) => i['entityType'] === 'Claim')).toEqual([]);
        expect(t.intents()).toEqual([]);
      },
    );

    it.each([
      ['Precedence: bulk', {}, 'precedence:bulk'],
      ['Precedence: list', {}, 'precedence:list'],
      ['List-Id: <kettles.lists.example.com>', {}, 'mailing_list'],
      ['Mailing-List: contact kettles-help@lists.example.com', {}, 'mailing_list'],
      ['X-Mailing-List: kettles@lists.example.com', {}, 'mailing_list'],
      ['X-Loop: kettles@lists.example.com', {}, 'x_loop'],
      ['Sender: owner-kettles@lists.example.com', {}, 'list_owner'],
      ['X-Mailer: x', { source: 'kettles-request@lists.example.com' }, 'list_owner'],
    ] as const)(
      'files a complaint with %s %o (%s) as a claim without an acknowledgment, the timeline saying why',
      async (header, envelope, reason) => {
        const record = await deliver(complaint([header]), envelope);
        if (record.outcome.kind !== 'claim') throw new Error(JSON.stringify(record.outcome));
        expect(record.outcome.noAnswer).toEqual([reason]);
        expect(t.intents()).toEqual([]);
        const [filed] = await table.store.listEvents(record.outcome.claimId);
        expect(filed).toMatchObject({ action: 'file_claim' });
        expect(filed?.note).toMatch(/^未自动发送受理回执：[^\n]+。$/);
        expect((await table.store.getById(record.outcome.claimId))?.description).toContain('壶底漏水');
      },
    );

    it('quarantines list mail that does not read as a complaint', async () => {
      const raw = rawMail(
        ['From: news@shop.example', 'Subject: Our November offers', 'List-Id: <offers.shop.example>'],
        'Twenty new kettles this month.',
      );
      const record = await deliver(raw);
      expect(record.outcome).toEqual({
        kind: 'quarantined',
        reasons: ['mailing_list', 'noreply_sender', 'not_a_complaint'],
      });
    });

    it('files a complaint from a noreply-type sender without answering it', async () => {
      const raw = rawMail(
        ['From: Shop Notifications <no-reply@shop.example>', 'Subject: Complaint forwarded: broken kettle'],
        'A customer reports the kettle is broken and asks for a refund.',
      );
      const record = await deliver(raw);
      expect(record.outcome).toMatchObject({ kind: 'claim', noAnswer: ['noreply_sender'] });
      expect(t.intents()).toEqual([]);
    });

    it('answers From, never a Reply-To that differs from it (a list that rewrites Reply-To)', async () => {
      const raw = rawMail(
        [
          'From: 王芳 <wangfang@example.com>',
          'Reply-To: kettles@lists.example.com',
          'Subject: 水壶漏水，要求退款',
        ],
        '壶底漏水。',
      );
      const record = await deliver(raw);
      if (record.outcome.kind !== 'claim') throw new Error(JSON.stringify(record.outcome));
      expect((await table.store.getById(record.outcome.claimId))?.claimant.email).toBe(
        'wangfang@example.com',
      );
      expect(t.intents()).toHaveLength(1);
    });

    it('answers Auto-Submitted: no like any other mail', async () => {
      expect((await deliver(complaint(['Auto-Submitted: no']))).outcome.kind).toBe('claim');
    });
  });

  describe('per-sender claim limit', () => {
    const limited = () => {
      const settings = defaultPolicySettings();
      t = mailTestDependencies(table, {
        settings: { ...settings, mail: { ...settings.mail, maxClaimsPerSenderPerWindow: 2 } },
      });
      handler = createEmailIn(t.emailIn);
    };
    const from = (minute: number, body: string) =>
      deliver(complaint([], body), { timestamp: `2026-11-23T02:${String(minute).padStart(2, '0')}:00.000Z` });

    it('counts a message once however often it is delivered', async () => {
      const at = new Date('2026-11-23T02:00:00.000Z');
      const take = (sha: string) => t.mailStore.takeClaimAllowance('A@example.com', sha, at, 60, 2);
      expect([await take('a'), await take('a'), await take('b'), await take('a')]).toEqual([
        true,
        true,
        true,
        true,
      ]);
      expect(await take('c')).toBe(false);
      expect(
        await t.mailStore.takeClaimAllowance(
          'a@example.com',
          'c',
          new Date('2026-11-23T03:00:00.000Z'),
          60,
          2,
        ),
      ).toBe(true);
    });

    it('adds mail over the limit to the sender’s latest open claim, saying why', async () => {
      limited();
      const first = await from(0, '第一封：水壶漏水，要求退款。');
      const second = await from(1, '第二封：水壶漏水，要求退款。');
      expect([first.outcome.kind, second.outcome.kind]).toEqual(['claim', 'claim']);
      const third = await from(2, '第三封：又漏水了。');
      if (second.outcome.kind !== 'claim') throw new Error('no claim');
      expect(third.outcome).toEqual({
        kind: 'reply',
        claimId: second.outcome.claimId,
        claimNumber: second.outcome.claimNumber,
        rateLimited: true,
      });
      const events = await table.store.listEvents(second.outcome.claimId);
      const added = events.find((e) => e.action === 'customer_email');
      expect(added?.note).toContain('本邮件未另立索赔：该发件人 60 分钟内已有 2 件邮件索赔');
      expect(added?.note).toContain('第三封：又漏水了。');
      expect((await table.allItems()).filter((i) => i['entityType'] === 'Claim')).toHaveLength(2);
      expect(t.intents().map((i) => i.kind)).toEqual([
        'acknowledgment',
        'acknowledgment',
        'customer_responded',
      ]);
    });

    it('holds unverified mail over the limit instead of adding it to the latest open claim', async () => {
      limited();
      await from(0, '第一封：水壶漏水，要求退款。');
      const second = await from(1, '第二封：水壶漏水，要求退款。');
      if (second.outcome.kind !== 'claim') throw new Error('no claim');
      const third = await deliver(complaint([], '第三封：改成退到新账户。'), {
        timestamp: '2026-11-23T02:02:00.000Z',
        source: 'x@forger.example',
        dmarc: 'FAIL',
      });
      expect(third.outcome).toMatchObject({
        kind: 'quarantined',
        reasons: ['sender_claim_rate_limit', 'unverified_sender', 'sender:dmarc_fail'],
        claimId: second.outcome.claimId,
      });
      // Marked for its owner, nothing of the mail added.
      const held = await table.store.getById(second.outcome.claimId);
      expect(held?.customerResponse?.what).toBe('quarantined_mail');
      expect(held?.evidence ?? []).toEqual([]);
    });

    it('files claims again in the next window', async () => {
      limited();
      await from(0, '一：漏水，要求退款。');
      await from(1, '二：漏水，要求退款。');
      const later = await deliver(complaint([], '三：漏水，要求退款。'), {
        timestamp: '2026-11-23T03:05:00.000Z',
      });
      expect(later.outcome.kind).toBe('claim');
    });

    it('quarantines mail over the limit when the sender has no open claim', async () => {
      limited();
      for (const minute of [0, 1]) {
        const record = await from(minute, `${minute}：漏水，要求退款。`);
        if (record.outcome.kind !== 'claim') throw new Error('no claim');
        const claim = await table.store.getById(record.outcome.claimId);
        if (!claim) throw new Error('claim missing');
        // Withdrawn by the customer: no longer open.
        const { change } = claimUpdate(
          claim,
          { ...claim, status: 'withdrawn' },
          {
            eventId: `withdraw-${minute}`,
            at: '2026-11-23T02:30:00.000Z',
            actor: { type: 'customer' },
            action: 'withdraw',
          },
        );
        await t.emailIn.writer.commit(change);
      }
      const record = await from(2, '又来信了，要求退款。');
      expect(record.outcome).toEqual({ kind: 'quarantined', reasons: ['sender_claim_rate_limit'] });
    });
  });

  describe('mail as real mailboxes send it (test/fixtures/mail)', () => {
    it.each(MAIL_FIXTURES.map((f) => [f.file, f] as const))('%s', async (file, fixture) => {
      const raw = readFixture(file);
      const source =
        /^Return-Path:\s*<([^>]*)>/im.exec(raw.toString('latin1'))?.[1] ?? 'customer@example.com';
      const record = await deliver(raw, { source });
      const { decision } = fixture;
      if (typeof decision === 'object' && 'quarantine' in decision) {
        expect(record.outcome.kind).toBe('quarantined');
        expect(record.outcome.kind === 'quarantined' ? record.outcome.reasons : []).toContain(
          decision.quarantine,
        );
        expect(t.intents()).toEqual([]);
        return;
      }
      if (record.outcome.kind !== 'claim') throw new Error(JSON.stringify(record.outcome));
      const claim = await table.store.getById(record.outcome.claimId);
      expect(claim?.description).toContain(fixture.subject);
      expect(claim?.description).toContain(fixture.text.slice(0, 200));
      expect(claim?.description).not.toContain('\uFFFD');
      expect(claim?.claimant).toMatchObject({
        email: fixture.from?.address,
        ...(fixture.from?.name ? { name: fixture.from.name } : {}),
      });
      expect(claim?.claimant.name).not.toContain('\uFFFD');
      expect(claim?.evidence?.map((e) => e.name) ?? []).toEqual(fixture.evidence ?? []);
      if (decision === 'answered') {
        expect(record.outcome.noAnswer).toBeUndefined();
        expect(t.intents()).toEqual([
          expect.objectContaining({ kind: 'acknowledgment', claimId: claim?.id }),
        ]);
      } else {
        expect(record.outcome.noAnswer).toContain(decision.noAnswer);
        expect(t.intents()).toEqual([]);
      }
    });

    it('keeps winmail.dat and its files as evidence, each stored with its checksum', async () => {
      const record = await deliver(readFixture('winmail-dat.eml'));
      if (record.outcome.kind !== 'claim') throw new Error(JSON.stringify(record.outcome));
      const evidence = (await table.store.getById(record.outcome.claimId))?.evidence ?? [];
      expect(evidence.map((e) => e.sha256).slice(1)).toEqual([
        sha256(TNEF_FILES.docx),
        sha256(TNEF_FILES.jpeg),
      ]);
      for (const item of evidence) {
        const stored = await t.evidence.get(item.key);
        expect(stored && sha256(stored)).toBe(item.sha256);
      }
      expect(evidence[0]?.contentType).toBe('application/ms-tnef');
    });
  });

  /**
   * Issue 25, item 5: an email claim gets the first-reply clock its acknowledgment promises, its stand-in
   * product, category and day found are to be confirmed, and stand-ins are no same-kind complaints.
   * Received Monday 2026-11-23 10:00 Shanghai (the fixtures' clock).
   */
  describe('facts to be confirmed', () => {
    async function fileByMail(raw: Buffer) {
      const record = await deliver(raw);
      if (record.outcome.kind !== 'claim') throw new Error(JSON.stringify(record.outcome));
      const claim = await table.store.getById(record.outcome.claimId);
      if (!claim) throw new Error('no claim stored');
      return claim;
    }
    /** The acknowledgment as the customer reads it. */
    async function acknowledgmentText(): Promise<string> {
      const [ack] = t.intentsOf('acknowledgment');
      if (!ack) throw new Error('no acknowledgment');
      expect(await sendNotification(t.notify, ack)).toBe('sent');
      const parsed = await simpleParser(Buffer.from((t.mailer as InMemoryMailer).sent[0]?.raw ?? []));
      return parsed.text ?? '';
    }

    it('starts the first-reply clock and the acknowledgment states its real deadline, in words', async () => {
      const claim = await fileByMail(complaint());
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
      expect(t.intentsOf('acknowledgment')[0]?.data.firstReplyDue).toBe(claim.clocks?.first_reply?.dueAt);
      // Thursday 2026-11-26 18:00 Shanghai: three working days from the Monday it arrived.
      expect(await acknowledgmentText()).toContain('我们将在 2026年11月26日 18:00 前给您首次答复。');
    });

    it('says the same deadline in English to an English sender', async () => {
      await fileByMail(
        rawMail(
          ['From: Jane Doe <jane@example.com>', 'Subject: Kettle leaking', 'Content-Type: text/plain'],
          'The kettle I bought leaks from the bottom. Please refund.',
        ),
      );
      expect(await acknowledgmentText()).toContain('You will have our first reply by 26 Nov 2026, 18:00.');
    });

    it('three senders about an unnamed product are not three same-kind complaints', async () => {
      const claims = [];
      for (const from of ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com'])
        claims.push(await fileByMail(complaint([], '电热水壶壶底漏水，要求退款。', from)));
      expect(claims.map((c) => [c.severity, c.severityReasons])).toEqual(
        claims.map(() => [3, ['no level-1 or level-2 rule applies']]),
      );
      // Stand-ins stay out of the kind index, so nothing counts them until staff confirm the kind.
      const kindKeys = (await table.allItems()).filter(
        (i) => i['entityType'] === 'Claim' && i[INDEXES.byKind.partitionKey] !== undefined,
      );
      expect(kindKeys).toEqual([]);
    });
  });

  it('keeps an oversized message raw and records it as unparseable', async () => {
    const settings = defaultPolicySettings();
    t = mailTestDependencies(table, {
      settings: { ...settings, mail: { ...settings.mail, maxMessageBytes: 1000 } },
    });
    handler = createEmailIn(t.emailIn);
    const raw = complaint([], 'x'.repeat(5000));
    const record = await deliver(raw);
    expect(record.outcome.kind).toBe('unparseable');
    expect(record.outcome.kind === 'unparseable' ? record.outcome.reason : '').toMatch(/^too_large/);
    expect(record.rawKey).toMatch(/^inbound\//);
    expect(await t.rawMail.get(record.rawKey)).not.toBeNull();
  });

  it('fails the record (for a retry) when the raw message is not in the store yet, and refuses a malformed notification', async () => {
    const missing = await handler(sqsEvent([sesNotification('inbound/nothing-here')]), lambdaContext());
    expect(missing.batchItemFailures).toHaveLength(1);
    const malformed = await handler(sqsEvent([{ notificationType: 'Bounce' }]), lambdaContext());
    expect(malformed.batchItemFailures).toHaveLength(1);
  });
});
