import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { createTestTable } from '../support/dynamo.js';
import { intakeInput, testDependencies } from '../support/fixtures.js';

/** What EventBridge Scheduler sends (the schedule's input template), as the local timers send it too. */
const schedulerEvent = (scheduledTime: string) => ({
  scheduledTime,
  executionId: 'd1f0c5b2-6f0e-4c1e-9d7a-0f1e2d3c4b5a',
  scheduleArn: 'arn:aws:scheduler:ap-east-1:123456789012:schedule/default/claims-sweep',
});

describe('the sweep and report Lambda handlers, as Scheduler invokes them (DynamoDB Local)', () => {
  let blobDir: string;
  let claimNumber: string;

  beforeAll(async () => {
    const table = await createTestTable();
    blobDir = await mkdtemp(join(tmpdir(), 'claims-blobs-'));
    // Handlers read their configuration at import, as on a cold start.
    process.env['TABLE_NAME'] = table.tableName;
    process.env['DYNAMODB_ENDPOINT'] = table.endpoint;
    process.env['AWS_REGION'] = 'local';
    process.env['BLOB_DIR'] = blobDir;
    const { claim } = await fileClaim(testDependencies(table.store), {
      input: intakeInput(),
      channel: 'web',
      actor: { type: 'customer' },
    });
    claimNumber = claim.number;
  });

  it('the sweep refuses an event that is not Scheduler-shaped, and sweeps as of its scheduled time', async () => {
    const { handler } = await import('../../functions/sweep/handler.js');
    await expect(handler({ scheduledTime: 'yesterday' }, lambdaContext())).rejects.toThrow();
    // Thursday 2026-11-26 18:00 Shanghai: the first reply is due; no queue URL here, so intents stay pending.
    const summary = await handler(schedulerEvent('2026-11-26T10:00:00Z'), lambdaContext());
    // The same run closes quiet executed claims (none here; the use case is tested with the money path).
    expect(summary).toMatchObject({ read: 1, changed: 1, breaches: 1, relayed: 0, autoClosed: [] });
    expect(await handler(schedulerEvent('2026-11-26T10:00:00Z'), lambdaContext())).toMatchObject({
      changed: 0,
    });
  });

  it('the report writes its CSV to the blob folder; with no notify queue it says the files are written', async () => {
    const { handler } = await import('../../functions/report/handler.js');
    await expect(handler(schedulerEvent('2026-11-26T18:00:00Z'), lambdaContext())).rejects.toThrow(
      /report is written/,
    );
    const csv = await readFile(join(blobDir, 'reports', 'overdue', '2026-11-27', 'overdue.csv'), 'utf8');
    expect(csv.split('\r\n')[1]).toContain(`,${claimNumber},`);
  });
});
