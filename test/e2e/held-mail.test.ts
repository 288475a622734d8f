import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueLocalToken, loadLocalKeys } from '../../infra/local/local-auth.js';
import {
  E2E_RETRIES,
  E2E_STEP_TIMEOUT_MS,
  SCREENSHOTS,
  callApi,
  expectAccessible,
  haveChromium,
  signInAsStaff,
  useBrowserStack,
} from './browser.js';

const HeldSchema = z.object({
  items: z.array(z.object({ sha256: z.string(), subject: z.nullable(z.string()) })),
});

/**
 * Issue 16, item 3's last part in headless Chromium on `npm start`'s stack: mail the rules held (an
 * auto-replied complaint, a newsletter) is listed for an HQ agent at 1366×768 with its sender, subject and
 * reason in words; the agent reads one and releases it as a claim, opens that claim, and dismisses the other.
 */
describe.skipIf(!haveChromium)(
  'held mail in the console, in headless Chromium',
  { timeout: E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    const { errors, stackOf, open } = useBrowserStack('claims-e2e-held-mail');

    it('lists held mail in words, releases one as a claim and dismisses another', async () => {
      const { stack, keysFile } = stackOf();
      const bearer = await issueLocalToken(await loadLocalKeys(keysFile), {
        role: ['agent'],
        unit: 'HQ',
        sub: 'agent-e2e',
        approvalLimitFen: 0,
        ttlSeconds: 3600,
      });
      const heldNow = async () =>
        HeldSchema.parse(await callApi(stack, 'GET', '/staff/held-mail', bearer)).items;
      // A retry starts from an empty list: what an earlier try left is dismissed first.
      for (const left of await heldNow())
        await callApi(stack, 'POST', `/staff/held-mail/${left.sha256}/dismiss`, bearer, {});
      const transport = createTransport({
        host: '127.0.0.1',
        port: stack.mail.smtpPort(),
        secure: false,
        ignoreTLS: true,
      });
      await transport.sendMail({
        from: '李雷 <lilei@example.com>',
        to: 'claims@claims.localhost',
        subject: '电饭煲内胆脱漆',
        text: '订单号 SO-3003，电饭煲内胆脱漆，要求换新。',
        headers: { 'Auto-Submitted': 'auto-replied' },
      });
      await transport.sendMail({
        from: 'news@shop.example',
        to: 'claims@claims.localhost',
        subject: '本周特价',
        text: '本周全场八折。',
        headers: { 'List-Id': '<weekly.shop.example>', Precedence: 'bulk' },
      });
      transport.close();
      for (let attempt = 0; ; attempt++) {
        const held = await heldNow();
        if (held.length === 2) break;
        if (attempt > 100) throw new Error(`held mail did not arrive: ${JSON.stringify(held)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }

      const page = await open('/staff.html', 1366, 768);
      await signInAsStaff(page, { role: 'agent', sub: 'agent-e2e' });
      await page.getByRole('button', { name: '退出' }).waitFor();
      await page
        .getByRole('navigation', { name: '栏目' })
        .getByRole('button', { name: '待核实邮件' })
        .click();
      const table = page.getByTestId('held-mail');
      await table.waitFor();
      const rows = table.locator('tbody tr');
      expect(await rows.count()).toBe(2);
      const auto = rows.filter({ hasText: '电饭煲内胆脱漆' });
      expect(await auto.locator('td').allTextContents()).toEqual([
        expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/),
        'lilei@example.com',
        '电饭煲内胆脱漆',
        '自动发出的邮件（Auto-Submitted）',
        '无',
        '查看',
      ]);
      const news = rows.filter({ hasText: '本周特价' });
      expect(await news.locator('td').nth(3).textContent()).toBe(
        '群发邮件（Precedence: bulk）；来自邮件列表；发件地址不接收回信（noreply 类）；读起来不像投诉或索赔',
      );
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'held-mail-list-1366.png') });

      await auto.getByRole('button', { name: '查看' }).click();
      const message = page.getByTestId('held-message');
      await message.waitFor();
      expect(await page.getByTestId('held-text').textContent()).toContain('电饭煲内胆脱漆，要求换新。');
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'held-mail-message-1366.png') });
      await message.getByRole('button', { name: '放行为新索赔' }).click();
      const done = page.getByTestId('held-done');
      await done.waitFor();
      const number = /已放行为索赔 (CLM-\d{4}-\d{6})。/.exec((await done.textContent()) ?? '')?.[1] ?? '';
      expect(number).toMatch(/^CLM-\d{4}-\d{6}$/);
      expect(await rows.count()).toBe(1);

      await news.getByRole('button', { name: '查看' }).click();
      await message.getByRole('button', { name: '忽略' }).click();
      expect(await done.textContent()).toBe('已忽略这封邮件。');
      await page.getByTestId('held-none').waitFor();
      expect(await page.getByTestId('held-none').textContent()).toBe('没有待核实的邮件。');

      // The released claim is a claim like any other, its filing saying who released it.
      await page.getByRole('navigation', { name: '栏目' }).getByRole('button', { name: '工作队列' }).click();
      await page.goto(`${stack.apiUrl}/staff.html#${number}`);
      await page.reload();
      await page.getByTestId('detail-status').waitFor();
      await page.getByText('agent-e2e 从待核实邮件中放行', { exact: false }).first().waitFor();
      expect(errors).toEqual([]);
    });
  },
);
