import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { localDynamoClient } from '../../infra/local/dynamodb-local.js';
import { LocalQueues } from '../../infra/local/local-queues.js';
import { LOCAL_TABLE_NAME } from '../../infra/local/paths.js';
import { startLocalSqs, type LocalSqsServer } from '../../infra/local/sqs-server.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoClaimStore } from '../../shared/adapters/dynamodb/claim-store.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { intakeInput, testDependencies } from '../support/fixtures.js';

const run = promisify(execFile);
const QUEUE = { visibilityTimeoutSeconds: 30, maxReceiveCount: 3 };

/**
 * `npm run claims -- sweep` and `report` without TABLE_NAME: the local stack's table and its own SQS
 * (SQS_PORT), so their notices reach the notify queue the stack's consumer reads (issue 16 item 4).
 */
describe('operator CLI against the local stack’s queues', () => {
  let queues: LocalQueues;
  let sqs: LocalSqsServer;
  let endpoint: string;

  beforeAll(async () => {
    endpoint = inject('dynamoEndpoint');
    const admin = localDynamoClient(endpoint);
    await ensureTable(admin, LOCAL_TABLE_NAME);
    admin.destroy();
    const store = new DynamoClaimStore(createDocumentClient({ endpoint }), LOCAL_TABLE_NAME);
    // Received 23 November: its first reply is long overdue by the dates below.
    await fileClaim(testDependencies(store), {
      input: intakeInput(),
      channel: 'web',
      actor: { type: 'customer' },
    });
    queues = await LocalQueues.open(null, { notify: QUEUE, payout: QUEUE, 'email-in': QUEUE });
    sqs = await startLocalSqs(queues, 0);
  });

  afterAll(async () => {
    await sqs.stop();
  });

  async function claims(...args: string[]) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DYNAMODB_ENDPOINT: endpoint,
      SQS_PORT: new URL(sqs.endpoint).port,
      BLOB_DIR: mkdtempSync(join(tmpdir(), 'claims-cli-')),
    };
    for (const name of ['TABLE_NAME', 'SQS_ENDPOINT', 'NOTIFY_QUEUE_URL', 'CLAIMS_CLOCK_OFFSET'])
      delete env[name];
    return run('npx', ['tsx', 'infra/cli/claims.ts', ...args], { env });
  }

  it('report --date sends the managers’ notices to the local notify queue', async () => {
    const before = queues.peek('notify').length;
    const { stdout, stderr } = await claims('report', '--date', '2026-12-31');
    expect(stderr).toContain('Writing the overdue report as of 2026-12-30T18:00:00.000Z');
    expect(stdout.trim()).toMatch(/reports\/.+\.csv$/);
    const sent = queues
      .peek('notify')
      .slice(before)
      .map((m) => JSON.parse(m.body) as { kind: string });
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent.map((m) => m.kind))).toEqual(new Set(['overdue_report']));
  });

  it('sweep --now relays what it writes to the local notify queue at once', async () => {
    const before = queues.peek('notify').length;
    const { stdout, stderr } = await claims('sweep', '--now', '2026-12-31T10:00:00+08:00');
    expect(stderr).toContain('Sweeping deadlines as of 2026-12-31T02:00:00.000Z');
    const relayed = Number(/(\d+) outbox messages sent/.exec(stdout)?.[1]);
    expect(relayed).toBeGreaterThan(0);
    expect(queues.peek('notify').length - before).toBe(relayed);
  });
});
