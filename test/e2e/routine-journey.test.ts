import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { trackingPagePath } from '../../shared/domain/tracking-link.js';
import {
  E2E_RETRIES,
  E2E_STEP_TIMEOUT_MS,
  SCREENSHOTS,
  callApi,
  expectAccessible,
  haveChromium,
  signInFromDirectory,
  useBrowserStack,
} from './browser.js';

const FiledSchema = z.object({ number: z.string(), accessToken: z.string() });

/** How long a view may take to show what someone else did (it reads again every 20 s by itself). */
const REFRESHED_WITHIN_MS = 45_000;

/**
 * What people do, counted: each click (a select counts as one) and each field typed, across the agent, the
 * customer and the manager. Sign-in and opening a link from a mail are not counted; the page is never
 * reloaded by hand (nothing here calls reload).
 */
function counter() {
  const tally = { clicks: 0, typed: 0 };
  return {
    tally,
    click: async (target: Locator) => {
      tally.clicks++;
      await target.click();
    },
    choose: async (target: Locator, option: string) => {
      tally.clicks++;
      await target.selectOption({ label: option });
    },
    type: async (target: Locator, text: string) => {
      tally.typed++;
      await target.fill(text);
    },
  };
}

/**
 * The routine case of issue 17 in headless Chromium at 1366×768 on `npm start`'s stack: a ¥199 kettle
 * replacement, from the queue to its execution — find, assign to me, request material, the customer adds
 * it, material complete, reply, findings, propose, the manager approves from "awaiting my approval",
 * execution — in at most 12 clicks and 8 typed fields, with no reload. The customer's acceptance of the
 * offer, not one of the issue's steps, goes through the API.
 */
describe.skipIf(!haveChromium)(
  'the routine case from queue to execution',
  { timeout: 6 * E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    const { errors, stackOf, open } = useBrowserStack('claims-e2e-routine');

    it('takes at most 12 clicks and 8 typed fields, and no reload', async () => {
      const { stack } = stackOf();
      const filed = FiledSchema.parse(
        await callApi(stack, 'POST', '/claims', undefined, {
          claimant: { name: '王芳', phone: '13800138000', email: 'wangfang@example.com' },
          product: { name: '电热水壶 K1', orderNumber: 'SO-ROUTINE-1' },
          foundOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
          description: '壶底漏水，无法使用',
          category: 'product_quality',
          requestedRemedy: 'replacement',
          claimedAmountFen: 19_900,
        }),
      );
      const { tally, click, choose, type } = counter();

      // The agent, at the queue: the claim is on the first screen.
      const agent = await open('/staff.html', 1366, 768);
      await signInFromDirectory(agent, '李娜');
      const row = agent.getByRole('link', { name: filed.number });
      await row.waitFor();
      await agent.screenshot({ path: join(SCREENSHOTS, 'routine-queue-1366.png') });
      await click(row);
      const status = agent.getByTestId('detail-status');
      await status.waitFor();
      const actions = agent.getByRole('group', { name: '操作' });
      await click(actions.getByRole('button', { name: '分派给我', exact: true }));
      await agent.getByText('处理人：李娜').waitFor();

      // Assigned to them, received: asking for what is missing is the form already open.
      const request = agent.locator('form[data-action="request_material"]');
      await type(request.getByLabel('需补充材料（每行一项）'), '购买发票照片');
      await click(request.locator('button[type="submit"]'));
      await expect.poll(() => status.textContent()).toBe('待补充材料');

      // The customer, at phone width, from the tracking link.
      const customer = await open(trackingPagePath(filed.number, filed.accessToken), 390, 844);
      const material = customer.getByTestId('add-material');
      await type(material.locator('#material-message'), '发票照片已拍好，请查收。');
      await click(material.locator('button[type="submit"]'));
      await material.getByRole('status').waitFor();

      // The agent's view shows it by itself.
      await agent.getByTestId('customer-response').waitFor({ timeout: REFRESHED_WITHIN_MS });
      await click(actions.getByRole('button', { name: '材料齐全，开始调查' }));
      await expect.poll(() => status.textContent()).toBe('调查中');

      // A saved reply, in the customer's words, sent from the box below the actions.
      const reply = agent.getByRole('form', { name: '回复客户' });
      await choose(reply.getByLabel('常用回复'), '已收到，正在核实');
      await reply.scrollIntoViewIfNeeded();
      await agent.screenshot({ path: join(SCREENSHOTS, 'routine-reply-1366.png') });
      await click(reply.getByRole('button', { name: '回复客户' }));
      await agent.getByText('回复了客户：王芳您好').waitFor();

      // Findings, then the plan: each the next step, open by itself; the plan starts from the claim.
      const findings = agent.locator('form[data-action="record_findings"]');
      await type(findings.getByLabel('调查结论', { exact: true }), '壶底焊缝开裂，属产品质量问题');
      await click(findings.locator('button[type="submit"]'));
      const propose = agent.locator('form[data-action="propose_resolution"]');
      await propose.waitFor();
      expect(await propose.getByLabel('处理方式').inputValue()).toBe('replacement');
      expect(await propose.getByLabel(/^明细（每行/).inputValue()).toBe('电热水壶 K1; 199.00');
      // The category's department, named in words.
      expect(await propose.getByLabel('执行部门').inputValue()).toBe('quality');
      expect(await propose.getByLabel('执行部门').locator('option:checked').textContent()).toBe('质量部');
      await expectAccessible(agent);
      await click(propose.locator('button[type="submit"]'));
      await expect.poll(() => status.textContent()).toBe('方案审批中');
      await agent.screenshot({ path: join(SCREENSHOTS, 'routine-claim-1366.png'), fullPage: true });

      // The manager approves from their list, seeing what was found and what is proposed.
      const manager = await open('/staff.html', 1366, 768);
      await signInFromDirectory(manager, '张伟');
      await click(manager.getByRole('button', { name: '待我审批', exact: true }));
      const waiting = manager.getByTestId(`approval-${filed.number}`);
      await waiting.waitFor();
      expect(await waiting.textContent()).toMatch(/壶底焊缝开裂.*换货.*¥199\.00/);
      await expectAccessible(manager);
      await manager.screenshot({ path: join(SCREENSHOTS, 'routine-approvals-1366.png'), fullPage: true });
      await click(manager.getByRole('button', { name: `批准 ${filed.number}` }));
      await manager.getByTestId('approvals-none').waitFor();

      // The customer accepts the replacement (their decision; not one of the counted steps).
      await callApi(stack, 'POST', `/claims/${filed.number}/accept`, { claimToken: filed.accessToken }, {});

      // The agent's view moves to execution by itself; recording the shipment is the form already open.
      const execution = agent.locator('form[data-action="record_execution"]');
      await execution.waitFor({ timeout: REFRESHED_WITHIN_MS });
      await type(execution.getByLabel('运单号 / 工单号'), 'SF1234567890');
      await click(execution.locator('button[type="submit"]'));
      await expect.poll(() => status.textContent()).toBe('已执行');

      expect(tally).toEqual({ clicks: 12, typed: 4 });
      expect(errors).toEqual([]);
    });

    it('reaches the first claim from the keyboard in a few steps, and "/" goes to the search', async () => {
      const page = await open('/staff.html', 1366, 768);
      await signInFromDirectory(page, '李娜');
      await page.getByTestId('queue').locator('tbody a').first().waitFor();
      // Read in the page (this file has no DOM types): the focused element's text, type and id.
      const inPage = async (expression: string) => z.string().parse(await page.evaluate(expression));
      const focused = () => inPage('(document.activeElement?.textContent ?? "").trim()');
      const focusedType = () => inPage('document.activeElement?.getAttribute("type") ?? ""');
      const focusedId = () => inPage('document.activeElement?.id ?? ""');
      let tabs = 0;
      while ((await focused()) !== '跳到第一条索赔' && tabs < 6) {
        await page.keyboard.press('Tab');
        tabs++;
      }
      expect(await focused()).toBe('跳到第一条索赔');
      await page.keyboard.press('Enter');
      expect(await focused()).toMatch(/^CLM-\d{4}-\d{6}$/);
      await page.keyboard.press('/');
      expect(await focusedType()).toBe('search');
      // An opened form takes the keyboard; a refusal for a missing field sends it to that field.
      await page.keyboard.press('Escape');
      await page.getByTestId('queue').locator('tbody a').first().click();
      await page.getByRole('group', { name: '操作' }).getByRole('button', { name: '内部备注' }).click();
      await expect.poll(focusedId).toBe('add_internal_note-note');
      await page.getByRole('form', { name: '内部备注' }).getByRole('button', { name: '内部备注' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('请填写：内部备注（仅同事可见，不会发给客户）').waitFor();
      await expect.poll(focusedId).toBe('add_internal_note-note');
      expect(errors).toEqual([]);
    });
  },
);
