import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { DynamoCalendarStore } from '../../shared/adapters/dynamodb/calendar-store.js';
import { cachedCalendarSource } from '../../shared/domain/sla/calendar-source.js';
import { createTestTable } from '../support/dynamo.js';
import { FixedClock, SCHEDULE_2027, testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';

interface TimelineEvent {
  readonly action: string;
  readonly note?: string;
  readonly actor: { readonly type: string; readonly id?: string };
}

describe('PUT /staff/calendar/{year} recomputes stored deadlines (DynamoDB Local)', () => {
  let api: ReturnType<typeof createApi>;
  let deps: ReturnType<typeof testDependencies>;
  const agent = staffClaims(['agent']);
  const admin = staffClaims(['admin']);

  beforeAll(async () => {
    const table = await createTestTable();
    // Wednesday 30 December 2026, 10:00 Shanghai: the decision's 15 working days end in 2027.
    const base = testDependencies(table.store, new FixedClock(new Date('2026-12-30T02:00:00Z')));
    const calendarStore = new DynamoCalendarStore(table.client, table.tableName);
    deps = { ...base, calendarStore, calendars: cachedCalendarSource(calendarStore, base.clock, 0) };
    api = createApi(deps);
  });

  const detailOf = async (number: string) => {
    const result = await invoke(api, httpEvent('GET', `/staff/claims/${number}`, { claims: agent }));
    return result.body as {
      claim: { clocks: Record<string, { dueAt: string; fallbackYears: number[] }> };
      timeline: TimelineEvent[];
    };
  };

  it('moves a decision due 2027-01-20 (weekends only) to 2027-01-21, audited, the customer told, once', async () => {
    const filed = await invoke(
      api,
      httpEvent('POST', '/claims', { body: formBody({ foundOn: '2026-12-29' }) }),
    );
    const { number, id } = filed.body as { number: string; id: string };
    const admitted = await invoke(
      api,
      httpEvent('POST', `/staff/claims/${number}/material-complete`, { claims: agent, body: {} }),
    );
    expect(admitted.status).toBe(200);
    expect((await detailOf(number)).claim.clocks['decision']).toMatchObject({
      dueAt: '2027-01-20T10:00:00.000Z',
      fallbackYears: [2027],
    });

    const put = () =>
      invoke(api, httpEvent('PUT', '/staff/calendar/2027', { claims: admin, body: SCHEDULE_2027 }));
    const stored = await put();
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      origin: 'operator',
      recompute: { year: 2027, changed: 1, conflicts: 0, complete: true },
    });

    const after = await detailOf(number);
    expect(after.claim.clocks['decision']).toMatchObject({
      dueAt: '2027-01-21T10:00:00.000Z',
      fallbackYears: [],
    });
    const audit = after.timeline.filter((e) => e.action === 'recompute_deadlines');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: { type: 'staff', id: 'staff-admin-HQ' } });
    expect(audit[0]?.note).toContain(
      'first_reply 4 Jan 2027, 18:00 → 5 Jan 2027, 18:00; decision 20 Jan 2027, 18:00 → 21 Jan 2027, 18:00',
    );
    expect(deps.queues.sent.map((m) => m.id)).toContain(
      `${id}:deadline_moved:decision:2027-01-21T10:00:00.000Z`,
    );

    // The same schedule again: nothing moves, nothing is written or sent twice.
    const sent = deps.queues.sent.length;
    expect((await put()).body).toMatchObject({ recompute: { changed: 0, movedLater: 0, complete: true } });
    expect((await detailOf(number)).timeline.filter((e) => e.action === 'recompute_deadlines')).toHaveLength(
      1,
    );
    expect(deps.queues.sent.length).toBe(sent);
  });
});
