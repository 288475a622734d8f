import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { applyTriageAction } from '../../../shared/domain/use-cases/triage.js';
import { recordFindings } from '../../../shared/domain/use-cases/resolution.js';
import { sweepDeadlines } from '../../../shared/domain/use-cases/sweep.js';
import { markArrived } from '../../../shared/domain/use-cases/relay-outbox.js';
import { viewClaimAsCustomer } from '../../../shared/domain/use-cases/customer-claim.js';
import { intakeInput, principal, testDependencies } from '../../support/fixtures.js';

// Filed Monday 2026-11-23 10:00 Shanghai at store EAST-SH01: first reply due Thursday 11-26 18:00,
// warning Thursday 11:00.
describe('deadline sweep', () => {
  let store: InMemoryClaimStore;
  let deps: ReturnType<typeof testDependencies>;
  let claim: Claim;
  const sweepAt = (iso: string) => sweepDeadlines(deps, new Date(iso));

  beforeEach(async () => {
    store = new InMemoryClaimStore();
    deps = testDependencies(store);
    claim = (
      await fileClaim(deps, {
        input: intakeInput({ unitId: 'EAST-SH01' }),
        channel: 'web',
        actor: { type: 'customer' },
      })
    ).claim;
    // The notify consumer received the acknowledgment, so the sweep's catch-up leaves it alone.
    await markArrived(deps, { claimId: claim.id, id: `${claim.id}:acknowledgment` });
    deps.queues.sent.length = 0;
  });

  it('does nothing before the warning', async () => {
    const summary = await sweepAt('2026-11-26T02:59:00Z');
    expect(summary).toMatchObject({ read: 0, changed: 0 });
  });

  it('warns once at 80%, to the unit managers while unassigned, and is idempotent', async () => {
    const first = await sweepAt('2026-11-26T03:00:00Z');
    expect(first).toMatchObject({ read: 1, changed: 1, warnings: 1 });
    expect(deps.queues.sent).toHaveLength(1);
    expect(deps.queues.sent[0]).toMatchObject({
      queue: 'notify',
      id: `${claim.id}:deadline_warning:first_reply:2026-11-26T10:00:00.000Z`,
      body: {
        kind: 'deadline_warning',
        recipient: { type: 'unit_role', unitId: 'EAST-SH01', role: 'manager' },
      },
    });
    const events = store.events.get(claim.id)?.length;
    const again = await sweepAt('2026-11-26T03:00:00Z');
    expect(again).toMatchObject({ read: 0, changed: 0 });
    expect(store.events.get(claim.id)?.length).toBe(events);
    expect(deps.queues.sent).toHaveLength(1);
  });

  it('on breach escalates to the unit, then each working day to the unit above, up to HQ (SPEC §12)', async () => {
    const breach = await sweepAt('2026-11-26T10:00:00Z');
    expect(breach).toMatchObject({ breaches: 1, warnings: 0 });
    let stored = store.claims.get(claim.id);
    expect(stored?.clocks?.first_reply).toMatchObject({
      breachedAt: '2026-11-26T10:00:00.000Z',
      escalations: [{ unitId: 'EAST-SH01' }],
      nextEscalationAt: '2026-11-27T10:00:00.000Z', // close of the next working day
    });
    expect((await sweepAt('2026-11-26T10:00:00Z')).changed).toBe(0);

    expect(await sweepAt('2026-11-27T10:00:00Z')).toMatchObject({ escalations: 1 });
    // Friday → the next working day is Monday.
    expect(store.claims.get(claim.id)?.clocks?.first_reply?.nextEscalationAt).toBe(
      '2026-11-30T10:00:00.000Z',
    );
    expect(await sweepAt('2026-11-30T10:00:00Z')).toMatchObject({ escalations: 1 });
    stored = store.claims.get(claim.id);
    expect(stored?.clocks?.first_reply?.escalations.map((e) => e.unitId)).toEqual([
      'EAST-SH01',
      'EAST',
      'HQ',
    ]);
    expect(stored?.clocks?.first_reply?.nextEscalationAt).toBeNull();
    expect(await sweepAt('2026-12-02T10:00:00Z')).toMatchObject({ changed: 0 });
    expect(deps.queues.sent.map((m) => m.id)).toEqual([
      `${claim.id}:breach_escalation:first_reply:2026-11-26T10:00:00.000Z:EAST-SH01`,
      `${claim.id}:breach_escalation:first_reply:2026-11-26T10:00:00.000Z:EAST`,
      `${claim.id}:breach_escalation:first_reply:2026-11-26T10:00:00.000Z:HQ`,
    ]);
    const view = await viewClaimAsCustomer(
      deps,
      claim.number,
      'token-0001-abcdefghijklmnopqrstuvwxyz0123456789',
    );
    expect(view.timeline.map((e) => e.action)).toEqual(['file_claim']);
    const notes = store.events.get(claim.id)?.filter((e) => e.action === 'deadline_sweep');
    expect(notes).toHaveLength(3);
    expect(notes?.[0]).toMatchObject({ actor: { type: 'system', id: 'deadline-sweep' }, channel: 'system' });
  });

  it('stopped clocks are left alone; severity rises by time: 15 days → level 2, 30 days → level 1', async () => {
    await applyTriageAction(deps, {
      ref: claim.id,
      action: 'record_first_reply',
      payload: { channel: 'phone', summary: '已回复' },
      principal: principal(['agent']),
    });
    expect(await sweepAt('2026-11-27T10:00:00Z')).toMatchObject({ read: 0 });
    const day15 = await sweepAt('2026-12-08T02:00:00Z');
    expect(day15).toMatchObject({ regraded: 1 });
    expect(store.claims.get(claim.id)).toMatchObject({ severity: 2 });
    expect((await sweepAt('2026-12-08T02:00:00Z')).changed).toBe(0);
    await sweepAt('2026-12-23T02:00:00Z');
    expect(store.claims.get(claim.id)).toMatchObject({ severity: 1 });
    expect(store.claims.get(claim.id)?.severityReasons[0]).toMatch(/unresolved 30 days/);
  });

  it.each([
    ['customer', 2],
    ['third_party', 2],
    ['supplier', 1],
    ['company', 1],
  ] as const)(
    'raises a month-old claim to level 1 by time only through the company’s fault (findings: %s → level %i)',
    async (responsibility, level) => {
      for (const action of ['mark_material_complete', 'start_investigation'] as const)
        await applyTriageAction(deps, {
          ref: claim.id,
          action,
          payload: {},
          principal: principal(['agent']),
        });
      await recordFindings(deps, {
        ref: claim.id,
        principal: principal(['agent']),
        input: {
          summary: '调查结论',
          evidenceRefs: [],
          rootCause: 'other',
          responsibility,
          ...(responsibility === 'supplier' ? { partyName: '甲供应商' } : {}),
        },
      });
      await sweepAt('2026-12-08T02:00:00Z');
      expect(store.claims.get(claim.id)).toMatchObject({ severity: 2 });
      await sweepAt('2026-12-23T02:00:00Z');
      expect(store.claims.get(claim.id)).toMatchObject({ severity: level });
    },
  );

  it('relays intents left pending by an earlier failure', async () => {
    deps.queues.failNext = 1; // this run's relay fails; its catch-up leaves the fresh message (grace period)
    deps.clock.set('2026-11-26T03:00:00Z'); // the catch-up's grace period runs on the clock
    const first = await sweepAt('2026-11-26T03:00:00Z');
    expect(first).toMatchObject({ warnings: 1, relayed: 0 });
    expect(deps.queues.sent).toHaveLength(0);
    deps.clock.set('2026-11-26T03:15:00Z');
    const later = await sweepAt('2026-11-26T03:15:00Z');
    expect(later).toMatchObject({ changed: 0, relayed: 1 });
    expect(deps.queues.sent).toHaveLength(1);
  });
});
