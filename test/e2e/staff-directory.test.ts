import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  E2E_RETRIES,
  E2E_STEP_TIMEOUT_MS,
  SCREENSHOTS,
  expectAccessible,
  haveChromium,
  openPage,
  signInFromDirectory,
  startBrowserStack,
  type BrowserStack,
} from './browser.js';

/**
 * The staff directory page (issue 15) in headless Chromium at 1366×768: the example directory `npm start`
 * seeds, an administrator picked on the local sign-in page, search, add, edit, deactivate, and refusals in
 * words, in Chinese (the default) and in English.
 */
describe.skipIf(!haveChromium)(
  'staff directory page in headless Chromium',
  { timeout: E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    let env: BrowserStack | undefined;
    const errors: string[] = [];
    const stackOf = () => {
      if (!env) throw new Error('the stack did not start');
      return env;
    };
    const open = (path: string): Promise<Page> =>
      openPage(stackOf().browser, stackOf().stack.apiUrl, path, errors, 1366, undefined, 768);

    beforeAll(async () => {
      env = await startBrowserStack('claims-e2e-staff');
    }, 120_000);
    afterAll(async () => {
      await env?.stop();
    });

    it('lists the seeded directory in Chinese, searches it, and adds, edits and deactivates a person', async () => {
      const page = await open('/staff.html');
      await signInFromDirectory(page, '赵磊');
      await page.getByRole('button', { name: '员工目录' }).click();
      const table = page.getByTestId('staff-directory');
      await table.getByText('张伟').waitFor();
      for (const header of ['姓名', '电子邮箱', '单位', '角色', '审批限额（元）', '状态', '操作'])
        await table.getByRole('columnheader', { name: header, exact: true }).waitFor();
      expect(await page.getByTestId('staff-local-legal-hq').textContent()).toContain('法务');
      expect(await page.getByTestId('staff-local-executive-hq').textContent()).toContain('¥1,000,000.00');

      await page.getByLabel('搜索（姓名、邮箱或编号）', { exact: true }).fill('上海');
      await page.getByRole('button', { name: '查找' }).click();
      await table.getByText('张伟').waitFor({ state: 'detached' });
      expect(await table.locator('tbody tr').count()).toBe(2);
      await page.getByLabel('搜索（姓名、邮箱或编号）', { exact: true }).fill('');
      await page.getByRole('button', { name: '查找' }).click();
      await table.getByText('张伟').waitFor();

      // An unknown unit is refused in words; nothing is added.
      await page.getByRole('button', { name: '添加员工' }).click();
      const form = page.getByRole('form', { name: '添加员工' });
      await form.getByLabel('姓名', { exact: true }).fill('孙丽');
      await form.getByLabel('电子邮箱', { exact: true }).fill('sun.li@staff.claims.localhost');
      await form.getByLabel('单位', { exact: true }).fill('MARS');
      await form.getByRole('button', { name: '保存' }).click();
      await page.getByRole('alert').getByText('没有这个组织单位：MARS').waitFor();
      await form.getByLabel('单位', { exact: true }).fill('EAST-SH01');
      await form.getByLabel('审批限额（元）', { exact: true }).fill('500');
      await form.getByRole('button', { name: '保存' }).click();
      await page.getByRole('status').getByText('已保存：孙丽').waitFor();
      const row = table.locator('tr', { hasText: '孙丽' });
      await row.getByText('¥500.00').waitFor();
      await row.getByText('在职', { exact: true }).waitFor();

      // On leave, with the store's manager as deputy.
      await page.getByRole('button', { name: '编辑 孙丽' }).click();
      const edit = page.getByRole('form', { name: '编辑：孙丽' });
      await edit.getByLabel('休假中', { exact: true }).check();
      await edit.getByLabel('代理人', { exact: true }).selectOption({ label: '上海一店经理 · EAST-SH01' });
      await edit.getByRole('button', { name: '保存' }).click();
      await row.getByText('休假中（代理人：上海一店经理）').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'staff-directory-zh.png') });
      await expectAccessible(page);

      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: '停用 孙丽' }).click();
      await page.getByRole('status').getByText('已停用：孙丽').waitFor();
      await row.waitFor({ state: 'detached' });
      await page.getByLabel('显示已停用', { exact: true }).check();
      await page.getByRole('button', { name: '查找' }).click();
      await table.locator('tr', { hasText: '孙丽' }).getByText('已停用', { exact: true }).waitFor();
    });

    it('speaks English with ?lang=en, and shows the section to administrators only', async () => {
      const page = await open('/staff.html?lang=en');
      await signInFromDirectory(page, '赵磊');
      await page.getByRole('button', { name: 'Staff directory' }).click();
      const table = page.getByTestId('staff-directory');
      for (const header of ['Name', 'Email', 'Unit', 'Roles', 'Approval limit (CNY)', 'Status', 'Actions'])
        await table.getByRole('columnheader', { name: header, exact: true }).waitFor();
      await page.getByTestId('staff-local-finance-hq').getByText('Finance', { exact: true }).waitFor();
      await page.getByTestId('staff-local-legal-hq').getByText('By role', { exact: true }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'staff-directory-en.png') });

      const manager = await open('/staff.html');
      await signInFromDirectory(manager, '张伟');
      await manager.getByRole('button', { name: '工作队列', exact: true }).waitFor();
      expect(await manager.getByRole('button', { name: '员工目录' }).count()).toBe(0);
    });

    it('raised no console errors on any page, besides the refusal provoked on purpose', () => {
      const provoked = errors.filter((e) =>
        e.endsWith('the server responded with a status of 400 (Bad Request)'),
      );
      expect(provoked).toHaveLength(1);
      expect(errors.filter((e) => !provoked.includes(e))).toEqual([]);
    });
  },
);
