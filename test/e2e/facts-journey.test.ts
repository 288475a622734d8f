import {
  E2E_RETRIES,
  E2E_STEP_TIMEOUT_MS,
  SCREENSHOTS,
  expectAccessible,
  haveChromium,
  signInAsStaff,
  useManualPaymentStack,
} from './browser.js';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueLocalToken } from '../../infra/local/local-auth.js';

const SearchSchema = z.object({ items: z.array(z.object({ number: z.string() })) });

/**
 * Issue 25, items 4 and 5 in headless Chromium: a claim mailed in shows its stand-in product, category
 * and day found as 待确认 / To be confirmed in the console, and an agent confirms them with the facts form,
 * which raises the severity from the amount. The mail goes in through the local SMTP listener.
 */
describe.skipIf(!haveChromium)(
  'facts to be confirmed, in headless Chromium',
  { timeout: E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    const { errors, stackOf, open, api } = useManualPaymentStack('claims-e2e-facts');

    /** Mails a complaint in and waits until email-in filed it. */
    async function mailedClaim(from: string): Promise<string> {
      const transport = createTransport({
        host: '127.0.0.1',
        port: stackOf().stack.mail.smtpPort(),
        secure: false,
        ignoreTLS: true,
      });
      await transport.sendMail({
        from: `赵敏 <${from}>`,
        to: 'claims@claims.localhost',
        subject: '热水器漏水',
        text: '家里的热水器漏水，要求维修。',
      });
      transport.close();
      const bearer = await issueLocalToken(stackOf().keys, {
        role: ['agent'],
        unit: 'HQ',
        sub: 'agent-e2e',
        approvalLimitFen: 0,
        ttlSeconds: 3600,
      });
      for (let attempt = 0; attempt < 100; attempt++) {
        const found = SearchSchema.parse(
          await api('GET', `/staff/search?email=${encodeURIComponent(from)}`, bearer),
        );
        const number = found.items[0]?.number;
        if (number !== undefined) return number;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`no claim was filed from ${from}`);
    }

    it('shows stand-ins as to be confirmed and the facts form confirms them', async () => {
      const number = await mailedClaim('zhaomin@example.com');
      const page = await open('/staff.html?lang=en');
      await signInAsStaff(page, { role: 'agent' });
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.goto(`${stackOf().stack.apiUrl}/staff.html?lang=en#${number}`);
      await page.reload();
      await page.getByTestId('detail-status').waitFor();
      for (const field of ['product', 'category', 'foundOn'])
        expect(await page.getByTestId(`to-confirm-${field}`).textContent()).toBe('To be confirmed');

      // zh-CN (the default): the marks and the form in Chinese.
      await page.goto(`${stackOf().stack.apiUrl}/staff.html#${number}`);
      await page.reload();
      await page.getByTestId('detail-status').waitFor();
      expect(await page.getByTestId('to-confirm-product').textContent()).toBe('待确认');
      await page.getByRole('group', { name: '操作' }).getByRole('button', { name: '更正信息' }).click();
      const form = page.locator('form[data-action="edit_facts"]');
      expect(await form.getByRole('heading').textContent()).toBe('更正信息');
      const category = form.getByLabel('类别');
      // The choices are the policy's active categories, asked for once the form opens.
      await category.locator('option', { hasText: '产品质量' }).waitFor({ state: 'attached' });
      expect((await category.locator('option').allTextContents()).slice(0, 2)).toEqual([
        '不更改',
        '产品质量',
      ]);
      await category.selectOption({ label: '施工质量' });
      await form.getByLabel('产品名称').fill('燃气热水器 H2');
      const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
      await form.getByLabel('发现问题日期').fill(yesterday);
      await form.getByLabel('索赔金额（元）').fill('abc');
      await form.getByRole('button', { name: '更正信息' }).click();
      expect(await form.getByRole('alert').textContent()).toBe('索赔金额（元）：请填金额（元），如 199.00');
      await form.getByLabel('索赔金额（元）').fill('4500');
      await form.getByLabel('更正原因').fill('电话核实');
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'staff-edit-facts.png'), fullPage: true });
      await form.getByRole('button', { name: '更正信息' }).click();
      await page.getByTestId('timeline').getByText('更正信息').first().waitFor();
      await page.getByText('电话核实').waitFor();
      expect(await form.count()).toBe(0);
      expect(await page.getByText('燃气热水器 H2').count()).toBeGreaterThan(0);
      expect(await page.locator('mark.to-confirm').count()).toBe(0);
      expect(await page.getByTestId('detail-severity').textContent()).toContain('严重等级：二级');
      expect(await page.getByText('类别：施工质量 · 发现日期：').count()).toBe(1);
    });

    it('no page logged an error', () => {
      expect(errors).toEqual([]);
    });
  },
);
