import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { createLocalGateway } from './api-gateway.js';
import { startDynamoLocal } from './dynamodb-local.js';
import { loadLocalKeys, verifyLocalToken } from './local-auth.js';
import { dailyAtShanghai, every, startSchedules } from './schedules.js';

export interface LocalStackOptions {
  readonly port: number;
  readonly dynamoPort: number;
  /** Persist DynamoDB data here; omit for an in-memory database (tests). */
  readonly dynamoDataDir?: string | undefined;
  readonly keysFile: string;
  readonly tableName: string;
  /** Host to listen on: loopback unless told otherwise. */
  readonly host?: string;
  /** Run the scheduled functions on timers (the sweep every 15 minutes); off in tests. */
  readonly schedules?: boolean;
}

export interface LocalStack {
  readonly apiUrl: string;
  readonly dynamoEndpoint: string;
  readonly tableCreated: boolean;
  stop(): Promise<void>;
}

/**
 * The whole system on loopback: DynamoDB Local with the shared table definition, then the very API
 * handler Lambda runs, behind a local HTTP API that emulates the JWT authorizer.
 * The handler reads its configuration at import, so the environment is set before it is loaded.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const dynamo = await startDynamoLocal({ port: options.dynamoPort, dataDir: options.dynamoDataDir });
  try {
    const admin = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const created = (await ensureTable(admin, options.tableName)) === 'created';
    admin.destroy();

    process.env['TABLE_NAME'] = options.tableName;
    process.env['DYNAMODB_ENDPOINT'] = dynamo.endpoint;
    process.env['AWS_REGION'] ??= 'local';
    const { handler } = await import('../../functions/api/handler.js');
    const keys = await loadLocalKeys(options.keysFile);
    const server = createLocalGateway({ handler, authorize: (header) => verifyLocalToken(keys, header) });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const stopSchedules = options.schedules
      ? startSchedules(
          [
            {
              name: 'deadline-sweep',
              next: every(15),
              load: async () => (await import('../../functions/sweep/handler.js')).handler,
            },
            {
              name: 'overdue-report',
              next: dailyAtShanghai(2),
              load: async () => (await import('../../functions/report/handler.js')).handler,
            },
          ],
          (line) => console.log(line),
        )
      : () => undefined;
    return {
      apiUrl: `http://127.0.0.1:${port}`,
      dynamoEndpoint: dynamo.endpoint,
      tableCreated: created,
      async stop() {
        stopSchedules();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await dynamo.stop();
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}
