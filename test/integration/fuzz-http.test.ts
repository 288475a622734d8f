import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';

/**
 * Random and malformed requests never produce a 5xx, and a refused request never writes.
 * The table is compared whole before and after each refused request (DynamoDB Local, small table).
 */
describe('HTTP fuzzing', () => {
  let table: TestTable;
  let api: ReturnType<typeof createApi>;
  beforeAll(async () => {
    table = await createTestTable();
    api = createApi(testDependencies(table.store));
  });

  const jsonValue = fc.jsonValue({ maxDepth: 3 });
  /** Valid form bodies with one field replaced by junk, or junk at the top level. */
  const mutatedBody = fc.oneof(
    jsonValue,
    fc
      .record({
        key: fc.constantFrom(...Object.keys(formBody()), 'status', 'version', '__proto__'),
        value: jsonValue,
      })
      .map(({ key, value }) => ({
        ...formBody(),
        [key]: value,
      })),
  );
  const path = fc.oneof(
    fc.constantFrom(
      '/claims',
      '/claims/CLM-2026-000001',
      '/claims/CLM-2026-000001/material',
      '/staff/claims',
      '/staff/search',
      '/staff/me',
    ),
    fc.webPath(),
    fc.string({ maxLength: 60 }).map((s) => `/claims/${s}`),
    fc.string({ maxLength: 60 }).map((s) => `/staff/claims/${encodeURIComponent(s)}/assign`),
  );
  const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH');
  const headers = fc.dictionary(
    fc.constantFrom('idempotency-key', 'content-type', 'x-anything', 'authorization', 'x-claim-token'),
    fc.string({ maxLength: 200 }),
  );
  const query = fc.dictionary(
    fc.constantFrom('token', 'limit', 'cursor', 'status', 'order', 'unit', 'phone', 'number', 'zzz'),
    fc.string({ maxLength: 80 }),
  );

  it('answers every random request below 500, and writes nothing when it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(
        method,
        path,
        headers,
        query,
        fc.oneof(
          mutatedBody.map((b) => JSON.stringify(b)),
          fc.string({ maxLength: 300 }),
        ),
        fc.boolean(),
        async (m, p, h, q, rawBody, asStaff) => {
          const before = await table.allItems();
          const event = httpEvent(m, p, {
            headers: h,
            query: q,
            rawBody,
            ...(asStaff ? { claims: staffClaims(['agent']) } : {}),
          });
          const result = await invoke(api, event);
          expect(result.status).toBeLessThan(500);
          if (result.status >= 400) expect(await table.allItems()).toHaveLength(before.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses every body with a server-owned or unknown field, naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('status', 'version', 'assigneeId', 'accessTokenHashes', 'severity', 'number'),
        jsonValue,
        async (field, value) => {
          const before = await table.allItems();
          const result = await invoke(
            api,
            httpEvent('POST', '/claims', { body: { ...formBody(), [field]: value } }),
          );
          expect(result.status).toBe(400);
          expect(JSON.stringify(result.body)).toContain(field);
          expect(await table.allItems()).toHaveLength(before.length);
        },
      ),
      { numRuns: 30 },
    );
  });
});
