import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueLocalToken } from '../../infra/local/local-auth.js';
import {
  E2E_RETRIES,
  E2E_STEP_TIMEOUT_MS,
  SCREENSHOTS,
  eitherLang,
  expectAccessible,
  haveChromium,
  signInAsStaff,
  useManualPaymentStack,
} from './browser.js';

/** A day `n` days before today in Asia/Shanghai, as the date inputs take it. */
const daysAgo = (n: number) =>
  new Date(Date.now() + 8 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);

const FRAUD_ZH = '退一赔三：¥597.00（3 × ¥199.00），不低于 ¥500.00 → ¥597.00';
const FRAUD_EN = 'Fraud compensation: ¥597.00 (3 × ¥199.00), at least ¥500.00 → ¥597.00';

/**
 * Issue 24 in headless Chromium: a customer files with the purchase details (bought online, received
 * yesterday, ¥199) in the form's optional group; staff record a finding of fraud; the console and the
 * tracking page show the entitlements in words in zh-CN and en, axe clean; an admin raises the fraud
 * minimum to ¥600 on the policy page and the claim's entitlement follows.
 */
describe.skipIf(!haveChromium)(
  'statutory remedies in headless Chromium',
  { timeout: E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    const { errors, stackOf, open, api } = useManualPaymentStack('claims-e2e-statutory');
    let number = '';
    let trackingHref = '';

    it('files a claim with its purchase details from the collapsed group, refusing a future date in words', async () => {
      const form = await open('/');
      await form.getByLabel('姓名 *', { exact: true }).fill('李雷');
      await form.getByLabel('手机号码').fill('13900139000');
      await form.getByLabel('产品或服务名称 *').fill('蓝牙耳机 B2');
      await form.getByLabel('发现问题的日期 *').fill(daysAgo(1));
      await form.getByLabel('问题描述 *').fill('宣传为降噪耳机，实物无降噪功能');
      await form.getByLabel('您希望的处理方式 *').selectOption('refund');
      await form.getByText('购买信息（选填）').click();
      await form.getByLabel('购买方式').selectOption({ label: '网络购买' });
      await form.getByLabel('购买日期').fill(daysAgo(-1));
      await form.getByLabel('收货日期').fill(daysAgo(1));
      await form.getByLabel('实付金额（元）').fill('199');
      await form.getByLabel('以上都不是').check();
      await form.getByLabel(/^我已阅读并同意/).check();
      await form.getByRole('button', { name: '提交' }).click();
      await expect(form.locator('#p-purchaseDate-error').textContent()).resolves.toBe(
        '购买日期不能晚于今天。',
      );
      await expect(form.locator('#p-receiptDate-error').textContent()).resolves.toBe(
        '收货日期不能早于购买日期。',
      );
      await form.getByLabel('购买日期').fill(daysAgo(3));
      // Checked again as it is changed: both errors go.
      await expect(form.locator('#p-purchaseDate-error, #p-receiptDate-error').count()).resolves.toBe(0);
      await expectAccessible(form);
      await form.screenshot({ path: join(SCREENSHOTS, 'claim-form-purchase.png'), fullPage: true });
      await form.getByRole('button', { name: '提交' }).click();
      await form.getByTestId('claim-number').waitFor();
      number = (await form.getByTestId('claim-number').textContent()) ?? '';
      trackingHref = (await form.getByTestId('tracking-link').getAttribute('href')) ?? '';
      expect(number).toMatch(/^CLM-/);
      await form.close();
    });

    it('shows the entitlements on the console with reason and source, in zh-CN and en', async () => {
      const page = await open('/staff.html');
      await signInAsStaff(page, { role: 'agent' });
      await page.getByRole('button', { name: eitherLang('退出', 'Sign out') }).waitFor();
      await page.goto(`${stackOf().stack.apiUrl}/staff.html#${number}`);
      await page.reload();
      const panel = page.getByTestId('statutory');
      await panel.waitFor();
      // Before any finding: the fraud rule waits for it.
      await expect(panel.textContent()).resolves.toContain('退一赔三：需先确认是否存在欺诈');
      // The agent records the finding of fraud with the facts form.
      await page.getByRole('group', { name: '操作' }).getByRole('button', { name: '更正信息' }).click();
      const facts = page.locator('form[data-action="edit_facts"]');
      await facts.getByLabel('经认定存在欺诈').selectOption({ label: '是' });
      await facts.getByLabel('不适用七日无理由退货的商品').selectOption({ label: '不属于以上任何一种' });
      await facts.getByLabel('更正原因').fill('核实宣传与实物不符');
      await expectAccessible(page);
      await facts.getByRole('button', { name: '更正信息' }).click();
      await page.getByText('核实宣传与实物不符').waitFor();
      await expect.poll(() => panel.textContent()).toContain(FRAUD_ZH);
      const zh = (await panel.textContent()) ?? '';
      expect(zh).toContain(FRAUD_ZH);
      expect(zh).toContain('依据：《消费者权益保护法》第五十五条第一款');
      expect(zh).toContain('七日无理由退货：可要求退货');
      expect(zh).toContain('并非法律意见');
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'staff-statutory.png'), fullPage: true });

      await page.goto(`${stackOf().stack.apiUrl}/staff.html?lang=en#${number}`);
      await page.reload();
      await panel.waitFor();
      const en = (await panel.textContent()) ?? '';
      expect(en).toContain(FRAUD_EN);
      expect(en).toContain('Source: Consumer Rights Protection Law, art. 55(1)');
      expect(en).toContain('not legal advice');
      await expectAccessible(page);
      await page.close();
    });

    it('shows the customer their entitlements on the tracking page, in zh-CN and en', async () => {
      const path = new URL(trackingHref).pathname + new URL(trackingHref).search + new URL(trackingHref).hash;
      const page = await open(path);
      const card = page.getByTestId('entitlements');
      await card.waitFor();
      const zh = (await card.textContent()) ?? '';
      expect(zh).toContain('法定权利');
      expect(zh).toContain(FRAUD_ZH);
      expect(zh).toContain('理由：经认定存在欺诈：除退还价款 ¥199.00 外，增加赔偿价款的 3 倍');
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'track-statutory.png'), fullPage: true });
      const url = new URL(trackingHref);
      url.searchParams.set('lang', 'en');
      await page.goto(`${stackOf().stack.apiUrl}${url.pathname}${url.search}${url.hash}`);
      await card.waitFor();
      await expect(card.textContent()).resolves.toContain(FRAUD_EN);
      await expect(card.textContent()).resolves.toContain('Statutory rights');
      await expectAccessible(page);
      await page.close();
    });

    it('a plan below the entitlement goes to legal review; legal sees the flags and the reason', async () => {
      const agent = await issueLocalToken(stackOf().keys, {
        role: ['agent'],
        unit: 'HQ',
        sub: 'agent-e2e',
        approvalLimitFen: 10_000,
        ttlSeconds: 3600,
      });
      for (const step of ['material-complete', 'start-investigation'])
        await api('POST', `/staff/claims/${number}/${step}`, agent, {});
      await api('POST', `/staff/claims/${number}/findings`, agent, {
        summary: '宣传与实物不符',
        rootCause: 'service_error',
        responsibility: 'company',
      });
      await api('POST', `/staff/claims/${number}/propose`, agent, {
        type: 'compensation',
        items: [{ kind: 'direct_loss', description: '补偿', amountFen: 10_000 }],
        executingDepartment: 'finance',
        dueOn: daysAgo(-10),
        statutoryReason: '客户同意以补偿了结，已录音',
      });
      const page = await open('/staff.html');
      await signInAsStaff(page, { role: 'legal' });
      await page.getByRole('button', { name: eitherLang('退出', 'Sign out') }).waitFor();
      await page.goto(`${stackOf().stack.apiUrl}/staff.html#${number}`);
      await page.reload();
      const flags = page.getByTestId('plan-statutory-flags');
      await flags.waitFor();
      const zh = (await flags.textContent()) ?? '';
      expect(zh).toContain('方案低于法定标准，须经法务审核');
      expect(zh).toContain('方案现金合计 ¥100.00，低于法定金额 ¥597.00');
      expect(zh).toContain('提出人说明的理由：客户同意以补偿了结，已录音');
      await expect(page.getByTestId('detail-status').textContent()).resolves.toBe('法务审核中');
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'staff-statutory-flags.png'), fullPage: true });
      await page.goto(`${stackOf().stack.apiUrl}/staff.html?lang=en#${number}`);
      await page.reload();
      await flags.waitFor();
      await expect(flags.textContent()).resolves.toContain(
        'The plan pays ¥100.00 in cash, below the statutory amount of ¥597.00',
      );
      await page.close();
    });

    it('an admin raises the fraud minimum on the policy page; the history and the claim follow', async () => {
      const page = await open('/staff.html');
      await signInAsStaff(page, { role: 'admin', sub: 'admin-zhou' });
      await page.getByRole('button', { name: eitherLang('退出', 'Sign out') }).waitFor();
      await page.getByRole('button', { name: '运行策略' }).click();
      const rule = page.getByTestId('statutory-rule-fraud_compensation');
      await rule.waitFor();
      await expect(rule.textContent()).resolves.toContain('《消费者权益保护法》第五十五条第一款');
      const minimum = rule.getByLabel('最低金额（元）');
      await expect(minimum.inputValue()).resolves.toBe('500.00');
      await minimum.fill('6x');
      await expect(rule.textContent()).resolves.toContain('请输入金额，例如 500 或 500.00');
      await minimum.fill('600');
      await expectAccessible(page);
      await page.getByLabel('修改说明').fill('退一赔三最低赔偿调整');
      await page.getByRole('button', { name: '保存为新版本' }).click();
      await expect(page.getByTestId('policy-saved').textContent()).resolves.toBe(
        '已保存：策略版本 v2，即时生效',
      );
      const latest = page.getByTestId('policy-version-2');
      await latest.waitFor();
      await expect(latest.textContent()).resolves.toContain(
        '法定救济规则 · 退一赔三 · 最低金额（元）：¥500.00 → ¥600.00',
      );
      await expect(latest.textContent()).resolves.not.toContain('statutory.');

      await page.goto(`${stackOf().stack.apiUrl}/staff.html#${number}`);
      await page.reload();
      const panel = page.getByTestId('statutory');
      await panel.waitFor();
      await expect(panel.textContent()).resolves.toContain(
        '退一赔三：¥597.00（3 × ¥199.00），不低于 ¥600.00 → ¥600.00',
      );
      await page.close();
    });

    it('no page logged an error', () => {
      expect(errors).toEqual([]);
    });
  },
);
