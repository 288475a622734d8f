import { describe, expect, it } from 'vitest';
import { claimChangeWords, type ClaimFacts } from '../../web/src/staff/claim-changes.js';

/** The words a claim view shows after a 409: what someone else changed while a form was open (issue 17). */
function claim(overrides: Partial<ClaimFacts> = {}): ClaimFacts {
  return { status: 'investigating', version: 3, assigneeId: 'agent-1', severity: 3, ...overrides };
}

const names: Record<string, string> = { 'agent-1': '王芳', 'agent-2': '李雷' };
const nameOf = (id: string) => names[id] ?? id;

describe('what changed under an open form', () => {
  it('names the status and assignee that changed, old → new, in one language', () => {
    const before = claim();
    const after = claim({ status: 'proposed', version: 5, assigneeId: 'agent-2' });
    expect(claimChangeWords(before, after, 'zh-CN', nameOf, null)).toBe(
      '此索赔已被他人更新：状态 调查中 → 方案审批中；处理人 王芳 → 李雷。请核对后再提交，已填写的内容仍保留。',
    );
    expect(claimChangeWords(before, after, 'en', nameOf, null)).toBe(
      'Someone else updated this claim: status Under investigation → Proposal under approval; assignee 王芳 → 李雷. Check it and submit again; what you typed is kept.',
    );
  });

  it('says when the open form no longer applies, and gives the version when nothing shown changed', () => {
    const before = claim();
    expect(claimChangeWords(before, claim({ version: 4 }), 'zh-CN', nameOf, null)).toBe(
      '此索赔已被他人更新：版本 3 → 4。请核对后再提交，已填写的内容仍保留。',
    );
    expect(
      claimChangeWords(before, claim({ version: 4, assigneeId: undefined }), 'en', nameOf, 'Assign'),
    ).toBe(
      'Someone else updated this claim: assignee 王芳 → unassigned. "Assign" no longer applies to the claim as it is now.',
    );
  });
});
