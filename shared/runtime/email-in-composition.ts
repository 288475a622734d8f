import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { FolderBlobStore } from '../adapters/local/folder-blob-store.js';
import { parseMail } from '../adapters/mail/parse-mail.js';
import { S3BlobStore } from '../adapters/s3/blob-store.js';
import type { ReceiveEmailDeps } from '../domain/use-cases/receive-email.js';
import type { BlobStore } from '../ports/blob-store.js';
import { buildDependencies } from './composition.js';
import { ConfigError, type RuntimeConfig } from './config.js';
import type { MailConfig } from './mail-config.js';
import { mailStoreOf } from './mail-composition.js';

// Apart from the notify function's composition, so that notify's bundle does not carry the mail parser.
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
