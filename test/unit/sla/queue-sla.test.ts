import { describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { summarize, type Claim } from '../../../shared/domain/claim.js';
import type { ClaimClock } from '../../../shared/domain/sla/clock-schema.js';
import { queueSlaState, slaSummaryOf } from '../../../shared/domain/sla/queue-sla.js';
import { queueChoices, queueRows } from '../../../shared/domain/use-cases/queue-rows.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { applyTriageAction } from '../../../shared/domain/use-cases/triage.js';
import { intakeInput, principal, testDependencies } from '../../support/fixtures.js';

function clock(over: Partial<ClaimClock>): ClaimClock {
  return {
    target: { workingDays: 3 },
    state: 'running',
    startedAt: '2026-11-23T02:00:00.000Z',
    dueAt: '2026-11-26T10:00:00.000Z',
    budgetMs: 1,
    pausedMs: 0,
    pauses: [],
    stoppedAt: null,
    fallbackYears: [],
    basis: 'policy',
    warningAt: '2026-11-26T02:00:00.000Z',
    warnedAt: null,
    breachedAt: null,
    escalations: [],
    nextEscalationAt: null,
    extension: null,
    ...over,
  };
}

/** Issue 17: what a queue row knows of a claim's clocks, and its SLA state at an instant. */
describe('the queue SLA summary', () => {
  it('keeps the running clock due first, the earliest warning, and breached and paused flags', () => {
    const sla = slaSummaryOf({
      first_reply: clock({}),
      decision: clock({ dueAt: '2026-11-25T10:00:00.000Z', warningAt: '2026-11-27T00:00:00.000Z' }),
      on_site_visit: clock({
        state: 'paused',
        dueAt: '2026-11-24T00:00:00.000Z',
        breachedAt: '2026-11-24T00:00:00.000Z',
      }),
      reconsideration: clock({ state: 'stopped', dueAt: '2026-11-20T00:00:00.000Z' }),
    });
    expect(sla).toEqual({
      clock: 'decision',
      dueAt: '2026-11-25T10:00:00.000Z',
      warnAt: '2026-11-26T02:00:00.000Z',
      breached: true,
      paused: true,
    });
    expect(slaSummaryOf({ first_reply: clock({ state: 'stopped' }) })).toBeUndefined();
    expect(slaSummaryOf(undefined)).toBeUndefined();
    expect(slaSummaryOf({ decision: clock({ state: 'paused' }) })).toEqual({ paused: true });
  });

  it('is breached past due or when marked, due soon past the warning, else paused or on time', () => {
    const running = slaSummaryOf({ first_reply: clock({}) });
    expect(queueSlaState(running, '2026-11-25T00:00:00.000Z')).toBe('on_time');
    expect(queueSlaState(running, '2026-11-26T02:00:00.000Z')).toBe('due_soon');
    expect(queueSlaState(running, '2026-11-26T10:00:00.000Z')).toBe('breached');
    expect(queueSlaState({ paused: true }, '2030-01-01T00:00:00.000Z')).toBe('paused');
    expect(queueSlaState({ paused: true, breached: true }, '2026-01-01T00:00:00.000Z')).toBe('breached');
    expect(queueSlaState(undefined, '2026-11-25T00:00:00.000Z')).toBe('none');
  });
});

describe('queue rows and pickers', () => {
  it('name the unit and the assignee, and give the state at the instant', async () => {
    const store = new InMemoryClaimStore();
    const deps = testDependencies(store);
    const filed = await fileClaim(deps, {
      input: intakeInput(),
      channel: 'web',
      actor: { type: 'customer' },
    });
    await applyTriageAction(deps, {
      ref: filed.claim.id,
      action: 'assign',
      payload: { assigneeId: 'agent-9', unitId: 'EAST' },
      principal: principal(['manager']),
    });
    const claim = (await store.getById(filed.claim.id)) as Claim;
    const page = await queueRows(deps, { items: [summarize(claim)], cursor: 'c' }, deps.clock.now());
    expect(page).toEqual({
      cursor: 'c',
      items: [
        {
          ...summarize(claim),
          slaState: 'on_time',
          unitName: { 'zh-CN': '华东大区', en: 'East region' },
          assigneeName: 'agent-9',
        },
      ],
    });
    const choices = await queueChoices(deps, principal(['manager'], 'EAST'));
    expect(choices.units.map((u) => [u.id, u.depth])).toEqual([
      ['EAST', 0],
      ['EAST-SH01', 1],
    ]);
    // Each colleague's unit, so the assign form offers only the people of the claim's unit subtree.
    expect(choices.colleagues).toContainEqual({ id: 'agent-9', name: 'agent-9', unitId: 'EAST-SH01' });
  });
});
