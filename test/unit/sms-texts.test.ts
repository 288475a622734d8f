import { describe, expect, it } from 'vitest';
import { SMS_KINDS, SMS_SIGNATURE_PATTERN, signatureFor, smsText } from '../../shared/domain/sms/texts.js';
import { loadMailConfig } from '../../shared/runtime/mail-config.js';

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
      `投诉 C-2026-000123 有新的回复，请查看。详情：${link} 回TD退订`,
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
      `Claim C-2026-000123: new reply ${link} STOP to opt out`,
    ]);
  });

  it('open with the registered 【signature】 on mainland numbers only', () => {
    expect(signatureFor('+8613800138000', '【惠家电器】')).toBe('【惠家电器】');
    expect(signatureFor('+442071234567', '【惠家电器】')).toBeNull();
    expect(signatureFor('+8613800138000', null)).toBeNull();
    expect(smsText('acknowledgment', 'zh-CN', 'C-2026-000123', link, '【惠家电器】')).toBe(
      `【惠家电器】您的投诉 C-2026-000123 已受理。详情：${link} 回TD退订`,
    );
    expect(smsText('acknowledgment', 'en', 'C-2026-000123', link, '【惠家电器】')).toBe(
      `【惠家电器】Claim C-2026-000123 received. ${link} STOP to opt out`,
    );
  });

  it('take only a signature carriers would register: 2 to 16 characters in 【】, no spaces', () => {
    for (const ok of ['【惠家】', '【惠家电器客服中心】']) expect(SMS_SIGNATURE_PATTERN.test(ok)).toBe(true);
    for (const bad of ['惠家电器', '【惠】', '【惠 家】', '【【惠家】】', `【${'家'.repeat(17)}】`])
      expect(SMS_SIGNATURE_PATTERN.test(bad), bad).toBe(false);
    const env = { REPLY_ADDRESS_SECRET: 'x'.repeat(16) };
    expect(loadMailConfig({ ...env, SMS_SIGNATURE: '【惠家电器】' }).smsSignature).toBe('【惠家电器】');
    expect(loadMailConfig(env).smsSignature).toBeNull();
    expect(() => loadMailConfig({ ...env, SMS_SIGNATURE: '惠家电器' })).toThrow(/SMS_SIGNATURE/);
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
