import { fetchedProofHeaders } from '../support/proof-of-work.js';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exampleStaff } from '../../infra/local/example-staff.js';
import { parsePolicySettings } from '../../shared/runtime/config.js';
import { formBody } from '../support/http.js';
import {
  E2E_RETRIES,
  E2E_STEP_TIMEOUT_MS,
  SCREENSHOTS,
  SIGN_IN,
  axeViolations,
  haveChromium,
  signInFromDirectory,
  useBrowserStack,
} from './browser.js';

/**
 * One language at a time (issue 17): the staff console, the local sign-in page and the dashboard in zh-CN
 * (the default) show no line with both Chinese and an English word, and in English no Chinese, except data
 * (claim numbers, amounts, addresses, the names typed in); and nowhere an enum code such as needs_material.
 * Lines are document.body.innerText split at line breaks and table cells.
 */

const CJK = /[\u4e00-\u9fff]/;
const ENGLISH_WORD = /[A-Za-z]{3,}/;
const ENUM_CODE = /\b[a-z]+(?:_[a-z]+)+\b/;

/** The claim filed here; its words are data, shown as typed in either language. */
const CLAIM = formBody({ claimant: { name: '王芳', phone: '13800138000', email: 'wang.fang@example.com' } });
const CLAIM_DATA = ['王芳', '电热水壶 K1', '壶底漏水，无法使用'];

/**
 * The category codes the administrator keys categories by: the policy editor shows them (a new row's code
 * is typed in), as the data they are. Everywhere else a category is shown by its name.
 */
const CATEGORY_CODES = parsePolicySettings(undefined).categories.map((c) => c.code);

/** Words that are names, not English: a file format, the cloud sign-in service, the other language's name. */
const ALLOWED_IN_ZH = ['CSV', 'PDF', 'Office', 'Cognito', 'English'];
const ALLOWED_IN_EN = ['中文'];

/** The example directory's people and units: names in Chinese, shown as they are in English too; unit ids. */
const settings = parsePolicySettings(undefined);
const STAFF_DATA = [
  ...exampleStaff(settings.units, new Date(0).toISOString()).map((m) => m.name),
  ...settings.units.map((u) => u.name['zh-CN']),
  ...settings.units.map((u) => u.id),
];

/** Data taken out of a line before its words are judged, longest first so a name is not cut. */
function withoutData(line: string, data: readonly string[]): string {
  let rest = line
    .replace(/CLM-[\w-]+/g, ' ')
    .replace(/[\w.+-]+@[\w.-]+/g, ' ')
    .replace(/¥[\d,.]+/g, ' ');
  for (const text of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(text).join(' ');
  return rest;
}

async function visibleLines(page: Page): Promise<string[]> {
  const text = z.string().parse(await page.locator('body').innerText());
  return text
    .split(/[\n\t]/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** The lines of the page that break one-language-at-a-time, with the place they were seen. */
async function offending(page: Page, where: string, lang: 'zh-CN' | 'en'): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(SCREENSHOTS, `console-words-${lang}-${where}.png`), fullPage: true });
  // Every page of the console is also read by axe: no finding of any impact.
  const axe = (await axeViolations(page)).map((v) => `${where}: axe ${v}`);
  return [
    ...axe,
    ...(await visibleLines(page)).flatMap((line) => {
      const rest = withoutData(line, [
        ...CLAIM_DATA,
        ...STAFF_DATA,
        ...(where === 'policy' ? CATEGORY_CODES : []),
        ...(lang === 'en' ? ALLOWED_IN_EN : ALLOWED_IN_ZH),
      ]);
      const mixed = lang === 'en' ? CJK.test(rest) : CJK.test(rest) && ENGLISH_WORD.test(rest);
      return mixed || ENUM_CODE.test(rest) ? [`${where}: ${line}`] : [];
    }),
  ];
}

describe.skipIf(!haveChromium)(
  'the staff console, one language at a time',
  { timeout: 4 * E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    const { errors, stackOf, open } = useBrowserStack('claims-e2e-words');
    let number = '';

    beforeAll(async () => {
      const filed = await fetch(`${stackOf().stack.apiUrl}/claims`, {
        method: 'POST',
        // As the form sends it: consent in formBody, the proof of work solved for its key (issue 18).
        headers: {
          'content-type': 'application/json',
          ...(await fetchedProofHeaders(stackOf().stack.apiUrl, 'e2e-words-0001')),
        },
        body: JSON.stringify(CLAIM),
      });
      number = z.object({ number: z.string() }).parse(await filed.json()).number;
    }, 60_000);

    const words = {
      'zh-CN': {
        query: '',
        back: '← 返回列表',
        commitments: '承诺',
        heldMail: '待核实邮件',
        ledger: '追偿台账',
        showLedger: '查看台账',
        directory: '员工目录',
        policy: '运行策略',
        intake: '登记索赔',
        intakeTitle: '登记电话 / 来访索赔',
        approvals: '待我审批',
        payouts: '待付款',
      },
      en: {
        query: '?lang=en',
        back: '← Back to the queue',
        commitments: 'Commitments',
        heldMail: 'Held mail',
        ledger: 'Recovery ledger',
        showLedger: 'Show ledger',
        directory: 'Staff directory',
        policy: 'Runtime policy',
        intake: 'Register a claim',
        intakeTitle: 'Register a phone or walk-in claim',
        approvals: 'Awaiting my approval',
        payouts: 'Payouts waiting',
      },
    } as const;

    for (const lang of ['zh-CN', 'en'] as const) {
      const w = words[lang];

      it(`shows ${lang} alone to an HQ manager: sign-in, queue, claim, commitments, held mail, dashboard`, async () => {
        const found: string[] = [];
        const page = await open(`/staff.html${w.query}`, 1366, 768);
        await page.getByRole('button', { name: SIGN_IN }).waitFor();
        found.push(...(await offending(page, 'signed-out', lang)));
        await page.getByRole('button', { name: SIGN_IN }).click();
        await page.waitForURL((url) => url.pathname === '/local/oauth2/authorize');
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        found.push(...(await offending(page, 'local-sign-in', lang)));
        await page.goBack();
        await signInFromDirectory(page, '张伟');
        await page.getByRole('link', { name: number }).waitFor();
        found.push(...(await offending(page, 'queue', lang)));
        await page.getByRole('link', { name: number }).click();
        await page.getByTestId('claim-view').waitFor();
        found.push(...(await offending(page, 'claim', lang)));
        await page.getByRole('button', { name: w.back }).click();
        await page.getByRole('button', { name: w.commitments, exact: true }).click();
        await page.getByTestId('commitments-expiring').waitFor();
        found.push(...(await offending(page, 'commitments', lang)));
        await page.getByRole('button', { name: w.heldMail, exact: true }).click();
        await page.getByTestId('held-none').waitFor();
        found.push(...(await offending(page, 'held-mail', lang)));
        await page.getByRole('button', { name: w.intake, exact: true }).click();
        await page.getByRole('heading', { name: w.intakeTitle }).waitFor();
        found.push(...(await offending(page, 'intake', lang)));
        await page.getByRole('button', { name: w.approvals, exact: true }).click();
        await page.getByTestId('approvals-none').waitFor();
        found.push(...(await offending(page, 'approvals', lang)));
        await page.goto(`${stackOf().stack.apiUrl}/dashboard.html${w.query}`);
        await page.getByTestId('total').waitFor();
        found.push(...(await offending(page, 'dashboard', lang)));
        expect(found).toEqual([]);
      });

      it(`shows ${lang} alone to finance: claim with its money, and the recovery ledger`, async () => {
        const found: string[] = [];
        const page = await open(`/staff.html${w.query}`, 1366, 768);
        await signInFromDirectory(page, '刘洋');
        await page.getByRole('link', { name: number }).waitFor();
        // Finance approves nothing: no "awaiting my approval" switch, no approvals section.
        expect(await page.locator('#approval-filter').count()).toBe(0);
        expect(await page.getByRole('button', { name: w.approvals, exact: true }).count()).toBe(0);
        await page.getByRole('link', { name: number }).click();
        await page.getByTestId('claim-view').waitFor();
        // No payout yet on a claim just filed: the payouts list shows only once one is requested.
        found.push(...(await offending(page, 'finance-claim', lang)));
        await page.getByRole('button', { name: w.back }).click();
        await page.getByRole('button', { name: w.payouts, exact: true }).click();
        await page.getByTestId('payouts-none').waitFor();
        found.push(...(await offending(page, 'payouts', lang)));
        await page.getByRole('button', { name: w.ledger, exact: true }).click();
        await page.getByRole('button', { name: w.showLedger }).click();
        await page.getByTestId('ledger-totals').waitFor();
        found.push(...(await offending(page, 'ledger', lang)));
        expect(found).toEqual([]);
      });

      it(`shows ${lang} alone to an administrator: the staff directory and the runtime policy`, async () => {
        const found: string[] = [];
        const page = await open(`/staff.html${w.query}`, 1366, 768);
        await signInFromDirectory(page, '赵磊');
        await page.getByRole('button', { name: w.directory, exact: true }).click();
        await page.getByTestId('staff-directory').waitFor();
        found.push(...(await offending(page, 'directory', lang)));
        await page.getByRole('button', { name: w.policy, exact: true }).click();
        await page.getByTestId('policy-units').waitFor();
        found.push(...(await offending(page, 'policy', lang)));
        expect(found).toEqual([]);
      });
    }

    it('the local outbox page has no accessibility finding', async () => {
      const page = await open('/outbox', 1366, 768);
      await page.waitForLoadState('networkidle');
      expect(await axeViolations(page)).toEqual([]);
    });

    it('raised no console errors on any page', () => {
      expect(errors).toEqual([]);
    });
  },
);
