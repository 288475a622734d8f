import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeGbWords,
  mimeDepth,
  parseMail,
  type ParseLimits,
} from '../../shared/adapters/mail/parse-mail.js';
import type { ParsedMail } from '../../shared/domain/mail/inbound.js';
import { encode, encodedWord, rawMail } from '../support/mail.js';

const LIMITS: ParseLimits = {
  maxMessageBytes: 1024 * 1024,
  maxMimeDepth: 10,
  maxHeaderBytes: 64 * 1024,
  maxAttachments: 5,
};

async function parsed(raw: Buffer, limits = LIMITS): Promise<ParsedMail> {
  const result = await parseMail(raw, limits);
  if (!result.ok) throw new Error(`expected a parse, got ${result.reason}`);
  return result.mail;
}

function textMail(charset: string, subject: string, body: string): Buffer {
  return rawMail(
    [
      'From: Customer <customer@example.com>',
      'To: claims@claims.example',
      `Subject: ${encodedWord(subject, charset)}`,
      'Message-ID: <m1@example.com>',
      'MIME-Version: 1.0',
      `Content-Type: text/plain; charset=${charset}`,
      'Content-Transfer-Encoding: 8bit',
    ],
    encode(body, charset),
  );
}

describe('parseMail: charsets', () => {
  it.each([
    ['UTF-8', '电热水壶漏水 ✔', '壶底漏水，要求换货。'],
    ['GBK', '电热水壶漏水（GBK）', '壶底漏水，要求换货。镕'],
    ['Big5', '電熱水壺漏水', '壺底漏水，要求換貨。'],
    ['ISO-8859-1', 'Bouilloire défectueuse', 'Le fond fuit, je demande un échange.'],
  ])('decodes %s subjects and bodies without replacement characters', async (charset, subject, body) => {
    const mail = await parsed(textMail(charset, subject, body));
    expect(mail.subject).toBe(subject);
    expect(mail.text.trim()).toBe(body);
    expect(`${mail.subject}${mail.text}`).not.toContain('\uFFFD');
  });

  it('decodes text labelled GB2312 as GB18030, keeping characters GB2312 lacks (and four-byte ones)', async () => {
    // 镕 is GBK-only, 𠀀 needs GB18030's four-byte form: both are common in mail labelled "gb2312".
    const subject = '朱镕基 𠀀 投诉';
    const body = '产品质量问题：镕 𠀀';
    const raw = rawMail(
      [
        `From: =?gb2312?B?${encode('朱镕𠀀', 'gb18030').toString('base64')}?= <customer@example.com>`,
        `Subject: =?gb2312?B?${encode(subject, 'gb18030').toString('base64')}?=`,
        'Content-Type: text/plain; charset="gb2312"',
        'Content-Transfer-Encoding: base64',
      ],
      encode(body, 'gb18030').toString('base64'),
    );
    const mail = await parsed(raw);
    expect(mail.subject).toBe(subject);
    expect(mail.text.trim()).toBe(body);
    expect(mail.from).toEqual({ address: 'customer@example.com', name: '朱镕𠀀' });
  });

  it('decodes ISO-2022-JP and quoted-printable', async () => {
    const raw = rawMail(
      [
        'From: customer@example.com',
        // 苦情 in ISO-2022-JP (iconv-lite cannot encode it; libmime decodes it with encoding-japanese).
        'Subject: =?ISO-2022-JP?B?GyRCNmw+cBsoQg==?=',
        'Content-Type: text/plain; charset=ISO-2022-JP',
        'Content-Transfer-Encoding: 7bit',
      ],
      Buffer.from('\x1b$B6l>p\x1b(B test', 'latin1'),
    );
    const mail = await parsed(raw);
    expect(mail.subject).toBe('苦情');
    expect(mail.text).toContain('苦情');
    const qp = await parsed(
      rawMail(
        [
          'From: a@example.com',
          'Subject: =?UTF-8?Q?caf=C3=A9?=',
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: quoted-printable',
        ],
        'caf=C3=A9 cr=C3=A8me',
      ),
    );
    expect(qp.subject).toBe('café');
    expect(qp.text.trim()).toBe('café crème');
  });

  it('decodes GB words with decodeGbWords and leaves other charsets to the parser', () => {
    expect(decodeGbWords(`Subject: ${encodedWord('投诉', 'gb2312')} ${encodedWord('一', 'gb2312')}`)).toBe(
      '投诉一',
    );
    expect(decodeGbWords('Subject: =?UTF-8?B?5oqV6K+J?=')).toBeNull();
  });
});

describe('parseMail: structure', () => {
  it('reduces HTML-only mail to text without markup or scripts', async () => {
    const mail = await parsed(
      rawMail(
        ['From: a@example.com', 'Subject: html', 'Content-Type: text/html; charset=utf-8'],
        '<html><head><style>p{color:red}</style><script>alert(1)</script></head><body><p>壶底<b>漏水</b></p><img src=x onerror=alert(2)></body></html>',
      ),
    );
    expect(mail.text).toContain('壶底漏水');
    expect(mail.text).not.toMatch(/<|alert|color:red/);
  });

  it('keeps attachments with name, type, size and SHA-256, and nested messages as attachments', async () => {
    const photo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const raw = rawMail(
      [
        'From: a@example.com',
        'Subject: evidence',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
      ],
      [
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '见附件',
        '--b1',
        `Content-Type: image/png; name="${encodedWord('照片.png', 'UTF-8')}"`,
        'Content-Disposition: attachment; filename="photo.png"',
        'Content-Transfer-Encoding: base64',
        '',
        photo.toString('base64'),
        '--b1',
        'Content-Type: message/rfc822',
        'Content-Disposition: attachment',
        '',
        'From: shop@example.com',
        'Subject: your order',
        '',
        'original order confirmation',
        '--b1--',
        '',
      ].join('\r\n'),
    );
    const mail = await parsed(raw);
    // A forwarded message's text follows below a separator (issue 19); the message stays an attachment.
    expect(mail.text).toBe(
      '见附件\n\n---------- 转发的邮件 Forwarded message ----------\n发件人 From: shop@example.com\n主题 Subject: your order\n\noriginal order confirmation',
    );
    const png = mail.attachments.find((a) => a.contentType === 'image/png');
    expect(png).toMatchObject({
      name: 'photo.png',
      size: photo.length,
      sha256: createHash('sha256').update(photo).digest('hex'),
    });
    expect(Buffer.from(png?.content ?? []).equals(photo)).toBe(true);
    const nested = mail.attachments.find((a) => a.contentType === 'message/rfc822');
    expect(Buffer.from(nested?.content ?? []).toString()).toContain('original order confirmation');
  });

  it('keeps only maxAttachments attachments and counts the rest', async () => {
    const parts = Array.from({ length: 7 }, (_, n) =>
      [
        '--b',
        `Content-Type: text/csv; name="f${n}.csv"`,
        'Content-Disposition: attachment',
        '',
        `a,${n}`,
      ].join('\r\n'),
    );
    const mail = await parsed(
      rawMail(
        ['From: a@example.com', 'Content-Type: multipart/mixed; boundary="b"'],
        `${parts.join('\r\n')}\r\n--b--\r\n`,
      ),
    );
    expect(mail.attachments).toHaveLength(5);
    expect(mail.skippedAttachments).toBe(2);
  });
});

describe('parseMail: headers the rules read', () => {
  it('keeps the loop headers the rules read, the ids and the date, and no other header', async () => {
    const mail = await parsed(
      rawMail(
        [
          'From: "Shop Bot" <noreply@shop.example>',
          'Reply-To: Service <service@shop.example>',
          'Subject: Out of office',
          'Date: Mon, 23 Nov 2026 10:00:00 +0800',
          'Message-ID: <m2@shop.example>',
          'In-Reply-To: <ack-1@claims.example>',
          'References: <a@claims.example>\r\n <ack-1@claims.example>',
          'Auto-Submitted: auto-replied',
          'Precedence: bulk',
          'List-Id: <offers.shop.example>',
          'X-Autoreply: yes',
          'X-Other: not kept',
        ],
        'away',
      ),
    );
    expect(mail).toMatchObject({
      from: { address: 'noreply@shop.example', name: 'Shop Bot' },
      replyTo: 'service@shop.example',
      date: '2026-11-23T02:00:00.000Z',
      messageId: '<m2@shop.example>',
      inReplyTo: ['<ack-1@claims.example>'],
      references: ['<a@claims.example>', '<ack-1@claims.example>'],
      headers: {
        'auto-submitted': 'auto-replied',
        precedence: 'bulk',
        'list-id': '<offers.shop.example>',
        'x-autoreply': 'yes',
      },
      contentType: 'text/plain',
      reportType: null,
    });
    expect(mail.headers['x-other']).toBeUndefined();
  });

  it('reads a bounce as multipart/report with its report type and the returned message as an attachment', async () => {
    const mail = await parsed(
      rawMail(
        [
          'From: MAILER-DAEMON@mx.example',
          'Subject: Undelivered Mail Returned to Sender',
          'Content-Type: multipart/report; report-type=delivery-status;\r\n boundary="r"',
        ],
        [
          '--r',
          'Content-Type: text/plain',
          '',
          'Your message could not be delivered.',
          '--r',
          'Content-Type: message/delivery-status',
          '',
          'Reporting-MTA: dns; mx.example',
          '',
          'Final-Recipient: rfc822; nobody@example.com',
          'Action: failed',
          'Status: 5.1.1',
          '--r',
          'Content-Type: message/rfc822',
          '',
          'From: claims@claims.example',
          'Subject: Your claim CLM-2026-000001',
          '',
          'original acknowledgment',
          '--r--',
          '',
        ].join('\r\n'),
      ),
    );
    expect(mail.contentType).toBe('multipart/report');
    expect(mail.reportType).toBe('delivery-status');
    expect(mail.text).toContain('Your message could not be delivered.');
    expect(mail.attachments.map((a) => a.contentType)).toContain('message/rfc822');
  });
});

describe('parseMail: limits', () => {
  it('refuses a message over the size limit without parsing it', async () => {
    const result = await parseMail(Buffer.alloc(2 * 1024 * 1024, 0x61), LIMITS);
    expect(result.ok ? '' : result.reason).toMatch(/^too_large/);
  });

  it('refuses a MIME tree deeper than the limit', async () => {
    let body = 'leaf';
    for (let depth = 20; depth > 0; depth--) {
      body = `--d${depth}\r\nContent-Type: multipart/mixed; boundary="d${depth + 1}"\r\n\r\n${body}\r\n--d${depth}--\r\n`;
    }
    const raw = rawMail(['From: a@example.com', 'Content-Type: multipart/mixed; boundary="d1"'], body);
    expect(mimeDepth(raw, 100)).toBeGreaterThan(10);
    const result = await parseMail(raw, LIMITS);
    expect(result.ok ? '' : result.reason).toMatch(/^too_deep/);
  });

  it('reads a text part beside a 3 MB HTML part of unclosed links within its time limit', async () => {
    // The input review found quadratic in postal-mime's HTML-to-text (3 MB took 3.6 s there, ~13 MB would
    // outlast email-in's timeout); mailparser keeps the text part and leaves this HTML alone.
    const unit = `<a href=${' '.repeat(1000)}`;
    const html = unit.repeat(Math.ceil((3 * 1024 * 1024 * 0.75) / unit.length));
    const raw = rawMail(
      [
        'From: a@example.com',
        'Subject: links',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="m"',
      ],
      [
        '--m',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'The kettle leaks.',
        '--m',
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from(html).toString('base64').replace(/.{76}/g, '$&\r\n'),
        '--m--',
        '',
      ].join('\r\n'),
    );
    const result = await parseMail(raw, { ...LIMITS, maxMessageBytes: 8 * 1024 * 1024, timeoutMs: 2000 });
    expect(result.ok ? result.mail.text : result.reason).toContain('The kettle leaks.');
  });

  it('refuses a header block over the limit', async () => {
    const raw = rawMail(['From: a@example.com', `X-Filler: ${'x'.repeat(70 * 1024)}`], 'body');
    const result = await parseMail(raw, LIMITS);
    expect(result.ok).toBe(false);
  });
});
