import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { InMemoryClaimStore } from '../../shared/adapters/memory/claim-store.js';
import type { ClaimWriter } from '../../shared/ports/claim-writer.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { NotificationIntentSchema } from '../../shared/domain/messages.js';
import { testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';
import { TEST_FORM_CHALLENGE_SECRET } from '../support/proof-of-work.js';

describe('claims API handler (DynamoDB Local)', () => {
  let table: TestTable;
  let api: ReturnType<typeof createApi>;
  let deps: ReturnType<typeof testDependencies>;
  const manager = staffClaims(['manager']);
  const agent = staffClaims(['agent']);

  beforeAll(async () => {
    table = await createTestTable();
    deps = testDependencies(table.store);
    api = createApi(deps);
  });

  /** Runs a request that must be refused and proves the table is untouched by it. */
  async function refusedWithoutWrites(event: ReturnType<typeof httpEvent>) {
    const before = await table.allItems();
    const result = await invoke(api, event);
    expect(await table.allItems()).toEqual(before);
    return result;
  }

  async function fileOne(overrides: Record<string, unknown> = {}) {
    const result = await invoke(api, httpEvent('POST', '/claims', { body: formBody(overrides) }));
    expect(result.status).toBe(201);
    return result.body as { number: string; accessToken: string; id: string };
  }

  describe('public intake and tracking', () => {
    it('files a claim and returns its number and a one-time token with a tracking path', async () => {
      const result = await invoke(api, httpEvent('POST', '/claims', { body: formBody() }));
      expect(result.status).toBe(201);
      expect(result.body).toMatchObject({
        status: 'received',
        severity: 3,
        urgency: 'normal',
        replayed: false,
      });
      expect(result.body['number']).toMatch(/^CLM-2026-\d{6}$/);
      expect(String(result.body['accessToken']).length).toBeGreaterThanOrEqual(22);
      // The token rides in the fragment, which no browser sends: it reaches no CloudFront or API log.
      expect(result.body['trackingPath']).toBe(
        `/track.html?number=${String(result.body['number'])}#t=${String(result.body['accessToken'])}`,
      );
      expect(result.body['firstReplyDue']).toBe('2026-11-26T10:00:00.000Z');
    });

    it('shows the claim only with its token; every failure is the same 404', async () => {
      const claim = await fileOne();
      const ok = await invoke(
        api,
        httpEvent('GET', `/claims/${claim.number}`, { customerToken: claim.accessToken }),
      );
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ number: claim.number, status: 'received' });
      const wrong = await invoke(
        api,
        httpEvent('GET', `/claims/${claim.number}`, { customerToken: 'x'.repeat(43) }),
      );
      const missing = await invoke(api, httpEvent('GET', `/claims/${claim.number}`));
      const unknown = await invoke(
        api,
        httpEvent('GET', '/claims/CLM-2026-999999', { customerToken: claim.accessToken }),
      );
      for (const r of [wrong, missing, unknown]) {
        expect(r.status).toBe(404);
        expect(r.body['error']).toMatchObject({ code: 'NOT_FOUND' });
      }
      const text = (r: typeof wrong) =>
        JSON.stringify({ ...(r.body['error'] as object), requestId: '', message: '', detail: '' });
      expect(text(wrong)).toBe(text(unknown));
    });

    it('takes the token from the X-Claim-Token header only: a ?token= is refused in words', async () => {
      const claim = await fileOne();
      const byHeader = await invoke(
        api,
        httpEvent('GET', `/claims/${claim.number}`, { headers: { 'X-Claim-Token': claim.accessToken } }),
      );
      expect(byHeader.status).toBe(200);
      expect(byHeader.body).toMatchObject({ number: claim.number, status: 'received' });
      const query = { token: claim.accessToken };
      const byQuery = [
        await invoke(api, httpEvent('GET', `/claims/${claim.number}`, { query })),
        await invoke(
          api,
          httpEvent('POST', `/claims/${claim.number}/withdraw`, { query, body: { reason: '不需要了' } }),
        ),
      ];
      for (const refused of byQuery) {
        expect(refused.status).toBe(400);
        expect(refused.body['error']).toMatchObject({
          code: 'VALIDATION_FAILED',
          message: '部分内容需要修改，请查看标出的项目。',
          issues: [
            {
              path: 'token',
              code: 'token_in_query',
              message: '查询码不能放在网址中：请重新打开邮件或短信里的链接。',
            },
          ],
        });
      }
      const tooLong = await invoke(
        api,
        httpEvent('GET', `/claims/${claim.number}`, { customerToken: 'x'.repeat(201) }),
      );
      expect(tooLong.status).toBe(400);
      expect(tooLong.body['error']).toMatchObject({
        issues: [
          {
            path: 'X-Claim-Token',
            code: 'invalid_link',
            message: '这个链接无效：请重新打开邮件或短信里的链接。',
          },
        ],
      });
      // Nothing moved: the claim is still received.
      const after = await invoke(
        api,
        httpEvent('GET', `/claims/${claim.number}`, { customerToken: claim.accessToken }),
      );
      expect(after.body).toMatchObject({ status: 'received' });
    });

    it('lets the customer add material with the token, and refuses it without', async () => {
      const claim = await fileOne();
      const added = await invoke(
        api,
        httpEvent('POST', `/claims/${claim.number}/material`, {
          customerToken: claim.accessToken,
          body: { message: '发票照片已上传' },
        }),
      );
      expect(added.body).toMatchObject({ number: claim.number, materialSubmissions: 1 });
      const refused = await refusedWithoutWrites(
        httpEvent('POST', `/claims/${claim.number}/material`, {
          customerToken: 'nope',
          body: { message: 'x' },
        }),
      );
      expect(refused.status).toBe(404);
    });

    it('records a claim filed too late as not admitted and says why', async () => {
      const result = await invoke(
        api,
        httpEvent('POST', '/claims', { body: formBody({ foundOn: '2026-09-01' }) }),
      );
      expect(result.status).toBe(201);
      expect(result.body['status']).toBe('not_admitted');
      expect(result.body['refusal']).toMatch(
        /^问题发现于 2026年9月1日，距提出索赔已 \d+ 天，超过了 30 天的提出期限。$/,
      );
    });
  });

  describe('errors, each with nothing written', () => {
    it('400 with the zod field paths for a body that breaks the schema', async () => {
      const body = formBody({ claimant: { name: '' }, claimedAmountFen: 10.5, status: 'closed' });
      const result = await refusedWithoutWrites(httpEvent('POST', '/claims', { body }));
      expect(result.status).toBe(400);
      const issues = (result.body['error'] as { issues: { path: string }[] }).issues.map((i) => i.path);
      expect(issues).toEqual(expect.arrayContaining(['claimant.name', 'claimedAmountFen', '']));
      expect(JSON.stringify(result.body)).toContain('status');
    });

    it('400 worded in the language the page asks for: codes and field names, never zod’s English', async () => {
      const body = formBody({ claimant: { name: '', phone: '1380013800' } });
      const zh = await refusedWithoutWrites(httpEvent('POST', '/claims', { body }));
      const en = await refusedWithoutWrites(
        httpEvent('POST', '/claims', { body, headers: { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' } }),
      );
      expect(zh.body['error']).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: '部分内容需要修改，请查看标出的项目。',
        issues: expect.arrayContaining([
          { path: 'claimant.name', code: 'required', message: '请填写姓名。' },
          {
            path: 'claimant.phone',
            code: 'invalid_phone',
            message: '请填写有效的手机号码（11 位，以 1 开头），或带国家代码的号码（如 +852 9123 4567）。',
          },
        ]) as unknown,
      });
      expect(en.body['error']).toMatchObject({
        message: 'Some of the details need correcting: see the marked fields.',
        issues: expect.arrayContaining([
          { path: 'claimant.name', code: 'required', message: 'Please fill in your name.' },
        ]) as unknown,
      });
      expect(JSON.stringify(zh.body)).not.toMatch(/Too small|expected string|Invalid/);
    });

    it('400 for a body that is not JSON, a missing contact, a bad Idempotency-Key and a bad cursor', async () => {
      expect(
        (await refusedWithoutWrites(httpEvent('POST', '/claims', { rawBody: '{"claimant":' }))).status,
      ).toBe(400);
      const noContact = await refusedWithoutWrites(
        httpEvent('POST', '/claims', { body: formBody({ claimant: { name: 'A' } }) }),
      );
      expect(noContact.status).toBe(400);
      expect(JSON.stringify(noContact.body)).toContain('claimant.phone');
      const badKey = await refusedWithoutWrites(
        httpEvent('POST', '/claims', { body: formBody(), headers: { 'idempotency-key': 'x' } }),
      );
      expect(badKey.status).toBe(400);
      const badCursor = await invoke(
        api,
        httpEvent('GET', '/staff/claims', { claims: manager, query: { cursor: 'bogus' } }),
      );
      expect(badCursor.status).toBe(400);
      const badQuery = await invoke(
        api,
        httpEvent('GET', '/staff/claims', { claims: manager, query: { limit: '1000' } }),
      );
      expect(badQuery.status).toBe(400);
    });

    it('401 on a staff route without authorizer claims', async () => {
      const result = await refusedWithoutWrites(
        httpEvent('POST', '/staff/claims', { body: { ...formBody(), channel: 'phone' } }),
      );
      expect(result.status).toBe(401);
      expect(result.body['error']).toMatchObject({ code: 'UNAUTHENTICATED', message: '请重新登录。' });
    });

    it('403 for a token without a staff role, a role the action needs, or a unit outside one’s own', async () => {
      const claim = await fileOne();
      const noRole = await invoke(
        api,
        httpEvent('GET', '/staff/claims', { claims: { ...manager, 'cognito:groups': '[visitor]' } }),
      );
      expect(noRole.status).toBe(403);
      const agentAssign = await refusedWithoutWrites(
        httpEvent('POST', `/staff/claims/${claim.number}/assign`, {
          claims: agent,
          body: { assigneeId: 'me' },
        }),
      );
      expect(agentAssign.status).toBe(403);
      // An agent takes a claim only for themselves; dispatching it to anyone else is a manager's.
      expect(agentAssign.body['error']).toMatchObject({
        code: 'FORBIDDEN',
        message: '坐席只能把索赔分派给自己；分派给他人或其他单位需要经理角色。',
      });
      const otherQueue = await invoke(
        api,
        httpEvent('GET', '/staff/claims', {
          claims: staffClaims(['manager'], 'EAST'),
          query: { unit: 'HQ' },
        }),
      );
      expect(otherQueue.status).toBe(403);
      expect(otherQueue.body['error']).toMatchObject({
        message: '您无权查看该单位的索赔：您只能查看和处理本单位及下级单位的索赔。',
      });
      const unknownUnit = await invoke(
        api,
        httpEvent('GET', '/staff/claims', { claims: staffClaims(['manager'], 'NOWHERE') }),
      );
      expect(unknownUnit.status).toBe(403);
    });

    it('404 for an unknown route and for a claim outside the caller’s units; 405 for a wrong method', async () => {
      const claim = await fileOne();
      expect((await invoke(api, httpEvent('GET', '/nothing-here'))).status).toBe(404);
      const hidden = await invoke(
        api,
        httpEvent('GET', `/staff/claims/${claim.number}`, { claims: staffClaims(['manager'], 'EAST') }),
      );
      expect(hidden.status).toBe(404);
      expect(hidden.body['error']).toMatchObject({ message: `找不到索赔 ${claim.number}，或您无权查看。` });
      const hiddenEn = await invoke(
        api,
        httpEvent('GET', `/staff/claims/${claim.number}`, {
          claims: staffClaims(['manager'], 'EAST'),
          headers: { 'accept-language': 'en' },
        }),
      );
      expect(hiddenEn.body['error']).toMatchObject({
        message: `Claim ${claim.number} was not found, or you may not see it.`,
      });
      const wrongMethod = await refusedWithoutWrites(
        httpEvent('DELETE', '/claims', { headers: { 'accept-language': 'en' } }),
      );
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.body['error']).toMatchObject({
        code: 'METHOD_NOT_ALLOWED',
        message: 'This address does not take this kind of request.',
      });
    });

    it('409 for a stale version, a transition the state forbids, and a reused Idempotency-Key', async () => {
      const claim = await fileOne();
      const stale = await refusedWithoutWrites(
        httpEvent('POST', `/staff/claims/${claim.number}/start-investigation`, {
          claims: agent,
          body: { expectedVersion: 7 },
        }),
      );
      expect(stale.status).toBe(409);
      expect(stale.body['error']).toMatchObject({
        code: 'INVALID_TRANSITION',
        message: '这项索赔目前为“已受理”，不能执行此操作。请刷新查看最新状态。',
      });
      await invoke(
        api,
        httpEvent('POST', `/staff/claims/${claim.number}/assign`, {
          claims: manager,
          body: { assigneeId: 'a' },
        }),
      );
      const conflict = await refusedWithoutWrites(
        httpEvent('POST', `/staff/claims/${claim.number}/assign`, {
          claims: manager,
          body: { assigneeId: 'b', expectedVersion: 1 },
        }),
      );
      expect(conflict.status).toBe(409);
      expect(conflict.body['error']).toMatchObject({
        code: 'CONFLICT',
        message: '这项索赔刚被其他人修改，请刷新后再试。',
      });
      const headers = { 'idempotency-key': 'reuse-key-0001' };
      expect((await invoke(api, httpEvent('POST', '/claims', { body: formBody(), headers }))).status).toBe(
        201,
      );
      const reused = await refusedWithoutWrites(
        httpEvent('POST', '/claims', { body: formBody({ description: 'changed' }), headers }),
      );
      expect(reused.status).toBe(409);
      expect(reused.body['error']).toMatchObject({
        message: '这次提交与之前的一次提交冲突，请刷新页面后重新提交。',
      });
    });

    it('413 for a body over the limit', async () => {
      const result = await refusedWithoutWrites(
        httpEvent('POST', '/claims', { body: formBody({ description: 'x'.repeat(70_000) }) }),
      );
      expect(result.status).toBe(413);
      expect(result.body['error']).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: '提交的内容太大，请删减后重试（附件请通过上传按钮添加）。',
      });
      expect(JSON.stringify(result.body)).toMatch(
        /"detail":"the request body is \d+ bytes; the limit is 65536"/,
      );
    });

    it('500 with a request id and no internals when a port fails unexpectedly, with nothing written', async () => {
      const memory = new InMemoryClaimStore();
      const failing: ClaimWriter = {
        commit: () =>
          Promise.reject(
            new Error('ProvisionedThroughputExceededException: secret table arn:aws:dynamodb:xyz'),
          ),
      };
      const broken = createApi({ ...testDependencies(memory), writer: failing });
      const event = httpEvent('POST', '/claims', { body: formBody() });
      const result = await invoke(broken, event);
      expect(result.status).toBe(500);
      expect(result.body['error']).toMatchObject({
        code: 'INTERNAL',
        requestId: event.requestContext.requestId,
      });
      expect(JSON.stringify(result.body)).not.toMatch(/Provisioned|arn:|secret/);
      expect(memory.claims.size).toBe(0);
    });
  });

  describe('idempotent intake under concurrency', () => {
    it('two concurrent submissions with one Idempotency-Key create one claim, and both tokens work', async () => {
      const headers = { 'idempotency-key': 'double-click-0001' };
      const body = formBody({ product: { name: 'Concurrent kettle', orderNumber: 'SO-DC-1' } });
      const [a, b] = await Promise.all([
        invoke(api, httpEvent('POST', '/claims', { body, headers })),
        invoke(api, httpEvent('POST', '/claims', { body, headers })),
      ]);
      expect([a?.status, b?.status].sort()).toEqual([200, 201]);
      expect(a?.body['number']).toBe(b?.body['number']);
      const claims = (await table.allItems()).filter(
        (i) => i['entityType'] === 'Claim' && i['number'] === a?.body['number'],
      );
      expect(claims).toHaveLength(1);
      for (const r of [a, b]) {
        const view = await invoke(
          api,
          httpEvent('GET', `/claims/${String(r?.body['number'])}`, {
            customerToken: String(r?.body['accessToken']),
          }),
        );
        expect(view.status).toBe(200);
      }
    });

    it('twenty concurrent submissions with one key create one claim', async () => {
      const headers = { 'idempotency-key': 'twenty-clicks-0001' };
      const body = formBody({ product: { name: 'Twenty kettle', orderNumber: 'SO-20' } });
      const results = await Promise.all(
        Array.from({ length: 20 }, () => invoke(api, httpEvent('POST', '/claims', { body, headers }))),
      );
      expect(results.every((r) => r.status === 200 || r.status === 201)).toBe(true);
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(new Set(results.map((r) => r.body['number'])).size).toBe(1);
      const items = await table.allItems();
      expect(
        items.filter((i) => i['entityType'] === 'Claim' && i['number'] === results[0]?.body['number']),
      ).toHaveLength(1);
      expect(
        items.filter(
          (i) => i['entityType'] === 'IdempotencyRecord' && i['PK'] === 'IDEMPOTENCY#web:twenty-clicks-0001',
        ),
      ).toHaveLength(1);
    });
  });

  describe('staff', () => {
    beforeEach(() => deps.clock.advanceDays(0.001));

    it('registers a phone claim, lists it in the HQ queue, finds it by number, phone, email and order', async () => {
      const body = {
        ...formBody({
          claimant: { name: '张伟', phone: '13600000042', email: 'zhang.wei@example.com' },
          product: { name: 'Oven', orderNumber: 'SO-PHONE-42' },
        }),
        channel: 'phone',
      };
      const filed = await invoke(api, httpEvent('POST', '/staff/claims', { claims: agent, body }));
      expect(filed.status).toBe(201);
      const number = String(filed.body['number']);
      const queue = await invoke(
        api,
        httpEvent('GET', '/staff/claims', { claims: manager, query: { limit: '100' } }),
      );
      expect((queue.body['items'] as { number: string }[]).map((i) => i.number)).toContain(number);
      const queries: Record<string, string>[] = [
        { number },
        { phone: '136-0000-0042' },
        { email: 'ZHANG.WEI@example.com' },
        { order: 'so-phone-42' },
      ];
      for (const query of queries) {
        const found = await invoke(api, httpEvent('GET', '/staff/search', { claims: agent, query }));
        expect((found.body['items'] as { number: string }[]).map((i) => i.number)).toEqual([number]);
      }
      const detail = await invoke(api, httpEvent('GET', `/staff/claims/${number}`, { claims: agent }));
      expect(detail.body['claim']).toMatchObject({ number, channel: 'phone', createdBy: { type: 'staff' } });
      expect(detail.body['claim']).not.toHaveProperty('accessTokenHashes');
      expect(JSON.stringify(detail.body)).not.toMatch(/[0-9a-f]{64}/);
      expect((detail.body['timeline'] as unknown[]).length).toBe(1);
    });

    it('moves a claim through assign, request material, material complete and investigation, each in the timeline', async () => {
      const claim = await fileOne({ product: { name: 'Flow kettle', orderNumber: 'SO-FLOW' } });
      const steps: [string, Record<string, string>, unknown, string][] = [
        ['assign', manager, { unitId: 'EAST-SH01', assigneeId: 'agent-7' }, 'received'],
        ['request-material', agent, { items: ['发票', '照片'], note: '请补充' }, 'needs_material'],
        ['material-complete', agent, {}, 'admitted'],
        ['start-investigation', agent, {}, 'investigating'],
      ];
      for (const [segment, claims, body, status] of steps) {
        const result = await invoke(
          api,
          httpEvent('POST', `/staff/claims/${claim.number}/${segment}`, { claims, body }),
        );
        expect(result.status, segment).toBe(200);
        expect(result.body['status']).toBe(status);
      }
      const storeQueue = await invoke(
        api,
        httpEvent('GET', '/staff/claims', { claims: staffClaims(['agent'], 'EAST-SH01') }),
      );
      expect((storeQueue.body['items'] as { number: string }[]).map((i) => i.number)).toContain(claim.number);
      const mine = await invoke(
        api,
        httpEvent('GET', '/staff/claims', { claims: manager, query: { assignee: 'agent-7' } }),
      );
      expect((mine.body['items'] as { number: string }[]).map((i) => i.number)).toEqual([claim.number]);
      const detail = await invoke(api, httpEvent('GET', `/staff/claims/${claim.id}`, { claims: manager }));
      expect((detail.body['timeline'] as { action: string }[]).map((e) => e.action)).toEqual([
        'file_claim',
        'assign',
        'request_material',
        'mark_material_complete',
        'start_investigation',
      ]);
    });

    it('marks the claim when the customer adds material, tells its assignee, and unmarks it once opened', async () => {
      const claim = await fileOne({ product: { name: 'Told kettle', orderNumber: 'SO-TOLD' } });
      const storeAgent = staffClaims(['agent'], 'EAST-SH01');
      for (const [segment, claims, body] of [
        ['assign', manager, { unitId: 'EAST-SH01', assigneeId: 'agent-7' }],
        ['request-material', agent, { items: ['发票'] }],
      ] as const)
        expect(
          (await invoke(api, httpEvent('POST', `/staff/claims/${claim.number}/${segment}`, { claims, body })))
            .status,
        ).toBe(200);
      const sentBefore = deps.queues.sent.length;
      await invoke(
        api,
        httpEvent('POST', `/claims/${claim.number}/material`, {
          customerToken: claim.accessToken,
          body: { message: '发票照片已上传，请查收' },
        }),
      );
      const told = deps.queues.sent.slice(sentBefore).map((m) => NotificationIntentSchema.parse(m.body));
      expect(told.map((i) => [i.kind, i.recipient])).toEqual([
        ['customer_responded', { type: 'staff', staffId: 'agent-7' }],
      ]);
      expect(told[0]?.data).toMatchObject({ what: 'material', excerpt: '发票照片已上传，请查收', files: 0 });
      // The material does not resume the claim: it waits for staff, marked on the queue row.
      const queue = await invoke(api, httpEvent('GET', '/staff/claims', { claims: storeAgent }));
      const row = (
        queue.body['items'] as { number: string; status: string; customerResponse?: unknown }[]
      ).find((i) => i.number === claim.number);
      expect(row).toMatchObject({ status: 'needs_material', customerResponse: { what: 'material' } });
      const seen = await invoke(
        api,
        httpEvent('POST', `/staff/claims/${claim.number}/acknowledge-response`, {
          claims: storeAgent,
          body: {},
        }),
      );
      expect(seen.status).toBe(200);
      expect(seen.body).not.toHaveProperty('customerResponse');
      expect(seen.body['status']).toBe('needs_material');
      const again = await refusedWithoutWrites(
        httpEvent('POST', `/staff/claims/${claim.number}/acknowledge-response`, {
          claims: storeAgent,
          body: {},
          headers: { 'accept-language': 'zh-CN' },
        }),
      );
      expect(again.status).toBe(409);
    });

    it('gives each queue row its SLA state, unit name and assignee name, and filters by SLA state and assignee (issue 17)', async () => {
      const waiting = await fileOne({ product: { name: 'Queue kettle', orderNumber: 'SO-Q17' } });
      const running = await fileOne({ product: { name: 'Queue kettle 2', orderNumber: 'SO-Q17B' } });
      for (const [segment, body] of [
        ['assign', { unitId: 'EAST', assigneeId: 'agent-9' }],
        ['request-material', { items: ['发票'] }],
      ] as const) {
        const r = await invoke(
          api,
          httpEvent('POST', `/staff/claims/${waiting.number}/${segment}`, { claims: manager, body }),
        );
        expect(r.status, segment).toBe(200);
      }
      type Row = {
        number: string;
        slaState: string;
        unitName: unknown;
        assigneeName?: string;
        sla?: unknown;
      };
      const rows = async (query: Record<string, string>) => {
        const r = await invoke(api, httpEvent('GET', '/staff/claims', { claims: manager, query }));
        expect(r.status).toBe(200);
        return r.body['items'] as Row[];
      };
      const paused = await rows({ sla: 'paused', limit: '100' });
      expect(paused.map((i) => i.number)).toContain(waiting.number);
      expect(paused.map((i) => i.number)).not.toContain(running.number);
      expect(paused.find((i) => i.number === waiting.number)).toMatchObject({
        slaState: 'paused',
        unitName: { 'zh-CN': '华东大区', en: 'East region' },
        assigneeName: 'agent-9',
        sla: { paused: true },
      });
      const all = await rows({ limit: '100' });
      expect(all.find((i) => i.number === running.number)).toMatchObject({ slaState: 'on_time' });
      // Sorted and counted by the API (issue 17): the total of matching rows beside the page.
      const sorted = await invoke(
        api,
        httpEvent('GET', '/staff/claims', { claims: manager, query: { sort: 'severity', limit: '1' } }),
      );
      expect(sorted.body['total']).toBe(all.length);
      expect(typeof sorted.body['cursor']).toBe('string');
      expect(sorted.body['items']).toHaveLength(1);
      expect((await rows({ sla: 'breached', limit: '100' })).map((i) => i.number)).not.toContain(
        running.number,
      );
      const unassigned = (await rows({ assignee: 'none', limit: '100' })).map((i) => i.number);
      expect(unassigned).toContain(running.number);
      expect(unassigned).not.toContain(waiting.number);
      expect((await rows({ assignee: 'agent-9', unit: 'EAST' })).map((i) => i.number)).toEqual([
        waiting.number,
      ]);
      const bad = await invoke(
        api,
        httpEvent('GET', '/staff/claims', { claims: manager, query: { sla: 'late' } }),
      );
      expect(bad.status).toBe(400);
      const me = await invoke(api, httpEvent('GET', '/staff/me', { claims: manager }));
      const choices = me.body['queue'] as { units: { id: string; depth: number }[]; colleagues: unknown[] };
      expect(choices.units[0]).toMatchObject({ id: 'HQ', depth: 0 });
      expect(choices.units.map((u) => u.id)).toContain('EAST-SH01');
      expect(choices.colleagues).toContainEqual({ id: 'agent-9', name: 'agent-9', unitId: 'EAST-SH01' });
    });

    it('not-admits with a reason and withdraws, both leaving the queue', async () => {
      const a = await fileOne({ product: { name: 'NA', orderNumber: 'SO-NA' } });
      const b = await fileOne({ product: { name: 'WD', orderNumber: 'SO-WD' } });
      const na = await invoke(
        api,
        httpEvent('POST', `/staff/claims/${a.number}/not-admit`, {
          claims: agent,
          body: { reason: 'groundless', explanation: '误投诉' },
        }),
      );
      expect(na.body).toMatchObject({ status: 'not_admitted', closure: { reason: 'groundless' } });
      const wd = await invoke(
        api,
        httpEvent('POST', `/staff/claims/${b.number}/withdraw`, {
          claims: agent,
          body: { reason: '客户来电撤回' },
        }),
      );
      expect(wd.body['status']).toBe('withdrawn');
      const queue = await invoke(
        api,
        httpEvent('GET', '/staff/claims', { claims: manager, query: { limit: '100' } }),
      );
      const numbers = (queue.body['items'] as { number: string }[]).map((i) => i.number);
      expect(numbers).not.toContain(a.number);
      expect(numbers).not.toContain(b.number);
    });

    it('tells the console who the caller is and which actions their roles allow', async () => {
      const me = await invoke(api, httpEvent('GET', '/staff/me', { claims: agent }));
      expect(me.body).toMatchObject({ roles: ['agent'], unitId: 'HQ', unitPath: ['HQ'] });
      expect(me.body['allowedActions']).toContain('request_material');
      // An agent takes unassigned claims for themselves ("assign to me"); approving is not in their lifecycle.
      expect(me.body['allowedActions']).toContain('assign');
      expect(me.body['allowedActions']).not.toContain('take_over');
    });
  });
});

describe('the exported Lambda handler', () => {
  it('builds itself from the environment and serves requests', async () => {
    const table = await createTestTable();
    process.env['TABLE_NAME'] = table.tableName;
    process.env['DYNAMODB_ENDPOINT'] = table.endpoint;
    // The key the proofs of test/support/http.ts are signed with (issue 18: POST /claims needs one).
    process.env['FORM_CHALLENGE_SECRET'] = TEST_FORM_CHALLENGE_SECRET;
    const { handler } = await import('../../functions/api/handler.js');
    const result = await invoke(handler, httpEvent('POST', '/claims', { body: formBody() }));
    expect(result.status).toBe(201);
    expect((await table.allItems()).some((i) => i['entityType'] === 'Claim')).toBe(true);
  });
});
