import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { enrichedToText, addressOfRawHeader, parseMail } from '../../shared/adapters/mail/parse-mail.js';
import { readTnef } from '../../shared/adapters/mail/outlook.js';
import { detectCharset } from '../../shared/adapters/mail/charsets.js';
import { defaultPolicySettings } from '../../shared/domain/settings.js';
import { encode } from '../support/mail.js';
import { MAIL_FIXTURES, TNEF_FILES, readFixture } from '../support/mail-fixtures.js';
import { MSG_PDF, MSG_PHOTO } from '../fixtures/mail/build-msg.js';

const limits = defaultPolicySettings().mail;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('parseMail: mail as real mailboxes send it (test/fixtures/mail)', () => {
  it.each(MAIL_FIXTURES.map((f) => [f.file, f] as const))('%s', async (_file, fixture) => {
    const result = await parseMail(readFixture(fixture.file), limits);
    if (!result.ok) throw new Error(result.reason);
    const mail = result.mail;
    expect(mail.from).toEqual(fixture.from);
    expect(mail.subject).toBe(fixture.subject);
    expect(mail.text).toContain(fixture.text);
    for (const value of [mail.subject, mail.text, mail.from?.name ?? ''])
      expect(value).not.toContain('\uFFFD');
    expect(mail.attachments.map((a) => a.name)).toEqual(fixture.evidence ?? []);
  });

  it('unpacks winmail.dat into its files, keeping the container, each with its own checksum', async () => {
    const result = await parseMail(readFixture('winmail-dat.eml'), limits);
    if (!result.ok) throw new Error(result.reason);
    const [container, docx, jpeg] = result.mail.attachments;
    expect(container?.contentType).toBe('application/ms-tnef');
    expect(docx).toMatchObject({
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      size: TNEF_FILES.docx.length,
      sha256: sha256(TNEF_FILES.docx),
    });
    expect(Buffer.from(docx?.content ?? []).equals(TNEF_FILES.docx)).toBe(true);
    expect(jpeg).toMatchObject({ contentType: 'image/jpeg', sha256: sha256(TNEF_FILES.jpeg) });
  });

  it('lists a .msg with the files inside it, an embedded message’s own files too, each with its checksum', async () => {
    const result = await parseMail(readFixture('outlook-msg.eml'), limits);
    if (!result.ok) throw new Error(result.reason);
    const [msg, pdf, embedded, photo] = result.mail.attachments;
    expect(msg?.contentType).toBe('application/vnd.ms-outlook');
    expect(pdf).toMatchObject({
      contentType: 'application/pdf',
      sha256: sha256(MSG_PDF),
      size: MSG_PDF.length,
    });
    expect(embedded?.contentType).toBe('application/vnd.ms-outlook');
    expect(photo).toMatchObject({ contentType: 'image/jpeg', sha256: sha256(MSG_PHOTO) });
  });

  it('keeps within the attachment limit when unpacking', async () => {
    const result = await parseMail(readFixture('winmail-dat.eml'), { ...limits, maxAttachments: 2 });
    if (!result.ok) throw new Error(result.reason);
    expect(result.mail.attachments.map((a) => a.name)).toEqual([
      'winmail.dat',
      'winmail.dat › 质量检测报告.docx',
    ]);
    expect(result.mail.skippedAttachments).toBe(1);
  });
});

describe('readTnef', () => {
  it('reads nothing from bytes that are not TNEF, and stops at a length past the end', () => {
    expect(readTnef(Buffer.from('not tnef at all'))).toEqual([]);
    const header = Buffer.from([0x78, 0x9f, 0x3e, 0x22, 0x01, 0x00]);
    // attAttachRendData, then attAttachData claiming 1 GB.
    const rend = Buffer.concat([
      Buffer.from([0x02, 0x02, 0x90, 0x06, 0x00, 0, 0, 0, 0]),
      Buffer.from([0, 0]),
    ]);
    const huge = Buffer.from([0x02, 0x0f, 0x80, 0x06, 0x00, 0x00, 0x00, 0x00, 0x40, 1, 2, 3]);
    expect(readTnef(Buffer.concat([header, rend, huge]))).toEqual([]);
  });
});

describe('charset detection', () => {
  it('takes valid UTF-8 as UTF-8, prefers GB18030 over GB2312/GBK and keeps Big5 apart', async () => {
    expect(await detectCharset(Buffer.from('投诉：电热水壶漏水'))).toBe('utf-8');
    expect(await detectCharset(encode('您好，我上周购买的电饭煲内胆涂层大面积脱落，要求换货。', 'gbk'))).toBe(
      'gb18030',
    );
    expect(
      await detectCharset(encode('您好，我上週購買的電飯鍋內膽塗層大面積脫落，要求退款。', 'big5')),
    ).toBe('big5');
  });

  it('uses a charset the message declares when it decodes the bytes cleanly', async () => {
    expect(await detectCharset(encode('张伟', 'gbk'), ['gb18030'])).toBe('gb18030');
    expect(await detectCharset(encode('陳美玲', 'big5'), ['big5'])).toBe('big5');
  });
});

describe('address parsing of a raw From line', () => {
  it.each([
    [
      'From: =?UTF-8?Q?=E5=AE=A2=E6=88=B7:_=E7=8E=8B=E8=8A=B3?= <w@example.com>',
      'w@example.com',
      '客户: 王芳',
    ],
    ['From: Service: Wang <w@example.com>', 'w@example.com', 'Service: Wang'],
    ['From: Group: <w@example.com>;', 'w@example.com', 'Group'],
    ['From: w@example.com (Wang Fang)', 'w@example.com', 'Wang Fang'],
    ['From: =?utf-8?b?5p2O5aicIDxsaW5hQGV4YW1wbGUuY29tPg==?=', 'lina@example.com', '李娜'],
  ])('%s', (line, address, name) => {
    expect(addressOfRawHeader(line)).toEqual({ address, name });
  });
  it('finds no address where there is none', () => {
    expect(addressOfRawHeader('From: undisclosed')).toBeNull();
  });
});

describe('enrichedToText', () => {
  it('drops commands and params, unescapes <<, and folds lines as RFC 1896 says', () => {
    expect(enrichedToText('<bold>a</bold>\nb\n\nc <<d>\n<param>x</param>', false)).toBe('a b\nc <d>');
    expect(enrichedToText('<bold>a</bold><nl>b\nc', true)).toBe('a\nb c');
  });
});
