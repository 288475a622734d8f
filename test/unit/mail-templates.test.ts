import { describe, expect, it } from 'vitest';
import { render, type MailLinks } from '../../shared/domain/mail/templates.js';
import type { PayloadOf } from '../../shared/domain/messages.js';

/** Templates alone, on hand-made facts: the exact text a reader gets for the offer and the warning. */
const links: MailLinks = {
  claimInConsole: (number) => `https://claims.example/staff.html#${number}`,
  overdueReport: () => 'https://claims.example/dashboard.html#overdue-report',
  overdueReportCsv: (date) => `https://claims.example/dashboard.html#overdue-csv=${date}`,
};
const unitName = (id: string) => ({ 'EAST-SH01': '上海一店 Shanghai store 1' })[id] ?? id;
const claim = {
  links,
  unitName,
  claimNumber: 'CLM-2026-000042',
  claimantName: '王芳',
  trackingUrl: 'https://claims.example/track.html?number=CLM-2026-000042#t=t0k',
};

const offer: PayloadOf<'decision_offer'> = {
  revision: 1,
  type: 'refund',
  items: [
    { kind: 'direct_loss', description: '电热水壶 K1', amountFen: 19_900 },
    { kind: 'indirect_loss', description: '桌面修复', amountFen: 123_456 },
  ],
  totalFen: 143_356,
  decidedAt: '2026-11-22T10:00:00.000Z',
  reconsiderationDeadline: '2026-12-07T10:00:00.000Z',
};

describe('mail templates', () => {
  it('offer, zh-CN: plan in words, items and total in yuan, the link, the reconsideration deadline', () => {
    expect(render('decision_offer', 'zh-CN', { ...claim, data: offer })).toEqual({
      subject: '[CLM-2026-000042] 处理决定',
      body:
        '王芳，您好：\n\n' +
        '关于索赔 CLM-2026-000042，我们的处理方案：退款\n' +
        '- 直接损失：电热水壶 K1 ¥199.00\n' +
        '- 间接损失：桌面修复 ¥1,234.56\n' +
        '合计：¥1,433.56\n\n' +
        '请通过以下链接接受或提出异议：https://claims.example/track.html?number=CLM-2026-000042#t=t0k\n' +
        '如对决定不服，可在 2026年12月7日 18:00 前申请复议。\n\n' +
        '——\n此邮件由系统自动发送。回复本邮件即可补充材料，请保留主题中的索赔编号。',
    });
  });

  it('offer, en, at the token cap: points to the earlier link', () => {
    expect(
      render('decision_offer', 'en', { ...claim, claimantName: 'Ann Lee', trackingUrl: null, data: offer }),
    ).toEqual({
      subject: '[CLM-2026-000042] Our decision',
      body:
        'Dear Ann Lee,\n\n' +
        'For claim CLM-2026-000042 we offer: Refund\n' +
        '- Direct loss: 电热水壶 K1 ¥199.00\n' +
        '- Indirect loss: 桌面修复 ¥1,234.56\n' +
        'Total: ¥1,433.56\n\n' +
        'Please use the tracking link you received earlier to accept or dispute it.\n' +
        'If you disagree, you may ask for a reconsideration by 7 Dec 2026, 18:00.\n\n' +
        '--\nThis message was sent automatically. Reply to it to add material; please keep the claim number in the subject.',
    });
  });

  it('offer of a replacement: the kettle as goods with its value, the cash part apart', () => {
    const replacement: PayloadOf<'decision_offer'> = {
      ...offer,
      type: 'replacement',
      items: [
        { kind: 'direct_loss', description: '换新电热水壶', amountFen: 19_900 },
        { kind: 'indirect_loss', description: '往返运费', amountFen: 2_000 },
      ],
      totalFen: 21_900,
    };
    const zh = render('decision_offer', 'zh-CN', { ...claim, data: replacement }).body;
    expect(zh).toContain(
      '- 直接损失：换新电热水壶（实物，价值 ¥199.00）\n- 间接损失：往返运费 ¥20.00\n合计：¥219.00\n其中现金支付：¥20.00\n',
    );
    expect(zh).not.toContain('直接损失：换新电热水壶 ¥199.00');
    const en = render('decision_offer', 'en', { ...claim, data: replacement }).body;
    expect(en).toContain(
      '- Direct loss: 换新电热水壶 (goods, worth ¥199.00)\n- Indirect loss: 往返运费 ¥20.00\nTotal: ¥219.00\nPaid in cash: ¥20.00\n',
    );
  });

  it('offer of an apology: no items and no total', () => {
    const { body } = render('decision_offer', 'zh-CN', {
      ...claim,
      data: { ...offer, type: 'apology', items: [], totalFen: 0 },
    });
    expect(body).toContain('我们的处理方案：道歉\n\n请通过');
    expect(body).not.toContain('合计');
  });

  const warning: PayloadOf<'deadline_warning'> = {
    clock: 'first_reply',
    dueAt: '2026-11-26T10:00:00.000Z',
    usedPercent: 80,
  };

  it('warning, zh-CN and en: clock in words, due instant, percent used, the claim in the console', () => {
    expect(render('deadline_warning', 'zh-CN', { ...claim, data: warning })).toEqual({
      subject: '[CLM-2026-000042] 时限预警：首次答复将于 2026年11月26日 18:00 到期',
      body:
        '索赔 CLM-2026-000042 的首次答复时限将于 2026年11月26日 18:00 到期，已用 80%。\n' +
        '打开索赔：https://claims.example/staff.html#CLM-2026-000042\n\n——\n索赔系统自动通知',
    });
    expect(
      render('deadline_warning', 'en', { ...claim, data: { ...warning, clock: 'on_site_visit' } }),
    ).toEqual({
      subject: '[CLM-2026-000042] Deadline warning: On-site visit due 26 Nov 2026, 18:00',
      body:
        'The on-site visit deadline of claim CLM-2026-000042 is 26 Nov 2026, 18:00; 80% of the time is used.\n' +
        'Open the claim: https://claims.example/staff.html#CLM-2026-000042\n\n--\nAutomatic notice from the claims system',
    });
  });

  it('inserts values as text, never interpreting them', () => {
    const { subject, body } = render('material_request', 'en', {
      ...claim,
      claimantName: '{{refusal}} ${process.exit()}',
      data: { items: ['a\r\nb'], note: null },
    });
    expect(body).toContain('Dear {{refusal}} ${process.exit()},');
    expect(subject).not.toMatch(/[\r\n]/);
  });
});
