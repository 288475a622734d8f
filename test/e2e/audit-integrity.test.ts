import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { formBody } from '../support/http.js';
import { fetchedProofHeaders } from '../support/proof-of-work.js';
import { E2E_RETRIES, E2E_STEP_TIMEOUT_MS, haveChromium, signInAsStaff, useBrowserStack } from './browser.js';

const TABLE = 'claims-e2e-audit';

/**
 * Issue 21 item 6 in headless Chromium: the console's claim view says nothing about the audit trail while
 * its hash chain holds, and warns in the console's language once an event item was changed in the table.
 */
describe.skipIf(!haveChromium)(
  'the audit-integrity warning, in headless Chromium',
  { timeout: E2E_STEP_TIMEOUT_MS, retry: E2E_RETRIES },
  () => {
    const { errors, stackOf, open } = useBrowserStack(TABLE);

    it('shows no warning while the chain holds, and names the changed record once it is broken', async () => {
      const filed = await fetch(`${stackOf().stack.apiUrl}/claims`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(await fetchedProofHeaders(stackOf().stack.apiUrl, 'e2e-audit-0001')),
        },
        body: JSON.stringify(formBody()),
      });
      const { number, id } = z.object({ number: z.string(), id: z.string() }).parse(await filed.json());
      const page = await open(`/staff.html#${number}`);
      await signInAsStaff(page, { role: 'manager' });
      await page.goto(`${stackOf().stack.apiUrl}/staff.html#${number}`);
      await page.reload();
      await page.getByTestId('timeline').waitFor();
      expect(await page.getByTestId('audit-integrity').count()).toBe(0);

      // The filing's event, changed in the table behind the application's back.
      const client = createDocumentClient({ endpoint: stackOf().stack.dynamoEndpoint });
      const events = await client.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :event)',
          ExpressionAttributeValues: { ':pk': `CLAIM#${id}`, ':event': 'EVENT#' },
        }),
      );
      const key = z.object({ PK: z.string(), SK: z.string() }).parse(events.Items?.[0]);
      await client.send(
        new UpdateCommand({
          TableName: TABLE,
          Key: { PK: key.PK, SK: key.SK },
          UpdateExpression: 'SET note = :note',
          ExpressionAttributeValues: { ':note': '改过的说明' },
        }),
      );
      await page.reload();
      await page.getByTestId('audit-integrity').waitFor();
      expect(await page.getByTestId('audit-integrity').textContent()).toBe(
        '审计记录校验失败：第 1 条记录被改动',
      );
      await page.goto(`${stackOf().stack.apiUrl}/staff.html?lang=en#${number}`);
      await page.reload();
      await page.getByTestId('audit-integrity').waitFor();
      expect(await page.getByTestId('audit-integrity').textContent()).toBe(
        'Audit trail check failed: record 1 was altered',
      );
      client.destroy();
      expect(errors).toEqual([]);
    });
  },
);
