import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import type { Claim } from '../../../shared/domain/claim.js';
import {
  ConflictError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
} from '../../../shared/domain/errors.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { applyTriageAction } from '../../../shared/domain/use-cases/triage.js';
import { NotificationIntentSchema } from '../../../shared/domain/messages.js';
import { intakeInput, principal, testDependencies } from '../../support/fixtures.js';

describe('triage actions', () => {
  let store: InMemoryClaimStore;
  let deps: ReturnType<typeof testDependencies>;
  let claim: Claim;
  const manager = principal(['manager']);
  const agent = principal(['agent']);

  beforeEach(async () => {
    store = new InMemoryClaimStore();
    deps = testDependencies(store);
    claim = (await fileClaim(deps, { input: intakeInput(), channel: 'web', actor: { type: 'customer' } }))
      .claim;
  });

  it('dispatches to a store and assigns, recording before and after', async () => {
    const next = await applyTriageAction(deps, {
      ref: claim.number,
      action: 'assign',
      payload: { unitId: 'EAST-SH01', assigneeId: 'agent-7' },
      principal: manager,
    });
    expect(next).toMatchObject({
      unitId: 'EAST-SH01',
      unitPath: ['HQ', 'EAST', 'EAST-SH01'],
      assigneeId: 'agent-7',
      version: 2,
    });
    const event = (await store.listEvents(claim.id)).at(-1);
    expect(event).toMatchObject({
      action: 'assign',
      channel: 'staff_console',
      actor: { type: 'staff', id: manager.id },
    });
    expect(event?.changes).toEqual(
      expect.arrayContaining([
        { field: 'unitId', before: 'HQ', after: 'EAST-SH01' },
        { field: 'assigneeId', before: null, after: 'agent-7' },
      ]),
    );
    expect(event?.fromStatus).toBeUndefined();
  });

  it('walks request material → material complete → investigation', async () => {
    const asked = await applyTriageAction(deps, {
      ref: claim.id,
      action: 'request_material',
      payload: { items: ['发票照片', '漏水部位照片'] },
      principal: agent,
    });
    expect(asked.status).toBe('needs_material');
    expect(asked.materialRequest?.items).toEqual(['发票照片', '漏水部位照片']);
    const complete = await applyTriageAction(deps, {
      ref: claim.id,
      action: 'mark_material_complete',
      payload: {},
      principal: agent,
    });
    expect(complete.status).toBe('admitted');
    expect(complete.materialRequest).toBeUndefined();
    const investigating = await applyTriageAction(deps, {
      ref: claim.id,
      action: 'start_investigation',
      payload: {},
      principal: agent,
    });
    expect(investigating).toMatchObject({ status: 'investigating', version: 4 });
    const trail = await store.listEvents(claim.id);
    expect(trail.map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['file_claim', undefined, 'received'],
      ['request_material', 'received', 'needs_material'],
      ['mark_material_complete', 'needs_material', 'admitted'],
      ['start_investigation', 'admitted', 'investigating'],
    ]);
  });

  it('does not admit with a reason, closing the claim and leaving it unchangeable by triage', async () => {
    const closed = await applyTriageAction(deps, {
      ref: claim.id,
      action: 'not_admit',
      payload: { reason: 'groundless', explanation: '经核实为误投诉' },
      principal: agent,
    });
    expect(closed).toMatchObject({
      status: 'not_admitted',
      closure: { reason: 'groundless', explanation: '经核实为误投诉' },
    });
    await expect(
      applyTriageAction(deps, {
        ref: claim.id,
        action: 'start_investigation',
        payload: {},
        principal: agent,
      }),
    ).rejects.toThrow(InvalidTransitionError);
  });

  it('withdraws on the customer’s behalf', async () => {
    const withdrawn = await applyTriageAction(deps, {
      ref: claim.id,
      action: 'withdraw',
      payload: { reason: '客户电话撤回' },
      principal: agent,
    });
    expect(withdrawn.status).toBe('withdrawn');
  });

  it('refuses a role the table does not list (agents do not assign)', async () => {
    await expect(
      applyTriageAction(deps, {
        ref: claim.id,
        action: 'assign',
        payload: { assigneeId: 'x' },
        principal: agent,
      }),
    ).rejects.toThrow(ForbiddenError);
  });

  it('hides claims outside the caller’s units as not found', async () => {
    await expect(
      applyTriageAction(deps, {
        ref: claim.id,
        action: 'start_investigation',
        payload: {},
        principal: principal(['agent'], 'EAST'),
      }),
    ).rejects.toThrow(NotFoundError);
  });

  it('never dispatches outside the caller’s subtree', async () => {
    await applyTriageAction(deps, {
      ref: claim.id,
      action: 'assign',
      payload: { unitId: 'EAST-SH01' },
      principal: manager,
    });
    const storeManager = principal(['manager'], 'EAST-SH01');
    await expect(
      applyTriageAction(deps, {
        ref: claim.id,
        action: 'assign',
        payload: { unitId: 'EAST' },
        principal: storeManager,
      }),
    ).rejects.toThrow(ForbiddenError);
  });

  it('answers a stale expectedVersion with a conflict and writes nothing', async () => {
    await applyTriageAction(deps, {
      ref: claim.id,
      action: 'assign',
      payload: { assigneeId: 'a' },
      principal: manager,
    });
    await expect(
      applyTriageAction(deps, {
        ref: claim.id,
        action: 'assign',
        payload: { assigneeId: 'b', expectedVersion: 1 },
        principal: manager,
      }),
    ).rejects.toThrow(ConflictError);
    expect((await store.getById(claim.id))?.assigneeId).toBe('a');
    expect(await store.listEvents(claim.id)).toHaveLength(2);
  });

  it('asks the customer for the material and tells a new assignee or the receiving unit, once per change', async () => {
    deps.queues.sent.length = 0;
    await applyTriageAction(deps, {
      ref: claim.id,
      action: 'request_material',
      payload: { items: ['发票', '照片'], note: '请尽快' },
      principal: agent,
    });
    await applyTriageAction(deps, {
      ref: claim.id,
      action: 'assign',
      payload: { unitId: 'EAST' },
      principal: manager,
    });
    await applyTriageAction(deps, {
      ref: claim.id,
      action: 'assign',
      payload: { assigneeId: 'agent-9' },
      principal: manager,
    });
    await applyTriageAction(deps, {
      ref: claim.id,
      action: 'assign',
      payload: { assigneeId: 'agent-9' },
      principal: manager,
    });
    const intents = deps.queues.sent.map((m) => NotificationIntentSchema.parse(m.body));
    expect(intents.map((i) => [i.kind, i.recipient])).toEqual([
      ['material_request', { type: 'customer' }],
      ['assignment', { type: 'unit_role', unitId: 'EAST', role: 'manager' }],
      ['assignment', { type: 'staff', staffId: 'agent-9' }],
    ]);
    expect(intents[0]?.data).toMatchObject({ items: ['发票', '照片'], note: '请尽快' });
    expect(new Set(intents.map((i) => i.id)).size).toBe(3);
    // Each names its outbox row, which its consumer marks relayed on arrival.
    expect(deps.queues.sent.map((m) => m.claimId)).toEqual([claim.id, claim.id, claim.id]);
  });

  it('tells nobody when someone takes a claim for themselves', async () => {
    deps.queues.sent.length = 0;
    const taker = principal(['agent'], 'HQ', { id: 'agent-9' });
    const taken = await applyTriageAction(deps, {
      ref: claim.id,
      action: 'assign',
      payload: { assigneeId: 'agent-9' },
      principal: taker,
    });
    expect(taken.assigneeId).toBe('agent-9');
    expect(deps.queues.sent).toEqual([]);
  });
});
