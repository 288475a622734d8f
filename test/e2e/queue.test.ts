import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLocalToken, loadLocalKeys } from '../../infra/local/local-auth.js';
import {
  E2E_RETRIES,
  E2E_STEP_TIMEOUT_MS,
  SCREENSHOTS,
  callApi,
  expectAccessible,
  haveChromium,
  openPage,
  signInFromDirectory,
  startBrowserStack,
  type BrowserStack,
} from './browser.js';

const CJK = /[\u3400-\u9fff]/;
/** Latin words of two letters or more, once claim numbers are taken out. */
const latinWords = (text: string) => text.replace(/CLM-\d{4}-\d{6}/g, '').match(/[A-Za-z]{2,}/g) ?? [];

/**
 * The work queue (issue 17) in headless Chromium at 1366×768: 52 claims, one page of 50 in at most three
 * API requests, sorted by next deadline unless another sort is chosen, with the total; the SLA state, unit,
 * assignee, age and amount on each row, one language at a time; the filters (category, customer responded,
 * awaiting my approval among them) done by the API and kept in the URL (Back restores them), and the
 * 30-second refresh notice.
 */
describe.skipIf(!haveChromium)(
  'work queue in headless Chromium',
  { timeout: E2E_STEP_TIMEOUT_MS * 2, retry: E2E_RETRIES },
  () => {
    let env: BrowserStack | undefined;
    let manager = '';
    const errors: string[] = [];
    const numbers: string[] = [];
    const tokens = new Map<string, string>();
    const stackOf = () => {
      if (!env) throw new Error('the stack did not start');
      return env;
    };
    const api = (method: string, path: string, body?: unknown) =>
      callApi(stackOf().stack, method, path, manager, body);
    const fileOne = async (i: number) => {
      const filed = (await callApi(stackOf().stack, 'POST', '/claims', undefined, {
        claimant: { name: `客户${i}`, phone: `1380013${String(i).padStart(4, '0')}` },
        product: { name: `电热水壶 K${i}`, orderNumber: `SO-Q${i}` },
        foundOn: '2026-11-20',
        description: '壶底漏水，无法使用',
        // One claim of another category, for the category filter.
        category: i === 1 ? 'packaging_damage' : 'product_quality',
        requestedRemedy: 'replacement',
        claimedAmountFen: 19_900 + i * 100,
      })) as { number: string; accessToken: string };
      tokens.set(filed.number, filed.accessToken);
      return filed.number;
    };

    beforeAll(async () => {
      env = await startBrowserStack('claims-e2e-queue');
      const keys = await loadLocalKeys(env.keysFile);
      manager = await issueLocalToken(keys, {
        role: ['manager'],
        unit: 'HQ',
        sub: 'local-manager-hq',
        approvalLimitFen: 3_000_000,
        ttlSeconds: 3600,
      });
      for (let i = 0; i < 52; i += 4) {
        numbers.push(...(await Promise.all([0, 1, 2, 3].map((k) => fileOne(i + k)))));
      }
      // Two claims go to the East region's queue, assigned to the region's agent; one of them waits for material.
      for (const n of numbers.slice(-2))
        await api('POST', `/staff/claims/${n}/assign`, { unitId: 'EAST', assigneeId: 'local-agent-east' });
      const waiting = numbers.at(-1) ?? '';
      await api('POST', `/staff/claims/${waiting}/request-material`, { items: ['发票'] });
      // …and the customer sends it: "customer responded" until someone opens the claim.
      await callApi(
        stackOf().stack,
        'POST',
        `/claims/${waiting}/material`,
        { claimToken: tokens.get(waiting) ?? '' },
        {
          message: '发票已上传',
        },
      );
      // The oldest claim's ¥80 plan, proposed by an HQ agent: it awaits the manager's approval.
      const agent = await issueLocalToken(keys, {
        role: ['agent'],
        unit: 'HQ',
        sub: 'local-agent-hq',
        approvalLimitFen: 10_000,
        ttlSeconds: 3600,
      });
      const ref = `/staff/claims/${numbers[0] ?? ''}`;
      const asAgent = (path: string, body: unknown) => callApi(stackOf().stack, 'POST', path, agent, body);
      await asAgent(`${ref}/material-complete`, {});
      await asAgent(`${ref}/start-investigation`, {});
      await asAgent(`${ref}/findings`, {
        summary: '壶底焊缝缺陷',
        rootCause: 'batch_defect',
        responsibility: 'company',
      });
      await asAgent(`${ref}/propose`, {
        type: 'compensation',
        items: [{ kind: 'direct_loss', description: '更换费', amountFen: 8_000 }],
        executingDepartment: 'finance',
        dueOn: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
      });
    }, 240_000);
    afterAll(async () => {
      await env?.stop();
    });

    /** Rows whose box lies inside the viewport (768 px high). */
    const visibleRows = async (page: Page) => {
      const rows = page.locator('[data-testid="queue"] tbody tr');
      let inside = 0;
      for (let i = 0; i < (await rows.count()); i++) {
        const box = await rows.nth(i).boundingBox();
        if (box && box.y >= 0 && box.y + box.height <= 768) inside++;
      }
      return inside;
    };
    /** The words the queue itself says (labels, options, headers, caption, state cells), not the data. */
    const queueWords = async (page: Page) => {
      const section = page.locator('section.queue');
      const own = await section
        .locator(
          'form label, #status-filter option, #unit-filter option, #sla-filter option, #category-filter option, #sort-filter option, thead, caption, button',
        )
        .allTextContents();
      // Status, SLA, level, unit, age: the columns in the console's words.
      const cells = await section
        .locator(
          'tbody td:nth-child(2), tbody td:nth-child(3), tbody td:nth-child(6), tbody td:nth-child(8), tbody td:nth-child(10)',
        )
        .allTextContents();
      return [...own, ...cells].join(' ');
    };
    /** The vertical middle of each filter control. */
    const middles = async (page: Page) => {
      const controls = page.locator('form.queue-filters > *');
      const out: number[] = [];
      for (let i = 0; i < (await controls.count()); i++) {
        const box = await controls.nth(i).boundingBox();
        if (box && box.height > 2) out.push(Math.round(box.y + box.height / 2));
      }
      return out;
    };

    it('shows 50 rows by next deadline in three API requests, in Chinese, filtered by the API and kept on Back', async () => {
      const requests: Request[] = [];
      const page = await openPage(
        stackOf().browser,
        stackOf().stack.apiUrl,
        '/staff.html',
        errors,
        1366,
        requests,
        768,
      );
      await page.clock.install();
      await signInFromDirectory(page, '张伟');
      const table = page.getByTestId('queue');
      const rowNumbers = () => table.locator('tbody tr td:first-child a').allTextContents();
      await expect.poll(() => table.locator('tbody tr').count()).toBe(50);
      // The total of matching rows, beside how many are shown.
      await page.getByTestId('queue-count').getByText('共 52 条，已显示 50 条').waitFor();
      const apiCalls = requests.filter((r) => new URL(r.url()).pathname.startsWith('/staff/'));
      expect(apiCalls.map((r) => new URL(r.url()).pathname).sort()).toEqual([
        '/staff/categories',
        '/staff/claims',
        '/staff/me',
      ]);
      expect(apiCalls.length).toBeLessThanOrEqual(3);
      // Next deadline first, as the API sorts it: due times never go backwards down the page, and the
      // claim whose clock is paused comes after every running one (off this first page).
      expect(await page.getByLabel('排序', { exact: true }).inputValue()).toBe('deadline');
      const sorted = (await api('GET', '/staff/claims?limit=50')) as {
        items: { number: string; sla?: { dueAt?: string } }[];
      };
      expect(await rowNumbers()).toEqual(sorted.items.map((i) => i.number));
      const due = sorted.items.map((i) => i.sla?.dueAt ?? '~');
      expect(due).toEqual([...due].sort());
      expect(await rowNumbers()).not.toContain(numbers.at(-1));
      await page.screenshot({ path: join(SCREENSHOTS, 'queue-zh.png') });
      expect(await visibleRows(page)).toBeGreaterThanOrEqual(15);
      // The filters on one line: every control's middle within a few pixels of the others'.
      const tops = await middles(page);
      expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(4);

      for (const header of [
        '编号',
        '状态',
        '时限',
        '客户',
        '产品',
        '等级',
        '索赔金额',
        '单位',
        '处理人',
        '受理',
      ])
        await table.getByRole('columnheader', { name: header, exact: true }).waitFor();
      // Newest first: the paused claim filed last is on top; the oldest is not on the page.
      await page.getByLabel('排序', { exact: true }).selectOption({ label: '最新受理' });
      expect(new URL(page.url()).searchParams.get('sort')).toBe('received');
      expect(new URL(page.url()).searchParams.get('order')).toBe('newest');
      const waiting = table.locator('tr', { hasText: numbers.at(-1) ?? '' });
      await waiting.getByText('暂停', { exact: true }).waitFor();
      await waiting.getByText('华东大区', { exact: true }).waitFor();
      await waiting.getByText('华东大区专员', { exact: true }).waitFor();
      await waiting.getByText(`¥${(19_900 + 51 * 100) / 100}.00`).waitFor();
      await waiting.getByText('今天', { exact: true }).waitFor();
      await table.locator('tr', { hasText: numbers[0] ?? '' }).waitFor({ state: 'detached' });
      await table.getByText('正常 ·').first().waitFor();
      expect(latinWords(await queueWords(page))).toEqual([]);
      // Category options in words, never codes.
      const categoryWords = await page.locator('#category-filter option').allTextContents();
      expect(categoryWords).toEqual(expect.arrayContaining(['全部', '产品质量', '包装破损']));
      await expectAccessible(page);
      await page.getByLabel('排序', { exact: true }).selectOption({ label: '最近截止' });
      await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBeNull();

      // Filters go to the API and into the URL, each with its total.
      requests.length = 0;
      await page.getByLabel('时限', { exact: true }).selectOption({ label: '暂停' });
      await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
      expect(new URL(page.url()).searchParams.get('sla')).toBe('paused');
      expect(requests.some((r) => new URL(r.url()).searchParams.get('sla') === 'paused')).toBe(true);
      await page.getByLabel('时限', { exact: true }).selectOption({ label: '全部' });
      await page.getByLabel('类别', { exact: true }).selectOption({ label: '包装破损' });
      await expect.poll(rowNumbers).toEqual([numbers[1]]);
      await page.getByTestId('queue-count').getByText('共 1 条').waitFor();
      expect(new URL(page.url()).searchParams.get('category')).toBe('packaging_damage');
      await page.getByLabel('类别', { exact: true }).selectOption({ label: '全部' });
      await page.getByLabel('客户已回复', { exact: true }).check();
      await expect.poll(rowNumbers).toEqual([numbers.at(-1)]);
      expect(new URL(page.url()).searchParams.get('responded')).toBe('true');
      await page.getByLabel('客户已回复', { exact: true }).uncheck();
      await page.getByLabel('待我审批', { exact: true }).check();
      await expect.poll(rowNumbers).toEqual([numbers[0]]);
      await table
        .locator('tr', { hasText: numbers[0] ?? '' })
        .getByText('方案审批中', { exact: true })
        .waitFor();
      expect(new URL(page.url()).searchParams.get('approval')).toBe('mine');
      await page.getByLabel('待我审批', { exact: true }).uncheck();
      await expect.poll(() => table.locator('tbody tr').count()).toBe(50);
      await page.getByLabel('单位', { exact: true }).selectOption({ label: '\u3000华东大区' });
      await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
      expect(new URL(page.url()).searchParams.get('unit')).toBe('EAST');

      // A modified click is the browser's: a new tab on the claim, this page stays on the queue.
      const link = table.getByRole('link', { name: numbers.at(-2) ?? '' });
      expect(await link.getAttribute('href')).toBe(`/staff.html?unit=EAST#${numbers.at(-2) ?? ''}`);
      const [tab] = await Promise.all([
        page.context().waitForEvent('page'),
        link.click({ modifiers: ['Control'] }),
      ]);
      await tab.close();
      expect(new URL(page.url()).hash).toBe('');
      // A plain click opens the claim here; Back returns to the filtered queue.
      await link.click();
      await page.getByRole('heading', { name: numbers.at(-2) ?? '' }).waitFor();
      expect(new URL(page.url()).hash).toBe(`#${numbers.at(-2) ?? ''}`);
      await page.goBack();
      await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
      expect(await page.getByLabel('单位', { exact: true }).inputValue()).toBe('EAST');
      // Reload keeps them too.
      await page.reload();
      await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
      expect(await page.getByLabel('单位', { exact: true }).inputValue()).toBe('EAST');

      // Refresh by itself: a change is announced, not shuffled in.
      await api('POST', `/staff/claims/${numbers.at(-2) ?? ''}/request-material`, { items: ['照片'] });
      await page.clock.fastForward('00:31');
      const notice = page.getByRole('button', { name: '有 1 条新的或更新的索赔，点击显示' });
      await notice.waitFor();
      expect(
        await table
          .locator('tr', { hasText: numbers.at(-2) ?? '' })
          .getByText('暂停')
          .count(),
      ).toBe(0);
      await notice.click();
      await table
        .locator('tr', { hasText: numbers.at(-2) ?? '' })
        .getByText('暂停', { exact: true })
        .waitFor();
      expect(errors).toEqual([]);
    });

    it('says the same in English after the switch, and nothing in Chinese but the data', async () => {
      const page = await openPage(
        stackOf().browser,
        stackOf().stack.apiUrl,
        '/staff.html?sla=paused',
        errors,
        1366,
        undefined,
        768,
      );
      await signInFromDirectory(page, '张伟');
      const table = page.getByTestId('queue');
      await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
      await page.getByRole('link', { name: 'English' }).click();
      await table.getByRole('columnheader', { name: 'Assignee', exact: true }).waitFor();
      expect(new URL(page.url()).searchParams.get('sla')).toBe('paused');
      await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
      for (const header of [
        'Number',
        'Status',
        'SLA',
        'Customer',
        'Product',
        'Level',
        'Claimed',
        'Unit',
        'Age',
      ])
        await table.getByRole('columnheader', { name: header, exact: true }).waitFor();
      await table.getByText('Paused', { exact: true }).first().waitFor();
      await table.getByText('East region', { exact: true }).first().waitFor();
      await page
        .getByLabel('Status', { exact: true })
        .locator('option', { hasText: 'All open' })
        .waitFor({ state: 'attached' });
      await page.getByTestId('queue-count').getByText('2 claims').waitFor();
      // The new controls in English words: the sort, the categories by name, the two switches.
      expect(await page.locator('#sort-filter option').allTextContents()).toEqual([
        'Next deadline',
        'Highest level',
        'Newest first',
        'Oldest first',
      ]);
      expect(await page.locator('#category-filter option').allTextContents()).toEqual(
        expect.arrayContaining(['All', 'Product quality', 'Damaged packaging']),
      );
      await page.getByLabel('Replied', { exact: true }).waitFor();
      await page.getByLabel('To approve', { exact: true }).waitFor();
      const words = await queueWords(page);
      expect(words.match(new RegExp(CJK.source, 'g')) ?? []).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'queue-en.png') });
      const tops = await middles(page);
      expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(4);
      expect(errors).toEqual([]);
    });
  },
);
