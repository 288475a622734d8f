import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoMailStore } from '../adapters/dynamodb/mail-store.js';
import { createDocumentClient } from '../adapters/dynamodb/client.js';
import { FolderBlobStore } from '../adapters/local/folder-blob-store.js';
import { OutboxMailer } from '../adapters/local/outbox-mailer.js';
import { composeMail } from '../adapters/mail/compose-mail.js';
import { parseMail } from '../adapters/mail/parse-mail.js';
import { S3BlobStore } from '../adapters/s3/blob-store.js';
import { SesMailer } from '../adapters/ses/mailer.js';
import type { ReceiveEmailDeps } from '../domain/use-cases/receive-email.js';
import type { NotifyDeps } from '../domain/use-cases/send-notification.js';
import type { BlobStore } from '../ports/blob-store.js';
import type { Mailer } from '../ports/mailer.js';
import { buildDependencies } from './composition.js';
import type { RuntimeConfig } from './config.js';
import { ConfigError } from './config.js';
import type { MailConfig } from './mail-config.js';

/** The email-in function's dependencies: the intake ones plus the mail store, blob stores and parser. */
export function buildEmailInDependencies(config: RuntimeConfig, mail: MailConfig): ReceiveEmailDeps {
  const base = buildDependencies(config);
  const limits = base.settings.mail;
  return {
    ...base,
    mailStore: mailStoreOf(config),
    rawMail: blobStore(mail, 'raw-mail', mail.rawMailBucket, 'RAW_MAIL_BUCKET', config.region),
    evidence: blobStore(mail, 'evidence', mail.evidenceBucket, 'EVIDENCE_BUCKET', config.region),
    parse: (raw) => parseMail(raw, limits),
  };
}

/** The notify function's dependencies: the SES mailer in AWS, the outbox folder locally. */
export function buildNotifyDependencies(config: RuntimeConfig, mail: MailConfig): NotifyDeps {
  const base = buildDependencies(config);
  return {
    store: base.store,
    clock: base.clock,
    ids: base.ids,
    settings: base.settings,
    mailStore: mailStoreOf(config),
    mailer: mailerOf(mail, config.region),
    compose: composeMail,
    mailFrom: mail.mailFrom,
    mailDomain: mail.mailDomain,
    publicBaseUrl: mail.publicBaseUrl,
  };
}

function mailStoreOf(config: RuntimeConfig): DynamoMailStore {
  return new DynamoMailStore(
    createDocumentClient({ endpoint: config.dynamoEndpoint, region: config.region }),
    config.tableName,
  );
}

function blobStore(
  mail: MailConfig,
  folder: string,
  bucket: string | undefined,
  variable: string,
  region: string | undefined,
): BlobStore {
  if (bucket !== undefined) return new S3BlobStore(new S3Client(region ? { region } : {}), bucket);
  if (mail.blobDir !== undefined) return new FolderBlobStore(join(mail.blobDir, folder));
  throw new ConfigError(`invalid environment: set ${variable} (or BLOB_DIR locally)`);
}

function mailerOf(mail: MailConfig, region: string | undefined): Mailer {
  if (mail.outboxDir !== undefined) return new OutboxMailer(mail.outboxDir);
  return new SesMailer(new SESClient(region ? { region } : {}), mail.sesConfigurationSet);
}
