import { describe, expect, it } from 'vitest';
import { answerableOnRelease, mailReasonWords } from '../../shared/domain/mail/held-reasons.js';
import { automaticMailReasons, type ParsedMail } from '../../shared/domain/mail/inbound.js';

const mail = (headers: Record<string, string>, extra: Partial<ParsedMail> = {}): ParsedMail => ({
  messageId: null,
  inReplyTo: [],
  references: [],
  from: { name: '', address: 'someone@example.com' },
  replyTo: null,
  subject: 's',
  text: 't',
  date: null,
  headers,
  contentType: 'text/plain',
  reportType: null,
  attachments: [],
  skippedAttachments: 0,
  ...extra,
});

describe('held mail reasons in words', () => {
  it('words every code the rules produce in both languages, never as the code', () => {
    const produced = [
      ...automaticMailReasons(
        mail({ 'auto-submitted': 'auto-replied', precedence: 'bulk', 'list-id': 'x', 'x-autoreply': 'yes' }),
        { returnPath: '', spamVerdict: 'FAIL', virusVerdict: 'FAIL' },
      ),
      ...automaticMailReasons(mail({}, { contentType: 'multipart/report', reportType: 'delivery-status' }), {
        returnPath: 'MAILER-DAEMON@mx.example',
        spamVerdict: 'PASS',
        virusVerdict: 'PASS',
      }),
      'not_a_complaint',
      'no_sender_address',
      'unverified_sender',
      'sender:dmarc_fail',
      'reply_address_invalid',
      'sender_claim_rate_limit',
      'too_large: 40000000 bytes > 31457280',
      'unparseable: bad boundary',
      'report:disposition-notification',
    ];
    expect(produced.length).toBeGreaterThan(12);
    for (const code of produced) {
      for (const language of ['zh-CN', 'en'] as const) {
        const words = mailReasonWords(code, language);
        expect(words, code).not.toBe(code);
        expect(words, code).not.toMatch(/held by a mail rule|被邮件规则暂扣/);
      }
    }
    expect(mailReasonWords('auto_submitted:auto-replied', 'zh-CN')).toBe('自动发出的邮件（Auto-Submitted）');
    expect(mailReasonWords('sender:no_aligned_pass', 'en')).toBe('no SPF or DKIM pass for the From domain');
    expect(mailReasonWords('too_large: 40000000 bytes > 31457280', 'zh-CN')).toBe('邮件过大，无法读取');
  });

  it('words an unknown code as a rule, in the reader’s language', () => {
    expect(mailReasonWords('something_new', 'zh-CN')).toBe('被邮件规则暂扣');
    expect(mailReasonWords('something_new', 'en')).toBe('held by a mail rule');
  });

  it('answers a released message only when nothing says a machine or a list wrote it', () => {
    expect(answerableOnRelease(['unverified_sender', 'sender:dmarc_fail'])).toBe(true);
    expect(answerableOnRelease(['sender_claim_rate_limit'])).toBe(true);
    expect(answerableOnRelease(['reply_address_invalid'])).toBe(true);
    expect(answerableOnRelease(['auto_submitted:auto-replied'])).toBe(false);
    expect(answerableOnRelease(['mailing_list', 'not_a_complaint'])).toBe(false);
    expect(answerableOnRelease(['sender_claim_rate_limit', 'bounce'])).toBe(false);
  });
});
