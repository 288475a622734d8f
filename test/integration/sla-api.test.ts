import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { DynamoCalendarStore } from '../../shared/adapters/dynamodb/calendar-store.js';
import { cachedCalendarSource } from '../../shared/domain/sla/calendar-source.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { SCHEDULE_2027, testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';

describe('SLA API: first reply, extension, holiday calendar (DynamoDB Local)', () => {
  let table: TestTable;
  let api: ReturnType<typeof createApi>;
  let deps: ReturnType<typeof testDependencies>;
  const agent = staffClaims(['agent']);
  const manager = staffClaims(['manager']);
  const admin = staffClaims(['admin']);

  beforeAll(async () => {
    table = await createTestTable();
    const base = testDependencies(table.store);
    const calendarStore = new DynamoCalendarStore(table.client, table.tableName);
    deps = {
      ...base,
      calendarStore,
      calendars: cachedCalendarSource(calendarStore, base.clock, 0),
    };
    api = createApi(deps);
  });

  async function fileOne(overrides: Record<string, unknown> = {}) {
    const result = await invoke(api, httpEvent('POST', '/claims', { body: formBody(overrides) }));
    expect(result.status).toBe(201);
    return result.body as { number: string; id: string };
  }

  it('a staff claim view carries its clocks; recording the first reply stops that clock', async () => {
    const claim = await fileOne();
    const detail = await invoke(api, httpEvent('GET', `/staff/claims/${claim.number}`, { claims: agent }));
    expect(detail.body).toMatchObject({
      claim: { clocks: { first_reply: { state: 'running', dueAt: '2026-11-26T10:00:00.000Z' } } },
    });
    const replied = await invoke(
      api,
      httpEvent('POST', `/staff/claims/${claim.number}/first-reply`, {
        claims: agent,
        body: { channel: 'phone', summary: '已电话联系，确认漏水情况' },
      }),
    );
    expect(replied.status).toBe(200);
    expect(replied.body).toMatchObject({ clocks: { first_reply: { state: 'stopped' } } });
  });

  it('extends a deadline once, only with the customer agreeing; the notice is an outbox intent', async () => {
    const claim = await fileOne();
    const path = `/staff/claims/${claim.number}/extend-deadline`;
    const body = { clock: 'first_reply', days: 2, reason: '等待厂家检测报告' };
    const refused = await invoke(
      api,
      httpEvent('POST', path, { claims: manager, body: { ...body, customerAgreed: false } }),
    );
    expect(refused.status).toBe(400);
    const byAgent = await invoke(
      api,
      httpEvent('POST', path, { claims: agent, body: { ...body, customerAgreed: true } }),
    );
    expect(byAgent.status).toBe(403);
    const ok = await invoke(
      api,
      httpEvent('POST', path, { claims: manager, body: { ...body, customerAgreed: true } }),
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      clocks: {
        first_reply: {
          dueAt: '2026-11-30T10:00:00.000Z',
          extension: { previousDueAt: '2026-11-26T10:00:00.000Z', reason: '等待厂家检测报告' },
        },
      },
    });
    expect(deps.queues.sent.map((m) => m.id)).toContain(`${claim.id}:deadline_extension:first_reply`);
    const again = await invoke(
      api,
      httpEvent('POST', path, { claims: manager, body: { ...body, customerAgreed: true } }),
    );
    expect(again.status).toBe(409);
  });

  it('loads a new year without a deploy: admins only; deadlines in it stop being weekends-only', async () => {
    expect(
      (await invoke(api, httpEvent('GET', '/staff/calendar/2026', { claims: agent }))).body,
    ).toMatchObject({
      year: 2026,
      origin: 'shipped',
    });
    expect(
      (await invoke(api, httpEvent('GET', '/staff/calendar/2027', { claims: agent }))).body,
    ).toMatchObject({
      origin: 'none',
      schedule: null,
    });

    deps.clock.set('2026-12-31T02:00:00Z'); // Thursday 10:00
    const before = await fileOne({ foundOn: '2026-12-30' });
    const beforeDetail = await invoke(
      api,
      httpEvent('GET', `/staff/claims/${before.number}`, { claims: agent }),
    );
    // Weekends only in 2027: Fri 1 Jan counts, so Mon 4, Tue 5 → due Tuesday, marked as a fallback.
    expect(beforeDetail.body).toMatchObject({
      claim: { clocks: { first_reply: { dueAt: '2027-01-05T10:00:00.000Z', fallbackYears: [2027] } } },
    });

    const put = (claims: Record<string, string>, year: string, body: unknown) =>
      invoke(api, httpEvent('PUT', `/staff/calendar/${year}`, { claims, body }));
    expect((await put(manager, '2027', SCHEDULE_2027)).status).toBe(403);
    expect((await put(admin, '2028', SCHEDULE_2027)).status).toBe(400);
    const badDay = await put(admin, '2027', {
      ...SCHEDULE_2027,
      days: [{ date: '2027-02-30', kind: 'holiday', name: 'x' }],
    });
    expect(badDay.status).toBe(400);
    const stored = await put(admin, '2027', SCHEDULE_2027);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ origin: 'operator', updatedBy: 'staff:staff-admin-HQ' });

    // The claim filed before the schedule was loaded is recomputed too (issue 25).
    const beforeNow = await invoke(
      api,
      httpEvent('GET', `/staff/claims/${before.number}`, { claims: agent }),
    );
    expect(beforeNow.body).toMatchObject({
      claim: { clocks: { first_reply: { dueAt: '2027-01-06T10:00:00.000Z', fallbackYears: [] } } },
    });

    const after = await fileOne({ foundOn: '2026-12-30' });
    const afterDetail = await invoke(
      api,
      httpEvent('GET', `/staff/claims/${after.number}`, { claims: agent }),
    );
    expect(afterDetail.body).toMatchObject({
      claim: { clocks: { first_reply: { dueAt: '2027-01-06T10:00:00.000Z', fallbackYears: [] } } },
    });
  });
});
