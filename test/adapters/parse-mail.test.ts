import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeGbWords } from '../../shared/adapters/mail/gb18030.js';
import { parseMail, type ParseLimits } from '../../shared/adapters/mail/parse-mail.js';
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

  it('decodes a four-byte GB18030 character a sender split between two GB words', () => {
    const bytes = encode('投𠀀诉', 'gb18030');
    const [left, right] = [bytes.subarray(0, 4), bytes.subarray(4)];
    const words = `=?GBK?B?${left.toString('base64')}?=\r\n =?GBK?B?${right.toString('base64')}?=`;
    expect(decodeGbWords(`Subject: ${words}`)).toBe('投𠀀诉');
  });

  // Node's TextDecoder reads the "gbk" and "gb2312" labels with ICU's GBK table, not the WHATWG
  // GB18030 decoder: a four-byte sequence becomes U+FFFD there, so the adapter reads them as GB18030.
  it.each(['GBK', 'gb2312', 'x-gbk', 'cp936', 'euc-cn'])(
    'reads 8-bit text labelled %s as GB18030 in subject, display name and body',
    async (charset) => {
      const raw = rawMail(
        [
          `From: "=?${charset}?B?${encode('䶮𠀀', 'gb18030').toString('base64')}?=" <customer@example.com>`,
          `Subject: =?${charset}?Q?${qEncoded(encode('投诉 𠀀 😀', 'gb18030'))}?=`,
          `Content-Type: text/plain; charset=${charset}`,
          'Content-Transfer-Encoding: 8bit',
        ],
        encode('壶底漏水 䶮 𠀀 😀 €', 'gb18030'),
      );
      const mail = await parsed(raw);
      expect(mail.subject).toBe('投诉 𠀀 😀');
      expect(mail.from).toEqual({ address: 'customer@example.com', name: '䶮𠀀' });
      expect(mail.text.trim()).toBe('壶底漏水 䶮 𠀀 😀 €');
    },
  );

  it('reads GB18030 two-byte characters that GBK maps to private use (䶮, €) in text labelled GBK', async () => {
    const raw = rawMail(
      ['From: a@example.com', 'Content-Type: text/plain; charset=GBK', 'Content-Transfer-Encoding: 8bit'],
      encode('王䶮 退款 €20', 'gb18030'),
    );
    expect((await parsed(raw)).text.trim()).toBe('王䶮 退款 €20');
  });

  it('takes only the text from the GB18030 reading: attachments keep their bytes, labels included', async () => {
    const forwarded = Buffer.concat([
      Buffer.from('From: shop@example.com\r\nContent-Type: text/plain; charset=gb2312\r\n\r\n'),
      encode('订单确认 𠀀', 'gb18030'),
    ]);
    const raw = rawMail(
      ['From: a@example.com', 'Subject: fwd', 'Content-Type: multipart/mixed; boundary="b"'],
      Buffer.concat([
        Buffer.from(
          '--b\r\nContent-Type: text/plain; charset="GB2312"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
        ),
        encode('见转发 𠀀', 'gb18030'),
        Buffer.from('\r\n--b\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n'),
        forwarded,
        Buffer.from('\r\n--b--\r\n'),
      ]),
    );
    const mail = await parsed(raw);
    expect(mail.text.trim()).toBe('见转发 𠀀');
    const nested = Buffer.from(mail.attachments[0]?.content ?? []);
    expect(nested.toString('latin1')).toContain('charset=gb2312');
    expect(nested.includes(encode('订单确认 𠀀', 'gb18030'))).toBe(true);
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
    expect(mail.text.trim()).toBe('见附件');
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
  it('keeps loop headers, ids and the date; a date it cannot read is null', async () => {
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
    const undated = await parsed(rawMail(['From: a@example.com', 'Date: someday soon'], 'x'));
    expect(undated.date).toBeNull();
  });

  it('reads a bounce as multipart/report with its report type, the returned message an attachment', async () => {
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
    expect(mail.text.trim()).toBe('Your message could not be delivered.');
    expect(mail.attachments.map((a) => a.contentType)).toEqual(['message/delivery-status', 'message/rfc822']);
  });

  it('reads one level of a nested message without a disposition into the message, deeper ones stay attachments', async () => {
    const inner = ['From: c@example.com', 'Subject: inner', '', 'third level'].join('\r\n');
    const middle = [
      'From: b@example.com',
      'Subject: middle',
      'Content-Type: multipart/mixed; boundary="m"',
      '',
      '--m',
      'Content-Type: text/plain',
      '',
      'second level',
      '--m',
      'Content-Type: message/rfc822',
      '',
      inner,
      '--m',
      'Content-Type: text/csv; name="order.csv"',
      'Content-Disposition: attachment',
      '',
      'SO-1,1',
      '--m--',
    ].join('\r\n');
    const mail = await parsed(
      rawMail(
        ['From: a@example.com', 'Subject: outer', 'Content-Type: multipart/mixed; boundary="o"'],
        [
          '--o',
          'Content-Type: text/plain',
          '',
          'first level',
          '--o',
          'Content-Type: message/rfc822',
          '',
          middle,
          '--o--',
          '',
        ].join('\r\n'),
      ),
    );
    expect(mail.text).toContain('first level');
    expect(mail.text).toContain('second level');
    expect(mail.text).not.toContain('third level');
    expect(mail.attachments.map((a) => a.contentType).sort()).toEqual(['message/rfc822', 'text/csv']);
    const third = mail.attachments.find((a) => a.contentType === 'message/rfc822');
    expect(Buffer.from(third?.content ?? []).toString()).toContain('third level');
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
    const result = await parseMail(raw, LIMITS);
    expect(result.ok ? '' : result.reason).toMatch(/^too_deep/);
  });

  it('accepts a MIME tree exactly as deep as the limit', async () => {
    const mail = await parsed(nested(10));
    expect(mail.text.trim()).toBe('leaf');
    const result = await parseMail(nested(11), LIMITS);
    expect(result.ok ? '' : result.reason).toBe('too_deep: MIME depth > 10');
  });

  it('refuses a header block over the limit', async () => {
    const raw = rawMail(['From: a@example.com', `X-Filler: ${'x'.repeat(70 * 1024)}`], 'body');
    const result = await parseMail(raw, LIMITS);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toBe(`too_large: headers > ${64 * 1024} bytes`);
  });

  it('counts the header blocks of all parts together against the header limit', async () => {
    const part = (n: number) =>
      [`--b`, `Content-Type: text/plain`, `X-Filler: ${'x'.repeat(40 * 1024)}`, '', `part ${n}`].join('\r\n');
    const raw = rawMail(
      ['From: a@example.com', 'Content-Type: multipart/mixed; boundary="b"'],
      `${part(1)}\r\n${part(2)}\r\n--b--\r\n`,
    );
    const result = await parseMail(raw, LIMITS);
    expect(result.ok ? '' : result.reason).toMatch(/^too_large: headers/);
  });

  it("refuses a flood of short lines (the parser's slow path) before parsing it", async () => {
    // Under the size limit, over its worth of lines at 60 bytes a line.
    const raw = rawMail(['From: a@example.com', 'Subject: lines'], '\n'.repeat(20_000));
    const result = await parseMail(raw, LIMITS);
    expect(result.ok ? '' : result.reason).toMatch(/^too_large: over \d+ lines/);
  });
});

/** A message whose text part sits inside `depth` nested multiparts. */
function nested(depth: number): Buffer {
  let body = `--d${depth}\r\nContent-Type: text/plain\r\n\r\nleaf\r\n--d${depth}--\r\n`;
  for (let level = depth - 1; level > 0; level--) {
    body = `--d${level}\r\nContent-Type: multipart/mixed; boundary="d${level + 1}"\r\n\r\n${body}\r\n--d${level}--\r\n`;
  }
  return rawMail(['From: a@example.com', 'Content-Type: multipart/mixed; boundary="d1"'], body);
}

/** RFC 2047 Q encoding of bytes (every byte escaped, which Q allows). */
function qEncoded(bytes: Buffer): string {
  return [...bytes].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
