import { describe, expect, it } from 'vitest';
import { IntakeInputSchema } from '../../shared/domain/claim.js';
import { ISSUE_CODES, wordIssue, wordZodIssues } from '../../shared/domain/field-issues.js';
import { parseYuan } from '../../shared/domain/money.js';

/** A web-form submission before validation; overrides replace whole parts. */
const raw = (overrides: Record<string, unknown> = {}) => ({
  claimant: { name: '王芳', phone: '13800138000' },
  product: { name: '电热水壶 K1' },
  foundOn: '2026-11-20',
  description: '壶底漏水',
  requestedRemedy: 'replacement',
  ...overrides,
});

/** The intake schema's issues for an input, worded, by path. */
function worded(input: unknown, language: 'zh-CN' | 'en') {
  const result = IntakeInputSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(
    wordZodIssues(result.error.issues, language).map((i) => [i.path, [i.code, i.message]]),
  );
}

describe('field issues: one code, words in the reader’s language', () => {
  it('words the intake form’s rules in Chinese and English, naming the field', () => {
    const input = raw({ claimant: { name: '', phone: '1380013800' }, description: 'x'.repeat(5001) });
    expect(worded(input, 'zh-CN')).toMatchObject({
      'claimant.name': ['required', '请填写姓名。'],
      'claimant.phone': [
        'invalid_phone',
        '请填写有效的手机号码（11 位，以 1 开头），或带国家代码的号码（如 +852 9123 4567）。',
      ],
      description: ['too_long', '问题描述最多 5000 个字。'],
    });
    expect(worded(input, 'en')).toMatchObject({
      'claimant.name': ['required', 'Please fill in your name.'],
      description: ['too_long', 'Description of the problem can have at most 5000 characters.'],
    });
  });

  it('asks for a phone or an email when neither is given, and for a date that is a date', () => {
    const input = raw({ claimant: { name: '王芳' }, foundOn: '2026-13-45' });
    expect(worded(input, 'zh-CN')).toMatchObject({
      'claimant.phone': ['contact_required', '请至少填写手机号码或电子邮箱中的一项，以便我们联系您。'],
      foundOn: ['invalid_date', '请选择发现问题的日期。'],
    });
  });

  it('accepts mainland mobiles and international numbers, and refuses a 10-digit or a landline without a country code', () => {
    const phone = (value: string) =>
      IntakeInputSchema.safeParse(raw({ claimant: { name: 'A', phone: value } })).success;
    for (const good of [
      '13800138000',
      '138 0013 8000',
      '+86 138-0013-8000',
      '008613800138000',
      '+852 9123 4567',
      '+86 21 5555 1234',
      '+86 10 8888 8888',
    ])
      expect(phone(good), good).toBe(true);
    for (const bad of [
      '1380013800',
      '138001380001',
      '12800138000',
      '021-55551234',
      '5555-1234',
      '+0 123456789',
      // A mainland mobile with a digit missing stays refused with +86 in front, not taken as a landline.
      '+86 138 0013 800',
      '0086 1380013800',
    ])
      expect(phone(bad), bad).toBe(false);
  });

  it('has words for every code in both languages, without placeholders left over', () => {
    for (const code of ISSUE_CODES)
      for (const language of ['zh-CN', 'en'] as const) {
        const text = wordIssue(
          { path: 'description', code, params: { min: 2, max: 9, keys: 'x', maxMb: 10, name: 'a.png' } },
          language,
        );
        expect(text, `${code} ${language}`).not.toMatch(/undefined|\{|\}|—/);
        expect(text.length).toBeGreaterThan(3);
      }
  });

  it('parses typed yuan exactly and refuses more than two decimals instead of rounding', () => {
    expect(parseYuan('199')).toBe(19_900);
    expect(parseYuan('¥60.5')).toBe(6_050);
    expect(parseYuan(' 1,234.56 ')).toBe(123_456);
    expect(parseYuan('0.01')).toBe(1);
    for (const bad of ['19.999', '-5', 'abc', '1,23.4', '', '1.']) expect(parseYuan(bad), bad).toBeNull();
  });
});

describe('field issues of the staff forms', () => {
  it('a box to tick, a missing response time and dates in the wrong order', async () => {
    const { ExtendDeadlineSchema } = await import('../../shared/domain/use-cases/extend-deadline.js');
    const { NewCommitmentSchema } = await import('../../shared/domain/commitments.js');
    const extend = ExtendDeadlineSchema.safeParse({ clock: 'first_reply', days: 2, reason: '等待检测' });
    expect(extend.success ? [] : wordZodIssues(extend.error.issues, 'zh-CN')).toEqual([
      { path: 'customerAgreed', code: 'must_confirm', message: '请确认客户已同意。' },
    ]);
    const commitment = NewCommitmentSchema.safeParse({
      customerId: 'ACME',
      customerName: 'ACME',
      subject: { kind: 'service', name: '维修' },
      type: 'service_response',
      content: '2 小时内响应',
      validFrom: '2026-12-10',
      validUntil: '2026-12-01',
      ownerId: 'mgr',
    });
    const words = commitment.success
      ? []
      : wordZodIssues(commitment.error.issues, 'en').map((i) => i.message);
    expect(words).toEqual(['End date cannot be before the start date.', 'Please fill in response time.']);
  });
});
