import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalStack } from '../../infra/local/stack.js';
import { formBody } from '../support/http.js';
import {
  E2E_RETRIES,
  E2E_STEP_TIMEOUT_MS,
  callApi,
  expectAccessible,
  haveChromium,
  openPage,
  signInAsStaff,
  startBrowserStack,
  type BrowserStack,
} from './browser.js';

/**
 * "Find my claim" on a phone (390×844): from the claim form to the form, the code by SMS (the local
 * outbox folder), and the fresh link opening the claim, in Chinese words.
 */
describe.skipIf(!haveChromium)(
  'find my claim in headless Chromium at phone width',
  { timeout: E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    let env: BrowserStack | undefined;
    let stack: LocalStack;
    let browser: Browser;
    const errors: string[] = [];

    beforeAll(async () => {
      env = await startBrowserStack('claims-e2e-find');
      ({ stack, browser } = env);
    }, 120_000);

    afterAll(async () => {
      await env?.stop();
    });

    const open = (path: string): Promise<Page> =>
      openPage(browser, stack.apiUrl, path, errors, 390, undefined, 844);

    /** The code in the SMS the local stack wrote for this claim (the notify consumer runs in the stack). */
    async function codeTextedFor(number: string): Promise<string> {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        for (const name of await readdir(stack.mail.outboxDir).catch(() => [])) {
          if (!name.endsWith('.sms.txt')) continue;
          const text = await readFile(join(stack.mail.outboxDir, name), 'utf8');
          const code = new RegExp(`验证码 (\\d{6})，用于找回索赔 ${number}`).exec(text)?.[1];
          if (code !== undefined) return code;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`no code was texted for ${number}`);
    }

    /** The tracking link of the staff-resent SMS for this claim, as a path. */
    async function textedLinkFor(number: string): Promise<string> {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        for (const name of await readdir(stack.mail.outboxDir).catch(() => [])) {
          if (!name.endsWith('.sms.txt')) continue;
          const text = await readFile(join(stack.mail.outboxDir, name), 'utf8');
          const url = new RegExp(`投诉 ${number} 的新查询链接。详情：(\\S+)`).exec(text)?.[1];
          if (url !== undefined) {
            const parsed = new URL(url);
            return `${parsed.pathname}${parsed.search}${parsed.hash}`;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`no link was texted for ${number}`);
    }

    it('finds a claim by number and phone, and the new link opens it', async () => {
      const filed = z
        .object({ number: z.string() })
        .parse(
          await callApi(
            stack,
            'POST',
            '/claims',
            undefined,
            formBody({ foundOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) }),
          ),
        );

      // Reachable from the claim form.
      const page = await open('/');
      await page.getByText('找不到查询链接？').waitFor();
      await page.getByRole('link', { name: '找回我的索赔' }).click();
      await page.getByRole('heading', { name: '找回我的索赔', level: 2 }).waitFor();
      expect(await page.locator('main').innerText()).toContain(
        '请输入索赔编号，以及提交索赔时留下的手机号码或电子邮箱。',
      );
      // One language at a time: no English words on the Chinese page.
      expect(await page.locator('main').innerText()).not.toMatch(/Find my claim|Send me a code/);
      // Nothing wider than the phone.
      expect(
        await page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        ),
      ).toBe(0);
      await expectAccessible(page);

      await page.getByLabel('索赔编号').fill(filed.number);
      await page.getByLabel('手机号码或电子邮箱').fill('138 0013 8000');
      await page.getByRole('button', { name: '发送验证码' }).click();
      await page.getByText('如果索赔编号和联系方式与我们的记录一致，验证码已发送，15 分钟内有效。').waitFor();

      // A wrong code first: the refusal in words.
      await page.getByLabel('6 位验证码').fill('000000');
      const code = await codeTextedFor(filed.number);
      if (code !== '000000') {
        await page.getByRole('button', { name: '查看我的索赔' }).click();
        await page.getByText('验证码不正确或已失效。请核对索赔编号和验证码，或重新获取验证码。').waitFor();
      }
      await page.getByLabel('6 位验证码').fill(code);
      await page.getByRole('button', { name: '查看我的索赔' }).click();
      await page.getByText('这是您索赔的新查询链接，请保存好：').waitFor();
      const link = await page.getByTestId('found-link').getAttribute('href');
      expect(link).toMatch(new RegExp(`^/track\\.html\\?number=${filed.number}#t=[A-Za-z0-9_-]{43}$`));

      await page.getByRole('link', { name: '打开我的索赔' }).click();
      await page.getByTestId('status').waitFor();
      expect(await page.locator('main').innerText()).toContain(filed.number);
      expect(await page.getByTestId('status').innerText()).toBe('已受理');
      await page.close();
    });

    it('staff resend the tracking link from the console; the texted link opens the claim', async () => {
      const filed = z
        .object({ number: z.string() })
        .parse(
          await callApi(
            stack,
            'POST',
            '/claims',
            undefined,
            formBody({ foundOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) }),
          ),
        );
      const page = await openPage(browser, stack.apiUrl, '/staff.html?lang=en', errors);
      await signInAsStaff(page, { role: 'agent' });
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.goto(`${stack.apiUrl}/staff.html#${filed.number}`);
      await page.reload();
      await page.getByTestId('detail-status').waitFor();
      await page.getByRole('button', { name: '重新发送查询链接' }).click();
      await page.getByText('已通过邮件和短信向客户发送新的查询链接。').waitFor();
      await page.getByTestId('timeline').getByText('已发出查询链接').first().waitFor();

      const link = await textedLinkFor(filed.number);
      await page.goto(`${stack.apiUrl}${link}`);
      await page.getByTestId('status').waitFor();
      expect(await page.getByTestId('status').innerText()).toBe('已受理');
      await page.close();
    });

    it('is in English with ?lang=en, reachable from the tracking page when a link is broken', async () => {
      const page = await open('/track.html?number=CLM-2026-999999&lang=en#t=broken-token-0123456789abcdef');
      await page.getByRole('heading', { name: 'Find my claim', level: 2 }).waitFor();
      // The page's own words (the header's language switch names the other language, 中文, on purpose).
      const words = await page.getByTestId('find-claim').innerText();
      expect(await page.locator('main').innerText()).toContain('We could not find this claim.');
      expect(words).toContain(
        'Enter your claim number and the phone number or email address you gave with the claim.',
      );
      expect(words).not.toMatch(/[\u4e00-\u9fff]/);
      // The broken link's 404 and the wrong code's 400 are provoked on purpose; nothing else may fail.
      expect(errors.filter((e) => !/status of (400|404)/.test(e))).toEqual([]);
      await page.close();
    });
  },
);
