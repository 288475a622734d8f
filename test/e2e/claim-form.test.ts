import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  E2E_RETRIES,
  E2E_STEP_TIMEOUT_MS,
  SCREENSHOTS,
  expectAccessible,
  haveChromium,
  useBrowserStack,
} from './browser.js';

/** Developer English and codes that must never reach a customer on the Chinese form. */
const DEVELOPER_TEXT = [
  /Too small/i,
  /Too big/i,
  /expected/i,
  /Invalid/i,
  /ISO/,
  /undefined/,
  /\bnull\b/,
  /NaN/,
  /must not/i,
  /[a-z]+_[a-z]+/,
];

/**
 * The claim form as a customer completes it alone on a phone (390×844): every rule answered in the page's
 * language beside its field and above the button, focus on the first problem, and a late claim told plainly
 * that it is recorded but not accepted. Chromium against the local stack `npm start` runs.
 */
describe.skipIf(!haveChromium)(
  'the claim form at phone width, in Chinese and English',
  { timeout: E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    const { errors, open } = useBrowserStack('claims-form-e2e');
    const phone = (path: string): Promise<Page> => open(path, 390, 844);
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const visibleText = (page: Page) => page.locator('main').innerText();

    async function fillValid(page: Page, order: string) {
      await page.getByLabel('姓名 *', { exact: true }).fill('王芳');
      await page.getByLabel('手机号码').fill('138 0013 8000');
      await page.getByLabel('产品或服务名称 *').fill('电热水壶 K1');
      await page.getByLabel('订单号').fill(order);
      await page.getByLabel('发现问题的日期 *').fill(daysAgo(2));
      await page.getByLabel('问题描述 *').fill('壶底漏水，无法使用');
      await page.getByLabel('您希望的处理方式 *').selectOption('replacement');
    }

    it('an empty form: Chinese words beside each field and above the button, focus on the first', async () => {
      const page = await phone('/');
      await page.getByRole('button', { name: '提交' }).click();
      const nameError = page.locator('#f-name-error');
      await nameError.waitFor();
      expect(await nameError.textContent()).toBe('请填写姓名。');
      expect(await nameError.getAttribute('lang')).toBe('zh-CN');
      expect(await page.locator('#f-phone-error').textContent()).toBe(
        '请至少填写手机号码或电子邮箱中的一项，以便我们联系您。',
      );
      expect(await page.locator('#f-description-error').textContent()).toBe('请填写问题描述。');
      expect(await page.locator('#f-foundOn-error').textContent()).toBe('请选择发现问题的日期。');
      // Focus moved to the first problem, a screen above the button.
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('f-name');
      // The summary near the button repeats them, each a link to its field.
      const summary = page.locator('.error-summary');
      expect(await summary.getByRole('link', { name: '请填写姓名。' }).getAttribute('href')).toBe('#f-name');
      const text = await visibleText(page);
      for (const pattern of DEVELOPER_TEXT) expect(text).not.toMatch(pattern);
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'form-errors-phone.png'), fullPage: true });
    });

    it('a 10-digit phone, an amount of 19.999 and a date after today are refused in the browser', async () => {
      const page = await phone('/');
      await fillValid(page, `SO-FORM-${Date.now()}`);
      await page.getByLabel('手机号码').fill('1380013800');
      await page.getByLabel('索赔金额（元）').fill('19.999');
      const dateInput = page.getByLabel('发现问题的日期 *');
      expect(await dateInput.getAttribute('max')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await dateInput.fill(daysAgo(-3));
      await page.getByRole('button', { name: '提交' }).click();
      // The errors of blurred fields show as the customer goes; the submit adds the summary and moves focus.
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('#f-phone-error').textContent()).toBe(
        '请填写有效的手机号码（11 位，以 1 开头），或带国家代码的号码（如 +852 9123 4567）。',
      );
      expect(await page.locator('#f-amountYuan-error').textContent()).toBe(
        '索赔金额请填写以元为单位的数字，最多两位小数，例如 199 或 199.50。',
      );
      expect(await page.locator('#f-foundOn-error').textContent()).toBe('发现问题的日期不能晚于今天。');
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('f-phone');
      expect(await page.getByTestId('claim-number').count()).toBe(0);
    });

    it('a refused 11 MB file stays listed but does not hold the form: the claim is filed', async () => {
      const page = await phone('/');
      await fillValid(page, `SO-FORM-FILE-${Date.now()}`);
      await page.getByLabel('附件（照片、发票、检测报告等）').setInputFiles({
        name: '视频截图.png',
        mimeType: 'image/png',
        buffer: Buffer.alloc(11 * 1024 * 1024),
      });
      await page.getByText('文件超过 10 MB，无法上传。').waitFor();
      const button = page.getByRole('button', { name: '提交' });
      expect(await button.isEnabled()).toBe(true);
      await button.click();
      await page.getByTestId('claim-number').waitFor();
      expect(await page.getByTestId('next-deadline').textContent()).toContain('个工作日内答复');
    });

    it('a claim filed too late is recorded but not accepted, said in one language', async () => {
      const page = await phone('/');
      await fillValid(page, `SO-FORM-LATE-${Date.now()}`);
      await page.getByLabel('发现问题的日期 *').fill(daysAgo(60));
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByTestId('not-admitted').waitFor();
      expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe('您的索赔已记录，但无法受理');
      expect(await page.getByTestId('refusal-reason').textContent()).toMatch(
        /^问题发现于 \d{4}年\d{1,2}月\d{1,2}日，距提出索赔已 60 天，超过了 30 天的提出期限。$/,
      );
      const text = await page.getByTestId('not-admitted').innerText();
      expect(text).not.toContain('我们已收到');
      expect(text).not.toMatch(/[A-Za-z]{4,}/);
      await page.screenshot({ path: join(SCREENSHOTS, 'form-late-phone.png'), fullPage: true });
    });

    it('in English: the rules in English, and a late claim in English only', async () => {
      const page = await phone('/?lang=en');
      await page.getByRole('button', { name: 'Submit' }).click();
      await page.locator('#f-name-error').waitFor();
      expect(await page.locator('#f-name-error').textContent()).toBe('Please fill in your name.');
      expect(await page.locator('#f-name-error').getAttribute('lang')).toBe('en');
      await page.getByLabel('Name *', { exact: true }).fill('Ann Lee');
      await page.getByLabel('Email').fill('ann@example.com');
      await page.getByLabel(/^Product or service/).fill('Kettle K1');
      await page.getByLabel(/^Date you found the problem/).fill(daysAgo(45));
      await page.getByLabel(/^What happened/).fill('The kettle leaks.');
      await page.getByRole('button', { name: 'Submit' }).click();
      await page.getByTestId('not-admitted').waitFor();
      expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe(
        'Your claim is recorded, but we cannot accept it',
      );
      expect(await page.getByTestId('refusal-reason').textContent()).toMatch(
        /^The problem was found on \d{4}-\d{2}-\d{2}, 45 days before the claim was filed; claims must be filed within 30 days of finding the problem\.$/,
      );
      expect(await page.getByTestId('not-admitted').innerText()).not.toMatch(/[\u4e00-\u9fff]/);
    });

    it('raised no console errors', () => {
      expect(errors).toEqual([]);
    });
  },
);
