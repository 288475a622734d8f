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
const AGENT = {
  id: 'local-agent-east-sh01',
  name: '上海一店专员',
  email: 'agent.east-sh01@staff.claims.localhost',
};

/**
 * Issue 16, item 3 in headless Chromium on `npm start`'s stack: the customer adds material to a claim
 * waiting for it; within one consumer pass the assignee has the notice in the outbox and the queue row is
 * marked "客户补充了材料"; opening the claim shows it and takes the mark off; the claim still waits for staff.
 */
describe.skipIf(!haveChromium)(
  'customer responded, in headless Chromium',
  { timeout: E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    const { errors, stackOf, open } = useBrowserStack('claims-e2e-responded');

    it('tells the assignee, marks the queue row, and unmarks it when the claim is opened', async () => {
      const { stack, keysFile } = stackOf();
      const keys = await loadLocalKeys(keysFile);
      const token = (role: 'manager' | 'agent', sub: string, unit: string) =>
        issueLocalToken(keys, { role: [role], unit, sub, approvalLimitFen: 0, ttlSeconds: 3600 });
      const filed = FiledSchema.parse(
        await callApi(stack, 'POST', '/claims', undefined, {
          claimant: { name: '王芳', phone: '13800138000' },
          product: { name: '电热水壶', orderNumber: 'SO-7001' },
          foundOn: '2026-11-20',
          description: '壶底漏水',
          category: 'product_quality',
          requestedRemedy: 'replacement',
          claimedAmountFen: 19900,
        }),
      );
      const manager = await token('manager', 'local-manager-hq', 'HQ');
      const agent = await token('agent', AGENT.id, 'EAST-SH01');
      await callApi(stack, 'POST', `/staff/claims/${filed.number}/assign`, manager, {
        unitId: 'EAST-SH01',
        assigneeId: AGENT.id,
      });
      await callApi(stack, 'POST', `/staff/claims/${filed.number}/request-material`, agent, {
        items: ['购买发票'],
      });
      await callApi(
        stack,
        'POST',
        `/claims/${filed.number}/material`,
        { claimToken: filed.accessToken },
        {
          message: '发票照片已拍好，请查收。',
        },
      );

      const notice = await mailTo(stack.mail.outboxDir, AGENT.email, '客户补充了材料');
      expect(notice.subject).toBe(`[${filed.number}] 客户补充了材料`);
      expect(notice.text).toContain(`索赔 ${filed.number}（王芳）：客户补充了材料，时间 `);
      expect(notice.text).toContain('客户的话：「发票照片已拍好，请查收。」');
      expect(notice.text).toContain('计时不会自动恢复：请核对后确认“材料齐全”，或继续要求补充。');
      expect(notice.text).toContain(`/staff.html#${filed.number}`);

      const page = await open('/staff.html', 1366, 768);
      await signInFromDirectory(page, AGENT.name);
      const mark = page.getByTestId(`responded-${filed.number}`);
      await mark.waitFor();
      expect(await mark.textContent()).toBe('客户补充了材料');
      await page.screenshot({ path: join(SCREENSHOTS, 'queue-customer-responded-1366.png') });

      await page.getByRole('link', { name: filed.number }).click();
      const banner = page.getByTestId('customer-response');
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/^客户补充了材料（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）$/);
      // Still waiting for staff to confirm the material: it did not resume by itself.
      expect(await page.getByTestId('detail-status').textContent()).toBe('待补充材料');
      // The paused clock says how long it has waited.
      expect(await page.getByTestId('sla').textContent()).toContain('首次答复：已暂停 不到 1 小时');
      await page.getByText('已查看客户的回复').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'claim-customer-responded-1366.png') });

      await page.getByRole('button', { name: '← 返回列表' }).click();
      await page.getByRole('link', { name: filed.number }).waitFor();
      expect(await mark.count()).toBe(0);
      expect(errors).toEqual([]);
    });
  },
);
