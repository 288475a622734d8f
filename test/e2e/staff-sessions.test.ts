import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueLocalToken, loadLocalKeys } from '../../infra/local/local-auth.js';
import { LOCAL_OAUTH } from '../../infra/local/local-oauth.js';
import { StoredSessionSchema, tokenExpiresAt } from '../../web/src/oauth.js';
import { SESSION_KEY } from '../../web/src/session-store.js';
import {
  E2E_RETRIES,
  SCREENSHOTS,
  callApi,
  haveChromium,
  signInFromDirectory,
  useBrowserStack,
} from './browser.js';

const FiledSchema = z.object({ number: z.string() });
const ViewSchema = z.object({
  timeline: z.array(z.object({ action: z.string(), note: z.optional(z.string()) })),
});
const AGENT = { id: 'local-agent-east-sh01', name: '上海一店专员' };
/** The local sign-in's ID tokens live this long here (an hour in the cloud): a refresh every 10 s. */
const TOKEN_TTL_SECONDS = 20;
const NOTE_LABEL = '内部备注（仅同事可见，不会发给客户）';

/**
 * The note's field is marked in the page, then found again: the same element, still in the document, means the
 * re-render kept it (a new element would have lost the caret and, with it, what is being typed). Strings, as
 * this file has no DOM types.
 */
const MARK_FIELD = 'window.markedField = document.getElementById("add_internal_note-note"); true';
const SAME_FIELD =
  'window.markedField !== null && window.markedField.isConnected && window.markedField === document.getElementById("add_internal_note-note")';

/**
 * Staff sessions (issue 17) in headless Chromium: the ID token renewed through the refresh token without
 * leaving the page, one session for every tab, a session that ends mid-typing signed in again in a popup
 * with the typed note still there and sent, a 409 that reloads the claim and says what changed, and an
 * open form that keeps its text when the view around it gets new data.
 */
describe.skipIf(!haveChromium)(
  'staff sessions in headless Chromium',
  { timeout: 120_000, retry: E2E_RETRIES },
  () => {
    const { errors, stackOf, open } = useBrowserStack('claims-e2e-sessions', {
      tokenTtlSeconds: TOKEN_TTL_SECONDS,
    });

    /** A manager's token for the API, made by the local issuer (the test acting as someone else). */
    const managerToken = async () =>
      issueLocalToken(await loadLocalKeys(stackOf().keysFile), {
        role: ['manager'],
        unit: 'HQ',
        sub: 'local-manager-hq',
        approvalLimitFen: 0,
        ttlSeconds: 3600,
      });

    /** A claim filed by a customer and assigned to the store's agent. */
    const fileClaim = async (key: string) => {
      const { stack } = stackOf();
      const filed = FiledSchema.parse(
        await callApi(stack, 'POST', '/claims', undefined, {
          claimant: { name: '王芳', phone: '13800138000', email: `${key}@example.com` },
          product: { name: '电热水壶', orderNumber: `SO-${key}` },
          foundOn: '2026-11-20',
          description: '壶底漏水',
          category: 'product_quality',
          requestedRemedy: 'replacement',
          claimedAmountFen: 19900,
        }),
      );
      await callApi(stack, 'POST', `/staff/claims/${filed.number}/assign`, await managerToken(), {
        unitId: 'EAST-SH01',
        assigneeId: AGENT.id,
      });
      return filed.number;
    };

    const stored = async (page: Page) => {
      const raw = z
        .string()
        .nullable()
        .parse(await page.evaluate(`localStorage.getItem(${JSON.stringify(SESSION_KEY)})`));
      return raw === null ? null : StoredSessionSchema.parse(JSON.parse(raw));
    };

    /** Every 401 the API sent the page (a renewal before expiry means there are none). */
    const rejections = (page: Page) => {
      const seen: string[] = [];
      page.on('response', (r: Response) => {
        if (r.status() === 401) seen.push(r.url());
      });
      return seen;
    };

    const notes = async (number: string) =>
      ViewSchema.parse(
        await callApi(stackOf().stack, 'GET', `/staff/claims/${number}`, await managerToken()),
      ).timeline.filter((e) => e.action === 'add_internal_note');

    it('renews the token before it expires, without leaving the page or meeting a 401', async () => {
      const number = await fileClaim('s1');
      const page = await open('/staff.html', 1366, 768);
      const refused = rejections(page);
      await signInFromDirectory(page, AGENT.name);
      await page.getByRole('link', { name: number }).waitFor();
      const first = z.string().parse((await stored(page))?.idToken);
      expect((await stored(page))?.refreshToken).toBeTruthy();
      // A mark on this document: a reload or a trip to the sign-in page would lose it.
      await page.evaluate('window.stillHere = true');

      await page.waitForFunction(
        ([key, token]) => !(localStorage.getItem(key ?? '') ?? '').includes(token ?? ''),
        [SESSION_KEY, first],
        { timeout: TOKEN_TTL_SECONDS * 1000 },
      );
      expect(await page.evaluate('window.stillHere')).toBe(true);
      // Past the first token's end, the page works on with the renewed one.
      const end = tokenExpiresAt(first) ?? 0;
      await page.waitForTimeout(Math.max(0, end - Date.now() + 1000));
      await page.getByRole('link', { name: number }).click();
      await page.getByTestId('detail-status').waitFor();
      expect(await page.getByTestId('session-expired').count()).toBe(0);
      expect(await page.evaluate('window.stillHere')).toBe(true);
      expect(refused).toEqual([]);
    });

    it('signs a second tab in with the same session, and signing out in one signs out both', async () => {
      const number = await fileClaim('s2');
      // Two tabs of one browser profile: one context, so one localStorage.
      const context = await stackOf().browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto(`${stackOf().stack.apiUrl}/staff.html`);
      await signInFromDirectory(page, AGENT.name);
      await page.getByRole('link', { name: number }).waitFor();
      const second = await context.newPage();
      await second.goto(`${stackOf().stack.apiUrl}/staff.html#${number}`);
      await second.getByTestId('detail-status').waitFor();
      expect(await second.getByRole('button', { name: '登录', exact: true }).count()).toBe(0);

      await second.getByRole('button', { name: '退出' }).click();
      await second.getByRole('button', { name: '登录', exact: true }).waitFor();
      // The first tab heard of it through the storage event: signed out too, no claim shown.
      await page.getByRole('button', { name: '登录', exact: true }).waitFor();
      expect(await page.getByRole('link', { name: number }).count()).toBe(0);
      expect(await stored(page)).toBeNull();
      await context.close();
    });

    it('when the session ends mid-typing, signs in again in a popup and sends what was typed', async () => {
      const number = await fileClaim('s3');
      const page = await open('/staff.html', 1366, 768);
      await signInFromDirectory(page, AGENT.name);
      await page.getByRole('link', { name: number }).click();
      await page.getByTestId('detail-status').waitFor();
      await page.getByRole('button', { name: '内部备注' }).click();
      const form = page.getByRole('form', { name: '内部备注' });
      const text = '客户下午三点后方便接电话，请勿上午致电。';
      await form.getByLabel(NOTE_LABEL).fill(text);

      // The refresh token is revoked (as an administrator would in Cognito): the next renewal fails.
      const session = await stored(page);
      const revoked = await fetch(`${stackOf().stack.apiUrl}${LOCAL_OAUTH.revokePath}`, {
        method: 'POST',
        body: new URLSearchParams({ token: session?.refreshToken ?? '', client_id: LOCAL_OAUTH.clientId }),
      });
      expect(revoked.status).toBe(200);
      const banner = page.getByTestId('session-expired');
      await banner.waitFor({ timeout: TOKEN_TTL_SECONDS * 1000 });
      expect(await banner.getByRole('heading').textContent()).toBe('登录已过期');
      expect(await form.getByLabel(NOTE_LABEL).inputValue()).toBe(text);

      // Once the token has really expired, the API refuses it: the submit waits for the new sign-in.
      const end = tokenExpiresAt(session?.idToken ?? '') ?? 0;
      await page.waitForTimeout(Math.max(0, end - Date.now() + 1000));
      await form.getByRole('button', { name: '内部备注' }).click();
      await page.waitForTimeout(500);
      expect(await page.locator('body').textContent()).not.toMatch(/HTTP 401|暂无索赔/);
      await page.screenshot({ path: join(SCREENSHOTS, 'session-expired.png') });

      const popupOpened = page.waitForEvent('popup');
      await banner.getByRole('button', { name: '重新登录' }).click();
      const popup = await popupOpened;
      await popup.waitForURL((url) => url.pathname === LOCAL_OAUTH.authorizePath);
      const closed = popup.waitForEvent('close');
      await popup.getByRole('button', { name: AGENT.name, exact: true }).click();
      await closed;

      // Back on the same page: the banner gone, the waiting note sent once with the new token.
      await banner.waitFor({ state: 'detached' });
      await page.getByText(`内部备注（客户不可见）：${text}`).waitFor();
      expect((await notes(number)).map((n) => n.note)).toEqual([text]);
      expect(await page.getByTestId('detail-status').count()).toBe(1);
    });

    it('on a 409 reloads the claim, says what changed, keeps the typed note, and sends it', async () => {
      const number = await fileClaim('s4');
      const page = await open('/staff.html?lang=en', 1366, 768);
      await signInFromDirectory(page, AGENT.name);
      await page.getByRole('link', { name: number }).click();
      await page.getByTestId('detail-status').waitFor();
      await page.getByRole('button', { name: 'Internal note' }).click();
      const form = page.getByRole('form', { name: 'Internal note' });
      const field = form.getByLabel('Internal note (colleagues only, never sent to the customer)');
      const text = 'The customer prefers calls after 3 pm.';
      await field.fill(text);
      await page.evaluate(MARK_FIELD);

      // Meanwhile someone else asks the customer for material: the claim's status and version move on.
      await callApi(
        stackOf().stack,
        'POST',
        `/staff/claims/${number}/request-material`,
        await managerToken(),
        {
          items: ['购买凭证照片'],
        },
      );
      await form.getByRole('button', { name: 'Internal note' }).click();
      const changed = page.getByTestId('claim-changed');
      await changed.waitFor();
      expect(await changed.textContent()).toBe(
        'Someone else updated this claim: status Received → Waiting for your material. Check it and submit again; what you typed is kept.',
      );
      expect(await page.getByTestId('detail-status').textContent()).toBe('Waiting for your material');
      // The same field, not a new one: the reload re-rendered the view around the open form.
      expect(await page.evaluate(SAME_FIELD)).toBe(true);
      expect(await field.inputValue()).toBe(text);
      await page.screenshot({ path: join(SCREENSHOTS, 'claim-changed.png') });

      await form.getByRole('button', { name: 'Internal note' }).click();
      await form.waitFor({ state: 'detached' });
      expect((await notes(number)).map((n) => n.note)).toEqual([text]);
      expect(await changed.count()).toBe(0);
    });

    it('keeps an open form as it was typed when late data re-renders the view', async () => {
      const number = await fileClaim('s5');
      const page = await open('/staff.html', 1366, 768);
      await signInFromDirectory(page, AGENT.name);
      // The claim's money arrives late (a slow connection): held until the form is open and typed in.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route(`**/staff/claims/${number}/payouts`, async (route) => {
        await held;
        await route.continue();
      });
      const late = page.waitForResponse((r) => r.url().endsWith(`/staff/claims/${number}/payouts`));
      await page.getByRole('link', { name: number }).click();
      await page.getByTestId('detail-status').waitFor();
      await page.getByRole('button', { name: '内部备注' }).click();
      const field = page.getByRole('form', { name: '内部备注' }).getByLabel(NOTE_LABEL);
      await field.pressSequentially('客户');
      await page.evaluate(MARK_FIELD);
      release();
      await late;
      // Typing goes on across the re-render, into the same field.
      await field.pressSequentially('已同意换货');
      expect(await page.evaluate(SAME_FIELD)).toBe(true);
      expect(await field.inputValue()).toBe('客户已同意换货');
    });

    it('raised no console errors', () => {
      // The refusals these tests bring about are the browser's own log lines, not the page's errors: the
      // revoked refresh token (400), the expired ID token (401) and the concurrent change (409).
      const expected = /status of (400|401|409) /;
      expect(errors.filter((e) => !expected.test(e))).toEqual([]);
    });
  },
);
