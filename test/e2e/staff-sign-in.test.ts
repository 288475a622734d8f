import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueLocalToken, loadLocalKeys } from '../../infra/local/local-auth.js';
import type { LocalStack } from '../../infra/local/stack.js';
import { formBody } from '../support/http.js';
import { fetchedProofHeaders } from '../support/proof-of-work.js';
import { missingHolidayYears } from '../../shared/domain/calendar/holiday-coverage.js';
import { createWorkingCalendar } from '../../shared/domain/calendar/working-calendar.js';
import { noticeTexts } from '../../web/src/notice-texts.js';
import { StoredSessionSchema } from '../../web/src/oauth.js';
import { SESSION_KEY } from '../../web/src/session-store.js';
import {
  E2E_RETRIES,
  E2E_STEP_TIMEOUT_MS,
  SCREENSHOTS,
  expectAccessible,
  haveChromium,
  openPage,
  startBrowserStack,
  type BrowserStack,
} from './browser.js';

/**
 * Staff sign-in in headless Chromium against the local stack: the console's "Sign in" goes to the local
 * sign-in page (Cognito's managed login in the cloud), comes back with a code, exchanges it with the PKCE
 * verifier, shows the work queue, shares the session with the dashboard, and signs out through the logout URL.
 */
describe.skipIf(!haveChromium)(
  'staff sign-in in headless Chromium',
  { timeout: E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    let stack: LocalStack;
    let browser: Browser;
    let env: BrowserStack | undefined;
    const errors: string[] = [];
    let number = '';

    beforeAll(async () => {
      env = await startBrowserStack('claims-e2e-signin');
      ({ stack, browser } = env);
      const filed = await fetch(`${stack.apiUrl}/claims`, {
        method: 'POST',
        // As the form sends it: consent in formBody, the proof of work solved for its key (issue 18).
        headers: {
          'content-type': 'application/json',
          ...(await fetchedProofHeaders(stack.apiUrl, 'e2e-sign-in-0001')),
        },
        body: JSON.stringify(formBody()),
      });
      number = z.object({ number: z.string() }).parse(await filed.json()).number;
    }, 120_000);

    afterAll(async () => {
      await env?.stop();
    });

    const open = (path: string): Promise<Page> => openPage(browser, stack.apiUrl, path, errors);
    const storedToken = async (page: Page) => {
      const raw = z
        .string()
        .nullable()
        .parse(await page.evaluate(`localStorage.getItem(${JSON.stringify(SESSION_KEY)})`));
      return raw === null ? null : StoredSessionSchema.parse(JSON.parse(raw)).idToken;
    };

    it('signs in through the sign-in page, sees the work queue and the dashboard, and signs out', async () => {
      const page = await open('/staff.html?lang=en');
      await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();

      // The local sign-in page, with the request the console built (S256 challenge, state, this page).
      await page.waitForURL((url) => url.pathname === '/local/oauth2/authorize');
      const request = new URL(page.url()).searchParams;
      expect(request.get('code_challenge_method')).toBe('S256');
      expect(request.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(request.get('redirect_uri')).toBe(`${stack.apiUrl}/staff.html`);
      expect(request.get('state')?.length).toBeGreaterThanOrEqual(16);
      // The sign-in page follows the console's language (Cognito's managed login reads `lang` too).
      expect(request.get('lang')).toBe('en');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await expectAccessible(page);
      await page.getByLabel('User id', { exact: true }).fill('e2e-manager');
      await page.getByLabel('Agent', { exact: true }).check();
      await page.getByLabel('Unit', { exact: true }).fill('HQ');
      await page.screenshot({ path: join(SCREENSHOTS, 'local-sign-in.png'), fullPage: true });
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();

      // Back on the console, the address clean (no code or state) and the language kept.
      await page.getByRole('link', { name: number }).waitFor();
      expect(new URL(page.url()).search).toBe('?lang=en');
      // One language: the English console says "Work queue", with no Chinese beside it.
      expect(await page.getByRole('table').getByText('Work queue', { exact: true }).count()).toBe(1);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Claims console');
      const token = z.string().parse(await storedToken(page));
      const me = await fetch(`${stack.apiUrl}/staff/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(await me.json()).toMatchObject({ id: 'e2e-manager', roles: ['agent', 'manager'] });
      // A year deadlines reach without a holiday schedule (2027, as of December 2026) is a banner on both pages.
      const banner = noticeTexts(
        { missingHolidayYears: missingHolidayYears(createWorkingCalendar().scheduledYears, new Date()) },
        'en',
      );
      const notices = page.getByTestId('operator-notices');
      if (banner.length > 0) expect(await notices.textContent()).toBe(banner.join(''));
      await page.screenshot({ path: join(SCREENSHOTS, 'staff-signed-in.png'), fullPage: true });

      // The dashboard in the same tab uses the same session.
      await page.getByRole('link', { name: 'Dashboard' }).click();
      await page.getByTestId('total').waitFor();
      if (banner.length > 0) {
        await notices.waitFor();
        expect(await notices.textContent()).toBe(banner.join(''));
      }
      await page.goBack();

      await page.getByRole('button', { name: 'Sign out' }).click();
      // Back through the logout URL, the registered page without a query: the default language.
      await page.getByRole('button', { name: '登录', exact: true }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/staff.html');
      expect(await storedToken(page)).toBeNull();
      expect(await page.getByRole('link', { name: number }).count()).toBe(0);
    });

    it('signs in from the dashboard and comes back to it', async () => {
      const page = await open('/dashboard.html');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/local/oauth2/authorize');
      await page.getByLabel('高管', { exact: true }).check();
      await page.getByLabel('经理', { exact: true }).uncheck();
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByTestId('total').waitFor();
      expect(new URL(page.url()).pathname).toBe('/dashboard.html');
    });

    it('refuses a callback this tab did not start, and cleans the address', async () => {
      const page = await open('/staff.html?code=stolen&state=forged');
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toBe('此次登录并非从本页发起，请重新登录。');
      expect(new URL(page.url()).search).toBe('');
      expect(await storedToken(page)).toBeNull();
      await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    });

    it('asks to sign in again when the session has expired', async () => {
      const keys = await loadLocalKeys(env?.keysFile ?? '');
      const expired = await issueLocalToken(
        keys,
        { role: ['manager'], unit: 'HQ', sub: 'late', approvalLimitFen: 0, ttlSeconds: 60 },
        new Date(Date.now() - 3_600_000),
      );
      const page = await open('/staff.html');
      // Kept without a refresh token (as a provider that sent none): nothing can renew it.
      const ended = JSON.stringify({ idToken: expired, refreshUntil: Date.now() + 3_600_000 });
      await page.evaluate(`localStorage.setItem(${JSON.stringify(SESSION_KEY)}, ${JSON.stringify(ended)})`);
      await page.reload();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toBe('登录已过期，请重新登录。');
      expect(await page.getByRole('button', { name: '登录', exact: true }).count()).toBe(1);
      expect(await page.getByRole('link', { name: number }).count()).toBe(0);
    });

    it('raised no console errors on any page', () => {
      expect(errors).toEqual([]);
    });
  },
);
