import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/domain/errors.js';
import { validatePolicy } from '../../shared/domain/policy-document.js';
import {
  DEFAULT_REPLY_TEMPLATES,
  fillReply,
  replyValues,
  unknownPlaceholders,
  type ReplyTemplate,
} from '../../shared/domain/reply-templates.js';
import { defaultPolicySettings } from '../../shared/domain/settings.js';

const claim = {
  number: 'CLM-2026-000123',
  claimant: { name: '王芳' },
  product: { name: '电热水壶 K1' },
  clocks: {
    decision: { state: 'running', dueAt: '2026-12-18T10:00:00.000Z' },
    first_reply: { state: 'running', dueAt: '2026-12-09T10:00:00.000Z' },
    on_site_visit: { state: 'stopped', dueAt: '2026-12-01T10:00:00.000Z' },
  },
};
const received = DEFAULT_REPLY_TEMPLATES.find((t) => t.id === 'received');

describe('saved replies (issue 17)', () => {
  it('fill the claim’s values in the claim’s language, promising the running clock due first', () => {
    if (!received) throw new Error('the default "received" reply is missing');
    expect(fillReply(received, 'zh-CN', replyValues(claim, 'zh-CN'))).toBe(
      '王芳您好：您关于电热水壶 K1的索赔（CLM-2026-000123）我们已经收到，正在核实情况，将在 2026年12月9日 18:00 前给您答复。如有补充材料，可直接回复或在查询页面上传。',
    );
    expect(fillReply(received, 'en', replyValues(claim, 'en'))).toBe(
      'Dear 王芳, we have your claim CLM-2026-000123 about 电热水壶 K1 and are looking into it; we will answer by 9 Dec 2026, 18:00. If you have more to add, reply or upload it on your tracking page.',
    );
  });

  it('fill a placeholder by its code or its Chinese name alike', () => {
    const mixed: ReplyTemplate = {
      id: 'mixed',
      title: { 'zh-CN': '混写', en: 'Mixed' },
      body: { 'zh-CN': '{name}/{客户姓名} {number}/{索赔编号}', en: '{name}' },
    };
    expect(fillReply(mixed, 'zh-CN', replyValues(claim, 'zh-CN'))).toBe(
      '王芳/王芳 CLM-2026-000123/CLM-2026-000123',
    );
    expect(unknownPlaceholders('{客户姓名}{产品}{答复期限}{索赔编号}{name}')).toEqual([]);
  });

  it('promise "as soon as possible" when no clock runs, and leave no placeholder in any default', () => {
    const idle = { ...claim, clocks: {} };
    expect(replyValues(idle, 'zh-CN').replyBy).toBe('尽快');
    expect(replyValues(idle, 'en').replyBy).toBe('as soon as possible');
    for (const t of DEFAULT_REPLY_TEMPLATES)
      for (const language of ['zh-CN', 'en'] as const)
        expect(fillReply(t, language, replyValues(claim, language))).not.toMatch(/[{}]/);
  });

  it('are refused by the policy, in words, when they name a value no claim has or repeat an id', () => {
    const typo: ReplyTemplate = {
      id: 'typo',
      title: { 'zh-CN': '拼写错误', en: 'Typo' },
      body: { 'zh-CN': '{客户姓名}您好，{amount}', en: 'Dear {name}' },
    };
    expect(unknownPlaceholders(typo.body['zh-CN'])).toEqual(['amount']);
    const settings = { ...defaultPolicySettings(), replyTemplates: [typo, typo] };
    let refusal: unknown;
    try {
      validatePolicy(settings);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ValidationError);
    const issues = refusal instanceof ValidationError ? refusal.issues : [];
    expect(issues.map((i) => [i.path, i.words?.['zh-CN']])).toEqual([
      [
        'replyTemplates.0.body.zh-CN',
        '常用回复“拼写错误”中的 {amount} 无法填写，可用：{客户姓名}、{索赔编号}、{产品}、{答复期限}',
      ],
      ['replyTemplates.1.id', '常用回复编号 typo 重复'],
      [
        'replyTemplates.1.body.zh-CN',
        '常用回复“拼写错误”中的 {amount} 无法填写，可用：{客户姓名}、{索赔编号}、{产品}、{答复期限}',
      ],
    ]);
  });
});
