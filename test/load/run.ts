/**
 * `npm run load`: N clients file claims for S seconds against `npm start`'s stack, then check that the
 * table gained exactly as many claims as were accepted. Loopback only; bounded in time; stops by itself.
 *
 *   npm start                       # in one terminal
 *   npm run load -- --clients 8 --seconds 60
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { LOCAL_TABLE_NAME } from '../../infra/local/paths.js';
import { formBody } from '../support/http.js';
import { fetchedProofHeaders } from '../support/proof-of-work.js';
import { percentile } from '../bench/stats.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '60' },
    url: { type: 'string', default: `http://127.0.0.1:${process.env['PORT'] ?? 3000}` },
    dynamodb: { type: 'string', default: `http://127.0.0.1:${process.env['DYNAMODB_PORT'] ?? 8000}` },
  },
});
const clients = Math.min(64, Math.max(1, Number(values.clients)));
const seconds = Math.min(600, Math.max(1, Number(values.seconds)));
for (const url of [values.url, values.dynamodb]) {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    console.error(`refusing to send load to ${host}: this tool targets loopback only`);
    process.exit(2);
  }
}

const db = createDocumentClient({ endpoint: values.dynamodb });

/** Claims in the local table. A Scan, which is fine for this offline check and never on a request path. */
async function countClaims(): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: LOCAL_TABLE_NAME,
        Select: 'COUNT',
        FilterExpression: 'entityType = :claim',
        ExpressionAttributeValues: { ':claim': 'Claim' },
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

async function main(): Promise<void> {
  const before = await countClaims();
  console.error(
    `load: ${clients} clients for ${seconds} s against ${values.url} (claims in table: ${before})`,
  );
  const statuses = new Map<string, number>();
  const latencies: number[] = [];
  let accepted = 0;
  const deadline = Date.now() + seconds * 1000;
  let lastReport = Date.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < deadline) {
        // A client does what the form does: asks for a challenge and solves it (issue 18), before the clock
        // starts, so the latency measured is the filing's.
        let proof: Record<string, string>;
        try {
          proof = await fetchedProofHeaders(values.url, `load-${randomUUID()}`);
        } catch (error) {
          const status = `challenge ${error instanceof Error ? error.name : 'error'}`;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          continue;
        }
        const started = performance.now();
        let status: string;
        try {
          const response = await fetch(`${values.url}/claims`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...proof },
            body: JSON.stringify(
              formBody({
                foundOn: new Date().toISOString().slice(0, 10),
                product: { name: `Load ${randomUUID().slice(0, 8)}` },
              }),
            ),
            signal: AbortSignal.timeout(30_000),
          });
          await response.arrayBuffer();
          status = String(response.status);
          if (response.status === 201) accepted++;
        } catch (error) {
          status = error instanceof Error ? error.name : 'error';
        }
        latencies.push(performance.now() - started);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (Date.now() - lastReport > 5000) {
          lastReport = Date.now();
          console.error(
            `  ${Math.round((deadline - Date.now()) / 1000)} s left, ${latencies.length} requests, ${accepted} accepted`,
          );
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const after = await countClaims();
  const serverErrors = [...statuses].filter(([s]) => s.startsWith('5')).reduce((n, [, c]) => n + c, 0);
  console.log(
    `requests ${latencies.length}, ${(latencies.length / seconds).toFixed(1)}/s, p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`,
  );
  console.log(`status counts ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(`accepted ${accepted}, claims added to the table ${after - before}, 5xx ${serverErrors}`);
  const ok = serverErrors === 0 && after - before === accepted;
  console.log(ok ? 'OK: no 5xx and every accepted claim is in the table, once' : 'FAILED');
  db.destroy();
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(
    error instanceof Error && 'code' in error && error.code === 'ECONNREFUSED'
      ? `nothing answers at ${values.url}: start the stack with npm start first`
      : error,
  );
  process.exit(1);
});
