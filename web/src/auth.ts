import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { runtimeConfig } from './api.js';
import { currentLang, type Lang } from './i18n.js';
import {
  PendingSignInSchema,
  SignInConfigSchema,
  TokenResponseSchema,
  authorizeRequestUrl,
  callbackOutcome,
  codeChallenge,
  isCallback,
  isUsable,
  logoutRequestUrl,
  randomUrlSafe,
  tokenExpiresAt,
  tokenRequestBody,
  withoutCallbackParams,
  type CallbackOutcome,
  type RefusalReason,
  type PendingSignIn,
  type SignInConfig,
} from './oauth.js';

/**
 * Staff sign-in for the console and the dashboard, one code path in the cloud (Cognito managed login) and
 * locally (the stack's stand-in), both from /config.json:
 * 1. Signed out: "Sign in" keeps a fresh state and PKCE verifier in sessionStorage and goes to the authorize URL.
 * 2. Back with `?code=&state=`: the address is cleaned at once, the state checked against the one kept (then
 *    dropped), the code exchanged at the token endpoint (form POST with the verifier).
 * 3. The ID token is the bearer the API gets (it carries groups, unit and approval limit), kept in
 *    sessionStorage for this tab only; when it expires the page asks to sign in again.
 * 4. Sign out clears it and goes through the logout URL, which ends the provider's session too.
 */

/** The sign-in card's words, [zh-CN, en] (issue 17): one language at a time. */
const TEXT = {
  title: ['登录', 'Sign in'],
  signIn: ['登录', 'Sign in'],
  signingIn: ['正在登录…', 'Signing in…'],
  staffOnly: ['仅限员工。', 'Staff only.'],
  notConfigured: ['此处未配置登录，无法登录。', 'Sign-in is not configured here.'],
  failed: ['登录失败（HTTP {detail}），请重试。', 'Sign-in failed (HTTP {detail}); please try again.'],
  ended: ['登录已过期，请重新登录。', 'Your session has ended; please sign in again.'],
  foreign: [
    '此次登录并非从本页发起，请重新登录。',
    'This sign-in was not started here; please sign in again.',
  ],
  provider: ['登录被拒绝：{detail}', 'Sign-in refused: {detail}'],
  noCode: ['登录页未返回授权码，请重新登录。', 'The sign-in page sent no code; please sign in again.'],
} as const;

type NoticeKey = Exclude<keyof typeof TEXT, 'title' | 'signIn' | 'signingIn' | 'staffOnly'> | RefusalReason;

/** Why the card shows a notice: a word-table key, and data (an HTTP status, the provider's text) if any. */
export interface SignInNotice {
  readonly key: NoticeKey;
  readonly detail?: string;
}

function st(key: keyof typeof TEXT, lang: Lang, detail = ''): string {
  return TEXT[key][lang === 'en' ? 1 : 0].replace('{detail}', detail);
}

/** A failed exchange, carrying its notice to the card. */
class SignInFailure extends Error {
  constructor(readonly notice: SignInNotice) {
    super(notice.key);
  }
}

/** The console and the dashboard share the staff token (same tab). */
const TOKEN_KEY = 'claims.staffToken';
const PENDING_KEY = 'claims.staffSignIn';
/** setTimeout's limit; a longer-lived token is re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

async function signInConfig(): Promise<SignInConfig | null> {
  const parsed = SignInConfigSchema.safeParse(await runtimeConfig());
  return parsed.success ? parsed.data : null;
}

/** This page, without query or fragment: what the client registers as callback and sign-out URL. */
function pageUrl(): string {
  return `${location.origin}${location.pathname}`;
}

function storedToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function takePending(): PendingSignIn | null {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (raw === null) return null;
  try {
    const parsed = PendingSignInSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Reads a sign-in callback off the address (once, before the first render) and cleans the address. */
function takeCallback(): CallbackOutcome {
  const query = new URLSearchParams(location.search);
  if (!isCallback(query)) return { kind: 'none' };
  const pending = takePending();
  const restored = pending?.returnTo ?? `${withoutCallbackParams(query)}${location.hash}`;
  history.replaceState(null, '', `${location.pathname}${restored}`);
  return callbackOutcome(query, pending);
}

async function exchange(code: string, pending: PendingSignIn): Promise<string> {
  const config = await signInConfig();
  if (!config) throw new SignInFailure({ key: 'notConfigured' });
  const response = await fetch(new URL(config.tokenUrl, location.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenRequestBody(config, code, pending),
  });
  const parsed = TokenResponseSchema.safeParse(await response.json().catch(() => null));
  if (!response.ok || !parsed.success)
    throw new SignInFailure({ key: 'failed', detail: String(response.status) });
  return parsed.data.id_token;
}

export interface StaffSession {
  /** The bearer token for the API, '' when signed out. */
  readonly token: string;
  /** Coming back from the sign-in page: the code is being exchanged. */
  readonly working: boolean;
  /** Why the last sign-in failed, or that the session ended. */
  readonly notice: SignInNotice | null;
  readonly signIn: () => void;
  readonly signOut: () => void;
}

export function useStaffSession(): StaffSession {
  const [callback] = useState(takeCallback);
  const [token, setToken] = useState(() => {
    const stored = storedToken();
    return stored !== '' && isUsable(stored, Date.now()) ? stored : '';
  });
  const [working, setWorking] = useState(callback.kind === 'exchange');
  const [notice, setNotice] = useState<SignInNotice | null>(() =>
    callback.kind === 'refused'
      ? { key: callback.reason, ...(callback.detail === undefined ? {} : { detail: callback.detail }) }
      : storedToken() !== '' && token === ''
        ? { key: 'ended' }
        : null,
  );

  const keep = (value: string) => {
    if (value === '') sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, value);
    setToken(value);
  };

  useEffect(() => {
    if (callback.kind !== 'exchange') return;
    exchange(callback.code, callback.pending)
      .then((idToken) => {
        setNotice(null);
        keep(idToken);
      })
      .catch((error: unknown) =>
        setNotice(error instanceof SignInFailure ? error.notice : { key: 'failed', detail: '—' }),
      )
      .finally(() => setWorking(false));
  }, [callback]);

  // When the token expires, ask to sign in again rather than let requests fail one by one.
  useEffect(() => {
    if (token === '') return;
    const expiresAt = tokenExpiresAt(token) ?? 0;
    const timer = setTimeout(
      () => {
        if (isUsable(token, Date.now())) return;
        setNotice({ key: 'ended' });
        keep('');
      },
      Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS),
    );
    return () => clearTimeout(timer);
  }, [token]);

  const signIn = () => {
    void (async () => {
      const config = await signInConfig();
      if (!config) {
        setNotice({ key: 'notConfigured' });
        return;
      }
      const pending: PendingSignIn = {
        state: randomUrlSafe(16),
        verifier: randomUrlSafe(32),
        redirectUri: pageUrl(),
        returnTo: `${location.search}${location.hash}`,
      };
      sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
      const challenge = await codeChallenge(pending.verifier);
      location.assign(
        authorizeRequestUrl(config, { ...pending, challenge, lang: currentLang() }, location.origin),
      );
    })();
  };

  const signOut = () => {
    keep('');
    void signInConfig().then((config) => {
      if (config) location.assign(logoutRequestUrl(config, pageUrl(), location.origin));
    });
  };

  return { token, working, notice, signIn, signOut };
}

/** The signed-out view: one button to the sign-in page, and why the last attempt failed if it did. */
export function SignInCard({ session, lang }: { session: StaffSession; lang: Lang }) {
  const notice = session.notice;
  return html`<section class="card" aria-labelledby="sign-in-title">
    <h2 id="sign-in-title">${st('title', lang)}</h2>
    ${notice ? html`<p class="error" role="alert">${st(notice.key, lang, notice.detail)}</p>` : null}
    ${
      session.working
        ? html`<p role="status">${st('signingIn', lang)}</p>`
        : html`<p>${st('staffOnly', lang)}</p>
            <p><button type="button" onClick=${session.signIn}>${st('signIn', lang)}</button></p>`
    }
  </section>`;
}
