import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { DynamoCommitmentStore } from '../../shared/adapters/dynamodb/commitment-store.js';
import { sweepDeadlines } from '../../shared/domain/use-cases/sweep.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';

const commitmentBody = {
  customerId: 'acme-01',
  customerName: '艾克米贸易有限公司',
  subject: { kind: 'service', name: '售后上门服务' },
  type: 'service_response',
  content: '报修后 2 个工作小时内响应',
  responseTarget: { workingHours: 2 },
  validFrom: '2026-01-01',
  validUntil: '2026-12-15',
  ownerId: 'mgr-li',
};

describe('commitments registry (DynamoDB Local)', () => {
  let table: TestTable;
  let api: ReturnType<typeof createApi>;
  let deps: ReturnType<typeof testDependencies>;
  const manager = staffClaims(['manager']);
  const agent = staffClaims(['agent']);
  let id = '';

  beforeAll(async () => {
    table = await createTestTable();
    deps = {
      ...testDependencies(table.store),
      commitments: new DynamoCommitmentStore(table.client, table.tableName),
    };
    api = createApi(deps);
  });

  it('managers register commitments (recorded as approver); agents may not; bad input is a 400', async () => {
    expect(
      (await invoke(api, httpEvent('POST', '/staff/commitments', { claims: agent, body: commitmentBody })))
        .status,
    ).toBe(403);
    const noTarget = { ...commitmentBody, responseTarget: undefined };
    expect(
      (await invoke(api, httpEvent('POST', '/staff/commitments', { claims: manager, body: noTarget })))
        .status,
    ).toBe(400);
    const created = await invoke(
      api,
      httpEvent('POST', '/staff/commitments', { claims: manager, body: commitmentBody }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      customerId: 'ACME-01',
      status: 'active',
      approval: { approvedBy: 'staff-manager-HQ' },
      breaches: [],
    });
    id = String(created.body['id']);
    expect(id).toMatch(/^ACME-01\./);
    const list = await invoke(
      api,
      httpEvent('GET', '/staff/commitments', { claims: agent, query: { customer: 'Acme-01' } }),
    );
    expect(list.body).toMatchObject({ items: [{ id }] });
    expect(
      (await invoke(api, httpEvent('GET', `/staff/commitments/${id}`, { claims: agent }))).body,
    ).toMatchObject({ id });
  });

  it('a claim citing it gets the promised 2 working hours; missing it is a breach on the commitment', async () => {
    const filed = await invoke(api, httpEvent('POST', '/claims', { body: formBody({ commitmentId: id }) }));
    expect(filed.status).toBe(201);
    const claim = await table.store.getById(String(filed.body['id']));
    expect(claim?.commitmentId).toBe(id);
    expect(claim?.clocks?.first_reply).toMatchObject({
      target: { workingHours: 2 },
      basis: `commitment ${id}`,
      dueAt: '2026-11-23T04:00:00.000Z', // Monday 10:00 + 2 h
    });
    const unknown = await invoke(
      api,
      httpEvent('POST', '/claims', {
        body: formBody({ commitmentId: 'ACME-01.01ZZZZZZZZZZZZZZZZZZZZZZZZ' }),
      }),
    );
    expect(unknown.status).toBe(400);

    const summary = await sweepDeadlines(deps, new Date('2026-11-23T04:00:00Z'));
    expect(summary).toMatchObject({ breaches: 1 });
    const commitment = await deps.commitments.get(id);
    expect(commitment?.breaches).toEqual([{ claimId: claim?.id, at: '2026-11-23T04:00:00.000Z' }]);
    expect(commitment?.version).toBe(2);
  });

  it('lists breached commitments and those ending within 30 days; expiring one takes it off the active list', async () => {
    const overview = await invoke(api, httpEvent('GET', '/staff/commitments/overview', { claims: agent }));
    expect(overview.body).toMatchObject({ expiring: [{ id }], breached: [{ id }] });
    const later = await invoke(
      api,
      httpEvent('POST', '/staff/commitments', {
        claims: manager,
        body: { ...commitmentBody, validUntil: '2027-06-30' },
      }),
    );
    expect(later.status).toBe(201);
    const again = await invoke(api, httpEvent('GET', '/staff/commitments/overview', { claims: agent }));
    expect(again.body['expiring']).toHaveLength(1);

    const expired = await invoke(
      api,
      httpEvent('POST', `/staff/commitments/${id}/expire`, { claims: manager, body: { reason: '合同终止' } }),
    );
    expect(expired.status).toBe(200);
    expect(expired.body).toMatchObject({
      status: 'expired',
      expired: { reason: '合同终止', by: 'staff-manager-HQ' },
    });
    const twice = await invoke(
      api,
      httpEvent('POST', `/staff/commitments/${id}/expire`, { claims: manager, body: { reason: 'again' } }),
    );
    expect(twice.status).toBe(409);
    expect(twice.body['error']).toMatchObject({ message: '这项承诺已经失效，无需再次操作。' });
    const after = await invoke(api, httpEvent('GET', '/staff/commitments/overview', { claims: agent }));
    expect(after.body).toMatchObject({ expiring: [], breached: [{ id, status: 'expired' }] });

    // An expired commitment no longer sets the target: the policy's 3 working days apply.
    const filed = await invoke(
      api,
      httpEvent('POST', '/claims', {
        body: formBody({ commitmentId: id, claimant: { name: '张三', phone: '13900000000' } }),
      }),
    );
    const claim = await table.store.getById(String(filed.body['id']));
    expect(claim?.clocks?.first_reply).toMatchObject({ target: { workingDays: 3 }, basis: 'first reply' });
  });
});
