import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueLocalToken } from '../../infra/local/local-auth.js';
import { shanghaiDate } from '../../shared/domain/shanghai-time.js';
import { trackingPagePath } from '../../shared/domain/tracking-link.js';
import {
  E2E_RETRIES,
  E2E_STEP_TIMEOUT_MS,
  SCREENSHOTS,
  expectAccessible,
  haveChromium,
  openPage,
  useManualPaymentStack,
} from './browser.js';

const FiledSchema = z.object({ number: z.string(), accessToken: z.string() });

/**
 * Issue 18 on a phone (390×844), in Chinese and English: the claim form's consent line (个人信息保护法) refuses
 * a claim without the tick and links to the privacy notice, and accepting a money offer asks where the money
 * goes — a bank card number that fails its check digit is refused beside the field, 原路退回 is taken.
 */
describe.skipIf(!haveChromium)(
  'consent and payee at phone width',
  { timeout: E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    const { errors, stackOf, api } = useManualPaymentStack('claims-e2e-consent-payee');
    const phone = async (path: string): Promise<Page> => {
      const page = await openPage(
        stackOf().browser,
        stackOf().stack.apiUrl,
        path,
        errors,
        390,
        undefined,
        844,
      );
      return page;
    };
    const daysAgo = (n: number) => shanghaiDate(new Date(Date.now() - n * 86_400_000));

    it('zh-CN: a claim without the consent tick is refused beside the box; the link opens the notice', async () => {
      const page = await phone('/');
      await expect.poll(() => page.locator('#f-category').isEnabled()).toBe(true);
      await expect.poll(() => page.getByLabel(/^我已阅读并同意/).isEnabled()).toBe(true);
      expect(await page.getByTestId('company-name').textContent()).toBe('客户服务中心');
      await page.getByLabel('姓名 *', { exact: true }).fill('王芳');
      await page.getByLabel('手机号码').fill('138 0013 8000');
      await page.getByLabel('产品或服务名称 *').fill('电热水壶 K1');
      await page.getByLabel('发现问题的日期 *').fill(daysAgo(2));
      await page.getByLabel('问题描述 *').fill('壶底漏水，无法使用');
      await page.getByRole('button', { name: '提交' }).click();
      const error = page.locator('#f-privacyConsent-error');
      await error.waitFor();
      expect(await error.textContent()).toBe('请阅读《个人信息处理说明》并勾选同意后再提交。');
      expect(await error.getAttribute('lang')).toBe('zh-CN');
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('f-privacyConsent');
      expect(await page.getByTestId('claim-number').count()).toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'form-consent-phone.png'), fullPage: true });
      // The link opens the notice (a new tab, so the form keeps what was typed).
      const link = page.getByTestId('privacy-link');
      expect(await link.textContent()).toBe('《个人信息处理说明》');
      expect(await link.getAttribute('href')).toBe('/privacy.html');
      const notice = await phone('/privacy.html');
      await notice.getByTestId('privacy-notice').waitFor();
      expect(await notice.getByRole('heading', { level: 1 }).textContent()).toBe('个人信息处理说明');
      expect(await notice.getByTestId('privacy-notice').innerText()).toContain('收款账户加密保存');
      expect(await notice.getByTestId('privacy-version').textContent()).toContain('版本 1');
      await expectAccessible(notice);
      await notice.close();
      // Ticked, the same form is filed (the proof of work was solved in the background meanwhile).
      await page.getByLabel(/^我已阅读并同意/).check();
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByTestId('claim-number').waitFor();
      await page.close();
    });

    it('en: the consent refusal and the notice in English', async () => {
      const page = await phone('/?lang=en');
      await expect.poll(() => page.getByLabel(/^I have read and agree/).isEnabled()).toBe(true);
      await page.getByRole('button', { name: 'Submit' }).click();
      const error = page.locator('#f-privacyConsent-error');
      await error.waitFor();
      expect(await error.textContent()).toBe(
        'Please read how we handle your personal information and tick the box to agree before you send the claim.',
      );
      expect(await error.getAttribute('lang')).toBe('en');
      expect(await page.getByTestId('privacy-link').getAttribute('href')).toBe('/privacy.html?lang=en');
      const notice = await phone('/privacy.html?lang=en');
      await notice.getByTestId('privacy-notice').waitFor();
      expect(await notice.getByRole('heading', { level: 1 }).textContent()).toBe(
        'How we handle your personal information',
      );
      expect(await notice.getByTestId('privacy-version').textContent()).toContain('Version 1');
      // Only the switch to Chinese is in Chinese.
      expect((await notice.locator('main').innerText()).replace('中文', '')).not.toMatch(/[\u4e00-\u9fff]/);
      await notice.close();
      await page.close();
    });

    /** A claim with an approved ¥80 compensation sent to the customer, through the API. */
    async function claimWithOffer(order: string, language: 'zh-CN' | 'en') {
      const { keys } = stackOf();
      const token = (sub: string) =>
        issueLocalToken(keys, {
          role: ['agent'],
          unit: 'HQ',
          sub,
          approvalLimitFen: 10_000,
          ttlSeconds: 3600,
        });
      const filed = FiledSchema.parse(
        await api('POST', '/claims', undefined, {
          claimant: { name: '李雷', phone: '13900139000' },
          product: { name: '电饭煲 R2', orderNumber: order },
          foundOn: daysAgo(1),
          description: '内胆涂层脱落',
          category: 'product_quality',
          requestedRemedy: 'compensation',
          claimedAmountFen: 8_000,
          language,
        }),
      );
      const agent = await token('agent-1');
      const ref = `/staff/claims/${filed.number}`;
      await api('POST', `${ref}/material-complete`, agent, {});
      await api('POST', `${ref}/start-investigation`, agent, {});
      await api('POST', `${ref}/findings`, agent, {
        summary: '涂层批次缺陷',
        rootCause: 'batch_defect',
        responsibility: 'company',
      });
      await api('POST', `${ref}/propose`, agent, {
        type: 'compensation',
        items: [{ kind: 'direct_loss', description: '内胆更换费', amountFen: 8_000 }],
        executingDepartment: 'finance',
        dueOn: shanghaiDate(new Date(Date.now() + 10 * 86_400_000)),
      });
      await api('POST', `${ref}/approve`, await token('agent-2'), {});
      return filed;
    }

    it('zh-CN: a bank card failing its check digit is refused beside the field; 原路退回 is accepted', async () => {
      const filed = await claimWithOffer(`SO-E2E-PAYEE-${Date.now()}`, 'zh-CN');
      const page = await phone(trackingPagePath(filed.number, filed.accessToken));
      await page.getByTestId('offer').waitFor();
      const payee = page.getByTestId('payee');
      expect(await payee.locator('legend').textContent()).toBe('款项退到哪里');
      await payee.getByLabel('银行卡').check();
      await page.getByLabel('收款人姓名 *').fill('李雷');
      await page.getByLabel('开户银行 *').fill('招商银行');
      await page.getByLabel('银行卡号 *').fill('6222 0212 3456 7895');
      await page.getByRole('button', { name: '接受方案' }).click();
      const error = page.locator('#payee-account-error');
      await error.waitFor();
      expect(await error.textContent()).toBe('银行卡号有误，请核对后重新输入。');
      expect(await error.getAttribute('lang')).toBe('zh-CN');
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('payee-account');
      await page.screenshot({ path: join(SCREENSHOTS, 'offer-payee-phone.png'), fullPage: true });
      await expectAccessible(page);
      // Nothing was sent: the offer still waits.
      expect(await page.getByTestId('status').textContent()).toBe('待您确认方案');
      await payee.getByLabel('原路退回').check();
      expect(await payee.innerText()).toContain('款项将按您原来的付款方式退回');
      await page.getByRole('button', { name: '接受方案' }).click();
      await expect.poll(() => page.getByTestId('status').textContent()).not.toBe('待您确认方案');
      await page.close();
    });

    it('en: the same refusal in English, and the original route accepted', async () => {
      const filed = await claimWithOffer(`SO-E2E-PAYEE-EN-${Date.now()}`, 'en');
      const page = await phone(
        `${trackingPagePath(filed.number, filed.accessToken).replace('#', '&lang=en#')}`,
      );
      await page.getByTestId('offer').waitFor();
      const payee = page.getByTestId('payee');
      expect(await payee.locator('legend').textContent()).toBe('Where should we pay the money?');
      await payee.getByLabel('Bank card').check();
      await page.getByLabel('Account holder’s name *').fill('Li Lei');
      await page.getByLabel('Bank *').fill('China Merchants Bank');
      await page.getByLabel('Bank card number *').fill('6222021234567895');
      await page.getByRole('button', { name: 'Accept the offer' }).click();
      const error = page.locator('#payee-account-error');
      await error.waitFor();
      expect(await error.textContent()).toBe(
        'This bank card number is not valid; check it and type it again.',
      );
      expect(await error.getAttribute('lang')).toBe('en');
      await payee.getByLabel('Back the way you paid').check();
      await page.getByRole('button', { name: 'Accept the offer' }).click();
      await expect.poll(() => page.locator('#payee-account-error').count()).toBe(0);
      await page.getByRole('button', { name: 'Accept the offer' }).waitFor({ state: 'detached' });
      await page.close();
    });

    it('raised no console errors', () => {
      // The refusals above are the page's own checks: nothing was sent, so nothing was logged.
      expect(errors).toEqual([]);
    });
  },
);
