import { describe, expect, it } from 'vitest';
import { s256 } from '../../infra/local/local-oauth.js';
import {
  EXPIRY_MARGIN_MS,
  authorizeRequestUrl,
  callbackOutcome,
  codeChallenge,
  isUsable,
  logoutRequestUrl,
  randomUrlSafe,
  tokenExpiresAt,
  tokenRequestBody,
  withoutCallbackParams,
  type PendingSignIn,
  type SignInConfig,
} from '../../web/src/oauth.js';

/** The console's sign-in helpers (web/src/oauth.ts): PKCE, the three requests, the callback and expiry. */
const cognito: SignInConfig = {
  userPoolClientId: 'client-123',
  authorizeUrl: 'https://claims-desk-dev.auth.ap-east-1.amazoncognito.com/oauth2/authorize',
  tokenUrl: 'https://claims-desk-dev.auth.ap-east-1.amazoncognito.com/oauth2/token',
  logoutUrl: 'https://claims-desk-dev.auth.ap-east-1.amazoncognito.com/logout',
};
const local: SignInConfig = {
  userPoolClientId: 'claims-staff',
  authorizeUrl: '/local/oauth2/authorize',
  tokenUrl: '/local/oauth2/token',
  logoutUrl: '/local/oauth2/logout',
};
const pending: PendingSignIn = {
  state: 'st4te',
  verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  redirectUri: 'https://d111.cloudfront.net/staff.html',
  returnTo: '?lang=en',
};

/** An unsigned JWT with `payload` (the page reads `exp` only; the API verifies signatures). */
function jwt(payload: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'ES256', typ: 'JWT' })}.${part(payload)}.c2ln`;
}

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('agrees with the local token endpoint on fresh verifiers', async () => {
    for (let i = 0; i < 20; i++) {
      const verifier = randomUrlSafe(32);
      expect(await codeChallenge(verifier)).toBe(s256(verifier));
    }
  });

  it('makes 43-character unreserved verifiers, each different', () => {
    const verifiers = Array.from({ length: 50 }, () => randomUrlSafe(32));
    for (const v of verifiers) expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(verifiers).size).toBe(50);
  });
});

describe('sign-in requests', () => {
  it('sends the managed login the code flow with S256, the scopes, the state and this page', () => {
    const url = new URL(
      authorizeRequestUrl(
        cognito,
        { redirectUri: pending.redirectUri, state: pending.state, challenge: 'chal' },
        'https://d111.cloudfront.net',
      ),
    );
    expect(`${url.origin}${url.pathname}`).toBe(cognito.authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-123',
      redirect_uri: 'https://d111.cloudfront.net/staff.html',
      scope: 'openid email profile',
      state: 'st4te',
      code_challenge: 'chal',
      code_challenge_method: 'S256',
    });
  });

  it('resolves the local stack’s same-origin paths against the page', () => {
    const url = authorizeRequestUrl(
      local,
      { redirectUri: 'x', state: 's', challenge: 'c' },
      'http://127.0.0.1:3000',
    );
    expect(url.startsWith('http://127.0.0.1:3000/local/oauth2/authorize?')).toBe(true);
    expect(logoutRequestUrl(local, 'http://127.0.0.1:3000/staff.html', 'http://127.0.0.1:3000')).toBe(
      'http://127.0.0.1:3000/local/oauth2/logout?client_id=claims-staff&logout_uri=http%3A%2F%2F127.0.0.1%3A3000%2Fstaff.html',
    );
  });

  it('exchanges the code with the verifier and the same redirect URI, and no secret', () => {
    expect(Object.fromEntries(tokenRequestBody(cognito, 'the-code', pending))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client-123',
      code: 'the-code',
      redirect_uri: pending.redirectUri,
      code_verifier: pending.verifier,
    });
  });

  it('signs out through the logout endpoint back to this page', () => {
    const url = new URL(logoutRequestUrl(cognito, pending.redirectUri, 'https://d111.cloudfront.net'));
    expect(`${url.origin}${url.pathname}`).toBe(cognito.logoutUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client-123',
      logout_uri: pending.redirectUri,
    });
  });
});

describe('the callback', () => {
  const query = (q: string) => new URLSearchParams(q);

  it('is nothing on an ordinary visit', () => {
    expect(callbackOutcome(query('lang=en'), pending)).toEqual({ kind: 'none' });
    expect(callbackOutcome(query(''), null)).toEqual({ kind: 'none' });
  });

  it('exchanges a code that comes back with the state this tab sent', () => {
    expect(callbackOutcome(query('code=abc&state=st4te'), pending)).toEqual({
      kind: 'exchange',
      code: 'abc',
      pending,
    });
  });

  it.each([
    ['another state', 'code=abc&state=other', pending],
    ['no state', 'code=abc', pending],
    ['no sign-in started in this tab', 'code=abc&state=st4te', null],
    ['no code', 'state=st4te', pending],
    ['the provider’s error', 'error=access_denied&error_description=User+cancelled&state=st4te', pending],
  ])('refuses %s', (_, q, kept) => {
    const outcome = callbackOutcome(query(q), kept);
    expect(outcome.kind).toBe('refused');
  });

  it('passes the provider’s reason on', () => {
    expect(
      callbackOutcome(query('error=access_denied&error_description=User+cancelled&state=st4te'), pending),
    ).toEqual({
      kind: 'refused',
      reason: 'provider',
      detail: 'User cancelled',
    });
  });

  it('cleans the sign-in parameters off the address and keeps the rest', () => {
    expect(withoutCallbackParams(query('code=abc&state=s&lang=en'))).toBe('?lang=en');
    expect(withoutCallbackParams(query('error=x&error_description=y&state=s'))).toBe('');
  });
});

describe('token expiry', () => {
  const now = Date.parse('2026-11-24T08:00:00Z');
  const exp = now / 1000 + 3600;

  it('reads exp from a token whose payload has non-ASCII text', () => {
    expect(tokenExpiresAt(jwt({ exp, name: '王芳', 'custom:unit': 'HQ' }))).toBe(exp * 1000);
  });

  it('counts a token as usable until the margin before it expires', () => {
    const token = jwt({ exp });
    expect(isUsable(token, now)).toBe(true);
    expect(isUsable(token, exp * 1000 - EXPIRY_MARGIN_MS - 1)).toBe(true);
    expect(isUsable(token, exp * 1000 - EXPIRY_MARGIN_MS)).toBe(false);
    expect(isUsable(token, exp * 1000 + 1)).toBe(false);
  });

  it.each([['not a token'], ['a.b.c'], [jwt({ sub: 'no-exp' })], [jwt({ exp: '3600' })], ['']])(
    'treats %s as unusable',
    (token) => {
      expect(tokenExpiresAt(token)).toBeNull();
      expect(isUsable(token, now)).toBe(false);
    },
  );
});
