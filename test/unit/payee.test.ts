import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/domain/errors.js';
import { checkedPayee, luhnValid, maskAccount, payeeIssues } from '../../shared/domain/payee.js';

/** The payee's rules (issue 18), in the words both the tracking page and the API use. */
describe('payee', () => {
  const words = (input: Parameters<typeof payeeIssues>[0], lang: 'zh-CN' | 'en' = 'zh-CN') =>
    Object.fromEntries(payeeIssues(input).map((i) => [i.path, i.words?.[lang]]));

  it('checks a bank card by Luhn and by 16 to 19 digits, spaces and dashes allowed', () => {
    expect(luhnValid('6222021234567894')).toBe(true);
    expect(luhnValid('6222021234567895')).toBe(false);
    expect(luhnValid('4111111111111111')).toBe(true);
    const card = { method: 'bank_card', holderName: '王芳', bank: '招商银行' } as const;
    expect(words({ ...card, account: '6222-0212-3456-7894' })).toEqual({});
    expect(words({ ...card, account: '6222 0212 3456 7895' })).toEqual({
      'payee.account': '银行卡号有误，请核对后重新输入。',
    });
    expect(words({ ...card, account: '6222 0212 3456 7895' }, 'en')).toEqual({
      'payee.account': 'This bank card number is not valid; check it and type it again.',
    });
    expect(words({ ...card, account: '622202123456789' })).toEqual({
      'payee.account': '银行卡号应为 16 至 19 位数字。',
    });
    expect(words({ ...card, account: '62220212345678901234' })).toEqual({
      'payee.account': '银行卡号应为 16 至 19 位数字。',
    });
  });

  it('takes an Alipay mobile or email, a WeChat ID or mobile; 原路退回 needs nothing', () => {
    expect(words({ method: 'alipay', holderName: '王芳', account: '+86 138 0013 8000' })).toEqual({});
    expect(words({ method: 'alipay', holderName: '王芳', account: 'wang.fang@example.com' })).toEqual({});
    expect(words({ method: 'wechat_pay', holderName: '王芳', account: 'wangfang_88' })).toEqual({});
    expect(words({ method: 'wechat_pay', holderName: '王芳', account: '8wang' }, 'en')).toEqual({
      'payee.account':
        'Please give the WeChat ID (6 to 20 letters, digits, _ or -, starting with a letter) or the mobile number it uses.',
    });
    expect(words({ method: 'original_route' })).toEqual({});
    expect(() => checkedPayee({ method: 'alipay', account: 'x' })).toThrow(ValidationError);
    expect(checkedPayee({ method: 'alipay', holderName: ' 王芳 ', account: '138 0013 8000' })).toEqual({
      method: 'alipay',
      holderName: '王芳',
      account: '13800138000',
    });
  });

  it('masks a card to its first and last four, a phone to 3 + 4, an email and an ID to their ends', () => {
    expect(maskAccount('bank_card', '6222021234567894')).toBe('6222 **** **** 7894');
    expect(maskAccount('alipay', '13800138000')).toBe('138****8000');
    expect(maskAccount('alipay', 'wang.fang@example.com')).toBe('w***@example.com');
    expect(maskAccount('wechat_pay', 'wangfang_88')).toBe('wa***88');
  });
});
