import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { ForbiddenError, ValidationError } from '../../../shared/domain/errors.js';
import { staffRefusalText } from '../../../shared/domain/staff-directory.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { deactivateStaff } from '../../../shared/domain/use-cases/staff-admin.js';
import { applyTriageAction } from '../../../shared/domain/use-cases/triage.js';
import { intakeInput, principal, staffMember, testDependencies } from '../../support/fixtures.js';

/** Assignment accepts only active directory members of the claim's unit subtree (issue 15). */
describe('assignment against the staff directory', () => {
  let deps: ReturnType<typeof testDependencies>;
  let claim: Claim;
  const manager = principal(['manager']);
  const assign = (payload: { assigneeId?: string; unitId?: string }) =>
    applyTriageAction(deps, { ref: claim.number, action: 'assign', payload, principal: manager });
  const refusal = async (payload: { assigneeId?: string; unitId?: string }) => {
    const error = await assign(payload).catch((e: unknown) => e);
    if (!(error instanceof ValidationError)) throw new Error(`expected a refusal, got ${String(error)}`);
    return { message: error.message, reason: error.reason, issues: error.issues };
  };

  beforeEach(async () => {
    const store = new InMemoryClaimStore();
    deps = testDependencies(store);
    await deps.staff.save({
      member: staffMember('agent-li', ['agent'], 'EAST-SH01', { name: '李娜' }),
      expectedVersion: null,
      event: {
        id: 'E0',
        staffId: 'agent-li',
        at: '2026-11-01T00:00:00.000Z',
        actor: { type: 'system', id: 't' },
        action: 'staff_created',
        changes: [],
      },
    });
    await deps.staff.save({
      member: staffMember('agent-hq', ['agent'], 'HQ', { name: '王芳' }),
      expectedVersion: null,
      event: {
        id: 'E1',
        staffId: 'agent-hq',
        at: '2026-11-01T00:00:00.000Z',
        actor: { type: 'system', id: 't' },
        action: 'staff_created',
        changes: [],
      },
    });
    claim = (await fileClaim(deps, { input: intakeInput(), channel: 'web', actor: { type: 'customer' } }))
      .claim;
  });

  it('refuses the typo "agnet-li" in words, with the field, and changes nothing', async () => {
    expect(await refusal({ assigneeId: 'agnet-li' })).toEqual({
      message: 'There is no staff member agnet-li in the directory (check the spelling)',
      reason: 'assignee_not_found',
      issues: [
        {
          path: 'assigneeId',
          message: 'There is no staff member agnet-li in the directory (check the spelling)',
          words: {
            'zh-CN': '目录中没有这位员工：agnet-li（请检查拼写）',
            en: 'There is no staff member agnet-li in the directory (check the spelling)',
          },
        },
      ],
    });
    expect(staffRefusalText('assignee_not_found', 'zh-CN', { value: 'agnet-li' })).toBe(
      '目录中没有这位员工：agnet-li（请检查拼写）',
    );
    expect((await deps.store.getById(claim.id))?.version).toBe(1);
  });

  it('takes an active member of the claim’s unit or a unit below it', async () => {
    expect((await assign({ assigneeId: 'agent-hq' })).assigneeId).toBe('agent-hq');
    expect((await assign({ assigneeId: 'agent-li' })).assigneeId).toBe('agent-li');
  });

  it('refuses someone outside the claim’s unit subtree (an HQ agent for a store’s claim)', async () => {
    expect(await refusal({ unitId: 'EAST-SH01', assigneeId: 'agent-hq' })).toMatchObject({
      reason: 'assignee_outside_unit',
      message: '王芳 does not belong to the claim’s unit EAST-SH01 or a unit below it',
    });
  });

  it('refuses a deactivated assignee', async () => {
    const admin = principal(['admin']);
    await deactivateStaff(deps, admin, 'agent-li', 1);
    expect(await refusal({ assigneeId: 'agent-li' })).toMatchObject({
      reason: 'assignee_inactive',
      message: '李娜 is deactivated and cannot be assigned claims',
    });
    expect(staffRefusalText('assignee_inactive', 'zh-CN', { value: '李娜' })).toBe(
      '李娜 已停用，不能再分派案件',
    );
  });

  it('lets an agent take an unassigned claim for themselves, and nothing else, in words', async () => {
    const agent = principal(['agent'], 'HQ', { id: 'agent-hq' });
    const asAgent = (payload: { assigneeId?: string; unitId?: string }) =>
      applyTriageAction(deps, { ref: claim.number, action: 'assign', payload, principal: agent });
    const refused = async (payload: { assigneeId?: string; unitId?: string }) => {
      const error = await asAgent(payload).catch((e: unknown) => e);
      if (!(error instanceof ForbiddenError)) throw new Error(`expected a refusal, got ${String(error)}`);
      return error.words?.['zh-CN'];
    };
    expect(await refused({ assigneeId: 'agent-li' })).toBe(
      '坐席只能把索赔分派给自己；分派给他人或其他单位需要经理角色。',
    );
    expect(await refused({ assigneeId: 'agent-hq', unitId: 'EAST-SH01' })).toBe(
      '坐席只能把索赔分派给自己；分派给他人或其他单位需要经理角色。',
    );
    expect((await deps.store.getById(claim.id))?.version).toBe(1);
    expect((await asAgent({ assigneeId: 'agent-hq' })).assigneeId).toBe('agent-hq');
    // Taken: a colleague may not take it from them.
    await assign({ assigneeId: 'agent-li' });
    expect(await refused({ assigneeId: 'agent-hq' })).toBe('这件索赔已由同事处理；改派需要经理角色。');
  });
});
