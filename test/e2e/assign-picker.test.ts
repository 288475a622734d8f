import { join } from 'node:path';
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
  signInFromDirectory,
  useBrowserStack,
} from './browser.js';

const FiledSchema = z.object({ number: z.string() });

/**
 * Issue 17 in headless Chromium at 1366×768: the assign form picks the assignee from the directory (names,
 * only people of the claim's unit subtree) and the unit from the tree, and offers "assign to me" only to
 * someone the API would accept.
 */
describe.skipIf(!haveChromium)(
  'assign from the directory, in headless Chromium',
  { timeout: E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    const { errors, stackOf, open } = useBrowserStack('claims-e2e-assign-picker');

    it('assigns to me, then dispatches to a store and its agent by name', async () => {
      const { stack, keysFile } = stackOf();
      const keys = await loadLocalKeys(keysFile);
      const hq = await issueLocalToken(keys, {
        role: ['manager'],
        unit: 'HQ',
        sub: 'local-manager-hq',
        approvalLimitFen: 0,
        ttlSeconds: 3600,
      });
      const filed = FiledSchema.parse(
        await callApi(stack, 'POST', '/claims', undefined, {
          claimant: { name: '王芳', phone: '13800138000' },
          product: { name: '电热水壶', orderNumber: 'SO-7101' },
          foundOn: '2026-11-20',
          description: '壶底漏水',
          category: 'product_quality',
          requestedRemedy: 'replacement',
          claimedAmountFen: 19900,
        }),
      );
      await callApi(stack, 'POST', `/staff/claims/${filed.number}/assign`, hq, { unitId: 'EAST' });

      const page = await open('/staff.html', 1366, 768);
      await signInFromDirectory(page, '华东大区经理');
      await page.getByRole('link', { name: filed.number }).click();
      const assignee = page.getByTestId('detail-assignee');
      await assignee.waitFor();
      expect(await assignee.textContent()).toBe('处理人：未分派');
      const actions = page.getByRole('group', { name: '操作' });
      await actions.getByRole('button', { name: '分派', exact: true }).click();
      const form = page.locator('form[data-action="assign"]');
      const people = form.getByLabel('处理人', { exact: true });
      const units = form.getByLabel('单位', { exact: true });
      // Names, not ids: the region's and its store's people, nobody from HQ.
      expect((await people.locator('option').allTextContents()).map((t) => t.trim()).sort()).toEqual(
        ['上海一店专员', '上海一店经理', '不更改', '华东大区专员', '华东大区经理'].sort(),
      );
      expect((await units.locator('option').allTextContents()).map((t) => t.trim())).toEqual([
        '不更改',
        '华东大区',
        '上海一店',
      ]);
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'assign-picker-1366.png') });

      // "Assign to me" is one click beside the other actions.
      await actions.getByRole('button', { name: '分派给我', exact: true }).click();
      await page.getByText('处理人：华东大区经理').waitFor();
      // Already mine: nothing to take.
      expect(await actions.getByRole('button', { name: '分派给我' }).count()).toBe(0);

      await actions.getByRole('button', { name: '分派', exact: true }).click();
      await units.selectOption({ label: '\u3000上海一店' });
      // The store's people only, once the store is chosen.
      expect((await people.locator('option').allTextContents()).map((t) => t.trim()).sort()).toEqual(
        ['上海一店专员', '上海一店经理', '不更改'].sort(),
      );
      await people.selectOption({ label: '上海一店专员' });
      await form.locator('button[type="submit"]').click();
      await page.getByText('处理人：上海一店专员').waitFor();
      expect(await page.getByTestId('detail-unit').textContent()).toContain('上海一店');

      // The region's manager is not a store's person: no "assign to me" on the store's claim.
      expect(await actions.getByRole('button', { name: '分派给我' }).count()).toBe(0);

      // The same form in English, one language only.
      const en = await open('/staff.html?lang=en', 1366, 768);
      await signInFromDirectory(en, '上海一店经理');
      await en.getByRole('link', { name: filed.number }).click();
      await en.getByTestId('detail-assignee').waitFor();
      await en
        .getByRole('group', { name: 'Actions' })
        .getByRole('button', { name: 'Assign', exact: true })
        .click();
      const enForm = en.locator('form[data-action="assign"]');
      expect(await enForm.locator('label').allTextContents()).toEqual(['Assignee', 'Unit']);
      await en
        .getByRole('group', { name: 'Actions' })
        .getByRole('button', { name: 'Assign to me', exact: true })
        .waitFor();
      expect(
        (await enForm.getByLabel('Unit', { exact: true }).locator('option').allTextContents()).map((t) =>
          t.trim(),
        ),
      ).toEqual(['Unchanged', 'Shanghai store 1']);
      expect(errors).toEqual([]);
    });
  },
);
