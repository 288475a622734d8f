import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadLocalKeys, verifyLocalToken, type LocalKeys } from '../../infra/local/local-auth.js';
import { LOCAL_OAUTH, localOAuth } from '../../infra/local/local-oauth.js';
import { webPages } from '../../infra/local/web-pages.js';
import { REFRESH_TOKEN_VALIDITY_MS, STAFF_SESSION } from '../../shared/domain/staff-session.js';

/**
 * The local stand-in for Cognito's managed login over HTTP: the authorize page and its form, the token
 * endpoint (PKCE, one-time codes, redirect URI and client checks) and sign-out, as the console uses them.
 */
const TokensSchema = z.object({
  id_token: z.string(),
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number(),
});
const RefreshingSchema = z.object({ refresh_token: z.string() });
const OAuthErrorSchema = z.object({ error: z.string(), error_description: z.string() });

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>) {
  const server = createServer((req, res) => {
    void handler(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe('local OAuth endpoints (authorization code with PKCE)', () => {
  let keys: LocalKeys;
  let server: Server;
  let base = '';
  let redirectUri = '';
  let clock = Date.parse('2026-11-24T08:00:00Z');
  let clockServer: Server;
  let clockBase = '';

  beforeAll(async () => {
    keys = await loadLocalKeys(join(mkdtempSync(join(tmpdir(), 'claims-oauth-')), 'keys.json'));
    ({ server, base } = await listen(webPages(mkdtempSync(join(tmpdir(), 'claims-web-')), keys)));
    redirectUri = `${base}/staff.html`;
    // A second instance on a clock of the test's own, for code expiry.
    ({ server: clockServer, base: clockBase } = await listen(localOAuth(keys, () => clock)));
  });
  afterAll(async () => {
    for (const s of [server, clockServer]) await new Promise((resolve) => s?.close(resolve));
  });

  function authorizeParams(challenge: string, overrides: Record<string, string> = {}, at = base) {
    return new URLSearchParams({
      response_type: 'code',
      client_id: LOCAL_OAUTH.clientId,
      redirect_uri: `${at}/staff.html`,
      state: 'state-123',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      scope: 'openid email profile',
      ...overrides,
    });
  }

  /** Posts the sign-in form as the page would; returns the redirect. */
  async function signIn(challenge: string, fields: Record<string, string | string[]> = {}, at = base) {
    const form = authorizeParams(challenge, {}, at);
    const values = { sub: 'mgr-1', role: ['manager'], unit: 'hq', approvalLimitFen: '50000', ...fields };
    for (const [name, value] of Object.entries(values))
      for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
    return fetch(`${at}${LOCAL_OAUTH.authorizePath}`, { method: 'POST', body: form, redirect: 'manual' });
  }

  async function codeFor(challenge: string, at = base): Promise<string> {
    const response = await signIn(challenge, {}, at);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('state-123');
    return location.searchParams.get('code') ?? '';
  }

  function redeem(code: string, verifier: string, overrides: Record<string, string> = {}, at = base) {
    return fetch(`${at}${LOCAL_OAUTH.tokenPath}`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: `${at}/staff.html`,
        client_id: LOCAL_OAUTH.clientId,
        code_verifier: verifier,
        ...overrides,
      }),
    });
  }

  async function expectRefused(response: Response, error = 'invalid_grant'): Promise<void> {
    expect(response.status).toBe(400);
    expect(OAuthErrorSchema.parse(await response.json()).error).toBe(error);
  }

  it('advertises the endpoints and the client in /config.json', async () => {
    expect(await (await fetch(`${base}/config.json`)).json()).toMatchObject({
      apiUrl: '',
      userPoolClientId: LOCAL_OAUTH.clientId,
      authorizeUrl: LOCAL_OAUTH.authorizePath,
      tokenUrl: LOCAL_OAUTH.tokenPath,
      logoutUrl: LOCAL_OAUTH.logoutPath,
    });
  });

  it('shows a labelled sign-in form that carries the request on', async () => {
    const { challenge } = pkce();
    const response = await fetch(
      `${base}${LOCAL_OAUTH.authorizePath}?${authorizeParams(challenge).toString()}`,
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const id of ['sub', 'unit', 'approvalLimitFen'])
      expect(html).toMatch(new RegExp(`<label for="${id}">[\\s\\S]*id="${id}"`));
    expect(html).toContain('<legend>角色</legend>');
    expect(html).toContain(`name="code_challenge" value="${challenge}"`);
    expect(html).toContain(`name="redirect_uri" value="${redirectUri}"`);
  });

  it('redirects back with a code that, with the verifier, buys tokens the local authorizer accepts', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    expect(code.length).toBeGreaterThanOrEqual(43);
    const response = await redeem(code, verifier);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const tokens = TokensSchema.parse(await response.json());
    const id = await verifyLocalToken(keys, `Bearer ${tokens.id_token}`);
    expect(id).toMatchObject({
      sub: 'mgr-1',
      'cognito:groups': '[manager]',
      'custom:unit': 'HQ',
      'custom:approval_limit': '50000',
      token_use: 'id',
      aud: LOCAL_OAUTH.clientId,
    });
    // The access token passes the authorizer (client_id) but, as Cognito's, carries no unit.
    const access = await verifyLocalToken(keys, `Bearer ${tokens.access_token}`);
    expect(access).toMatchObject({ token_use: 'access', client_id: LOCAL_OAUTH.clientId });
    expect(access?.['custom:unit']).toBeUndefined();
    expect(access?.['aud']).toBeUndefined();
  });

  it('refuses a wrong verifier, and the code is spent even so', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    await expectRefused(await redeem(code, pkce().verifier));
    await expectRefused(await redeem(code, verifier));
  });

  it('refuses a code used twice', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    expect((await redeem(code, verifier)).status).toBe(200);
    await expectRefused(await redeem(code, verifier));
  });

  it('refuses a redirect_uri or client_id other than the authorization request’s', async () => {
    const first = pkce();
    await expectRefused(
      await redeem(await codeFor(first.challenge), first.verifier, {
        redirect_uri: `${base}/dashboard.html`,
      }),
    );
    const second = pkce();
    await expectRefused(
      await redeem(await codeFor(second.challenge), second.verifier, { client_id: 'other' }),
    );
  });

  it('refuses an unknown code, another grant type and a malformed verifier', async () => {
    const { verifier } = pkce();
    await expectRefused(await redeem('no-such-code', verifier));
    await expectRefused(await redeem('x', verifier, { grant_type: 'password' }), 'unsupported_grant_type');
    await expectRefused(await redeem('x', 'short'), 'invalid_request');
  });

  it('refuses a code redeemed after three minutes', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge, clockBase);
    clock += 3 * 60_000;
    await expectRefused(await redeem(code, verifier, {}, clockBase));
    const fresh = pkce();
    const freshCode = await codeFor(fresh.challenge, clockBase);
    clock += 3 * 60_000 - 1;
    expect((await redeem(freshCode, fresh.verifier, {}, clockBase)).status).toBe(200);
  });

  it.each([
    ['another origin', { redirect_uri: 'https://evil.example.com/staff.html' }],
    ['another page', { redirect_uri: 'REPLACE/track.html' }],
    ['a query on the page', { redirect_uri: 'REPLACE/staff.html?next=x' }],
    ['another client', { client_id: 'someone-else' }],
    ['the plain challenge method', { code_challenge_method: 'plain' }],
    ['no state', { state: '' }],
  ])('shows an error instead of redirecting for %s', async (_, override) => {
    const { challenge } = pkce();
    const params = authorizeParams(
      challenge,
      Object.fromEntries(Object.entries(override).map(([k, v]) => [k, v.replace('REPLACE', base)])),
    );
    const shown = await fetch(`${base}${LOCAL_OAUTH.authorizePath}?${params.toString()}`, {
      redirect: 'manual',
    });
    expect(shown.status).toBe(400);
    expect(shown.headers.get('location')).toBeNull();
    const posted = await fetch(`${base}${LOCAL_OAUTH.authorizePath}`, {
      method: 'POST',
      body: new URLSearchParams([...params, ['role', 'manager'], ['unit', 'HQ']]),
      redirect: 'manual',
    });
    expect(posted.status).toBe(400);
    expect(posted.headers.get('location')).toBeNull();
  });

  function refreshWith(refreshToken: string, at = base, clientId: string = LOCAL_OAUTH.clientId) {
    return fetch(`${at}${LOCAL_OAUTH.tokenPath}`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: clientId,
      }),
    });
  }

  it('issues a refresh token that buys new tokens for the same person, and no new refresh token', async () => {
    const { verifier, challenge } = pkce();
    const first = RefreshingSchema.parse(await (await redeem(await codeFor(challenge), verifier)).json());
    expect(first.refresh_token.length).toBeGreaterThanOrEqual(43);
    const response = await refreshWith(first.refresh_token);
    expect(response.status).toBe(200);
    const body: unknown = await response.json();
    const renewed = TokensSchema.parse(body);
    expect(body).not.toHaveProperty('refresh_token');
    expect(renewed.expires_in).toBe(STAFF_SESSION.idTokenSeconds);
    expect(await verifyLocalToken(keys, `Bearer ${renewed.id_token}`)).toMatchObject({
      sub: 'mgr-1',
      'cognito:groups': '[manager]',
      'custom:unit': 'HQ',
      token_use: 'id',
    });
    // Not rotated: the same refresh token works again, as Cognito's does.
    expect((await refreshWith(first.refresh_token)).status).toBe(200);
    await expectRefused(await refreshWith(first.refresh_token, base, 'other'));
    await expectRefused(await refreshWith('no-such-token'));
  });

  it('keeps a refresh token for twelve hours, and not after it is revoked', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge, clockBase);
    const { refresh_token } = RefreshingSchema.parse(
      await (await redeem(code, verifier, {}, clockBase)).json(),
    );
    clock += REFRESH_TOKEN_VALIDITY_MS - 1;
    expect((await refreshWith(refresh_token, clockBase)).status).toBe(200);
    clock += 1;
    await expectRefused(await refreshWith(refresh_token, clockBase));

    const other = pkce();
    const kept = RefreshingSchema.parse(
      await (await redeem(await codeFor(other.challenge), other.verifier)).json(),
    ).refresh_token;
    const revoke = (token: string) =>
      fetch(`${base}${LOCAL_OAUTH.revokePath}`, {
        method: 'POST',
        body: new URLSearchParams({ token, client_id: LOCAL_OAUTH.clientId }),
      });
    expect((await revoke(kept)).status).toBe(200);
    await expectRefused(await refreshWith(kept));
    // RFC 7009: revoking a token that is gone already is no error.
    expect((await revoke(kept)).status).toBe(200);
  });

  it('shows the form again, marked, for a sign-in without a role or with a bad unit', async () => {
    const { challenge } = pkce();
    const noRole = await signIn(challenge, { role: [] });
    expect(noRole.status).toBe(400);
    expect(await noRole.text()).toMatch(/role="alert"[\s\S]*id="role-error"/);
    const badUnit = await signIn(challenge, { unit: 'hq office' });
    expect(badUnit.status).toBe(400);
    expect(await badUnit.text()).toContain('id="unit" name="unit" value="hq office" aria-invalid="true"');
  });

  it('signs out to a registered page only', async () => {
    const out = (logoutUri: string, clientId: string = LOCAL_OAUTH.clientId) =>
      fetch(
        `${base}${LOCAL_OAUTH.logoutPath}?${new URLSearchParams({ client_id: clientId, logout_uri: logoutUri }).toString()}`,
        { redirect: 'manual' },
      );
    const back = await out(`${base}/dashboard.html`);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(`${base}/dashboard.html`);
    expect((await out('https://evil.example.com/staff.html')).status).toBe(400);
    expect((await out(redirectUri, 'someone-else')).status).toBe(400);
  });

  it('keeps POST /local/token for scripts', async () => {
    const response = await fetch(`${base}/local/token`, {
      method: 'POST',
      body: JSON.stringify({ role: 'agent', unit: 'HQ' }),
    });
    const { token } = z.object({ token: z.string() }).parse(await response.json());
    expect(await verifyLocalToken(keys, `Bearer ${token}`)).toMatchObject({ sub: 'local-agent-hq' });
  });
});
