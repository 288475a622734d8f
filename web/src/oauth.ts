import * as z from '../../shared/zod.js';

/**
 * The pure half of staff sign-in (OAuth 2.0 authorization code with PKCE, RFC 6749 and RFC 7636): building
 * the authorize, token and logout requests, checking what comes back, and reading a token's expiry. No DOM
 * and no storage here, so it runs (and is tested) in Node as well; auth.ts does the browser's part.
 */

/** What /config.json says about signing in: Cognito's managed login in the cloud, the stack's own locally. */
export const SignInConfigSchema = z.object({
  userPoolClientId: z.string().check(z.minLength(1)),
  authorizeUrl: z.string().check(z.minLength(1)),
  tokenUrl: z.string().check(z.minLength(1)),
  logoutUrl: z.string().check(z.minLength(1)),
});
export type SignInConfig = z.infer<typeof SignInConfigSchema>;

/** Scopes the console asks for; the ID token then carries groups, unit and approval limit. */
export const SCOPES = 'openid email profile';

/**
 * What the page keeps (localStorage, under the request's state) between leaving for the sign-in page and
 * coming back: kept where a sign-in popup, a window of its own, can read it too.
 */
export const PendingSignInSchema = z.object({
  state: z.string().check(z.minLength(1)),
  verifier: z.string().check(z.minLength(43)),
  redirectUri: z.string().check(z.minLength(1)),
  /** The query and fragment the page had (e.g. ?lang=en), restored after sign-in. */
  returnTo: z.string(),
  /** Signing in again in a popup over a page whose work is kept: the popup closes once signed in. */
  popup: z.optional(z.boolean()),
  /** When it was started (ms), so that abandoned ones can be dropped. */
  startedAt: z.optional(z.number()),
});
export type PendingSignIn = z.infer<typeof PendingSignInSchema>;

export const TokenResponseSchema = z.object({
  id_token: z.string().check(z.minLength(1)),
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.optional(z.string()),
  expires_in: z.int().check(z.positive()),
  token_type: z.string(),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `bytes` random bytes as base64url: 32 give a 43-character PKCE verifier (RFC 7636 §4.1). */
export function randomUrlSafe(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** S256: base64url(SHA-256(ASCII(verifier))), RFC 7636 §4.2. */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The managed login's authorize URL; `base` resolves the local stack's same-origin path. */
export function authorizeRequestUrl(
  config: SignInConfig,
  request: { redirectUri: string; state: string; challenge: string; lang?: 'zh-CN' | 'en' },
  base: string,
): string {
  const url = new URL(config.authorizeUrl, base);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.userPoolClientId,
    redirect_uri: request.redirectUri,
    scope: SCOPES,
    state: request.state,
    code_challenge: request.challenge,
    code_challenge_method: 'S256',
    // The sign-in page in the console's language (Cognito's managed login reads `lang` too).
    ...(request.lang === undefined ? {} : { lang: request.lang }),
  }).toString();
  return url.toString();
}

/** The form-encoded body of the code exchange (a public client: no secret, the verifier instead). */
export function tokenRequestBody(
  config: SignInConfig,
  code: string,
  pending: PendingSignIn,
): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: config.userPoolClientId,
    code,
    redirect_uri: pending.redirectUri,
    code_verifier: pending.verifier,
  });
}

/**
 * The form-encoded body of a refresh (RFC 6749 §6): new ID and access tokens for the refresh token the code
 * exchange returned; Cognito returns no new refresh token, so the first one serves the whole session.
 */
export function refreshRequestBody(config: SignInConfig, refreshToken: string): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: config.userPoolClientId,
    refresh_token: refreshToken,
  });
}

/** Cognito's logout endpoint, which ends its own session and returns to `redirectUri`. */
export function logoutRequestUrl(config: SignInConfig, redirectUri: string, base: string): string {
  const url = new URL(config.logoutUrl, base);
  url.search = new URLSearchParams({
    client_id: config.userPoolClientId,
    logout_uri: redirectUri,
  }).toString();
  return url.toString();
}

/** Whether the address is the sign-in page sending the user back (with a code or an error). */
export function isCallback(query: URLSearchParams): boolean {
  return query.has('code') || query.has('state') || query.has('error');
}

export type RefusalReason = 'foreign' | 'provider' | 'noCode';

export type CallbackOutcome =
  | { readonly kind: 'none' }
  /** `reason` picks the words the page shows; `detail` is the provider's own text, shown as data. */
  | { readonly kind: 'refused'; readonly reason: RefusalReason; readonly detail?: string }
  | { readonly kind: 'exchange'; readonly code: string; readonly pending: PendingSignIn };

/**
 * What a page's query means for sign-in: nothing (no `code`, `error` or `state`), a refusal (the provider's
 * error, or a state this tab did not send: a forged or stale callback), or a code to exchange.
 */
export function callbackOutcome(query: URLSearchParams, pending: PendingSignIn | null): CallbackOutcome {
  if (!isCallback(query)) return { kind: 'none' };
  const state = query.get('state');
  const code = query.get('code');
  const error = query.get('error');
  if (pending === null || state !== pending.state) return { kind: 'refused', reason: 'foreign' };
  if (error !== null)
    return { kind: 'refused', reason: 'provider', detail: query.get('error_description') ?? error };
  if (code === null || code === '') return { kind: 'refused', reason: 'noCode' };
  return { kind: 'exchange', code, pending };
}

/** The query without the sign-in parameters, for a clean address after the callback. */
export function withoutCallbackParams(query: URLSearchParams): string {
  const rest = new URLSearchParams(query);
  for (const name of ['code', 'state', 'error', 'error_description']) rest.delete(name);
  const text = rest.toString();
  return text === '' ? '' : `?${text}`;
}

const ExpirySchema = z.object({ exp: z.number(), iat: z.optional(z.number()) });

/** A JWT's `exp` and `iat` in ms, read without verifying (the API verifies); null when unreadable. */
function tokenTimes(jwt: string): { expiresAt: number; lifetime: number } | null {
  const payload = jwt.split('.')[1];
  if (payload === undefined) return null;
  try {
    const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const json: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
    );
    const parsed = ExpirySchema.safeParse(json);
    if (!parsed.success) return null;
    const { exp, iat } = parsed.data;
    return { expiresAt: exp * 1000, lifetime: iat === undefined ? Infinity : (exp - iat) * 1000 };
  } catch {
    return null;
  }
}

/** A JWT's `exp` in ms, read without verifying (the API verifies); null when it cannot be read. */
export function tokenExpiresAt(jwt: string): number | null {
  return tokenTimes(jwt)?.expiresAt ?? null;
}

/**
 * Tokens within this of their expiry count as expired, so a request does not race the clock (a quarter of
 * the lifetime for tokens shorter than two minutes, as the local stack issues in tests).
 */
export const EXPIRY_MARGIN_MS = 30_000;
/** The console renews its token this long before it expires (half the lifetime of a shorter token). */
export const REFRESH_LEAD_MS = 120_000;

export function isUsable(jwt: string, nowMs: number): boolean {
  const times = tokenTimes(jwt);
  return times !== null && times.expiresAt - Math.min(EXPIRY_MARGIN_MS, times.lifetime / 4) > nowMs;
}

/** When to renew a token through the refresh token: shortly before it expires; null when unreadable. */
export function refreshDueAt(jwt: string): number | null {
  const times = tokenTimes(jwt);
  return times === null ? null : times.expiresAt - Math.min(REFRESH_LEAD_MS, times.lifetime / 2);
}

/** What the console keeps (localStorage, shared by its tabs and the dashboard) while signed in. */
export const StoredSessionSchema = z.object({
  idToken: z.string().check(z.minLength(1)),
  /** Absent when the provider sent none: the session then ends with the ID token. */
  refreshToken: z.optional(z.string().check(z.minLength(1))),
  /** When the refresh token stops working (ms): the sign-in plus its validity. */
  refreshUntil: z.number(),
});
export type StoredSession = z.infer<typeof StoredSessionSchema>;
