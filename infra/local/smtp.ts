import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import * as z from '../../shared/zod.js';
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

/** The test header through which local mail says what SES's authentication would have found. */
export const LOCAL_VERDICTS_HEADER = 'X-Local-SES-Verdicts';

const VerdictStatus = z.enum(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED']);
const LocalVerdictsSchema = z.strictObject({
  spf: z.optional(VerdictStatus),
  dkim: z.optional(VerdictStatus),
  dmarc: z.optional(VerdictStatus),
});

export interface LocalVerdicts {
  readonly spf: string;
  readonly dkim: string;
  readonly dmarc: string;
}

/**
 * SES's SPF, DKIM and DMARC verdicts for a locally received message. There is no authentication
 * locally, so every verdict is PASS (ordinary local mail threads as verified mail does in AWS) unless
 * the message carries `X-Local-SES-Verdicts: spf=PASS; dkim=FAIL; dmarc=FAIL`, which sets those that
 * it names. Only this listener reads the header; behind SES it is an ordinary header nobody reads.
 * Returns an error message for a header it cannot read.
 */
export function localVerdicts(raw: Uint8Array): LocalVerdicts | { readonly error: string } {
  const text = Buffer.from(raw.subarray(0, 256 * 1024)).toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  const headerBlock = (end ? text.slice(0, end.index) : text).replace(/\r?\n[ \t]+/g, ' ');
  const line = headerBlock
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${LOCAL_VERDICTS_HEADER.toLowerCase()}:`));
  const defaults = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };
  if (line === undefined) return defaults;
  const pairs = line
    .slice(LOCAL_VERDICTS_HEADER.length + 1)
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [key = '', value = ''] = part.split('=').map((x) => x.trim());
      return [key.toLowerCase(), value.toUpperCase()] as const;
    });
  const parsed = LocalVerdictsSchema.safeParse(Object.fromEntries(pairs));
  if (!parsed.success)
    return {
      error: `${LOCAL_VERDICTS_HEADER} must read like "spf=PASS; dkim=FAIL; dmarc=FAIL" (PASS, FAIL, GRAY or PROCESSING_FAILED)`,
    };
  return { ...defaults, ...parsed.data };
}

/**
 * The local stand-in for SES receiving: an SMTP listener on loopback that stores each message under
 * `inbound/` in the raw-mail folder and enqueues SES's "Received" notification on the email-in queue,
 * so the email-in handler runs exactly as behind the SES receipt rule. There is no spam or virus
 * scanner locally: the verdicts say GRAY ("not scanned"), which the rules do not count as a failure.
 * SPF, DKIM and DMARC come from `localVerdicts`.
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
        const raw = Buffer.concat(chunks);
        const verdicts = localVerdicts(raw);
        if ('error' in verdicts) {
          callback(Object.assign(new Error(`550 ${verdicts.error}`), { responseCode: 550 }));
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
            spfVerdict: { status: verdicts.spf },
            dkimVerdict: { status: verdicts.dkim },
            dmarcVerdict: { status: verdicts.dmarc },
            action: { type: 'S3', bucketName: LOCAL_RAW_MAIL_BUCKET, objectKey },
          },
        };
        options.rawMail
          .put(objectKey, raw, 'message/rfc822')
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
