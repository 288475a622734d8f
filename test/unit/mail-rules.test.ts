import { describe, expect, it } from 'vitest';
import {
  automaticMailDecision,
  automaticMailReasons,
  claimNumberInSubject,
  intakeFromMail,
  senderAddress,
  type Envelope,
  type ParsedMail,
} from '../../shared/domain/mail/inbound.js';
import { IntakeInputSchema } from '../../shared/domain/claim.js';
import { normalizeMessageId } from '../../shared/ports/mail-store.js';
import { ackRateKey, inboundKey, notificationKey, sentMailKey } from '../../shared/adapters/dynamodb/keys.js';

function mail(overrides: Partial<ParsedMail> = {}): ParsedMail {
  return {
    messageId: '<a@example.com>',
    inReplyTo: [],
    references: [],
    from: { address: 'customer@example.com', name: 'Customer' },
    replyTo: null,
    subject: 'Kettle leaks',
    text: 'It leaks.',
    date: null,
    headers: {},
    contentType: 'text/plain',
    reportType: null,
    attachments: [],
    skippedAttachments: 0,
    ...overrides,
  };
}
const person: Envelope = { returnPath: 'customer@example.com', spamVerdict: 'PASS', virusVerdict: 'PASS' };

describe('automaticMailDecision', () => {
  it('quarantines machine mail, files list, bulk and noreply complaints unanswered, and quarantines the rest', () => {
    const ours = { ...person, recipients: ['claims@claims.example'] };
    const complaint = { subject: '投诉：水壶漏水', text: '要求退款。' };
    expect(
      automaticMailDecision(mail({ headers: { 'x-loop': 'a@x, Claims@Claims.example' } }), ours),
    ).toEqual({
      quarantine: ['loop_of_our_mail'],
      noAnswer: [],
    });
    expect(
      automaticMailDecision(mail({ ...complaint, headers: { 'x-loop': 'list@lists.example' } }), ours),
    ).toEqual({
      quarantine: [],
      noAnswer: ['x_loop'],
    });
    expect(
      automaticMailDecision(
        mail({ ...complaint, headers: { sender: 'Kettles <owner-kettles@lists.example>' } }),
        person,
      ),
    ).toEqual({ quarantine: [], noAnswer: ['list_owner'] });
    for (const address of [
      'noreply@shop.example',
      'No-Reply+x@shop.example',
      'donotreply@a.b',
      'notifications@a.b',
      'newsletter@a.b',
    ])
      expect(
        automaticMailDecision(mail({ ...complaint, from: { address, name: '' } }), person).noAnswer,
      ).toEqual(['noreply_sender']);
    expect(automaticMailDecision(mail({ from: { address: 'replyguy@a.b', name: '' } }), person)).toEqual({
      quarantine: [],
      noAnswer: [],
    });
    expect(
      automaticMailDecision(
        mail({ subject: 'Offers', text: 'New kettles.', headers: { 'list-id': '<x>' } }),
        person,
      ),
    ).toEqual({
      quarantine: ['mailing_list', 'not_a_complaint'],
      noAnswer: [],
    });
    expect(automaticMailDecision(mail({ ...complaint, from: null }), person).noAnswer).toEqual([
      'no_from_address',
    ]);
    expect(
      automaticMailDecision(
        mail({ ...complaint, headers: { 'list-id': '<x>', 'auto-submitted': 'auto-generated' } }),
        person,
      ).quarantine,
    ).toEqual(['auto_submitted:auto-generated', 'mailing_list']);
  });
});

describe('automaticMailReasons', () => {
  it('finds nothing in mail a person wrote', () => {
    expect(automaticMailReasons(mail(), person)).toEqual([]);
    expect(automaticMailReasons(mail({ headers: { 'auto-submitted': 'no' } }), person)).toEqual([]);
    expect(automaticMailReasons(mail({ headers: { precedence: 'first-class' } }), person)).toEqual([]);
    expect(
      automaticMailReasons(mail(), { ...person, spamVerdict: 'GRAY', virusVerdict: 'PROCESSING_FAILED' }),
    ).toEqual([]);
  });

  it('names every reason a message gets no automatic answer', () => {
    expect(
      automaticMailReasons(
        mail({
          headers: { 'auto-submitted': 'auto-generated; x', precedence: 'junk', 'list-unsubscribe': '<x>' },
          contentType: 'multipart/report',
          reportType: 'feedback-report',
          from: { address: 'postmaster@example.com', name: '' },
        }),
        { returnPath: '<>', spamVerdict: 'FAIL', virusVerdict: 'FAIL' },
      ),
    ).toEqual([
      'auto_submitted:auto-generated',
      'precedence:junk',
      'mailing_list',
      'null_return_path',
      'mailer_daemon_sender',
      'abuse_report',
      'spam_verdict',
      'virus_verdict',
    ]);
    expect(
      automaticMailReasons(mail({ contentType: 'multipart/report', reportType: 'delivery-status' }), person),
    ).toEqual(['bounce']);
    expect(
      automaticMailReasons(
        mail({ contentType: 'multipart/report', reportType: 'disposition-notification' }),
        person,
      ),
    ).toEqual(['report:disposition-notification']);
  });
});

describe('threading and sender helpers', () => {
  it('reads claim numbers in decorated subjects', () => {
    expect(claimNumberInSubject('Re: [CLM-2026-000123] 补充材料')).toBe('CLM-2026-000123');
    expect(claimNumberInSubject('回复：clm-2026-0001234')).toBe('CLM-2026-0001234');
    expect(claimNumberInSubject('CLM-26-1')).toBeNull();
  });

  it('normalises Message-IDs, matching SES ids by their local part whatever the region domain', () => {
    expect(normalizeMessageId('<ABC@Example.COM>')).toBe('abc@example.com');
    expect(normalizeMessageId('<0100018c-x@email.amazonses.com>')).toBe('ses:0100018c-x');
    expect(normalizeMessageId('0100018c-x@eu-west-1.amazonses.com')).toBe('ses:0100018c-x');
  });

  it('takes the sender from From, then Reply-To, then the envelope', () => {
    expect(senderAddress(mail(), person)).toBe('customer@example.com');
    expect(senderAddress(mail({ from: null, replyTo: 'Reply@Example.com' }), person)).toBe(
      'reply@example.com',
    );
    expect(senderAddress(mail({ from: null }), { ...person, returnPath: '<env@example.com>' })).toBe(
      'env@example.com',
    );
    expect(senderAddress(mail({ from: null }), { ...person, returnPath: '' })).toBeNull();
  });
});

describe('intakeFromMail', () => {
  it('fills what mail can say, asks for the rest, and passes the intake schema', () => {
    const intake = intakeFromMail(
      mail({
        subject: '电饭煲内胆脱落',
        text: '订单号：SO-7788，要求换货',
        from: { address: 'li@example.com', name: '' },
      }),
      'li@example.com',
      new Date('2026-11-23T17:00:00Z'),
    );
    expect(IntakeInputSchema.parse(intake.input)).toMatchObject({
      claimant: { name: 'li', email: 'li@example.com' },
      product: { orderNumber: 'SO-7788' },
      requestedRemedy: 'replacement',
      language: 'zh-CN',
      foundOn: '2026-11-24', // Asia/Shanghai date of the receipt
    });
    expect(intake.missing).toEqual(['产品名称和型号', '发现问题的日期', '照片、发票等凭证']);
  });

  it('asks for the remedy when the message names none, and clips long text', () => {
    const intake = intakeFromMail(mail({ text: 'x'.repeat(9000) }), 'customer@example.com', new Date());
    expect(intake.missing[0]).toMatch(/remedy/);
    expect(Array.from(intake.input.description)).toHaveLength(5000);
  });
});

describe('mail keys (a persisted contract)', () => {
  it('pins every mail key string', () => {
    expect(inboundKey('ab12')).toEqual({ PK: 'INBOUND#ab12', SK: 'INBOUND' });
    expect(sentMailKey('ses:0100018c-x')).toEqual({ PK: 'MAIL#ses:0100018c-x', SK: 'MAIL' });
    expect(ackRateKey('A@Example.com', '2026-11-23T02')).toEqual({
      PK: 'ACKRATE#a@example.com#2026-11-23T02',
      SK: 'ACKRATE',
    });
    expect(notificationKey('c1:acknowledgment', 'c1')).toEqual({
      PK: 'CLAIM#c1',
      SK: 'NOTIFIED#c1:acknowledgment',
    });
    expect(notificationKey('report:2026-11-23', null)).toEqual({
      PK: 'NOTIFIED#report:2026-11-23',
      SK: 'NOTIFIED',
    });
  });
});
