import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  E2E_RETRIES,
  E2E_STEP_TIMEOUT_MS,
  SCREENSHOTS,
  expectAccessible,
  haveChromium,
  mailTo,
  signInFromDirectory,
  useBrowserStack,
} from './browser.js';

/**
 * Issue 17 in headless Chromium at 1366×768 on `npm start`'s stack: a store agent takes a complaint on the
 * phone and registers it from the console; a missing name and a 10-digit phone are refused in words at their
 * fields; once registered the claim opens, filed by phone in the agent's store, and the customer gets a receipt.
 */
describe.skipIf(!haveChromium)(
  'registering a phone claim from the console, in headless Chromium',
  { timeout: E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    const { errors, stackOf, open } = useBrowserStack('claims-e2e-staff-intake');

    it('refuses in words, then registers the claim in the store and opens it', async () => {
      const { stack } = stackOf();
      const page = await open('/staff.html', 1366, 768);
      await signInFromDirectory(page, '上海一店专员');
      await page.getByRole('button', { name: '登记索赔' }).click();
      const form = page.getByRole('form', { name: '登记电话 / 来访索赔' });
      await form.waitFor();
      await expectAccessible(page);

      await form.getByLabel('手机号码').fill('1380013800');
      await form.getByLabel('电子邮箱').fill('zhoumin@example.com');
      await form.getByLabel('产品名称').fill('电饭煲 R2');
      await form.getByLabel('客户陈述').fill('内胆涂层脱落，客户电话投诉');
      await form.getByRole('button', { name: '登记索赔' }).click();
      const summary = page.getByRole('alert');
      await summary.waitFor();
      const words = (await summary.textContent()) ?? '';
      expect(words).toContain('请修改以下内容后再登记：');
      expect(words).toContain('姓名');
      expect(words).toContain('手机');
      expect(words).not.toMatch(/[A-Za-z]{4,}/);
      await page.screenshot({ path: join(SCREENSHOTS, 'staff-intake-errors-1366.png') });

      await form.getByLabel('客户姓名').fill('周敏');
      await form.getByLabel('手机号码').fill('13900139000');
      await form.getByLabel('索赔金额（元，可不填）').fill('299');
      await form.getByRole('button', { name: '登记索赔' }).click();
      await page.getByTestId('detail-status').waitFor();
      const number = decodeURIComponent(new URL(page.url()).hash.slice(1));
      expect(number).toMatch(/^CLM-\d{4}-\d{6}$/);
      expect(await page.getByText('单位：上海一店').count()).toBeGreaterThan(0);
      await page.getByText('上海一店专员 · 收到索赔').waitFor();
      expect(await page.getByTestId('detail-facts').textContent()).toBe(
        '诉求：维修 · 索赔金额：¥299.00 · 数量：1 · 受理渠道：电话',
      );
      await page.screenshot({ path: join(SCREENSHOTS, 'staff-intake-filed-1366.png') });

      // The same customer calls again: their claim is named while the phone is typed, before registering.
      await page.getByRole('button', { name: '登记索赔' }).click();
      await form.getByLabel('手机号码').fill('13900139000');
      const duplicates = page.getByTestId('intake-duplicates');
      await duplicates.waitFor();
      expect(await duplicates.textContent()).toContain(`该手机号已有索赔：${number}（已受理）`);
      expect(await duplicates.getByRole('link', { name: number }).getAttribute('target')).toBe('_blank');
      await expectAccessible(page);

      const receipt = await mailTo(stack.mail.outboxDir, 'zhoumin@example.com', '受理回执');
      expect(receipt.subject).toBe(`[${number}] 受理回执：我们已收到您的索赔/投诉`);
      expect(receipt.text).toContain('周敏，您好：');
      expect(errors).toEqual([]);
    });
  },
);
