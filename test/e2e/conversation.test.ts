import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueLocalToken, loadLocalKeys } from '../../infra/local/local-auth.js';
import {
  E2E_RETRIES,
  E2E_STEP_TIMEOUT_MS,
  SCREENSHOTS,
  callApi,
  haveChromium,
  mailTo,
  signInFromDirectory,
  useBrowserStack,
} from './browser.js';

const FiledSchema = z.object({ number: z.string(), accessToken: z.string() });
const ViewSchema = z.object({
  timeline: z.array(z.object({ action: z.string(), note: z.optional(z.string()) })),
});
const AGENT = { id: 'local-agent-east-sh01', name: '上海一店专员' };
/** What the agent adds below the saved reply. */
const SENT = '照片已收到，我们正安排检测。';
const MANAGER = { name: '上海一店经理', email: 'manager.east-sh01@staff.claims.localhost' };

/**
 * Issue 17 in headless Chromium at 1366×768 on `npm start`'s stack: the agent writes to the customer from
 * the claim view (the first reply, by mail), then leaves a note for the store's manager, who is told; the
 * customer's view carries the reply and never the note.
 */
describe.skipIf(!haveChromium)(
  'reply to the customer and internal note, in headless Chromium',
  { timeout: E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    const { errors, stackOf, open } = useBrowserStack('claims-e2e-conversation');

    it('replies by mail, stops the first-reply clock, and tells the colleague a note names', async () => {
      const { stack, keysFile } = stackOf();
      const keys = await loadLocalKeys(keysFile);
      const filed = FiledSchema.parse(
        await callApi(stack, 'POST', '/claims', undefined, {
          claimant: { name: '王芳', phone: '13800138000', email: 'wangfang@example.com' },
          product: { name: '电热水壶', orderNumber: 'SO-7101' },
          foundOn: '2026-11-20',
          description: '壶底漏水',
          category: 'product_quality',
          requestedRemedy: 'replacement',
          claimedAmountFen: 19900,
        }),
      );
      const manager = await issueLocalToken(keys, {
        role: ['manager'],
        unit: 'HQ',
        sub: 'local-manager-hq',
        approvalLimitFen: 0,
        ttlSeconds: 3600,
      });
      await callApi(stack, 'POST', `/staff/claims/${filed.number}/assign`, manager, {
        unitId: 'EAST-SH01',
        assigneeId: AGENT.id,
      });

      const page = await open('/staff.html', 1366, 768);
      await signInFromDirectory(page, AGENT.name);
      await page.getByRole('link', { name: filed.number }).click();
      await page.getByTestId('detail-status').waitFor();

      expect(await page.getByTestId('sla').textContent()).toContain('首次答复：正常');
      // The reply box is always there, below the actions: nothing to open.
      const reply = page.getByRole('form', { name: '回复客户' });
      // A saved reply fills the box with the claim's values, in the customer's language; the agent adds a line.
      await reply.getByLabel('常用回复').selectOption({ label: '已收到，正在核实' });
      const box = reply.getByLabel('回复内容（将通过邮件和短信发给客户，并显示在查询页面）');
      const filled = await box.inputValue();
      expect(filled).toMatch(
        new RegExp(
          `^王芳您好：您关于电热水壶的索赔（${filed.number}）我们已经收到，正在核实情况，将在 \\d{4}年\\d{1,2}月\\d{1,2}日 \\d\\d:\\d\\d 前给您答复。`,
        ),
      );
      expect(filled).not.toMatch(/[{}]/);
      await box.fill(`${filled}\n${SENT}`);
      await page.screenshot({ path: join(SCREENSHOTS, 'claim-reply-box-1366.png') });
      await reply.getByRole('button', { name: '回复客户' }).click();
      await page.getByText('回复了客户：王芳您好：您关于电热水壶的索赔').waitFor();
      // The written reply was the first reply: its clock stopped.
      expect(await page.getByText('首次答复：').count()).toBe(0);

      await page.getByRole('button', { name: '内部备注' }).click();
      const note = page.getByRole('form', { name: '内部备注' });
      await note
        .getByLabel('内部备注（仅同事可见，不会发给客户）')
        .fill('客户比较着急，请经理协调检测中心。');
      await note.getByRole('checkbox', { name: MANAGER.name }).check();
      await page.screenshot({ path: join(SCREENSHOTS, 'claim-internal-note-1366.png') });
      await note.getByRole('button', { name: '内部备注' }).click();
      await page.getByText('内部备注（客户不可见）：客户比较着急').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'claim-conversation-1366.png') });

      const toCustomer = await mailTo(stack.mail.outboxDir, 'wangfang@example.com', '关于您索赔的回复');
      expect(toCustomer.subject).toBe(`[${filed.number}] 关于您索赔的回复`);
      expect(toCustomer.text).toContain(`经办人 ${AGENT.name} 于 `);
      expect(toCustomer.text).toContain('我们已经收到，正在核实情况');
      expect(toCustomer.text).toContain(SENT);
      expect(toCustomer.text).toContain('查看处理进度并回复：http://');

      const toManager = await mailTo(stack.mail.outboxDir, MANAGER.email, '在内部备注中提到了您');
      expect(toManager.subject).toBe(`[${filed.number}] ${AGENT.name} 在内部备注中提到了您`);
      expect(toManager.text).toContain('「客户比较着急，请经理协调检测中心。」');

      const view = ViewSchema.parse(
        await callApi(stack, 'GET', `/claims/${filed.number}`, { claimToken: filed.accessToken }),
      );
      expect(view.timeline.find((e) => e.action === 'reply_to_customer')?.note).toMatch(
        new RegExp(`^王芳您好：您关于电热水壶的索赔（${filed.number}）[^]*${SENT}$`),
      );
      expect(JSON.stringify(view)).not.toContain('客户比较着急');
      expect(errors).toEqual([]);
    });
  },
);
