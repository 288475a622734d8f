import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { NotificationIntentSchema } from '../../../shared/domain/messages.js';
import { viewClaimAsCustomer } from '../../../shared/domain/use-cases/customer-claim.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { applyTriageAction } from '../../../shared/domain/use-cases/triage.js';
import { intakeInput, principal, staffMember, testDependencies } from '../../support/fixtures.js';

/** The written reply to the customer and the internal note (issue 17), through the triage use case. */
describe('replying to the customer and noting for colleagues', () => {
  let store: InMemoryClaimStore;
  let deps: ReturnType<typeof testDependencies>;
  let claim: Claim;
  let token: string;
  const agent = principal(['agent'], 'HQ', { id: 'agent-hq', name: '李娜' });

  beforeEach(async () => {
    store = new InMemoryClaimStore();
    deps = testDependencies(store);
    const filed = await fileClaim(deps, {
      input: intakeInput(),
      channel: 'web',
      actor: { type: 'customer' },
    });
    claim = filed.claim;
    token = filed.accessToken ?? '';
    deps.queues.sent.length = 0;
  });

  const reply = (message: string) =>
    applyTriageAction(deps, {
      ref: claim.number,
      action: 'reply_to_customer',
      payload: { message },
      principal: agent,
    });
  const note = (text: string, mentions?: string[]) =>
    applyTriageAction(deps, {
      ref: claim.number,
      action: 'add_internal_note',
      payload: { note: text, ...(mentions ? { mentions } : {}) },
      principal: agent,
    });
  const intents = () => deps.queues.sent.map((m) => NotificationIntentSchema.parse(m.body));

  it('the first written reply is the first reply: it stops the clock; a second reply leaves it stopped', async () => {
    expect(claim.clocks?.first_reply?.state).toBe('running');
    const first = await reply('您好，我们已收到照片，正在安排检测。');
    expect(first.clocks?.first_reply).toMatchObject({
      state: 'stopped',
      stoppedAt: '2026-11-23T02:00:00.000Z',
    });
    const second = await reply('检测已完成，稍后给您方案。');
    expect(second.clocks?.first_reply?.stoppedAt).toBe('2026-11-23T02:00:00.000Z');
    expect(second.status).toBe(claim.status);
    // Counted once in the month's first-reply figures.
    expect(store.stats.get('2026-11')).toMatchObject({ 'clock.first_reply.stopped': 1 });
  });

  it('sends each reply to the customer with the handler’s name, and shows it on the tracking page', async () => {
    await reply('您好，我们已收到照片，正在安排检测。');
    expect(intents()).toEqual([
      expect.objectContaining({
        kind: 'staff_reply',
        recipient: { type: 'customer' },
        data: {
          message: '您好，我们已收到照片，正在安排检测。',
          repliedAt: '2026-11-23T02:00:00.000Z',
          byName: '李娜',
        },
      }),
    ]);
    const view = await viewClaimAsCustomer(deps, claim.number, token);
    expect(view.timeline.at(-1)).toMatchObject({
      action: 'reply_to_customer',
      note: '您好，我们已收到照片，正在安排检测。',
    });
    expect(view.conversation.at(-1)).toEqual({
      at: '2026-11-23T02:00:00.000Z',
      from: 'staff',
      kind: 'message',
      text: '您好，我们已收到照片，正在安排检测。',
    });
  });

  it('keeps an internal note from the customer and tells only the colleagues named, once each', async () => {
    deps.staff.members.set('agent-hq', staffMember('agent-hq', ['agent'], 'HQ', { name: '李娜' }));
    await note('客户情绪激动，请经理协助。', ['manager-hq', 'manager-hq', 'agent-hq']);
    const told = intents();
    expect(told.map((i) => [i.kind, i.recipient])).toEqual([
      ['note_mention', { type: 'staff', staffId: 'manager-hq' }],
    ]);
    expect(told[0]?.data).toMatchObject({ byName: '李娜', excerpt: '客户情绪激动，请经理协助。' });
    const view = await viewClaimAsCustomer(deps, claim.number, token);
    expect(JSON.stringify(view)).not.toContain('客户情绪激动');
    expect(view.timeline.map((e) => e.action)).not.toContain('add_internal_note');
    const events = await store.listEvents(claim.id);
    expect(events.at(-1)).toMatchObject({ action: 'add_internal_note', note: '客户情绪激动，请经理协助。' });
  });

  it('refuses, in words and at the mention’s place, a colleague who is unknown, deactivated or cannot see the claim', async () => {
    deps.staff.members.set('gone', staffMember('gone', ['agent'], 'HQ', { name: '王离', active: false }));
    deps.staff.members.set('store-1', staffMember('store-1', ['agent'], 'EAST-SH01', { name: '赵店' }));
    const refusal = async (mentions: string[]) => {
      const error = await note('请看一下', mentions).catch((e: unknown) => e);
      if (!(error instanceof ValidationError)) throw new Error('expected a validation error');
      const issue = error.issues[0];
      return { path: issue?.path, zh: issue?.words?.['zh-CN'], en: issue?.words?.en };
    };
    expect(await refusal(['manager-hq', 'nobody'])).toEqual({
      path: 'mentions.1',
      zh: '目录中没有这位同事：nobody',
      en: 'There is no colleague nobody in the directory',
    });
    expect((await refusal(['gone'])).zh).toBe('王离 已停用，不能被提及');
    expect(await refusal(['store-1'])).toMatchObject({
      zh: '赵店 看不到这项索赔（不在 HQ 或其上级单位），不能被提及',
    });
    // Nothing was written by the refused notes.
    expect((await store.listEvents(claim.id)).map((e) => e.action)).toEqual(['file_claim']);
  });

  it('lets finance add a note but not reply to the customer', async () => {
    const finance = principal(['finance'], 'HQ', { id: 'fin-1', name: '刘芳' });
    await applyTriageAction(deps, {
      ref: claim.number,
      action: 'add_internal_note',
      payload: { note: '付款账户需客户确认' },
      principal: finance,
    });
    await expect(
      applyTriageAction(deps, {
        ref: claim.number,
        action: 'reply_to_customer',
        payload: { message: '您好' },
        principal: finance,
      }),
    ).rejects.toThrow(/roles/);
  });
});
