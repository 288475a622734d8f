import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { staffMember, testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';

describe('concurrency on DynamoDB Local', () => {
  let table: TestTable;
  let api: ReturnType<typeof createApi>;
  beforeAll(async () => {
    table = await createTestTable();
    const deps = testDependencies(table.store);
    // The 50 people the parallel assignments name (assignees must be in the directory).
    for (let i = 0; i < 50; i++) deps.staff.members.set(`agent-${i}`, staffMember(`agent-${i}`));
    api = createApi(deps);
  });

  it('50 parallel updates to one claim: each accepted change recorded once, versions without gaps, losers told 409', async () => {
    const filed = await invoke(api, httpEvent('POST', '/claims', { body: formBody() }));
    const number = String(filed.body['number']);
    const manager = staffClaims(['manager']);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        invoke(
          api,
          httpEvent('POST', `/staff/claims/${number}/assign`, {
            claims: manager,
            body: { assigneeId: `agent-${i}` },
          }),
        ),
      ),
    );
    const accepted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    for (const r of refused) expect(r.status).toBe(409);

    const detail = await invoke(api, httpEvent('GET', `/staff/claims/${number}`, { claims: manager }));
    const claim = detail.body['claim'] as { version: number; assigneeId: string };
    const timeline = detail.body['timeline'] as {
      action: string;
      changes: { field: string; after: unknown }[];
    }[];
    const assigns = timeline.filter((e) => e.action === 'assign');
    // One audit event per accepted change, and the claim's version counts exactly those changes.
    expect(assigns).toHaveLength(accepted.length);
    expect(claim.version).toBe(1 + accepted.length);
    const recorded = assigns.map((e) => e.changes.find((c) => c.field === 'assigneeId')?.after);
    const answered = accepted.map((r) => r.body['assigneeId']);
    expect(new Set(recorded)).toEqual(new Set(answered));
    expect(recorded.at(-1)).toBe(claim.assigneeId);
    const versions = accepted.map((r) => Number(r.body['version'])).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: accepted.length }, (_, i) => i + 2));
  });
});

describe('customer tokens', () => {
  it('a token for one claim reads no other claim', async () => {
    const table = await createTestTable();
    const api = createApi(testDependencies(table.store));
    const a = await invoke(api, httpEvent('POST', '/claims', { body: formBody() }));
    const b = await invoke(
      api,
      httpEvent('POST', '/claims', { body: formBody({ product: { name: 'Other' } }) }),
    );
    const read = (number: unknown, token: unknown) =>
      invoke(api, httpEvent('GET', `/claims/${String(number)}`, { customerToken: String(token) }));
    expect((await read(a.body['number'], a.body['accessToken'])).status).toBe(200);
    expect((await read(b.body['number'], a.body['accessToken'])).status).toBe(404);
    expect((await read(a.body['number'], b.body['accessToken'])).status).toBe(404);
  });
});
