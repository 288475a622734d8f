import { REFRESH_TOKEN_VALIDITY_MS } from '../../shared/domain/staff-session.js';
import type * as z from '../../shared/zod.js';
import { StoredSessionSchema, isUsable, refreshDueAt, type StoredSession } from './oauth.js';

/**
 * The staff session as the console's tabs share it (issue 17): the ID token and the refresh token in
 * localStorage, renewed shortly before the ID token expires and when the API rejects it, for as long as
 * the refresh token lasts (a working day). The storage, the clock, the timers and the token endpoint are
 * given, so the whole life of a session runs in Node tests; auth.ts gives the browser's.
 *
 * - `active`: the token is good (or being renewed); requests carry it.
 * - `expired`: renewing failed (refresh token expired or revoked): the page stays as it is, asks to sign
 *   in again over it, and requests that met a 401 wait for that sign-in, then go again.
 * - `signedOut`: no session (never signed in, signed out here or in another tab).
 */
export type SessionPhase = 'signedOut' | 'active' | 'expired';

export interface SessionView {
  readonly phase: SessionPhase;
  /** The ID token requests carry ('' when signed out; the last one while expired). */
  readonly token: string;
  /** Opened on a session that had ended: the sign-in card says so. */
  readonly ended: boolean;
}

/** What the token endpoint said to a refresh: new tokens, a refusal (invalid_grant), or nothing at all. */
export type RefreshOutcome =
  | { readonly kind: 'tokens'; readonly idToken: string }
  | { readonly kind: 'refused' }
  | { readonly kind: 'unreachable' };

export interface SessionDeps {
  readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  readonly now: () => number;
  readonly refresh: (refreshToken: string) => Promise<RefreshOutcome>;
  /** Runs `run` after `ms`; returns its cancel. */
  readonly schedule: (run: () => void, ms: number) => () => void;
}

export interface SessionStore {
  readonly view: () => SessionView;
  readonly subscribe: (listener: () => void) => () => void;
  /** A sign-in (here or in a popup) got these tokens. */
  readonly signedIn: (tokens: { readonly idToken: string; readonly refreshToken?: string }) => void;
  readonly signOut: () => void;
  /** Another tab changed the stored session (the `storage` event). */
  readonly storageChanged: () => void;
  /**
   * The API rejected `rejected`: a fresh token to try once more, after a refresh or, when that fails, after
   * signing in again in place; null when signed out instead.
   */
  readonly renew: (rejected: string) => Promise<string | null>;
}

/** The console and the dashboard share the session, in every tab. */
export const SESSION_KEY = 'claims.staffSession';
/** A refresh the network lost is tried again this soon, while the token still works. */
const RETRY_MS = 30_000;
/** setTimeout's limit; a later refresh is re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A JSON value kept in web storage, checked against `schema`; null when missing or not of that shape. */
export function storedValue<T>(raw: string | null, schema: z.ZodMiniType<T>): T | null {
  if (raw === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function createSessionStore(deps: SessionDeps): SessionStore {
  const listeners = new Set<() => void>();
  let waiters: ((token: string | null) => void)[] = [];
  let refreshing: Promise<string | null> | null = null;
  let cancel = () => {};

  const read = () => storedValue(deps.storage.getItem(SESSION_KEY), StoredSessionSchema);
  const canRefresh = (s: StoredSession) => s.refreshToken !== undefined && s.refreshUntil > deps.now();

  let view: SessionView = { phase: 'signedOut', token: '', ended: false };
  const set = (next: SessionView) => {
    view = next;
    for (const listener of listeners) listener();
  };
  const settle = (token: string | null) => {
    const waiting = waiters;
    waiters = [];
    for (const resolve of waiting) resolve(token);
  };
  const schedule = (run: () => void, ms: number) => {
    cancel();
    cancel = deps.schedule(run, Math.min(Math.max(0, ms), MAX_TIMER_MS));
  };
  const adopt = (session: StoredSession) => {
    set({ phase: 'active', token: session.idToken, ended: false });
    settle(session.idToken);
    schedule(() => void refreshNow(), (refreshDueAt(session.idToken) ?? 0) - deps.now());
  };
  const expire = () => {
    cancel();
    if (view.phase === 'active') set({ ...view, phase: 'expired' });
  };
  const signedOut = () => {
    cancel();
    set({ phase: 'signedOut', token: '', ended: false });
    settle(null);
  };

  const refreshNow = (): Promise<string | null> => {
    refreshing ??= (async (): Promise<string | null> => {
      const stored = read();
      if (stored === null) {
        signedOut();
        return null;
      }
      // Another tab may have renewed it a moment ago: take theirs rather than ask again.
      if (stored.idToken !== view.token && (refreshDueAt(stored.idToken) ?? 0) > deps.now()) {
        adopt(stored);
        return stored.idToken;
      }
      if (stored.refreshToken === undefined || !canRefresh(stored)) {
        expire();
        return null;
      }
      const outcome = await deps.refresh(stored.refreshToken);
      if (outcome.kind === 'tokens') {
        const next = { ...stored, idToken: outcome.idToken };
        deps.storage.setItem(SESSION_KEY, JSON.stringify(next));
        adopt(next);
        return next.idToken;
      }
      if (outcome.kind === 'unreachable' && isUsable(view.token, deps.now())) {
        schedule(() => void refreshNow(), RETRY_MS);
        return view.token;
      }
      expire();
      return null;
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  const stored = read();
  if (stored !== null && (isUsable(stored.idToken, deps.now()) || canRefresh(stored))) adopt(stored);
  else if (stored !== null) {
    deps.storage.removeItem(SESSION_KEY);
    view = { phase: 'signedOut', token: '', ended: true };
  }

  return {
    view: () => view,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signedIn: ({ idToken, refreshToken }) => {
      const session: StoredSession = {
        idToken,
        ...(refreshToken === undefined ? {} : { refreshToken }),
        refreshUntil: deps.now() + REFRESH_TOKEN_VALIDITY_MS,
      };
      deps.storage.setItem(SESSION_KEY, JSON.stringify(session));
      adopt(session);
    },
    signOut: () => {
      deps.storage.removeItem(SESSION_KEY);
      signedOut();
    },
    storageChanged: () => {
      const next = read();
      if (next === null) {
        if (view.phase !== 'signedOut') signedOut();
        return;
      }
      const news = next.idToken !== view.token || view.phase === 'expired';
      if (news && isUsable(next.idToken, deps.now())) adopt(next);
    },
    renew: async (rejected) => {
      // A token other than the rejected one, good now: another request or tab renewed it already.
      const settled = () =>
        view.phase === 'signedOut'
          ? null
          : view.phase === 'active' && view.token !== rejected && isUsable(view.token, deps.now())
            ? view.token
            : undefined;
      const before = settled();
      if (before !== undefined) return before;
      if (view.phase === 'active') await refreshNow();
      // Checked again after the wait: a sign-in may have come while the refresh was out.
      const after = settled();
      if (after !== undefined) return after;
      expire();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
