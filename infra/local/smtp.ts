import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SesReceivedNotification } from '../../shared/domain/mail/ses-notification.js';
import type { BlobStore } from '../../shared/ports/blob-store.js';
import type { LocalQueues } from './local-queues.js';

export interface LocalSmtp {
  readonly port: number;
  stop(): Promise<void>;
}

export interface LocalSmtpOptions {
  readonly port: number;
  /** The raw-mail store (the local folder standing in for the raw-mail bucket). */
  readonly rawMail: BlobStore;
  readonly queues: LocalQueues;
  /** Largest message accepted (SES accepts 40 MB); larger ones are refused in the SMTP session. */
  readonly maxBytes: number;
}

/** Where SES stores inbound mail (the data stack's RAW_MAIL_PREFIX; a test pins that they agree). */
export const LOCAL_RAW_MAIL_PREFIX = 'inbound/';

/** The bucket name the local notifications carry; the local raw-mail store ignores it. */
export const LOCAL_RAW_MAIL_BUCKET = 'local-raw-mail';

/**
 * The local stand-in for SES receiving: an SMTP listener on loopback that stores each message under
 * `inbound/` in the raw-mail folder and enqueues SES's "Received" notification on the email-in queue,
 * so the email-in handler runs exactly as behind the SES receipt rule. There is no spam or virus
 * scanner locally: the verdicts say GRAY ("not scanned"), which the rules do not count as a failure.
 */
export async function startLocalSmtp(options: LocalSmtpOptions): Promise<LocalSmtp> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    banner: 'claims desk local mail (SES stand-in)',
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error('552 message exceeds the size limit'), { responseCode: 552 }));
          return;
        }
        const messageId = randomBytes(16).toString('hex');
        const objectKey = `${LOCAL_RAW_MAIL_PREFIX}${messageId}`;
        const now = new Date().toISOString();
        const notification: SesReceivedNotification = {
          notificationType: 'Received',
          mail: {
            timestamp: now,
            source: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            messageId,
            destination: session.envelope.rcptTo.map((r) => r.address),
          },
          receipt: {
            timestamp: now,
            recipients: session.envelope.rcptTo.map((r) => r.address),
            spamVerdict: { status: 'GRAY' },
            virusVerdict: { status: 'GRAY' },
            action: { type: 'S3', bucketName: LOCAL_RAW_MAIL_BUCKET, objectKey },
          },
        };
        options.rawMail
          .put(objectKey, Buffer.concat(chunks), 'message/rfc822')
          .then(() => options.queues.send('email-in', JSON.stringify(notification)))
          .then(
            () => callback(),
            (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
          );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
