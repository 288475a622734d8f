import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import * as z from '../../shared/zod.js';
import { DynamoPolicyStore } from '../../shared/adapters/dynamodb/policy-store.js';
import { cachedPolicySource } from '../../shared/domain/policy-source.js';
import { solveChallenge } from '../../shared/domain/proof-of-work.js';
import { PolicySettingsSchema, type PolicySettings } from '../../shared/domain/settings.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';

/**
 * The public form's guards (issue 18) through the API handler on DynamoDB Local: the consent line
 * (个人信息保护法) required and recorded, and the proof of work against scripted spam (missing, wrong,
 * replayed, expired).
 */
describe('consent and proof of work on POST /claims (DynamoDB Local)', () => {
  let table: TestTable;
  let deps: ReturnType<typeof testDependencies>;
  let api: ReturnType<typeof createApi>;

  /** The API under a policy seeded with `overrides` (version 1 of this test's table). */
  async function start(overrides: Record<string, unknown> = {}) {
    table = await createTestTable();
    deps = testDependencies(table.store);
    const seed: PolicySettings = PolicySettingsSchema.parse(overrides);
    const policyStore = new DynamoPolicyStore(table.client, table.tableName);
    const policy = cachedPolicySource(policyStore, deps.clock, seed, 0);
    api = createApi({ ...deps, policy, policyStore });
  }

  const claims = async () => (await table.allItems()).filter((i) => i['entityType'] === 'Claim');

  /** A challenge as the page gets it, solved for `key`. */
  async function solved(key: string) {
    const got = await invoke(api, httpEvent('GET', '/form-challenge'));
    expect(got.status).toBe(200);
    const challenge = String(got.body['challenge']);
    const bits = Number(got.body['bits']);
    return {
      'idempotency-key': key,
      'x-proof-of-work': `${challenge}.${solveChallenge(challenge, bits, key)}`,
    };
  }

  describe('the privacy notice and consent', () => {
    beforeEach(() => start());

    it('serves the notice and the company in Chinese and in English', async () => {
      const zh = await invoke(api, httpEvent('GET', '/privacy-notice'));
      expect(zh.status).toBe(200);
      expect(zh.body).toMatchObject({ version: 1, company: { name: '客户服务中心' } });
      expect(String(zh.body['text'])).toMatch(/^个人信息处理说明\n/);
      expect(String(zh.body['text'])).toContain('收款账户加密保存，仅财务人员在付款时可见');
      const en = await invoke(api, httpEvent('GET', '/privacy-notice', { query: { lang: 'en' } }));
      expect(en.body).toMatchObject({ version: 1, company: { name: 'Customer service' } });
      expect(String(en.body['text'])).toMatch(/^How we handle your personal information\n/);
    });

    it('refuses a claim without consent, in Chinese and in English, and writes nothing', async () => {
      const { privacyConsent: _omitted, ...body } = formBody();
      const zh = await invoke(api, httpEvent('POST', '/claims', { body }));
      expect(zh.status).toBe(400);
      expect(zh.body['error']).toMatchObject({
        issues: [{ path: 'privacyConsent', message: '请阅读《个人信息处理说明》并勾选同意后再提交。' }],
      });
      const en = await invoke(
        api,
        httpEvent('POST', '/claims', { body, headers: { 'accept-language': 'en' } }),
      );
      expect(en.body['error']).toMatchObject({
        issues: [
          {
            path: 'privacyConsent',
            message:
              'Please read how we handle your personal information and tick the box to agree before you send the claim.',
          },
        ],
      });
      expect(await claims()).toEqual([]);
    });

    it('records the consent on the claim: the notice version and the time', async () => {
      const filed = await invoke(api, httpEvent('POST', '/claims', { body: formBody() }));
      expect(filed.status).toBe(201);
      const [claim] = await claims();
      expect(claim?.['privacyConsent']).toEqual({ noticeVersion: 1, at: '2026-11-23T02:00:00.000Z' });
    });

    it('staff registering a phone claim need no consent box; what they send is recorded', async () => {
      const agent = staffClaims(['agent']);
      const { privacyConsent: _omitted, ...body } = formBody();
      const phone = await invoke(
        api,
        httpEvent('POST', '/staff/claims', { body: { ...body, channel: 'phone' }, claims: agent }),
      );
      expect(phone.status).toBe(201);
      const walkIn = await invoke(
        api,
        httpEvent('POST', '/staff/claims', {
          body: { ...formBody({ product: { name: '电饭煲 R2' } }), channel: 'walk_in' },
          claims: agent,
        }),
      );
      expect(walkIn.status).toBe(201);
      const recorded = (await claims()).map((c) => c['privacyConsent']);
      expect(recorded).toContainEqual({ noticeVersion: 1, at: '2026-11-23T02:00:00.000Z' });
      expect(recorded).toContain(undefined);
    });
  });

  describe('an admin changing the notice', () => {
    beforeEach(() => start());

    it('a new text is a new notice version in effect from the save; the previous one is taken for a day', async () => {
      const admin = staffClaims(['admin']);
      const current = await invoke(api, httpEvent('GET', '/staff/admin/policy', { claims: admin }));
      const settings = z.record(z.string(), z.unknown()).parse(current.body['settings']);
      const saved = await invoke(
        api,
        httpEvent('PUT', '/staff/admin/policy', {
          claims: admin,
          body: {
            expectedVersion: 1,
            settings: {
              ...settings,
              privacyNotice: { version: 1, text: { 'zh-CN': '新的说明', en: 'The new notice' } },
            },
          },
        }),
      );
      expect(saved.status).toBe(200);
      const notice = await invoke(api, httpEvent('GET', '/privacy-notice'));
      expect(notice.body).toMatchObject({
        version: 2,
        effectiveFrom: '2026-11-23T02:00:00.000Z',
        text: '新的说明',
      });
      // A form opened before the save still files (its consent names version 1).
      expect((await invoke(api, httpEvent('POST', '/claims', { body: formBody() }))).status).toBe(201);
    });
  });

  describe('a new version of the notice', () => {
    beforeEach(() => start({ privacyNotice: { version: 2, effectiveFrom: '2026-11-23T01:00:00.000Z' } }));

    it('takes consent to the previous version for a day after the change, then asks again in words', async () => {
      const early = await invoke(api, httpEvent('POST', '/claims', { body: formBody() }));
      expect(early.status).toBe(201);
      deps.clock.set('2026-11-24T01:00:00.000Z');
      const late = await invoke(
        api,
        httpEvent('POST', '/claims', { body: formBody({ product: { name: '空气净化器 A3' } }) }),
      );
      expect(late.status).toBe(400);
      expect(late.body['error']).toMatchObject({
        issues: [
          {
            path: 'privacyConsent',
            message: '《个人信息处理说明》已更新，请刷新页面，阅读新的说明并重新勾选同意。',
          },
        ],
      });
      const current = await invoke(
        api,
        httpEvent('POST', '/claims', {
          body: formBody({ product: { name: '空气净化器 A3' }, privacyConsent: { noticeVersion: 2 } }),
        }),
      );
      expect(current.status).toBe(201);
      expect((await claims()).map((c) => c['privacyConsent'])).toContainEqual({
        noticeVersion: 2,
        at: '2026-11-24T01:00:00.000Z',
      });
    });
  });

  describe('proof of work', () => {
    beforeEach(() => start());

    it('hands out a 16-bit challenge that expires in 30 minutes', async () => {
      const got = await invoke(api, httpEvent('GET', '/form-challenge'));
      expect(got.body).toMatchObject({ bits: 16, expiresAt: '2026-11-23T02:30:00.000Z' });
      expect(String(got.body['challenge'])).toMatch(/^pow1\.[0-9a-z]+\.16\.[A-Za-z0-9_-]{22}$/);
    });

    it('files a claim with a solved challenge; refuses a missing or wrong one in words, writing nothing', async () => {
      const headers = await solved('guard-key-0001');
      const ok = await invoke(api, httpEvent('POST', '/claims', { body: formBody(), headers }));
      expect(ok.status).toBe(201);
      const missing = await invoke(
        api,
        httpEvent('POST', '/claims', {
          body: formBody({ product: { name: 'Other kettle' } }),
          headers: { 'idempotency-key': 'guard-key-0002' },
          proofOfWork: false,
        }),
      );
      expect(missing.status).toBe(400);
      expect(missing.body['error']).toMatchObject({
        reason: 'proof_of_work_missing',
        issues: [
          {
            path: 'X-Proof-Of-Work',
            message: '页面的安全校验还没有完成，请稍等几秒再提交；如果一直无法提交，请刷新页面。',
          },
        ],
      });
      const other = await solved('guard-key-0003');
      const [challenge, nonce] = [other['x-proof-of-work'].replace(/\.[^.]+$/, ''), 'zzzz'];
      const wrong = await invoke(
        api,
        httpEvent('POST', '/claims', {
          body: formBody({ product: { name: 'Other kettle' } }),
          headers: { 'idempotency-key': 'guard-key-0003', 'x-proof-of-work': `${challenge}.${nonce}` },
        }),
      );
      expect(wrong.status).toBe(400);
      const wrongEn = await invoke(
        api,
        httpEvent('POST', '/claims', {
          body: formBody({ product: { name: 'Other kettle' } }),
          headers: {
            'idempotency-key': 'guard-key-0003',
            'x-proof-of-work': `${challenge}.${nonce}`,
            'accept-language': 'en',
          },
        }),
      );
      expect(wrongEn.body['error']).toMatchObject({
        reason: 'proof_of_work_invalid',
        issues: [{ message: "The page's security check failed; reload the page and send the claim again." }],
      });
      // A forged challenge (another key's signature) is refused the same way.
      const forged = await invoke(
        api,
        httpEvent('POST', '/claims', {
          body: formBody({ product: { name: 'Other kettle' } }),
          headers: {
            'idempotency-key': 'guard-key-0004',
            'x-proof-of-work': `pow1.zzzzzzzz.16.AAAAAAAAAAAAAAAAAAAAAA.0`,
          },
        }),
      );
      expect(forged.body['error']).toMatchObject({ reason: 'proof_of_work_invalid' });
      expect(await claims()).toHaveLength(1);
    });

    it('a replayed solution files no second claim: the same body is the first claim again, another is refused', async () => {
      const headers = await solved('guard-replay-0001');
      const first = await invoke(api, httpEvent('POST', '/claims', { body: formBody(), headers }));
      expect(first.status).toBe(201);
      const again = await invoke(api, httpEvent('POST', '/claims', { body: formBody(), headers }));
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ number: first.body['number'], replayed: true });
      const otherBody = await invoke(
        api,
        httpEvent('POST', '/claims', { body: formBody({ description: '另一件事' }), headers }),
      );
      expect(otherBody.status).toBe(409);
      expect(otherBody.body['error']).toMatchObject({
        message: '这次提交与之前的一次提交冲突，请刷新页面后重新提交。',
      });
      // The solution under a new key (what a script replaying it for a new claim must send) does not pass.
      const newKey = await invoke(
        api,
        httpEvent('POST', '/claims', {
          body: formBody({ description: '另一件事' }),
          headers: { ...headers, 'idempotency-key': 'guard-replay-0002' },
        }),
      );
      expect(newKey.status).toBe(400);
      expect(newKey.body['error']).toMatchObject({ reason: 'proof_of_work_invalid' });
      expect(await claims()).toHaveLength(1);
    });

    it('refuses an expired challenge in words, so the page solves a new one', async () => {
      const headers = await solved('guard-expired-0001');
      deps.clock.advanceMs(30 * 60_000);
      const expired = await invoke(api, httpEvent('POST', '/claims', { body: formBody(), headers }));
      expect(expired.status).toBe(400);
      expect(expired.body['error']).toMatchObject({
        reason: 'proof_of_work_expired',
        issues: [{ message: '页面打开时间过长，安全校验已过期，请再点一次提交。' }],
      });
      expect(await claims()).toEqual([]);
      const fresh = await solved('guard-expired-0001');
      expect(
        (await invoke(api, httpEvent('POST', '/claims', { body: formBody(), headers: fresh }))).status,
      ).toBe(201);
    });
  });

  describe('proof of work turned off by the policy', () => {
    beforeEach(() => start({ antiSpam: { proofOfWorkBits: 0 } }));

    it('asks for no proof and hands out an empty challenge', async () => {
      expect((await invoke(api, httpEvent('GET', '/form-challenge'))).body).toMatchObject({
        challenge: '',
        bits: 0,
      });
      const filed = await invoke(api, httpEvent('POST', '/claims', { body: formBody(), proofOfWork: false }));
      expect(filed.status).toBe(201);
    });
  });
});
