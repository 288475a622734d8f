import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { ForbiddenError, ValidationError } from '../../../shared/domain/errors.js';
import { NotificationIntentSchema } from '../../../shared/domain/messages.js';
import {
  EditFactsSchema,
  editFacts,
  type EditFactsInput,
} from '../../../shared/domain/use-cases/edit-facts.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { applyTriageAction } from '../../../shared/domain/use-cases/triage.js';
import { proposeResolution, recordFindings } from '../../../shared/domain/use-cases/resolution.js';
import { agent as moneyAgent, investigatingClaim } from '../../support/money.js';
import { intakeInput, principal, testDependencies } from '../../support/fixtures.js';

/**
 * Issue 25, item 4: staff correct a claim's facts. Claims are filed Monday 2026-11-23 10:00 Shanghai
 * (the fixtures' clock), found 2026-11-20, ¥199 (level 3, normal).
 */
describe('edit the facts', () => {
  let store: InMemoryClaimStore;
  let deps: ReturnType<typeof testDependencies>;
  const agent = principal(['agent']);

  beforeEach(() => {
    store = new InMemoryClaimStore();
    deps = testDependencies(store);
  });

  const fileWeb = async (overrides: Record<string, unknown> = {}) =>
    (await fileClaim(deps, { input: intakeInput(overrides), channel: 'web', actor: { type: 'customer' } }))
      .claim;
  /** As email intake files it: stand-ins for product, category and day found, to be confirmed. */
  const fileEmailLike = async (email: string) =>
    (
      await fileClaim(deps, {
        input: intakeInput({
          claimant: { name: '邮件客户', email },
          product: { name: '（邮件未注明）' },
          category: 'other',
          foundOn: '2026-11-23',
        }),
        channel: 'email',
        actor: { type: 'customer' },
        missingMaterial: ['产品名称和型号', '发现问题的日期'],
        toConfirm: ['product', 'category', 'foundOn'],
      })
    ).claim;
  const edit = (claim: Claim, input: EditFactsInput) => editFacts(deps, claim.number, input, agent);
  const lastEvent = async (claim: Claim) => (await store.listEvents(claim.id)).at(-1);

  it('raises severity from corrected facts and never lowers it', async () => {
    const claim = await fileWeb();
    expect(claim.severity).toBe(3);
    const raised = await edit(claim, { claimedAmountFen: 500_000, reason: '客户补充了发票金额' });
    expect(raised).toMatchObject({
      severity: 2,
      severityReasons: ['amount at or above the level-2 threshold'],
      version: 2,
    });
    // The amount corrected back down: the level stays where it was raised to.
    const corrected = await edit(raised, { claimedAmountFen: 10_000 });
    expect(corrected).toMatchObject({ claimedAmountFen: 10_000, severity: 2 });
    const litigation = await edit(corrected, { facts: { litigationFiled: true } });
    expect(litigation).toMatchObject({ severity: 1, severityReasons: ['litigation filed'] });
    expect((await edit(litigation, { facts: { litigationFiled: false } })).severity).toBe(1);
  });

  it('routes a new category to its department and starts the on-site clock it needs', async () => {
    const claim = await fileWeb();
    expect(claim).toMatchObject({ department: 'quality' });
    expect(claim.clocks?.on_site_visit).toBeUndefined();
    const moved = await edit(claim, { category: 'installation_quality' });
    expect(moved.department).toBe('engineering');
    expect(moved.clocks?.on_site_visit).toMatchObject({
      state: 'running',
      startedAt: '2026-11-23T02:00:00.000Z',
      target: { calendarHours: 24 },
    });
    const event = await lastEvent(claim);
    expect(event?.changes).toEqual(
      expect.arrayContaining([
        { field: 'category', before: 'product_quality', after: 'installation_quality' },
        { field: 'department', before: 'quality', after: 'engineering' },
      ]),
    );
  });

  it('regrades urgency and recounts the first-reply clock under the urgent target', async () => {
    const claim = await fileWeb();
    expect(claim.clocks?.first_reply).toMatchObject({
      dueAt: '2026-11-26T10:00:00.000Z',
      basis: 'first reply',
    });
    deps.clock.set('2026-11-23T06:00:00Z');
    const urgent = await edit(claim, { facts: { involvesSafety: true } });
    expect(urgent).toMatchObject({ urgency: 'urgent', urgencyReasons: ['safety involved'] });
    // One working day from the claim's own start, not from the edit.
    expect(urgent.clocks?.first_reply).toMatchObject({
      state: 'running',
      startedAt: '2026-11-23T02:00:00.000Z',
      target: { workingDays: 1 },
      dueAt: '2026-11-24T10:00:00.000Z',
      basis: 'urgent first reply',
    });
    // Urgency is a fact, so correcting it back restores the normal deadline.
    const normal = await edit(urgent, { facts: { involvesSafety: false } });
    expect(normal.urgency).toBe('normal');
    expect(normal.clocks?.first_reply?.dueAt).toBe('2026-11-26T10:00:00.000Z');
  });

  it('keeps paused time out of a recounted clock', async () => {
    const claim = await fileWeb();
    await applyTriageAction(deps, {
      ref: claim.id,
      action: 'request_material',
      payload: { items: ['发票照片'] },
      principal: agent,
    });
    deps.clock.set('2026-11-23T06:00:00Z');
    const resumed = await applyTriageAction(deps, {
      ref: claim.id,
      action: 'mark_material_complete',
      payload: {},
      principal: agent,
    });
    const pausedMs = resumed.clocks?.first_reply?.pausedMs ?? 0;
    expect(pausedMs).toBeGreaterThan(0);
    const urgent = await edit(resumed, { facts: { involvesFunds: true } });
    // One working day from the start, moved out by the time it waited for material.
    expect(urgent.clocks?.first_reply).toMatchObject({ target: { workingDays: 1 }, pausedMs });
    expect(urgent.clocks?.first_reply?.dueAt).toBe(
      (await deps.calendars.current()).addWorkingTime('2026-11-24T10:00:00.000Z', pausedMs).at,
    );
  });

  it('audits the edit with the diff of every changed field, the reason and the staff member', async () => {
    const claim = await fileWeb();
    await edit(claim, {
      product: { model: 'K1-2026', quantity: 2 },
      claimant: { email: 'wangfang@example.com', complainantCount: 2 },
      reason: '电话核实',
    });
    const event = await lastEvent(claim);
    expect(event).toMatchObject({
      action: 'edit_facts',
      channel: 'staff_console',
      actor: { type: 'staff', id: agent.id },
      note: '电话核实',
    });
    expect(event?.changes).toEqual([
      {
        field: 'claimant',
        before: { name: '王芳', phone: '13800138000', complainantCount: 1 },
        after: { name: '王芳', phone: '13800138000', email: 'wangfang@example.com', complainantCount: 2 },
      },
      {
        field: 'product',
        before: { name: '电热水壶 K1', quantity: 1, orderNumber: 'SO-1001' },
        after: { name: '电热水壶 K1', quantity: 2, orderNumber: 'SO-1001', model: 'K1-2026' },
      },
    ]);
  });

  it('refuses bodies that name no fact, server-owned fields, a future day found, or no contact left', async () => {
    expect(EditFactsSchema.safeParse({}).success).toBe(false);
    expect(EditFactsSchema.safeParse({ reason: 'only a reason' }).success).toBe(false);
    expect(EditFactsSchema.safeParse({ severity: 1 }).success).toBe(false);
    expect(EditFactsSchema.safeParse({ product: {} }).success).toBe(false);
    const claim = await fileWeb();
    await expect(edit(claim, { foundOn: '2026-12-01' })).rejects.toThrow(ValidationError);
    await expect(edit(claim, { category: 'product_quality' })).rejects.toThrow('the edit changes nothing');
    await expect(
      editFacts(deps, claim.number, { claimedAmountFen: 1 }, principal(['finance'])),
    ).rejects.toThrow(ForbiddenError);
    expect((await store.getById(claim.id))?.version).toBe(1);
  });

  describe('claims from email (to be confirmed)', () => {
    it('confirms stand-ins one by one; the day found, once known, is checked and a late claim not admitted', async () => {
      const claim = await fileEmailLike('a@example.com');
      expect(claim).toMatchObject({
        status: 'needs_material',
        toConfirm: ['product', 'category', 'foundOn'],
      });
      expect(claim.clocks?.first_reply?.state).toBe('running');
      const named = await edit(claim, { product: { name: '电热水壶 K1' }, category: 'product_quality' });
      expect(named.toConfirm).toEqual(['foundOn']);
      expect(named.status).toBe('needs_material');
      deps.queues.sent.length = 0;

      const late = await edit(named, { foundOn: '2026-10-01' });
      expect(late).toMatchObject({
        status: 'not_admitted',
        foundOn: '2026-10-01',
        closure: { reason: 'filing_window' },
      });
      expect(late.toConfirm).toBeUndefined();
      expect(late.closure?.explanation).toBe(
        '问题发现于 2026年10月1日，距提出索赔已 53 天，超过了 30 天的提出期限。',
      );
      expect(late.clocks?.first_reply?.state).toBe('stopped');
      const intents = deps.queues.sent.map((m) => NotificationIntentSchema.parse(m.body));
      expect(intents).toHaveLength(1);
      expect(intents[0]).toMatchObject({
        kind: 'not_admitted',
        data: { reason: 'filing_window', atIntake: false },
      });
      expect((await lastEvent(claim))?.toStatus).toBe('not_admitted');
    });

    it('past admission a late day found is recorded and flagged for the handler, not refused', async () => {
      const { claim } = await investigatingClaim(deps);
      await recordFindings(deps, {
        ref: claim.id,
        principal: moneyAgent,
        input: {
          summary: '壶底焊缝开裂',
          evidenceRefs: [],
          rootCause: 'batch_defect',
          responsibility: 'company',
        },
      });
      const proposed = await proposeResolution(deps, {
        ref: claim.id,
        principal: moneyAgent,
        input: {
          type: 'compensation',
          items: [{ kind: 'direct_loss', description: '壶款', amountFen: 5_000 }],
          executingDepartment: 'finance',
          dueOn: '2026-12-10',
        },
      });
      expect(proposed.status).toBe('proposed');
      const late = await edit(proposed, { foundOn: '2026-10-01' });
      expect(late).toMatchObject({ status: 'proposed', foundOn: '2026-10-01' });
      expect(late.closure).toBeUndefined();
      expect((await lastEvent(claim))?.note).toContain(
        '已过受理阶段，由处理人决定 / past admission: the handler decides',
      );
    });

    it('a day found within the window keeps the claim open and clears the flag', async () => {
      const claim = await fileEmailLike('b@example.com');
      const dated = await edit(claim, { foundOn: '2026-11-10' });
      expect(dated).toMatchObject({ status: 'needs_material', foundOn: '2026-11-10' });
      expect(dated.toConfirm).toEqual(['product', 'category']);
    });

    it('are no same-kind complaints until confirmed; confirming the kind counts the others', async () => {
      const first = await fileEmailLike('c1@example.com');
      const second = await fileEmailLike('c2@example.com');
      const third = await fileEmailLike('c3@example.com');
      expect([first.severity, second.severity, third.severity]).toEqual([3, 3, 3]);
      // Two web claims about the kettle from other customers, then the third email claim confirmed as one.
      await fileWeb({ claimant: { name: '甲', phone: '13900000001' } });
      await fileWeb({ claimant: { name: '乙', phone: '13900000002' } });
      const confirmed = await edit(third, { product: { name: '电热水壶 K1' }, category: 'product_quality' });
      expect(confirmed).toMatchObject({
        severity: 2,
        severityReasons: ['3 same-kind complaints within 30 days'],
      });
    });
  });
});
