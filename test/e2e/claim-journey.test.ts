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
import { type Browser, type Page, type Request } from 'playwright-core';
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

    /** A staff token from the local stack's issuer, as the console's sign-in gets one. */
    async function localToken(role: string): Promise<string> {
      const response = await fetch(`${stack.apiUrl}/local/token`, {
        method: 'POST',
        body: JSON.stringify({ role, unit: 'HQ' }),
      });
      return z.object({ token: z.string() }).parse(await response.json()).token;
    }

    let number = '';
    let trackingUrl = '';
    let token = '';
    /** The tracking link as the page would open it: path, query and the fragment with the token. */
    const trackingLink = () => {
      const url = new URL(trackingUrl);
      return `${url.pathname}${url.search}${url.hash}`;
    };
    /**
     * What left the browser: no request's URL (what CloudFront and API Gateway log) holds the token, and
     * each call to the claim's API routes carried it in the X-Claim-Token header instead.
     */
    const expectTokenOnlyInHeaders = (requests: readonly Request[], from = 0) => {
      const sent = requests.slice(from);
      expect(sent.map((r) => r.url()).filter((url) => url.includes(token) || url.includes('token='))).toEqual(
        [],
      );
      const claimCalls = sent.filter((r) => new URL(r.url()).pathname.startsWith(`/claims/${number}`));
      expect(claimCalls.length).toBeGreaterThan(0);
      for (const call of claimCalls) expect(call.headers()['x-claim-token']).toBe(token);
    };
    /** 403s the tests provoke on purpose to see the page show them; Chromium logs each as a console error. */
    let refusalsProvoked = 0;

    /** A small PNG, as a phone's photo would arrive. */
    const photo = {
      name: '壶底漏水.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    };

    it('a customer files a claim in Chinese with a photo and gets the number, the deadline and the tracking link', async () => {
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
      // A file of a type not accepted is refused in the page, before anything is asked of the API.
      const picker = page.getByLabel('附件（照片、发票、检测报告等）');
      await picker.setInputFiles({
        name: 'setup.exe',
        mimeType: 'application/x-msdownload',
        buffer: Buffer.from('MZ'),
      });
      await page.getByText('不支持此格式').waitFor();
      await page.getByRole('button', { name: '移除 setup.exe' }).click();
      // So is a file over the 10 MB limit.
      await picker.setInputFiles({
        name: '视频截图.png',
        mimeType: 'image/png',
        buffer: Buffer.alloc(10 * 1024 * 1024 + 1),
      });
      await page.getByText('文件超过 10 MB，无法上传。').waitFor();
      await page.getByRole('button', { name: '移除 视频截图.png' }).click();
      await picker.setInputFiles(photo);
      await page.getByTestId('picked-files').getByText('已上传').waitFor();
      expect(await page.getByTestId('picked-files').textContent()).toContain('壶底漏水.png (1 KB)');
      await page.getByLabel(/^我已阅读并同意/).check();
      await page.getByRole('button', { name: '提交' }).dblclick();
      await page.getByTestId('claim-number').waitFor();
      number = (await page.getByTestId('claim-number').textContent()) ?? '';
      expect(number).toMatch(/^CLM-\d{4}-\d{6}$/);
      expect(await page.getByTestId('next-deadline').textContent()).toContain('3 个工作日内答复');
      trackingUrl = (await page.getByTestId('tracking-link').getAttribute('href')) ?? '';
      expect(trackingUrl).toContain(`number=${number}`);
      await page.screenshot({ path: join(SCREENSHOTS, 'form-confirmation.png'), fullPage: true });
      // The token rides in the link's fragment, which the browser never sends.
      expect(new URL(trackingUrl).search).toBe(`?number=${number}`);
      token = new URLSearchParams(new URL(trackingUrl).hash.slice(1)).get('t') ?? '';
      // The double click filed one claim.
      const search = await fetch(`${stack.apiUrl}/staff/search?order=${order}`, {
        headers: { authorization: `Bearer ${await localToken('manager')}` },
      });
      expect(z.object({ items: z.array(z.unknown()) }).parse(await search.json()).items).toHaveLength(1);
      expect(token.length).toBeGreaterThan(20);
    });

    it('the tracking page shows the claim with its attachment and takes more material', async () => {
      const requests: Request[] = [];
      const page = await openPage(browser, stack.apiUrl, trackingLink(), errors, 1200, requests);
      await page.getByTestId('status').waitFor();
      expect(await page.getByTestId('status').textContent()).toBe('已受理');
      expect(await page.getByTestId('evidence').textContent()).toContain('壶底漏水.png');
      await page.getByLabel('说明').fill('补充：购买发票照片');
      await page.getByRole('button', { name: '发送' }).click();
      await page.getByRole('status').waitFor();
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'tracking.png'), fullPage: true });
      expectTokenOnlyInHeaders(requests);
      // The other language keeps the fragment, and with it the token.
      await page.getByRole('link', { name: 'English' }).click();
      await page.waitForURL((url) => url.searchParams.get('lang') === 'en');
      await page.getByTestId('status').waitFor();
      expect(await page.getByTestId('status').textContent()).toBe('Received');
      expect(new URL(page.url()).hash).toBe(new URL(trackingUrl).hash);
    });

    it('a link mailed with ?token= still opens; the token moves to the fragment and out of every request', async () => {
      const requests: Request[] = [];
      const page = await openPage(
        browser,
        stack.apiUrl,
        `/track.html?number=${number}&token=${encodeURIComponent(token)}#survey`,
        errors,
        1200,
        requests,
      );
      await page.getByTestId('status').waitFor();
      expect(await page.getByTestId('status').textContent()).toBe('已受理');
      const shown = new URL(page.url());
      expect(shown.search).toBe(`?number=${number}`);
      expect(new URLSearchParams(shown.hash.slice(1)).get('t')).toBe(token);
      expect(new URLSearchParams(shown.hash.slice(1)).get('section')).toBe('survey');
      // The old link's own request carried it (it was mailed so); nothing after it does.
      expect(requests[0]?.url()).toContain('token=');
      expectTokenOnlyInHeaders(requests, 1);
      // A reload reads the token from the fragment.
      await page.reload();
      await page.getByTestId('status').waitFor();
      expect(await page.getByTestId('status').textContent()).toBe('已受理');
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
      const actions = page.getByRole('group', { name: '操作' });
      expect(await actions.getByRole('button', { name: '分派', exact: true }).count()).toBe(1);
      expect(await actions.getByRole('button', { name: '开始调查', exact: true }).count()).toBe(0);
      await actions.getByRole('button', { name: '要求补充材料' }).click();
      await page.getByLabel('需补充材料（每行一项）').fill('发票照片\n漏水部位照片');
      await page.locator('form[data-action="request_material"] button[type="submit"]').click();
      await page.getByText('待补充材料').first().waitFor();
      // The photo is in the claim's evidence, and its link downloads it under its own name.
      const evidence = page.getByTestId('staff-evidence');
      expect(await evidence.textContent()).toContain('壶底漏水.png');
      // Images show as thumbnails, read into the page (a blob, as the CSP allows).
      const thumbnail = evidence.getByRole('img', { name: '壶底漏水.png' });
      await thumbnail.waitFor();
      expect(await thumbnail.getAttribute('src')).toMatch(/^blob:/);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        evidence.getByRole('button', { name: '下载 壶底漏水.png' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('壶底漏水.png');
      expect(await download.failure()).toBeNull();
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'staff-detail.png'), fullPage: true });
    });

    it('the claim view reads in Chinese only at 1366×768: words, no codes, no English', async () => {
      const page = await open('/staff.html', 1366);
      await page.setViewportSize({ width: 1366, height: 768 });
      await signInAsStaff(page, { role: 'manager' });
      await page.getByRole('link', { name: number }).click();
      await page.getByTestId('detail-status').waitFor();
      await page.getByTestId('timeline').getByText('要求补充材料').first().waitFor();
      expect(await page.getByTestId('detail-status').textContent()).toBe('待补充材料');
      expect(await page.getByTestId('detail-severity').textContent()).toMatch(
        /严重等级：三级（未触发一级或二级标准）\s*·\s*紧急程度：普通/,
      );
      expect(await page.getByTestId('detail-assignee').textContent()).toBe('处理人：未分派');
      const timeline = (await page.getByTestId('timeline').textContent()) ?? '';
      expect(timeline).toContain('收到索赔');
      expect(timeline).toMatch(/已通知客户（(邮件|短信)）|未能通知：没有联系方式/);
      expect(timeline).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
      // Every form of the view in one language: open each offered action and read its words.
      const actions = page.getByRole('group', { name: '操作' });
      // The buttons that open a form (the one-click ones save at once and are read as they are).
      for (const name of await actions.locator('button[aria-pressed]').allTextContents()) {
        await actions.getByRole('button', { name: name.trim(), exact: true }).click();
        // The form it opens (the reply box is always there, below the actions).
        await page.locator('form[data-action]:not([data-action="reply_to_customer"])').waitFor();
        await expectNoCodesOrEnglish(page);
        await actions.getByRole('button', { name: name.trim(), exact: true }).click();
      }
      await actions.getByRole('button', { name: '分派', exact: true }).click();
      expect(await page.locator('form[data-action="assign"] label').allTextContents()).toEqual([
        '处理人',
        '单位',
      ]);
      expect(await page.locator('form[data-action="assign"] button[type="submit"]').textContent()).toBe(
        '分派',
      );
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'console-claim-zh.png'), fullPage: false });
      await page.screenshot({ path: join(SCREENSHOTS, 'console-claim-zh-full.png'), fullPage: true });
      await expectNoCodesOrEnglish(page);
    });

    it('the queue filters by unit, status, SLA state and assignee, searches by phone, and says why it refuses a unit', async () => {
      const page = await open('/staff.html');
      await signInAsStaff(page, { role: 'manager' });
      const row = page.getByRole('link', { name: number });
      await row.waitFor();
      const empty = page.getByText('暂无索赔。', { exact: true });
      const unit = page.getByLabel('单位', { exact: true });
      // The claim sits at HQ, so the EAST region's queue (EAST and below) does not list it.
      await unit.selectOption({ label: '\u3000华东大区' });
      await empty.waitFor();
      await unit.selectOption({ label: '总部' });
      await page.getByLabel('状态', { exact: true }).selectOption('needs_material');
      await row.waitFor();
      // Its reply clock is paused, not breached: the breached filter (done by the API) hides it.
      await page.getByTestId(`sla-${number}`).getByText('暂停').waitFor();
      const sla = page.getByLabel('时限', { exact: true });
      await sla.selectOption('breached');
      await row.waitFor({ state: 'detached' });
      await sla.selectOption('');
      await row.waitFor();
      // "Me" reads the assignee index: empty until the claim is assigned to this manager.
      const assignee = page.getByLabel('处理人', { exact: true });
      await assignee.selectOption('me');
      await empty.waitFor();
      const manager = await localToken('manager');
      const auth = { authorization: `Bearer ${manager}`, 'content-type': 'application/json' };
      const me = z
        .object({ id: z.string() })
        .parse(await (await fetch(`${stack.apiUrl}/staff/me`, { headers: auth })).json());
      const assigned = await fetch(`${stack.apiUrl}/staff/claims/${number}/assign`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ assigneeId: me.id }),
      });
      expect(assigned.status).toBe(200);
      await assignee.selectOption('');
      await assignee.selectOption('me');
      await row.waitFor();
      await assignee.selectOption('');
      // Search by the customer's phone, whatever the filters.
      await page.getByLabel('搜索', { exact: true }).fill('13800138000');
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await row.waitFor();
      await empty.waitFor({ state: 'detached' });
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'staff-queue-filters.png'), fullPage: true });

      // A store manager's unit picker holds only the store; HQ's queue asked for in the URL is refused in words.
      const store = await open('/staff.html?unit=HQ');
      await signInAsStaff(store, { role: 'manager', unit: 'EAST-SH01' });
      refusalsProvoked++;
      await store.getByRole('alert').waitFor();
      expect(await store.getByRole('alert').textContent()).toBe('无法加载工作队列：您无权查看该单位的索赔。');
      expect(await store.getByLabel('单位', { exact: true }).locator('option').allTextContents()).toEqual([
        '上海一店',
      ]);
    });

    it('the customer answers the request for material with an invoice file', async () => {
      const requests: Request[] = [];
      const page = await openPage(browser, stack.apiUrl, trackingLink(), errors, 1200, requests);
      await page.getByTestId('status').waitFor();
      expect(await page.getByTestId('status').textContent()).toBe('待补充材料');
      await page.getByLabel('说明').fill('发票照片见附件');
      await page.getByLabel('附件（照片、发票、检测报告等）').setInputFiles({
        name: '发票.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 invoice'),
      });
      await page.getByTestId('picked-files').getByText('已上传').waitFor();
      await page.getByRole('button', { name: '发送' }).click();
      await page.getByText('已收到您补充的材料。').waitFor();
      await page.getByTestId('evidence').getByText('发票.pdf').waitFor();
      expect(await page.getByTestId('evidence').textContent()).toContain('壶底漏水.png');
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'tracking-material-upload.png'), fullPage: true });
      // The upload's signing request and the material went with the header, not the token in a URL.
      expectTokenOnlyInHeaders(requests);
      const posted = requests.filter((r) => r.method() === 'POST').map((r) => new URL(r.url()).pathname);
      expect(posted).toEqual(
        expect.arrayContaining([`/claims/${number}/uploads`, `/claims/${number}/material`]),
      );
    });

    it('shows finance no triage buttons (a note only), and the API refuses them anyway', async () => {
      const page = await open('/staff.html');
      await page.evaluate('localStorage.clear()');
      await page.reload();
      await signInAsStaff(page, { role: 'finance' });
      await page.getByRole('link', { name: number }).click();
      await page.getByTestId('detail-status').waitFor();
      // Only the internal note: finance may write to colleagues, never triage or reply to the customer.
      expect(await page.getByRole('group', { name: '操作' }).getByRole('button').allTextContents()).toEqual([
        '内部备注',
      ]);
      const finance = await localToken('finance');
      const refused = await fetch(`${stack.apiUrl}/staff/claims/${number}/assign`, {
        method: 'POST',
        headers: { authorization: `Bearer ${finance}`, 'content-type': 'application/json' },
        body: JSON.stringify({ assigneeId: 'x' }),
      });
      expect(refused.status).toBe(403);
    });

    it('raised no console errors on any page, besides the refusals provoked on purpose', () => {
      const provoked = errors.filter((e) =>
        e.endsWith('the server responded with a status of 403 (Forbidden)'),
      );
      expect(provoked).toHaveLength(refusalsProvoked);
      expect(errors.filter((e) => !provoked.includes(e))).toEqual([]);
    });
  },
);

/**
 * No visible text on the claim view is an enum code (snake_case) or a run of 4+ English letters, once the
 * values this test put there are taken out: e-mail addresses, the local sign-in's staff ids
 * (`local-manager-hq`), file names' extensions.
 */
async function expectNoCodesOrEnglish(page: Page): Promise<void> {
  const visible = await page.getByTestId('claim-view').innerText();
  const text = visible
    .replace(/\S+@\S+/g, '')
    .replace(/local-[a-z0-9-]+/g, '')
    .replace(/\.(png|jpg|pdf)\b/g, '');
  expect(text.match(/[a-z]+_[a-z_]+/g) ?? []).toEqual([]);
  expect(text.match(/[A-Za-z]{4,}/g) ?? []).toEqual([]);
}
