import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../functions/api/app.js';
import { routes } from '../../functions/api/routes.js';
import { outboxPage } from '../../infra/local/outbox-page.js';
import { recordFindings } from '../../shared/domain/use-cases/resolution.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { formBody, httpEvent, invoke, staffClaims } from '../support/http.js';
import { agent, investigatingClaim } from '../support/money.js';

/**
 * Issue 22, break 7: seven 500s on attack input — a 5,000-character claim reference (DynamoDB refuses a
 * key over 2,048 bytes), plan amounts summing past 2^53, a malformed %-escape on the local /outbox.
 * The target is none: every hostile request is answered below 500 and writes nothing.
 */
const everyRole = staffClaims(['agent', 'manager', 'finance', 'legal', 'executive', 'admin']);
/** A route's path with each `{param}` replaced. */
const fill = (path: string, value: (name: string) => string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => value(name));

describe('hostile input is answered below 500 and writes nothing (DynamoDB Local)', () => {
  let table: TestTable;
  let api: ReturnType<typeof createApi>;
  let deps: ReturnType<typeof testDependencies>;
  let claimNumber = '';

  beforeAll(async () => {
    table = await createTestTable();
    deps = testDependencies(table.store, undefined, table.money);
    api = createApi(deps);
    const { claim } = await investigatingClaim(deps);
    await recordFindings(deps, {
      ref: claim.id,
      principal: agent,
      input: {
        summary: '批次缺陷',
        evidenceRefs: [],
        rootCause: 'supplier_material',
        responsibility: 'company',
      },
    });
    claimNumber = claim.number;
  });

  const unchanged = async (run: () => Promise<number>) => {
    const before = await table.allItems();
    const status = await run();
    expect(status).toBeLessThan(500);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(await table.allItems()).toEqual(before);
  };

  it('refuses a 5,000-character parameter on every route that takes one', async () => {
    const withParams = routes.filter((r) => r.path.includes('{'));
    expect(withParams.length).toBeGreaterThan(20);
    for (const route of withParams) {
      await unchanged(async () => {
        const result = await invoke(
          api,
          httpEvent(
            route.method,
            fill(route.path, () => 'X'.repeat(5_000)),
            {
              claims: everyRole,
              body: {},
              customerToken: 't'.repeat(43),
            },
          ),
        );
        return result.status;
      });
    }
  });

  it('refuses plan items whose total passes the largest exact amount', async () => {
    const near = Number.MAX_SAFE_INTEGER - 1;
    const items = [1, 2].map(() => ({ kind: 'direct_loss', description: '损失', amountFen: near }));
    await unchanged(async () => {
      const result = await invoke(
        api,
        httpEvent('POST', `/staff/claims/${claimNumber}/propose`, {
          claims: everyRole,
          body: { type: 'compensation', items, executingDepartment: 'finance', dueOn: '2026-12-10' },
        }),
      );
      expect(result.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
      return result.status;
    });
    await unchanged(async () => {
      const result = await invoke(
        api,
        httpEvent('POST', `/staff/claims/${claimNumber}/decide-reconsideration`, {
          claims: everyRole,
          body: { outcome: 'amended', reason: '重新核定', items },
        }),
      );
      return result.status;
    });
  });

  it('answers a malformed escape on the local outbox with 404, not a crash', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'outbox-'));
    writeFileSync(join(folder, 'a.eml'), 'Subject: x\r\n\r\nhello\r\n');
    const page = outboxPage(folder);
    const server = createServer((req, res) => {
      page(req, res).then(
        (handled) => handled || res.writeHead(404).end(),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      for (const path of ['/outbox/%E0%A4%A', '/outbox/%zz?raw', '/outbox/a.eml%']) {
        expect((await fetch(`http://127.0.0.1:${port}${path}`)).status).toBe(404);
      }
      expect((await fetch(`http://127.0.0.1:${port}/outbox/a.eml`)).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('answers random parameters and bodies on every route below 500, writing nothing when it refuses', async () => {
    const param = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: 'binary', maxLength: 50 }),
      fc.constantFrom('%', '%E0%A4%A', '..', 'CLM-2026-000001', '%2F', claimNumber),
      fc.nat({ max: 3000 }).map((n) => '9'.repeat(n)),
    );
    const amount = fc.oneof(fc.integer(), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER));
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({
        type: fc.constantFrom('compensation', 'refund'),
        items: fc.array(
          fc.record({ kind: fc.constant('direct_loss'), description: fc.string(), amountFen: amount }),
          { maxLength: 25 },
        ),
        executingDepartment: fc.string(),
        dueOn: fc.constant('2026-12-10'),
      }),
      fc.constant(formBody({ product: { name: 'x'.repeat(5000) } })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        param,
        body,
        fc.constantFrom(everyRole, staffClaims(['agent'], 'EAST-SH01'), undefined),
        async (route, value, payload, claims) => {
          const before = await table.allItems();
          const path = fill(route.path, () => encodeURIComponent(value).replace(/%25/g, '%'));
          const result = await invoke(
            api,
            httpEvent(route.method, path, {
              rawBody: JSON.stringify(payload),
              customerToken: value.slice(0, 100),
              query: { month: value.slice(0, 10) },
              ...(claims ? { claims } : {}),
            }),
          );
          expect(result.status).toBeLessThan(500);
          if (result.status >= 400) expect(await table.allItems()).toHaveLength(before.length);
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);

  afterAll(() => table.client.destroy());
});
