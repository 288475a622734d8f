import {
  E2E_RETRIES,
  E2E_STEP_TIMEOUT_MS,
  SCREENSHOTS,
  expectAccessible,
  haveChromium,
  openPage,
  signInAsStaff,
  startBrowserStack,
  type BrowserStack,
} from './browser.js';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalStack } from '../../infra/local/stack.js';
/**
 * A customer files a claim in the browser and follows it; a staff member finds it in the queue and moves it
 * forward. Debian's Chromium driven by playwright-core against the local stack `npm start` runs.
 */
describe.skipIf(!haveChromium)(
  'claim journey in headless Chromium',
  { timeout: E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    let env: BrowserStack | undefined;
    let stack: LocalStack;
    let browser: Browser;
    const errors: string[] = [];

    beforeAll(async () => {
      env = await startBrowserStack('claims-e2e');
      ({ stack, browser } = env);
    }, 120_000);

    afterAll(async () => {
      await env?.stop();
    });

    const open = (path: string, width?: number): Promise<Page> =>
      openPage(browser, stack.apiUrl, path, errors, width);

    let number = '';
    let trackingUrl = '';

    it('a customer files a claim in Chinese and gets the number, the deadline and the tracking link', async () => {
      const page = await open('/');
      await expectAccessible(page);
      await page.getByRole('button', { name: '提交' }).click();
      // Inline validation from the API's own schema: nothing is sent while required fields are empty.
      expect(await page.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
      await page.getByLabel('姓名 *', { exact: true }).fill('王芳');
      await page.getByLabel('手机号码').fill('138 0013 8000');
      await page.getByLabel('产品或服务名称 *').fill('电热水壶 K1');
      // An order number of this attempt's own, so a retried attempt's claim is not counted with it.
      const order = `SO-E2E-${Date.now()}`;
      await page.getByLabel('订单号').fill(order);
      await page
        .getByLabel('发现问题的日期 *')
        .fill(new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10));
      await page.getByLabel('问题描述 *').fill('壶底漏水，无法使用');
      await page.getByLabel('您希望的处理方式 *').selectOption('replacement');
      await page.getByLabel('索赔金额（元）').fill('199.00');
      await page.getByRole('button', { name: '提交' }).dblclick();
      await page.getByTestId('claim-number').waitFor();
      number = (await page.getByTestId('claim-number').textContent()) ?? '';
      expect(number).toMatch(/^CLM-\d{4}-\d{6}$/);
      expect(await page.getByTestId('next-deadline').textContent()).toContain('3 个工作日内答复');
      trackingUrl = (await page.getByTestId('tracking-link').getAttribute('href')) ?? '';
      expect(trackingUrl).toContain(`number=${number}`);
      await page.screenshot({ path: join(SCREENSHOTS, 'form-confirmation.png'), fullPage: true });
      // The double click filed one claim.
      const token = new URL(trackingUrl).searchParams.get('token') ?? '';
      const staff = await (
        await fetch(`${stack.apiUrl}/local/token`, {
          method: 'POST',
          body: JSON.stringify({ role: 'manager', unit: 'HQ' }),
        })
      ).json();
      const search = await fetch(`${stack.apiUrl}/staff/search?order=${order}`, {
        headers: { authorization: `Bearer ${z.object({ token: z.string() }).parse(staff).token}` },
      });
      expect(z.object({ items: z.array(z.unknown()) }).parse(await search.json()).items).toHaveLength(1);
      expect(token.length).toBeGreaterThan(20);
    });

    it('the tracking page shows the claim and takes more material', async () => {
      const page = await open(new URL(trackingUrl).pathname + new URL(trackingUrl).search);
      await page.getByTestId('status').waitFor();
      expect(await page.getByTestId('status').textContent()).toBe('已受理');
      await page.getByLabel('说明').fill('补充：购买发票照片');
      await page.getByRole('button', { name: '发送' }).click();
      await page.getByRole('status').waitFor();
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'tracking.png'), fullPage: true });
    });

    it('the form works in English and at phone width', async () => {
      const page = await open('/?lang=en', 375);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('File a claim or complaint');
      expect(await page.getByLabel('Name *', { exact: true }).isVisible()).toBe(true);
      const overflow = await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'form-en-phone.png'), fullPage: true });
    });

    it('a manager finds the claim in the HQ queue and asks the customer for material', async () => {
      const page = await open('/staff.html');
      await signInAsStaff(page, { role: 'manager' });
      await page.getByRole('link', { name: number }).waitFor();
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'staff-queue.png'), fullPage: true });
      await page.getByRole('link', { name: number }).click();
      await page.getByTestId('detail-status').waitFor();
      expect(await page.getByTestId('detail-status').textContent()).toBe('已受理');
      // Buttons follow role and state: from `received` a manager may assign or ask for material, not investigate.
      const actions = page.getByRole('group', { name: 'Actions' });
      expect(await actions.getByRole('button', { name: 'Assign' }).count()).toBe(1);
      expect(await actions.getByRole('button', { name: 'Start investigation' }).count()).toBe(0);
      await actions.getByRole('button', { name: 'Request material' }).click();
      await page
        .getByLabel('Material needed, one per line 需补充材料（每行一项）')
        .fill('发票照片\n漏水部位照片');
      await page.locator('form[aria-label="request_material"] button[type="submit"]').click();
      await page.getByText('待补充材料').first().waitFor();
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'staff-detail.png'), fullPage: true });
    });

    it('shows finance no triage buttons, and the API refuses them anyway', async () => {
      const page = await open('/staff.html');
      await page.evaluate('sessionStorage.clear()');
      await page.reload();
      await signInAsStaff(page, { role: 'finance' });
      await page.getByRole('link', { name: number }).click();
      await page.getByTestId('detail-status').waitFor();
      expect(await page.getByRole('group', { name: 'Actions' }).getByRole('button').count()).toBe(0);
      const finance = z.object({ token: z.string() }).parse(
        await (
          await fetch(`${stack.apiUrl}/local/token`, {
            method: 'POST',
            body: JSON.stringify({ role: 'finance', unit: 'HQ' }),
          })
        ).json(),
      );
      const refused = await fetch(`${stack.apiUrl}/staff/claims/${number}/assign`, {
        method: 'POST',
        headers: { authorization: `Bearer ${finance.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ assigneeId: 'x' }),
      });
      expect(refused.status).toBe(403);
    });

    it('raised no console errors on any page', () => {
      expect(errors).toEqual([]);
    });
  },
);
