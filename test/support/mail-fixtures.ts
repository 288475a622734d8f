import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The mail fixtures of issue 19 (test/fixtures/mail/, built by build.py there) and what each must become.
 * `text` is a passage the claim text must contain; `decision` is the automatic-mail outcome.
 */
export interface MailFixture {
  readonly file: string;
  readonly from: { readonly address: string; readonly name: string } | null;
  readonly subject: string;
  readonly text: string;
  readonly decision: 'answered' | { readonly noAnswer: string } | { readonly quarantine: string };
  /** Evidence names, in order, when the message carries files. */
  readonly evidence?: readonly string[];
}

const list = { noAnswer: 'mailing_list' } as const;
const heater = (
  file: string,
  decision: MailFixture['decision'],
  address = 'wangfang@example.com',
  name = '王芳',
) =>
  ({
    file,
    from: { address, name },
    subject: '投诉：热水器漏水',
    text: '热水器漏水，要求维修。',
    decision,
  }) as const;

export const MAIL_FIXTURES: readonly MailFixture[] = [
  // 1. Raw 8-bit subjects and names in a legacy charset.
  ...(
    [
      ['raw-gbk-subject.eml', '张伟', '投诉：电热水壶漏水', '电热水壶壶底漏水，要求退款。'],
      ['raw-gb18030-subject.eml', '欧阳𠀀', '投诉：空气净化器异响', '净化器开机后异响不止'],
      ['raw-big5-subject.eml', '陳美玲', '投訴：吹風機冒火花', '吹風機使用時冒火花'],
      ['raw-euckr-subject.eml', '김민준', '불만: 전기밥솥 고장', '전기밥솥이 고장났습니다.'],
      [
        'raw-latin1-name.eml',
        'José Müller',
        'Réclamation: bouilloire cassée',
        'La bouilloire est arrivée cassée.',
      ],
      ['raw-win1251-subject.eml', 'Иван Петров', 'Жалоба: сломанный чайник', 'Чайник пришёл сломанным.'],
    ] as const
  ).map(([file, name, subject, text]) => ({
    file,
    from: { address: 'customer@example.com', name },
    subject,
    text,
    decision: 'answered' as const,
  })),
  // 2. Bodies without a charset label, and UTF-8 under a legacy label.
  ...(
    [
      ['unlabelled-gb18030.eml', '电饭煲内胆涂层大面积脱落'],
      ['unlabelled-big5.eml', '電飯鍋內膽塗層大面積脫落'],
      ['unlabelled-shift_jis.eml', '炊飯器の内釜のコーティングが剥がれて'],
      ['unlabelled-iso-8859-1.eml', 'la bouilloire achetée la semaine dernière fuit'],
      ['unlabelled-iso-2022-jp.eml', '炊飯器の内釜のコーティングが剥がれて'],
    ] as const
  ).map(([file, text]) => ({
    file,
    from: { address: 'customer@example.com', name: '' },
    subject: `Complaint ${file}`,
    text,
    decision: 'answered' as const,
  })),
  {
    file: 'utf8-labelled-windows-1251.eml',
    from: { address: 'customer@example.com', name: '' },
    subject: 'Жалоба на чайник',
    text: 'Чайник пришёл сломанным, прошу вернуть деньги.',
    decision: 'answered',
  },
  // 3. Bodies that are not a plain text part.
  {
    file: 'html-only-related.eml',
    from: { address: 'wangfang@example.com', name: '王芳' },
    subject: '投诉：洗衣机漏水',
    text: '洗衣机底部漏水，订单号 SO-3201。\n\n要求维修。',
    decision: 'answered',
    evidence: ['attachment-1'],
  },
  {
    file: 'html-only-mixed.eml',
    from: { address: 'tom@example.com', name: 'Tom Baker' },
    subject: 'Broken blender',
    text: 'The blender jar cracked on first use.\nPlease replace it.',
    decision: 'answered',
    evidence: ['invoice.pdf'],
  },
  {
    file: 'enriched.eml',
    from: { address: 'ann@example.com', name: '' },
    subject: 'Toaster',
    text: 'The toaster burns every slice.\nPlease refund <order SO-3203>>.',
    decision: 'answered',
    evidence: ['attachment-1'],
  },
  {
    file: 'richtext.eml',
    from: { address: 'bob@example.com', name: '' },
    subject: 'Iron',
    text: 'The iron leaks water.\nPlease repair it.',
    decision: 'answered',
    evidence: ['attachment-1'],
  },
  {
    file: 'partial.eml',
    from: { address: 'carol@example.com', name: '' },
    subject: 'Photos of the broken heater (part 1/2)',
    text: '此邮件是分段发送的邮件中的一段（message/partial），该段已作为附件保存。',
    decision: 'answered',
    evidence: ['attachment-1'],
  },
  {
    file: 'forwarded.eml',
    from: { address: 'lina@example.com', name: '李娜' },
    subject: 'Fwd: 空调不制冷',
    text: '请看下面的邮件。\n\n---------- 转发的邮件 Forwarded message ----------\n发件人 From: 李娜 <lina@example.com>\n日期 Date: 2026-11-20T01:00:00.000Z\n主题 Subject: 空调不制冷\n\n新买的空调不制冷，要求上门维修。订单号 SO-3204。',
    decision: 'answered',
    evidence: ['attachment-1'],
  },
  {
    file: 'non-mime.eml',
    from: { address: 'old@example.com', name: 'Old Mailer' },
    subject: 'kettle',
    text: "The kettle I bought is broken: the lid won't close. I want a refund.\nMerci, René",
    decision: 'answered',
  },
  {
    file: 'whitespace-separator.eml',
    from: { address: 'dan@example.com', name: '' },
    subject: 'Fridge',
    text: 'The fridge stopped cooling after two days. Please repair it.',
    decision: 'answered',
  },
  // 4. List and bulk mail without List-* or Precedence; noreply senders.
  heater('list-owner-return-path.eml', { noAnswer: 'list_owner' }),
  heater('list-request-sender.eml', { noAnswer: 'list_owner' }),
  heater('x-loop.eml', { noAnswer: 'x_loop' }),
  heater('x-loop-ours.eml', { quarantine: 'loop_of_our_mail' }),
  heater('mailing-list.eml', list),
  heater('x-mailing-list.eml', list),
  heater('list-reply-to.eml', list),
  heater('noreply.eml', { noAnswer: 'noreply_sender' }, 'no-reply@shop.example', 'Shop Notifications'),
  {
    file: 'newsletter.eml',
    from: { address: 'newsletter@shop.example', name: 'Shop News' },
    subject: 'Our November offers',
    text: 'Twenty new models this month.',
    decision: { quarantine: 'not_a_complaint' },
  },
  // 5. From with ":" in its display name, and a whole From inside one encoded word.
  {
    file: 'from-colon-name.eml',
    from: { address: 'wangfang@example.com', name: '客户: 王芳' },
    subject: '投诉：电视黑屏',
    text: '电视开机黑屏，要求换货。',
    decision: 'answered',
  },
  {
    file: 'from-colon-unquoted.eml',
    from: { address: 'wangfang@example.com', name: 'Service: Wang Fang' },
    subject: 'TV stays black',
    text: 'The TV stays black when switched on. Please replace it.',
    decision: 'answered',
  },
  {
    file: 'from-encoded-whole.eml',
    from: { address: 'lina@example.com', name: '李娜' },
    subject: '投诉：空调不制冷',
    text: '空调不制冷，要求维修。',
    decision: 'answered',
  },
  // 6. Outlook's winmail.dat: the container kept, its files beside it.
  {
    file: 'winmail-dat.eml',
    from: { address: 'zhangwei@example.com', name: 'Zhang Wei' },
    subject: 'Kettle leaks, report attached',
    text: 'The kettle leaks; report and photo attached. Please refund.',
    decision: 'answered',
    evidence: ['winmail.dat', 'winmail.dat › 质量检测报告.docx', 'winmail.dat › kettle photo.jpg'],
  },
  // An Outlook .msg: listed with the files inside it, an embedded message and its own photo among them.
  {
    file: 'outlook-msg.eml',
    from: { address: 'service@shop.example', name: '客服中心' },
    subject: 'FW: 热水壶漏水投诉',
    text: '客户投诉热水壶漏水，要求退款，原邮件见附件。',
    decision: 'answered',
    evidence: [
      'complaint.msg',
      'complaint.msg › 检测报告.pdf',
      'complaint.msg › 原始投诉.msg',
      'complaint.msg › 原始投诉.msg › 壶底.jpg',
    ],
  },
];

export function readFixture(file: string): Buffer {
  return readFileSync(join(import.meta.dirname, '..', 'fixtures', 'mail', file));
}

/** The bytes build.py put inside winmail-dat.eml's TNEF container (to check the unpacked files). */
export const TNEF_FILES = {
  docx: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('fake word document '.repeat(20))]),
  jpeg: Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.from(Array.from({ length: 1024 }, (_, n) => n % 256)),
  ]),
};
