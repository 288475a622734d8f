import { mkdtempSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueueName } from '../../shared/domain/messages.js';
import { FolderBlobStore } from '../../shared/adapters/local/folder-blob-store.js';
import { LocalQueues, type LocalQueueSettings } from './local-queues.js';
import { outboxPage } from './outbox-page.js';
import { startLocalConsumer, type LocalConsumer, type SqsLambdaHandler } from './queue-consumer.js';
import { startLocalSmtp, type LocalSmtp } from './smtp.js';
import { QUEUE_URL_VARIABLES, startLocalSqs, type LocalSqsServer } from './sqs-server.js';

/**
 * Which handler consumes each queue locally: the exact export Lambda runs, imported only after the
 * environment is set. `payout` is the registration point for the payout function (another issue):
 * give it a loader and `npm start` consumes the queue; until then its messages wait in the queue.
 */
export const LOCAL_CONSUMERS: Record<QueueName, (() => Promise<SqsLambdaHandler>) | null> = {
  'email-in': async () => (await import('../../functions/email-in/handler.js')).handler,
  notify: async () => (await import('../../functions/notify/handler.js')).handler,
  payout: async () => (await import('../../functions/payout/handler.js')).handler,
};

/**
 * Local queue settings. Visibility is shorter than in AWS (6x the function timeout there) so a failed
 * message is retried within a minute while you watch; maxReceiveCount matches the WorkQueue default.
 */
const QUEUE_SETTINGS: Record<QueueName, LocalQueueSettings> = {
  'email-in': { visibilityTimeoutSeconds: 30, maxReceiveCount: 5 },
  notify: { visibilityTimeoutSeconds: 30, maxReceiveCount: 5 },
  payout: { visibilityTimeoutSeconds: 60, maxReceiveCount: 5 },
};

/** The key of local reply addresses unless REPLY_ADDRESS_SECRET is set (never used in AWS). */
export const LOCAL_REPLY_ADDRESS_SECRET = 'local-development-reply-address-key';

/** SES's own limit for received mail. */
const SMTP_MAX_BYTES = 40 * 1024 * 1024;

export interface LocalMail {
  readonly queues: LocalQueues;
  readonly sqs: LocalSqsServer;
  readonly outboxDir: string;
  readonly blobDir: string;
  /** The SMTP port once consumers are started. */
  smtpPort(): number | undefined;
  /** Serves the outbox page through the local gateway. */
  readonly fallback: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  startConsumers(options: { publicBaseUrl: string; smtpPort: number }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Mail in and out on this machine: the local SQS (persisted under `<dataDir>/queues`), the folders
 * standing in for the raw-mail and evidence buckets and the SES outbox, and (once the API is up) the
 * queue consumers and the SMTP listener. Sets the env the handlers read before any is imported.
 */
export async function startLocalMail(options: {
  dataDir?: string | undefined;
  sqsPort: number;
}): Promise<LocalMail> {
  const root = options.dataDir ?? mkdtempSync(join(tmpdir(), 'claims-local-'));
  const queues = await LocalQueues.open(
    options.dataDir === undefined ? null : join(root, 'queues'),
    QUEUE_SETTINGS,
  );
  const sqs = await startLocalSqs(queues, options.sqsPort);
  const blobDir = join(root, 'blobs');
  const outboxDir = join(root, 'outbox');
  process.env['SQS_ENDPOINT'] = sqs.endpoint;
  for (const [queue, variable] of Object.entries(QUEUE_URL_VARIABLES))
    process.env[variable] = sqs.queueUrl(queue);
  process.env['BLOB_DIR'] = blobDir;
  process.env['OUTBOX_DIR'] = outboxDir;
  process.env['MAIL_DOMAIN'] ??= 'claims.localhost';
  // A fixed development key, so reply addresses in .data/outbox keep working after a restart.
  process.env['REPLY_ADDRESS_SECRET'] ??= LOCAL_REPLY_ADDRESS_SECRET;

  const consumers: LocalConsumer[] = [];
  let smtp: LocalSmtp | undefined;
  const page = outboxPage(outboxDir);
  return {
    queues,
    sqs,
    outboxDir,
    blobDir,
    smtpPort: () => smtp?.port,
    fallback: page,
    async startConsumers({ publicBaseUrl, smtpPort }) {
      process.env['PUBLIC_BASE_URL'] = publicBaseUrl;
      for (const [queue, load] of Object.entries(LOCAL_CONSUMERS)) {
        if (load === null) continue;
        consumers.push(startLocalConsumer(queues, queue, await load()));
      }
      smtp = await startLocalSmtp({
        port: smtpPort,
        rawMail: new FolderBlobStore(join(blobDir, 'raw-mail')),
        queues,
        maxBytes: SMTP_MAX_BYTES,
      });
    },
    async stop() {
      await smtp?.stop();
      await Promise.all(consumers.map((c) => c.stop()));
      await sqs.stop();
      await queues.flush();
    },
  };
}
