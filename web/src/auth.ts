import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { runtimeConfig, setBearerSource } from './api.js';
import { currentLang, type Lang } from './i18n.js';
import {
  PendingSignInSchema,
  SignInConfigSchema,
  TokenResponseSchema,
  authorizeRequestUrl,
  callbackOutcome,
  codeChallenge,
  isCallback,
  logoutRequestUrl,
  randomUrlSafe,
  refreshRequestBody,
  tokenRequestBody,
  withoutCallbackParams,
  type CallbackOutcome,
  type RefusalReason,
  type PendingSignIn,
  type SignInConfig,
} from './oauth.js';
import {
  SESSION_KEY,
  createSessionStore,
  storedValue,
  type RefreshOutcome,
  type SessionStore,
} from './session-store.js';

/**
 * Staff sign-in for the console and the dashboard, one code path in the cloud (Cognito managed login) and
 * locally (the stack's stand-in), both from /config.json:
 * 1. Signed out: "Sign in" keeps a fresh state and PKCE verifier in localStorage (under the state) and goes
 *    to the authorize URL.
 * 2. Back with `?code=&state=`: the address is cleaned at once, the state checked against the one kept (then
 *    dropped), the code exchanged at the token endpoint (form POST with the verifier).
 * 3. The ID token is the bearer the API gets (it carries groups, unit and approval limit). It and the refresh
 *    token are kept in localStorage for every tab (session-store.ts): renewed shortly before expiry and on a
 *    401, for the refresh token's working day.
 * 4. When renewing fails, the page stays as it is and a banner asks to sign in again in a popup (the same
 *    steps, in a window of its own that closes when done); the requests that met the 401 then go again.
 * 5. Sign out clears it in every tab and goes through the logout URL, which ends the provider's session too.
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
  popupDone: ['已重新登录，此窗口可以关闭。', 'Signed in again; you may close this window.'],
  expiredTitle: ['登录已过期', 'Your session has ended'],
  expiredBody: [
    '请重新登录以继续。本页填写的内容会保留，登录后可继续提交。',
    'Please sign in again to carry on. What you have typed here is kept; submit it once signed in.',
  ],
  signInAgain: ['重新登录', 'Sign in again'],
  popupOpen: ['请在弹出的登录窗口中完成登录。', 'Finish signing in in the sign-in window.'],
  popupBlocked: [
    '浏览器拦截了登录窗口。请允许弹出窗口后重试，或在本页登录（填写的内容会暂存并在返回后恢复）。',
    'The browser blocked the sign-in window. Allow pop-ups and try again, or sign in on this page (what you typed is kept and restored when you come back).',
  ],
  signInHere: ['在本页登录', 'Sign in on this page'],
} as const;

type NoticeKey =
  | Exclude<
      keyof typeof TEXT,
      | 'title'
      | 'signIn'
      | 'signingIn'
      | 'staffOnly'
      | 'expiredTitle'
      | 'expiredBody'
      | 'signInAgain'
      | 'popupOpen'
      | 'signInHere'
    >
  | RefusalReason;

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

/** A sign-in under way, kept under its state so that the window it comes back to finds it. */
const PENDING_PREFIX = 'claims.staffSignIn.';
/** Sign-ins not finished within this are dropped when the next one starts. */
const PENDING_TTL_MS = 15 * 60_000;

async function signInConfig(): Promise<SignInConfig | null> {
  const parsed = SignInConfigSchema.safeParse(await runtimeConfig());
  return parsed.success ? parsed.data : null;
}

/** This page, without query or fragment: what the client registers as callback and sign-out URL. */
function pageUrl(): string {
  return `${location.origin}${location.pathname}`;
}

function takePending(state: string | null): PendingSignIn | null {
  if (state === null) return null;
  const key = `${PENDING_PREFIX}${state}`;
  const raw = localStorage.getItem(key);
  localStorage.removeItem(key);
  return storedValue(raw, PendingSignInSchema);
}

function keepPending(pending: PendingSignIn): void {
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const key = localStorage.key(i);
    if (key === null || !key.startsWith(PENDING_PREFIX)) continue;
    const started = storedValue(localStorage.getItem(key), PendingSignInSchema)?.startedAt ?? 0;
    if (started < Date.now() - PENDING_TTL_MS) localStorage.removeItem(key);
  }
  localStorage.setItem(`${PENDING_PREFIX}${pending.state}`, JSON.stringify(pending));
}

/** Reads a sign-in callback off the address (once, before the first render) and cleans the address. */
function takeCallback(): CallbackOutcome & { readonly popup: boolean } {
  const query = new URLSearchParams(location.search);
  if (!isCallback(query)) return { kind: 'none', popup: false };
  const pending = takePending(query.get('state'));
  const restored = pending?.returnTo ?? `${withoutCallbackParams(query)}${location.hash}`;
  history.replaceState(null, '', `${location.pathname}${restored}`);
  return { ...callbackOutcome(query, pending), popup: pending?.popup === true };
}

async function postToken(body: URLSearchParams): Promise<Response> {
  const config = await signInConfig();
  if (!config) throw new SignInFailure({ key: 'notConfigured' });
  return fetch(new URL(config.tokenUrl, location.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

async function exchange(
  code: string,
  pending: PendingSignIn,
): Promise<{ idToken: string; refreshToken?: string }> {
  const config = await signInConfig();
  if (!config) throw new SignInFailure({ key: 'notConfigured' });
  const response = await postToken(tokenRequestBody(config, code, pending));
  const parsed = TokenResponseSchema.safeParse(await response.json().catch(() => null));
  if (!response.ok || !parsed.success)
    throw new SignInFailure({ key: 'failed', detail: String(response.status) });
  const { id_token, refresh_token } = parsed.data;
  return { idToken: id_token, ...(refresh_token === undefined ? {} : { refreshToken: refresh_token }) };
}

/** A refresh at the token endpoint: a 4xx (invalid_grant: expired or revoked) ends the session. */
async function refreshTokens(refreshToken: string): Promise<RefreshOutcome> {
  const config = await signInConfig();
  if (!config) return { kind: 'refused' };
  try {
    const response = await postToken(refreshRequestBody(config, refreshToken));
    if (response.status >= 400 && response.status < 500) return { kind: 'refused' };
    const parsed = TokenResponseSchema.safeParse(await response.json().catch(() => null));
    return response.ok && parsed.success
      ? { kind: 'tokens', idToken: parsed.data.id_token }
      : { kind: 'unreachable' };
  } catch {
    return { kind: 'unreachable' };
  }
}

let store: SessionStore | undefined;

/** The page's one session store, over localStorage, listening to the other tabs, giving requests their token. */
function sessionStore(): SessionStore {
  if (store) return store;
  const created = createSessionStore({
    storage: localStorage,
    now: Date.now,
    refresh: refreshTokens,
    schedule: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
  });
  // Another tab signed in, renewed or signed out (`key` null: storage cleared).
  addEventListener('storage', (event) => {
    if (event.key === SESSION_KEY || event.key === null) created.storageChanged();
  });
  setBearerSource({ current: () => created.view().token, renew: created.renew });
  store = created;
  return created;
}

/** Builds the authorize request for a new sign-in and keeps what the callback will need. */
async function startSignIn(popup: boolean): Promise<string | null> {
  const config = await signInConfig();
  if (!config) return null;
  const pending: PendingSignIn = {
    state: randomUrlSafe(16),
    verifier: randomUrlSafe(32),
    redirectUri: pageUrl(),
    returnTo: `${location.search}${location.hash}`,
    ...(popup ? { popup: true } : {}),
    startedAt: Date.now(),
  };
  keepPending(pending);
  const challenge = await codeChallenge(pending.verifier);
  return authorizeRequestUrl(config, { ...pending, challenge, lang: currentLang() }, location.origin);
}

export interface StaffSession {
  /** The bearer token for the API, '' when signed out (the last one while `expired`). */
  readonly token: string;
  /** Signed in, but renewing failed: the page stays and asks to sign in again over it. */
  readonly expired: boolean;
  /** Coming back from the sign-in page: the code is being exchanged. */
  readonly working: boolean;
  /** This window is the sign-in popup of another: it shows only the sign-in's outcome. */
  readonly popup: boolean;
  /** Why the last sign-in failed, or that the session ended. */
  readonly notice: SignInNotice | null;
  readonly signIn: () => void;
  /** Signing in again in place: 'open' (a popup), 'blocked' (the browser refused one). */
  readonly signInAgain: () => 'open' | 'blocked';
  readonly signOut: () => void;
}

export function useStaffSession(): StaffSession {
  const [callback] = useState(takeCallback);
  const sessions = sessionStore();
  const [view, setView] = useState(sessions.view);
  useEffect(() => sessions.subscribe(() => setView(sessions.view())), [sessions]);
  const [working, setWorking] = useState(callback.kind === 'exchange');
  const [notice, setNotice] = useState<SignInNotice | null>(() =>
    callback.kind === 'refused'
      ? { key: callback.reason, ...(callback.detail === undefined ? {} : { detail: callback.detail }) }
      : view.ended
        ? { key: 'ended' }
        : null,
  );

  useEffect(() => {
    if (callback.kind !== 'exchange') return;
    exchange(callback.code, callback.pending)
      .then((tokens) => {
        sessions.signedIn(tokens);
        if (callback.popup) {
          // The page that opened this window hears of the new session through storage; this one is done.
          setNotice({ key: 'popupDone' });
          window.close();
        } else setNotice(null);
      })
      .catch((error: unknown) =>
        setNotice(error instanceof SignInFailure ? error.notice : { key: 'failed', detail: '—' }),
      )
      .finally(() => setWorking(false));
  }, [callback]);

  const signIn = () => {
    void startSignIn(false).then((url) => {
      if (url === null) setNotice({ key: 'notConfigured' });
      else location.assign(url);
    });
  };

  const signInAgain = (): 'open' | 'blocked' => {
    // Opened now, in the click, so that the browser allows it; it is sent on once the request is built.
    const popup = window.open('about:blank', 'claims-sign-in', 'popup,width=520,height=760');
    if (popup === null) return 'blocked';
    void startSignIn(true).then((url) => {
      if (url === null) popup.close();
      else popup.location.assign(url);
    });
    return 'open';
  };

  const signOut = () => {
    sessions.signOut();
    void signInConfig().then((config) => {
      if (config) location.assign(logoutRequestUrl(config, pageUrl(), location.origin));
    });
  };

  return {
    token: view.token,
    expired: view.phase === 'expired',
    working,
    popup: callback.popup,
    notice,
    signIn,
    signInAgain,
    signOut,
  };
}

/**
 * Over the page when the session has ended: the view and what was typed stay; "Sign in again" opens the
 * sign-in in a popup, and the page goes on once it is done. If the browser blocks the popup, signing in on
 * this page keeps the open forms' drafts (sessionStorage) and restores them on the way back.
 */
export function SessionExpiredBanner({ session, lang }: { session: StaffSession; lang: Lang }) {
  const [attempt, setAttempt] = useState<'none' | 'open' | 'blocked'>('none');
  if (!session.expired) return null;
  return html`<div
    class="session-expired card"
    role="alertdialog"
    aria-labelledby="session-expired-title"
    aria-describedby="session-expired-body"
    data-testid="session-expired"
  >
    <h2 id="session-expired-title">${st('expiredTitle', lang)}</h2>
    <p id="session-expired-body">${st('expiredBody', lang)}</p>
    ${attempt === 'open' ? html`<p role="status">${st('popupOpen', lang)}</p>` : null}
    ${attempt === 'blocked' ? html`<p class="error" role="alert">${st('popupBlocked', lang)}</p>` : null}
    <p class="actions">
      <button type="button" onClick=${() => setAttempt(session.signInAgain())}>
        ${st('signInAgain', lang)}
      </button>
      ${
        attempt === 'blocked'
          ? html`<button type="button" class="secondary" onClick=${session.signIn}>
              ${st('signInHere', lang)}
            </button>`
          : null
      }
    </p>
  </div>`;
}

/** The signed-out view: one button to the sign-in page, and why the last attempt failed if it did. */
export function SignInCard({ session, lang }: { session: StaffSession; lang: Lang }) {
  const notice = session.notice;
  return html`<section class="card" aria-labelledby="sign-in-title">
    <h2 id="sign-in-title">${st('title', lang)}</h2>
    ${
      notice
        ? html`<p class=${notice.key === 'popupDone' ? 'notice' : 'error'} role="alert">
            ${st(notice.key, lang, notice.detail)}
          </p>`
        : null
    }
    ${
      session.working
        ? html`<p role="status">${st('signingIn', lang)}</p>`
        : session.popup
          ? null
          : html`<p>${st('staffOnly', lang)}</p>
              <p><button type="button" onClick=${session.signIn}>${st('signIn', lang)}</button></p>`
    }
  </section>`;
}
