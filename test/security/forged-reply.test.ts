import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { simpleParser } from 'mailparser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmailIn } from '../../functions/email-in/app.js';
import type { InMemoryMailer } from '../../shared/adapters/memory/mailer.js';
import { sendNotification } from '../../shared/domain/use-cases/send-notification.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import type { InboundRecord } from '../../shared/ports/mail-store.js';
import type { SesOverrides } from '../support/mail.js';
import { deliverInbound, mailTestDependencies, sha256, type MailTestDeps } from '../support/mail-deps.js';

/**
 * Issue 22, break 5: given a customer's address and their (sequential) claim number, a message with a
 * forged `From:` and `[CLM-…]` in the subject added its text and attachments to that customer's claim,
 * as the customer: SES's SPF, DKIM and DMARC verdicts were never read. Here the attacker's message is
 * built with nodemailer's composer, as a mail client sends it, and delivered with the verdicts SES gives
 * such mail (SPF passes for the attacker's own envelope domain; DKIM and DMARC fail for the victim's).
 */
describe('a forged From: cannot add to another customer’s claim', () => {
  let table: TestTable;
  let t: MailTestDeps;
  let deliver: (raw: Buffer, envelope: SesOverrides) => Promise<InboundRecord>;

  beforeEach(async () => {
    table = await createTestTable();
    t = mailTestDependencies(table);
    const handler = createEmailIn(t.emailIn);
    let n = 0;
    deliver = (raw, envelope) => deliverInbound(t, handler, `inbound/attack-${++n}`, raw, envelope);
  });

  async function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
    return new MailComposer(options).compile().build();
  }

  /** The victim files a claim by mail (their own, verified mail) and gets the acknowledgment. */
  async function victimClaim() {
    const record = await deliver(
      await compose({
        from: '王芳 <wangfang@example.com>',
        to: 'claims@claims.example',
        subject: '电热水壶漏水，要求退款',
        text: '订单号 SO-2001，壶底漏水。',
      }),
      {},
    );
    if (record.outcome.kind !== 'claim') throw new Error(JSON.stringify(record.outcome));
    const [ack] = t.intents();
    if (!ack) throw new Error('no acknowledgment');
    expect(await sendNotification(t.notify, ack)).toBe('sent');
    return { claimId: record.outcome.claimId, number: record.outcome.claimNumber };
  }

  const attacker: SesOverrides = {
    source: 'mailer@attacker.example',
    spf: 'PASS',
    dkim: 'FAIL',
    dmarc: 'FAIL',
    dmarcPolicy: 'none',
  };

  it('holds the forged reply for staff: no text, no attachment on the claim; only its owner is told', async () => {
    const { claimId, number } = await victimClaim();
    // Sequential numbers: the attacker needs only the address and a guess at the number.
    expect(number).toMatch(/^CLM-\d{4}-000001$/);
    const forged = await compose({
      from: '王芳 <wangfang@example.com>',
      to: 'claims@claims.example',
      subject: `Re: [${number}] 收款账户变更`,
      text: '我的银行卡换了，请把赔偿打到 6222 0000 1111 2222。',
      // The local stand-in's test header means nothing behind SES: the handler never reads it.
      headers: { 'X-Local-SES-Verdicts': 'spf=PASS; dkim=PASS; dmarc=PASS' },
      attachments: [{ filename: '新账户.jpg', content: Buffer.from('fake'), contentType: 'image/jpeg' }],
    });
    const record = await deliver(forged, attacker);

    expect(record.outcome).toMatchObject({
      kind: 'quarantined',
      reasons: ['unverified_sender', 'sender:dmarc_fail'],
      claimId,
    });
    const note = record.outcome.kind === 'quarantined' ? (record.outcome.note ?? '') : '';
    expect(note).toContain(`未并入索赔 ${number}`);
    expect(note).toContain('可能是冒充客户的邮件');
    expect(note).toContain('it may not come from the customer');

    const claim = await table.store.getById(claimId);
    // The claim carries only the mark for staff: none of the forged mail's words or files.
    expect(claim?.customerResponse?.what).toBe('quarantined_mail');
    expect(claim?.evidence ?? []).toEqual([]);
    const events = await table.store.listEvents(claimId);
    expect(events.map((e) => e.action)).not.toContain('customer_email');
    expect(JSON.stringify(events)).not.toContain('6222');
    expect(JSON.stringify(claim)).not.toContain('6222');
    expect([...t.evidence.objects.keys()]).toEqual([]);
    // Not a new claim in the victim's name, and no mail to the victim either: staff are told, quoting nothing.
    expect((await table.allItems()).filter((i) => i['entityType'] === 'Claim')).toHaveLength(1);
    expect(t.intents().map((i) => [i.kind, i.recipient.type])).toEqual([
      ['acknowledgment', 'customer'],
      ['customer_responded', 'unit_role'],
    ]);
    expect(JSON.stringify(t.intentsOf('customer_responded'))).not.toContain('6222');
  });

  it('cannot guess the reply address either: the token is not derived from what the attacker knows', async () => {
    const { claimId, number } = await victimClaim();
    const guesses = [
      `claims+${number}.00000000000000000000@claims.example`,
      `claims+${number}.${sha256(Buffer.from(number)).slice(0, 20)}@claims.example`,
      `claims+${number}@claims.example`,
    ];
    for (const to of guesses) {
      const record = await deliver(
        await compose({ from: 'wangfang@example.com', to, subject: 'Re: 您的索赔', text: `试 ${to}` }),
        { ...attacker, recipients: [to] },
      );
      // Held, or (with no token at all, like any new mail) a claim of its own: never added to the victim's.
      expect(record.outcome.kind, to).not.toBe('reply');
      if (record.outcome.kind === 'quarantined')
        expect(record.outcome.reasons, to).toEqual(['reply_address_invalid']);
    }
    expect((await table.store.getById(claimId))?.version).toBe(1);
  });

  it('still takes the customer’s real answer to the Reply-To we sent, whatever the verdicts', async () => {
    const { claimId, number } = await victimClaim();
    const sent = (t.mailer as InMemoryMailer).sent[0];
    const ack = await simpleParser(Buffer.from(sent?.raw ?? []));
    const replyTo = ack.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(new RegExp(`^claims\\+${number}\\.[0-9a-f]{20}@claims\\.example$`));
    const record = await deliver(
      await compose({
        from: 'wangfang@example.com',
        to: replyTo,
        subject: `Re: ${ack.subject ?? ''}`,
        text: '型号 K1。',
      }),
      { ...attacker, source: 'wangfang@example.com', recipients: [replyTo] },
    );
    expect(record.outcome).toEqual({ kind: 'reply', claimId, claimNumber: number, replyAddress: true });
  });
});
