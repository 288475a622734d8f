import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { confirmPayout } from '../../shared/domain/use-cases/payouts.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { testDependencies } from '../support/fixtures.js';
import { acceptedMoneyClaim, finance } from '../support/money.js';

const run = promisify(execFile);

describe('npm run claims -- close-quiet', () => {
  let table: TestTable;
  let number: string;
  let claimId: string;

  beforeAll(async () => {
    table = await createTestTable();
    const deps = testDependencies(table.store, undefined, table.money);
    const accepted = await acceptedMoneyClaim(deps);
    await confirmPayout(deps, { payoutId: accepted.payoutId, voucherNumber: 'PZ-1', principal: finance });
    number = accepted.claim.number;
    claimId = accepted.claim.id;
  });

  async function closeQuiet(now: string) {
    const { stdout } = await run('npx', ['tsx', 'infra/cli/claims.ts', 'close-quiet', '--now', now], {
      env: {
        ...process.env,
        TABLE_NAME: table.tableName,
        DYNAMODB_ENDPOINT: table.endpoint,
        AWS_REGION: 'local',
      },
    });
    const last = stdout.trim().split('\n').at(-1) ?? '';
    return z.object({ closed: z.array(z.string()), skipped: z.array(z.string()) }).parse(JSON.parse(last));
  }

  it('closes an executed claim only once its quiet period has passed', async () => {
    expect(await closeQuiet('2026-11-27T02:00:00Z')).toEqual({ closed: [], skipped: [] });
    expect(await closeQuiet('2026-12-01T02:00:01Z')).toEqual({ closed: [number], skipped: [] });
    expect(await table.store.getById(claimId)).toMatchObject({
      status: 'closed',
      closure: { reason: 'auto_closed' },
    });
  });
});
