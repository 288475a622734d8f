import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { createLocalGateway } from './api-gateway.js';
import { localDynamoClient, startDynamoLocal } from './dynamodb-local.js';
import { loadLocalKeys, verifyLocalToken } from './local-auth.js';
import { webPages } from './web-pages.js';
import { startLocalMail, type LocalMail } from './local-mail.js';
import { dailyAtShanghai, every, startSchedules } from './schedules.js';
import { localUploads } from './uploads.js';
import { clockFor } from '../../shared/runtime/composition.js';
import { loadClockOffset } from '../../shared/runtime/config.js';
import type { ClockOffset } from '../../shared/domain/clock-offset.js';
import { openApiPage } from './openapi-page.js';
import { localTextsIn } from './texts-in.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoStaffDirectory } from '../../shared/adapters/dynamodb/staff-directory.js';
import { randomIds } from '../../shared/adapters/random-ids.js';
import { parsePolicySettings } from '../../shared/runtime/config.js';
import { seedExampleStaff } from './example-staff.js';

export interface LocalStackOptions {
  readonly port: number;
  readonly dynamoPort: number;
  /** Persist DynamoDB data here; omit for an in-memory database (tests). */
  readonly dynamoDataDir?: string | undefined;
  readonly keysFile: string;
  readonly tableName: string;
  /** The built web pages (default web/dist). */
  readonly webDir?: string;
  /** Host to listen on: loopback unless told otherwise. */
  readonly host?: string;
  /** Queues, blobs and the outbox live under here; omit to keep queues in memory and files in a temp folder. */
  readonly dataDir?: string | undefined;
  /** The SMTP listener's port (0: any free port). */
  readonly smtpPort?: number | undefined;
  /** The local SQS endpoint's port (0: any free port). */
  readonly sqsPort?: number | undefined;
  /** Run the scheduled functions on timers (the sweep every 15 minutes); off in tests. */
  readonly schedules?: boolean;
  /**
   * Start the queue consumers and the SMTP listener (default true). The intake benchmark turns them off so
   * that the notify function, which runs on its own Lambda in AWS, does not share its two cores with the API.
   */
  readonly consumers?: boolean;
  /** Add the example staff directory's missing people (`npm start`; issue 15). */
  readonly seedStaff?: boolean;
  /** The local sign-in's ID token lifetime (default an hour); e2e tests of token refresh shorten it. */
  readonly tokenTtlSeconds?: number;
}

export interface LocalStack {
  readonly apiUrl: string;
  readonly dynamoEndpoint: string;
  readonly tableCreated: boolean;
  /** Local queues, SMTP listener and outbox (mail in and out). */
  readonly mail: LocalMail;
  /** The rehearsal clock's offset (CLAIMS_CLOCK_OFFSET), when the stack runs "as of" another instant. */
  readonly clockOffset: ClockOffset | undefined;
  /** How many example staff this start added to the directory (0 when seeded before, or not asked). */
  readonly staffSeeded: number;
  stop(): Promise<void>;
}

/**
 * The whole system on loopback: DynamoDB Local with the shared table definition, then the very API
 * handler Lambda runs, behind a local HTTP API that emulates the JWT authorizer.
 * The handler reads its configuration at import, so the environment is set before it is loaded.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  // A malformed CLAIMS_CLOCK_OFFSET stops the start before anything runs; the functions read the same
  // variable (loadConfig), so requests, the sweep and the report share this clock.
  const clockOffset = loadClockOffset(process.env);
  const clock = clockFor({ clockOffset });
  const dynamo = await startDynamoLocal({ port: options.dynamoPort, dataDir: options.dynamoDataDir });
  try {
    const admin = localDynamoClient(dynamo.endpoint);
    const created = (await ensureTable(admin, options.tableName)) === 'created';
    admin.destroy();
    // The local sign-in page lists the directory; `npm start` seeds its example people first.
    const staff = new DynamoStaffDirectory(
      createDocumentClient({ endpoint: dynamo.endpoint }),
      options.tableName,
    );
    const staffSeeded = options.seedStaff
      ? await seedExampleStaff(
          staff,
          parsePolicySettings(process.env['POLICY_SETTINGS']).units,
          clock,
          randomIds,
        )
      : 0;

    process.env['TABLE_NAME'] = options.tableName;
    process.env['DYNAMODB_ENDPOINT'] = dynamo.endpoint;
    process.env['AWS_REGION'] ??= 'local';
    // Locally the payout worker pays through the simulated provider unless told otherwise
    // (PAYMENT_GATEWAY=manual npm start makes finance confirm each payout with a voucher, as in AWS).
    process.env['PAYMENT_GATEWAY'] ??= 'simulated';
    // Business metrics are EMF lines for CloudWatch; locally they would only crowd the console.
    process.env['POWERTOOLS_METRICS_DISABLED'] ??= 'true';
    // Queues first: the API relays to them, so their URLs must be in the env before it is imported.
    const mail = await startLocalMail({ dataDir: options.dataDir, sqsPort: options.sqsPort ?? 0 });
    // The API signs evidence upload and download URLs with this secret; the local upload server checks them.
    const uploadSecret = (process.env['LOCAL_UPLOAD_SECRET'] ??= randomBytes(32).toString('base64url'));
    // The form's proof-of-work challenges live 30 minutes: a new key at each start only asks open forms again.
    process.env['FORM_CHALLENGE_SECRET'] ??= randomBytes(32).toString('base64url');
    // Sealed payee details must open after a restart: the key is generated once and kept with the data.
    process.env['CUSTOMER_DATA_SECRET'] ??= keptLocalKey(options.dataDir);
    try {
      const { handler } = await import('../../functions/api/handler.js');
      const keys = await loadLocalKeys(options.keysFile);
      const web = webPages(options.webDir ?? 'web/dist', keys, staff, {
        ...(options.tokenTtlSeconds === undefined ? {} : { tokenTtlSeconds: options.tokenTtlSeconds }),
      });
      const uploads = localUploads({ blobDir: mail.blobDir, secret: uploadSecret });
      const openApi = openApiPage();
      const textsIn = localTextsIn();
      const server = createLocalGateway({
        handler,
        authorize: (header) => verifyLocalToken(keys, header),
        // Signed evidence uploads, the OpenAPI document, web pages and the local token issuer first, then
        // the outbox page.
        fallback: async (req, res) =>
          (await uploads(req, res)) ||
          (await openApi(req, res)) ||
          (await web(req, res)) ||
          (await textsIn(req, res)) ||
          mail.fallback(req, res),
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      const apiUrl = `http://127.0.0.1:${port}`;
      // Consumers (email-in, notify) and the SMTP listener: tracking links point at this API.
      if (options.consumers ?? true)
        await mail.startConsumers({ publicBaseUrl: apiUrl, smtpPort: options.smtpPort ?? 0 });
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
            clock,
          )
        : () => undefined;
      return {
        apiUrl,
        dynamoEndpoint: dynamo.endpoint,
        tableCreated: created,
        mail,
        clockOffset,
        staffSeeded,
        async stop() {
          stopSchedules();
          await mail.stop();
          server.closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
          await dynamo.stop();
        },
      };
    } catch (error) {
      await mail.stop();
      throw error;
    }
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}

/**
 * The local customer-data key (AES-256-GCM, issue 18): `<dataDir>/customer-data.key`, made on the first start
 * (owner-only), so what was sealed before a restart still opens; without a data folder (tests), a new one.
 */
function keptLocalKey(dataDir: string | undefined): string {
  if (dataDir === undefined) return randomBytes(32).toString('base64url');
  const file = join(dataDir, 'customer-data.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
