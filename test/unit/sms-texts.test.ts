import { describe, expect, it } from 'vitest';
import { SMS_KINDS, smsText } from '../../shared/domain/sms/texts.js';

const link = 'https://claims.example/track.html?number=C-2026-000123#t=token-0001';

describe('SMS texts', () => {
  it('say the claim number, what happened, the link and how to opt out, in Chinese', () => {
    expect(SMS_KINDS.map((kind) => smsText(kind, 'zh-CN', 'C-2026-000123', link))).toEqual([
      `您的投诉 C-2026-000123 已受理。详情：${link} 回TD退订`,
      `投诉 C-2026-000123 需要您补充材料。详情：${link} 回TD退订`,
      `投诉 C-2026-000123 已有处理方案，请确认。详情：${link} 回TD退订`,
      `投诉 C-2026-000123 的赔付已支付。详情：${link} 回TD退订`,
      `投诉 C-2026-000123 已办结，请评价。详情：${link} 回TD退订`,
      `投诉 C-2026-000123 未予受理。详情：${link} 回TD退订`,
      `投诉 C-2026-000123 已按您的要求撤回。详情：${link} 回TD退订`,
      `投诉 C-2026-000123 的新查询链接。详情：${link} 回TD退订`,
    ]);
  });

  it('say the same in English', () => {
    expect(SMS_KINDS.map((kind) => smsText(kind, 'en', 'C-2026-000123', link))).toEqual([
      `Claim C-2026-000123 received. ${link} STOP to opt out`,
      `Claim C-2026-000123: add material ${link} STOP to opt out`,
      `Claim C-2026-000123: offer ready ${link} STOP to opt out`,
      `Claim C-2026-000123: payment made ${link} STOP to opt out`,
      `Claim C-2026-000123 done, rate us: ${link} STOP to opt out`,
      `Claim C-2026-000123 not accepted. ${link} STOP to opt out`,
      `Claim C-2026-000123 withdrawn. ${link} STOP to opt out`,
      `Claim C-2026-000123: new link ${link} STOP to opt out`,
    ]);
  });

  it('point to the earlier text when no fresh link could be made', () => {
    expect(smsText('decision_offer', 'zh-CN', 'C-2026-000123', null)).toBe(
      '投诉 C-2026-000123 已有处理方案，请确认。请用此前短信中的链接查看。 回TD退订',
    );
    expect(smsText('decision_offer', 'en', 'C-2026-000123', null)).toBe(
      'Claim C-2026-000123: offer ready See the link in our earlier text. STOP to opt out',
    );
  });

  it('fit one GSM segment in English with a real-length link, and 70 characters in Chinese without it', () => {
    // A 22-character origin, the number, lang=en and a 43-character token: 108 characters.
    const realLink = `https://claims.example/track.html?number=C-2026-000123&lang=en#t=${'x'.repeat(43)}`;
    for (const kind of SMS_KINDS) {
      expect(smsText(kind, 'en', 'C-2026-000123', realLink).length).toBeLessThanOrEqual(160);
      expect(smsText(kind, 'zh-CN', 'C-2026-000123', null).length).toBeLessThanOrEqual(70);
    }
  });
});
