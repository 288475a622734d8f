import { describe, expect, it } from 'vitest';
import { REFRESH_TOKEN_VALIDITY_MS } from '../../shared/domain/staff-session.js';
import {
  REFRESH_LEAD_MS,
  StoredSessionSchema,
  isUsable,
  refreshDueAt,
  refreshRequestBody,
} from '../../web/src/oauth.js';
import {
  SESSION_KEY,
  createSessionStore,
  type RefreshOutcome,
  type SessionStore,
} from '../../web/src/session-store.js';

/**
 * The console's session across tabs and a working day (web/src/session-store.ts): renewal before expiry
 * and on a 401, the refresh token's end, other tabs signing in and out, and requests waiting for a sign-in.
 */
const T0 = Date.parse('2026-11-24T01:00:00Z');
const HOUR = 3_600_000;

let issued = 0;

/** An unsigned JWT issued at `iatMs` for `ttlMs`, each one different (the console reads `iat` and `exp`). */
function jwt(iatMs: number, ttlMs: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(iatMs / 1000);
  return `${part({ alg: 'ES256' })}.${part({ jti: String(++issued), iat, exp: iat + ttlMs / 1000 })}.c2ln`;
}

/** A tab: its clock and timers run by the test, and localStorage shared with the other tabs of `world`. */
function world() {
  let now = T0;
  const storage = new Map<string, string>();
  const timers: { at: number; run: () => void; live: boolean }[] = [];
  const refreshCalls: string[] = [];
  let answer: (refreshToken: string) => RefreshOutcome = () => ({
    kind: 'tokens',
    idToken: jwt(now, HOUR),
  });
  const tab = (): SessionStore =>
    createSessionStore({
      storage: {
        getItem: (k) => storage.get(k) ?? null,
        setItem: (k, v) => void storage.set(k, v),
        removeItem: (k) => void storage.delete(k),
      },
      now: () => now,
      refresh: (token) => {
        refreshCalls.push(token);
        return Promise.resolve(answer(token));
      },
      schedule: (run, ms) => {
        const timer = { at: now + ms, run, live: true };
        timers.push(timer);
        return () => {
          timer.live = false;
        };
      },
    });
  /** Moves the clock on, running the timers that fall due (and letting their refreshes settle). */
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.live && t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      due.live = false;
      now = Math.max(now, due.at);
      due.run();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    now = until;
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const stored = () => StoredSessionSchema.parse(JSON.parse(storage.get(SESSION_KEY) ?? 'null'));
  return {
    tab,
    advance,
    stored,
    storage,
    refreshCalls,
    now: () => now,
    answer: (next: (refreshToken: string) => RefreshOutcome) => {
      answer = next;
    },
  };
}

describe('token timing', () => {
  it('renews an hour-long token two minutes before it expires, a short one at half its life', () => {
    expect(refreshDueAt(jwt(T0, HOUR))).toBe(T0 + HOUR - REFRESH_LEAD_MS);
    expect(refreshDueAt(jwt(T0, 20_000))).toBe(T0 + 10_000);
    // The usable margin shrinks with the lifetime too, so a 20 s token is usable for 15 s.
    expect(isUsable(jwt(T0, 20_000), T0 + 14_999)).toBe(true);
    expect(isUsable(jwt(T0, 20_000), T0 + 15_000)).toBe(false);
  });

  it('asks the token endpoint for a refresh with the client id and no secret', () => {
    const body = refreshRequestBody(
      { userPoolClientId: 'client-123', authorizeUrl: '/a', tokenUrl: '/t', logoutUrl: '/l' },
      'rt-1',
    );
    expect(Object.fromEntries(body)).toEqual({
      grant_type: 'refresh_token',
      client_id: 'client-123',
      refresh_token: 'rt-1',
    });
  });
});

describe('the staff session', () => {
  it('keeps a sign-in for every tab and renews it before expiry, for twelve hours', async () => {
    const w = world();
    const first = w.tab();
    const idToken = jwt(w.now(), HOUR);
    first.signedIn({ idToken, refreshToken: 'rt-1' });
    expect(w.stored()).toEqual({
      idToken,
      refreshToken: 'rt-1',
      refreshUntil: T0 + REFRESH_TOKEN_VALIDITY_MS,
    });
    // A second tab opened later is signed in with the same session.
    const second = w.tab();
    expect(second.view()).toEqual({ phase: 'active', token: idToken, ended: false });

    await w.advance(HOUR - REFRESH_LEAD_MS - 1);
    expect(w.refreshCalls).toEqual([]);
    await w.advance(1);
    // One tab renews; the other takes the renewed token from storage rather than asking again.
    expect(w.refreshCalls).toEqual(['rt-1']);
    const renewed = first.view().token;
    expect(renewed).not.toBe(idToken);
    expect(second.view().token).toBe(renewed);
    expect(w.stored()).toMatchObject({ idToken: renewed, refreshToken: 'rt-1' });

    // Hourly renewals carry the day; after twelve hours the refresh token is spent and the tab asks again.
    await w.advance(11 * HOUR);
    expect(first.view().phase).toBe('active');
    await w.advance(HOUR);
    expect(first.view().phase).toBe('expired');
    expect(w.refreshCalls.length).toBeLessThanOrEqual(12);
  });

  it('renews once on a 401 for all the requests that met it, and returns the new token', async () => {
    const w = world();
    const tab = w.tab();
    const rejected = jwt(w.now(), HOUR);
    tab.signedIn({ idToken: rejected, refreshToken: 'rt-1' });
    const [a, b] = await Promise.all([tab.renew(rejected), tab.renew(rejected)]);
    expect(w.refreshCalls).toEqual(['rt-1']);
    expect(a).toBe(b);
    expect(a).not.toBe(rejected);
    // A request that still carried the old token gets the current one without another refresh.
    expect(await tab.renew(rejected)).toBe(a);
    expect(w.refreshCalls).toHaveLength(1);
  });

  it('when the refresh is refused, keeps the page, waits for a sign-in in another window, then goes on', async () => {
    const w = world();
    const tab = w.tab();
    const rejected = jwt(w.now(), HOUR);
    tab.signedIn({ idToken: rejected, refreshToken: 'revoked' });
    w.answer(() => ({ kind: 'refused' }));
    const changes: string[] = [];
    tab.subscribe(() => changes.push(tab.view().phase));
    let retried: string | null | undefined;
    const waiting = tab.renew(rejected).then((token) => (retried = token));
    await w.advance(0);
    // Expired, not signed out: the view stays, with its last token, under the sign-in prompt.
    expect(tab.view()).toEqual({ phase: 'expired', token: rejected, ended: false });
    expect(retried).toBeUndefined();
    // The sign-in popup stores a new session; this tab hears of it through the storage event.
    const popup = w.tab();
    const fresh = jwt(w.now(), HOUR);
    popup.signedIn({ idToken: fresh, refreshToken: 'rt-2' });
    tab.storageChanged();
    await waiting;
    expect(retried).toBe(fresh);
    expect(tab.view().phase).toBe('active');
    expect(changes).toEqual(['expired', 'active']);
  });

  it('signs every tab out when one signs out, and a waiting request gets nothing', async () => {
    const w = world();
    const one = w.tab();
    const token = jwt(w.now(), HOUR);
    one.signedIn({ idToken: token, refreshToken: 'rt-1' });
    const other = w.tab();
    w.answer(() => ({ kind: 'refused' }));
    const waiting = other.renew(token);
    await w.advance(0);
    one.signOut();
    expect(w.storage.has(SESSION_KEY)).toBe(false);
    other.storageChanged();
    expect(await waiting).toBeNull();
    expect(other.view()).toEqual({ phase: 'signedOut', token: '', ended: false });
  });

  it('tries a refresh the network lost again while the token works, then gives up at expiry', async () => {
    const w = world();
    const tab = w.tab();
    tab.signedIn({ idToken: jwt(w.now(), HOUR), refreshToken: 'rt-1' });
    w.answer(() => ({ kind: 'unreachable' }));
    await w.advance(HOUR - REFRESH_LEAD_MS);
    expect(w.refreshCalls).toHaveLength(1);
    expect(tab.view().phase).toBe('active');
    await w.advance(30_000);
    expect(w.refreshCalls).toHaveLength(2);
    await w.advance(REFRESH_LEAD_MS);
    expect(tab.view().phase).toBe('expired');
  });

  it('opens on an ended session as signed out, saying so; on a stale but renewable one, renews it', async () => {
    const w = world();
    const old = jwt(w.now() - 2 * HOUR, HOUR);
    w.storage.set(SESSION_KEY, JSON.stringify({ idToken: old, refreshUntil: w.now() + HOUR }));
    expect(w.tab().view()).toEqual({ phase: 'signedOut', token: '', ended: true });
    expect(w.storage.has(SESSION_KEY)).toBe(false);

    w.storage.set(
      SESSION_KEY,
      JSON.stringify({ idToken: old, refreshToken: 'rt-1', refreshUntil: w.now() + HOUR }),
    );
    const tab = w.tab();
    await w.advance(0);
    expect(w.refreshCalls).toEqual(['rt-1']);
    expect(isUsable(tab.view().token, w.now())).toBe(true);

    w.storage.set(SESSION_KEY, 'not json');
    expect(w.tab().view().phase).toBe('signedOut');
  });
});
