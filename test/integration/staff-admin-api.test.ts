import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApi } from '../../functions/api/app.js';
import { DynamoStaffDirectory } from '../../shared/adapters/dynamodb/staff-directory.js';
import { FakeStaffAccounts } from '../../shared/adapters/memory/staff-directory.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { httpEvent, invoke, staffClaims } from '../support/http.js';

const admin = staffClaims(['admin'], 'HQ', 'admin-zhao');
const manager = staffClaims(['manager']);
const li = {
  id: 'agent-li',
  name: '李娜',
  email: 'li.na@staff.claims.example',
  phone: '+86 138 0013 8000',
  unitId: 'EAST-SH01',
  roles: ['agent'],
  approvalLimitFen: 10_000,
};
const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    reason: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** The staff directory's admin API on DynamoDB Local (issue 15). */
describe('staff directory admin API', () => {
  let table: TestTable;
  let api: ReturnType<typeof createApi>;
  let accounts: FakeStaffAccounts;
  const call = (method: string, path: string, options: Parameters<typeof httpEvent>[2] = {}) =>
    invoke(api, httpEvent(method, path, { claims: admin, ...options }));
  const refusal = async (method: string, path: string, body: unknown) => {
    const result = await call(method, path, { body });
    return { status: result.status, ...ErrorBody.parse(result.body).error };
  };

  beforeAll(async () => {
    table = await createTestTable();
    accounts = new FakeStaffAccounts(() => 'minted-sub-1');
    api = createApi({
      ...testDependencies(table.store),
      staff: new DynamoStaffDirectory(table.client, table.tableName),
      staffAccounts: accounts,
    });
  });

  it('is for administrators only: a manager gets 403 on every route', async () => {
    for (const [method, path] of [
      ['GET', '/staff/admin/staff'],
      ['POST', '/staff/admin/staff'],
      ['GET', '/staff/admin/staff/agent-li'],
      ['PATCH', '/staff/admin/staff/agent-li'],
      ['POST', '/staff/admin/staff/agent-li/deactivate'],
    ] as const) {
      const body =
        method === 'GET'
          ? undefined
          : method === 'POST' && !path.endsWith('deactivate')
            ? li
            : { expectedVersion: 1 };
      expect(
        (await invoke(api, httpEvent(method, path, { claims: manager, body }))).status,
        `${method} ${path}`,
      ).toBe(403);
    }
  });

  it('adds people, mints an account for one without an id, and lists them with search', async () => {
    const created = await call('POST', '/staff/admin/staff', { body: li });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...li, active: true, onLeave: false, version: 1 });
    const minted = await call('POST', '/staff/admin/staff', {
      body: { name: '张伟', email: 'zhang.wei@staff.claims.example', unitId: 'HQ', roles: ['manager'] },
    });
    expect(minted.body).toMatchObject({ id: 'minted-sub-1', name: '张伟' });
    expect(accounts.accounts.get('zhang.wei@staff.claims.example')?.groups).toEqual(['manager']);

    const names = async (query: Record<string, string>) =>
      z
        .object({ items: z.array(z.object({ name: z.string() })) })
        .parse((await call('GET', '/staff/admin/staff', { query })).body)
        .items.map((m) => m.name);
    // By unit, then name: the store (EAST-SH01) sorts before HQ.
    expect(await names({})).toEqual(['李娜', '张伟']);
    expect(await names({ q: 'ZHANG' })).toEqual(['张伟']);
    expect(await names({ q: '李' })).toEqual(['李娜']);
    expect(await names({ unitId: 'EAST' })).toEqual(['李娜']);
  });

  it('refuses bad input with field paths, and broken references in words with a reason', async () => {
    const bad = await refusal('POST', '/staff/admin/staff', { ...li, id: 'x-1', email: 'nope', roles: [] });
    expect(bad.status).toBe(400);
    expect(bad.issues?.map((i) => i.path).sort()).toEqual(['email', 'roles']);
    expect(await refusal('POST', '/staff/admin/staff', { ...li, id: 'x-2', unitId: 'MARS' })).toMatchObject({
      status: 400,
      reason: 'unknown_unit',
      issues: [{ path: 'unitId', message: '没有这个组织单位：MARS' }],
    });
    expect(await refusal('POST', '/staff/admin/staff', { ...li, id: 'x-3', deputyId: 'x-3' })).toMatchObject({
      status: 400,
      reason: 'deputy_is_self',
      issues: [{ path: 'deputyId', message: '代理人不能是本人' }],
    });
    expect(
      await refusal('POST', '/staff/admin/staff', { ...li, id: 'x-4', deputyId: 'ghost' }),
    ).toMatchObject({
      status: 400,
      reason: 'deputy_not_found',
      issues: [{ path: 'deputyId', message: '目录中没有这位代理人：ghost' }],
    });
    expect(await refusal('POST', '/staff/admin/staff', li)).toMatchObject({
      status: 409,
      message: '员工编号 agent-li 已存在，请换一个编号。',
    });
    const missing = await call('GET', '/staff/admin/staff/x-4', { headers: { 'accept-language': 'en' } });
    expect(missing.status).toBe(404);
    expect(ErrorBody.parse(missing.body).error.message).toBe(
      'There is no staff member x-4 in the directory (check the spelling)',
    );
  });

  it('edits from the version read, audits the diff, and gives 409 to the second of two concurrent edits', async () => {
    const edit = await call('PATCH', '/staff/admin/staff/agent-li', {
      body: { expectedVersion: 1, onLeave: true, deputyId: 'minted-sub-1', phone: null },
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ version: 2, onLeave: true, deputyId: 'minted-sub-1' });
    expect(edit.body).not.toHaveProperty('phone');
    const stale = await refusal('PATCH', '/staff/admin/staff/agent-li', {
      expectedVersion: 1,
      name: '李娜娜',
    });
    expect(stale).toMatchObject({
      status: 409,
      message: '员工 agent-li 的资料刚被其他人修改，请刷新后再试。',
    });

    const [a, b] = await Promise.all([
      call('PATCH', '/staff/admin/staff/agent-li', { body: { expectedVersion: 2, name: '甲' } }),
      call('PATCH', '/staff/admin/staff/agent-li', { body: { expectedVersion: 2, name: '乙' } }),
    ]);
    expect([a?.status, b?.status].sort()).toEqual([200, 409]);

    const read = z
      .object({
        member: z.object({ version: z.number() }),
        history: z.array(
          z.object({
            action: z.string(),
            actor: z.object({ id: z.string() }),
            changes: z.array(z.unknown()),
          }),
        ),
      })
      .parse((await call('GET', '/staff/admin/staff/agent-li')).body);
    expect(read.member.version).toBe(3);
    expect(read.history.map((e) => e.action)).toEqual(['staff_created', 'staff_updated', 'staff_updated']);
    expect(read.history[1]?.actor.id).toBe('admin-zhao');
    expect(read.history[1]?.changes).toEqual(
      expect.arrayContaining([
        { field: 'onLeave', before: false, after: true },
        { field: 'deputyId', before: null, after: 'minted-sub-1' },
        { field: 'phone', before: '+86 138 0013 8000', after: null },
      ]),
    );
  });

  it('deactivates: the entry stays, leaves the default list, and cannot be named a deputy', async () => {
    const off = await call('POST', '/staff/admin/staff/minted-sub-1/deactivate', {
      body: { expectedVersion: 1 },
    });
    expect(off.body).toMatchObject({ active: false, version: 2 });
    const listed = z.object({ items: z.array(z.object({ id: z.string() })) });
    expect(listed.parse((await call('GET', '/staff/admin/staff')).body).items.map((m) => m.id)).toEqual([
      'agent-li',
    ]);
    expect(
      listed
        .parse((await call('GET', '/staff/admin/staff', { query: { all: 'true' } })).body)
        .items.map((m) => m.id),
    ).toContain('minted-sub-1');
    expect(
      await refusal('POST', '/staff/admin/staff', { ...li, id: 'x-5', deputyId: 'minted-sub-1' }),
    ).toMatchObject({
      status: 400,
      reason: 'deputy_inactive',
      issues: [{ path: 'deputyId', message: '代理人 minted-sub-1 已停用' }],
    });
  });
});
