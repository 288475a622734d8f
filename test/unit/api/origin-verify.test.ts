/**
 * The execute-api address is no way around the WAF (issue 23): with an origin secret, the API answers only
 * requests carrying CloudFront's X-Origin-Verify; without one (npm start, tests) nothing is required.
 */
import { describe, expect, it } from 'vitest';
import { createApi } from '../../../functions/api/app.js';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import middy from '@middy/core';
import { errorResponses } from '../../../shared/runtime/http/error-responses.js';
import { ORIGIN_SECRET_REREAD_MS, originVerify } from '../../../shared/runtime/http/origin-verify.js';
import { json, type HttpEvent, type HttpResult } from '../../../shared/runtime/http/types.js';
import { testDependencies } from '../../support/fixtures.js';
import { formBody, httpEvent, invoke } from '../../support/http.js';

const REFUSAL = '请通过 API 的公开地址访问（config.json 中的 apiUrl），此地址不受理请求。';
const REFUSAL_EN = 'Use the API’s public address (apiUrl in config.json); this address takes no requests.';

/** A secret source whose value a test changes, counting its reads. */
function secretSource(initial: string) {
  const source = { value: initial, reads: 0, failing: false };
  const read = () => {
    source.reads++;
    return source.failing ? Promise.reject(new Error('AccessDenied')) : Promise.resolve(`${source.value}\n`);
  };
  return { source, read };
}

describe('origin check (X-Origin-Verify)', () => {
  it('refuses a request without the header or with another value, in words, and files nothing', async () => {
    const { read } = secretSource('cloudfront-says-hello');
    const store = new InMemoryClaimStore();
    const api = createApi(testDependencies(store), { originSecret: read });
    const refusedHeaders: Record<string, string>[] = [
      {},
      { 'x-origin-verify': '' },
      { 'x-origin-verify': 'guess' },
    ];
    for (const headers of refusedHeaders) {
      const result = await invoke(api, httpEvent('POST', '/claims', { body: formBody(), headers }));
      expect(result.status).toBe(403);
      expect(result.body['error']).toMatchObject({ code: 'ORIGIN_REFUSED', message: REFUSAL });
    }
    // One language at a time: the request's.
    const english = await invoke(
      api,
      httpEvent('POST', '/claims', { body: formBody(), headers: { 'accept-language': 'en' } }),
    );
    expect(english.body['error']).toMatchObject({ code: 'ORIGIN_REFUSED', message: REFUSAL_EN });
    const staff = await invoke(api, httpEvent('GET', '/staff/me', { claims: { sub: 'x' } }));
    expect(staff.status).toBe(403);
    expect(store.claims.size).toBe(0);
  });

  it('serves a request that carries the secret (any header case), as CloudFront sends it', async () => {
    const { read } = secretSource('cloudfront-says-hello');
    const api = createApi(testDependencies(new InMemoryClaimStore()), { originSecret: read });
    const filed = await invoke(
      api,
      httpEvent('POST', '/claims', {
        body: formBody(),
        headers: { 'X-Origin-Verify': 'cloudfront-says-hello' },
      }),
    );
    expect(filed.status).toBe(201);
    expect(filed.body['number']).toMatch(/^CLM-2026-\d{6}$/);
  });

  it('requires nothing without an origin secret (the local stack)', async () => {
    const api = createApi(testDependencies(new InMemoryClaimStore()));
    expect((await invoke(api, httpEvent('POST', '/claims', { body: formBody() }))).status).toBe(201);
  });

  it('reads the secret once, again at most once a minute for a differing value, and never lets through on a failed read', async () => {
    const { source, read } = secretSource('old-value');
    let now = 1_000_000;
    const checked = middy<HttpEvent, HttpResult>()
      .use(errorResponses())
      .use(originVerify(read, () => now))
      .handler(() => Promise.resolve(json(200, { answered: true })));
    const call = async (value: string) => {
      const result = await invoke(
        checked,
        httpEvent('GET', '/claims', { headers: { 'x-origin-verify': value } }),
      );
      return result.status === 200
        ? 'answered'
        : String((result.body['error'] as { message?: string }).message);
    };
    expect(await call('old-value')).toBe('answered');
    expect(await call('old-value')).toBe('answered');
    expect(source.reads).toBe(1);
    // A new value (the secret recreated by a deploy): within the minute it is refused without a read…
    source.value = 'new-value';
    now += ORIGIN_SECRET_REREAD_MS - 1;
    expect(await call('new-value')).toBe(REFUSAL);
    expect(source.reads).toBe(1);
    // …after it, read again and taken; the old one is refused from then on.
    now += 1;
    expect(await call('new-value')).toBe('answered');
    expect(source.reads).toBe(2);
    expect(await call('old-value')).toBe(REFUSAL);
    // A failed read is a 500, never a pass, and is not kept: the next request reads again.
    source.failing = true;
    now += ORIGIN_SECRET_REREAD_MS;
    expect(await call('guess')).toMatch(/^系统出错了，请稍后再试，并告诉我们请求编号 /);
    source.failing = false;
    expect(await call('new-value')).toBe('answered');
  });
});
