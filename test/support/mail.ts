import { randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import iconv from 'iconv-lite';
import type { SesReceivedNotification } from '../../shared/domain/mail/ses-notification.js';

/** Raw message bytes: header lines (UTF-8, as RFC 6532 allows) and a body already in its charset. */
export function rawMail(headers: readonly string[], body: Uint8Array | string): Buffer {
  return Buffer.concat([
    Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'utf8'),
    typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body),
  ]);
}

/** An RFC 2047 B-encoded word of `text` in `charset`. */
export function encodedWord(text: string, charset: string): string {
  return `=?${charset}?B?${iconv.encode(text, charset).toString('base64')}?=`;
}

export function encode(text: string, charset: string): Buffer {
  return iconv.encode(text, charset);
}

export interface SesOverrides {
  source?: string;
  spam?: string;
  virus?: string;
  timestamp?: string;
  /** SES's SPF, DKIM and DMARC verdicts; PASS unless given (`null` leaves a verdict out). */
  spf?: string | null;
  dkim?: string | null;
  dmarc?: string | null;
  dmarcPolicy?: string;
  /** The envelope recipients (RCPT TO); default the claims address. */
  recipients?: string[];
  /** `mail.commonHeaders.from` as SES reads it; left out unless given. */
  commonFrom?: string[];
}

/** SES's "Received" notification for a message stored under `objectKey`. */
export function sesNotification(objectKey: string, overrides: SesOverrides = {}): SesReceivedNotification {
  const timestamp = overrides.timestamp ?? '2026-11-23T02:00:00.000Z';
  const recipients = overrides.recipients ?? ['claims@claims.example'];
  const verdict = (name: string, status: string | null | undefined) =>
    status === null ? {} : { [name]: { status: status ?? 'PASS' } };
  return {
    notificationType: 'Received',
    mail: {
      timestamp,
      source: overrides.source ?? 'customer@example.com',
      messageId: randomUUID(),
      destination: recipients,
      ...(overrides.commonFrom ? { commonHeaders: { from: overrides.commonFrom } } : {}),
    },
    receipt: {
      timestamp,
      recipients,
      spamVerdict: { status: overrides.spam ?? 'PASS' },
      virusVerdict: { status: overrides.virus ?? 'PASS' },
      ...verdict('spfVerdict', overrides.spf),
      ...verdict('dkimVerdict', overrides.dkim),
      ...verdict('dmarcVerdict', overrides.dmarc),
      ...(overrides.dmarcPolicy ? { dmarcPolicy: overrides.dmarcPolicy } : {}),
      action: { type: 'S3', bucketName: 'raw-mail', objectKey },
    },
  };
}

/** An SQS event as Lambda builds it, one record per body. */
export function sqsEvent(bodies: readonly unknown[], receiveCount = 1): SQSEvent {
  return {
    Records: bodies.map((body, n): SQSRecord => ({
      messageId: `m-${n}-${randomUUID()}`,
      receiptHandle: `rh-${n}`,
      body: JSON.stringify(body),
      attributes: {
        ApproximateReceiveCount: String(receiveCount),
        SentTimestamp: '0',
        SenderId: 'x',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:ap-east-1:123456789012:q',
      awsRegion: 'ap-east-1',
    })),
  };
}
