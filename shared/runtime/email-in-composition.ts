import { join } from 'node:path';
import { FolderBlobStore } from '../adapters/local/folder-blob-store.js';
import { parseMail } from '../adapters/mail/parse-mail.js';
import { S3BlobStore } from '../adapters/s3/blob-store.js';
import type { ReceiveEmailDeps } from '../domain/use-cases/receive-email.js';
import type { BlobStore } from '../ports/blob-store.js';
import { buildDependencies } from './composition.js';
import { ConfigError, type RuntimeConfig } from './config.js';
import type { MailConfig } from './mail-config.js';
import type { AtColdStart } from './current-policy.js';
import { mailStoreOf, replyAddressSecretOf } from './mail-composition.js';
import { s3ClientFor } from './s3-client.js';

// Apart from the notify function's composition, so that notify's bundle does not carry the mail parser.
/** The email-in function's dependencies: the intake ones plus the mail store, blob stores and parser. */
export function buildEmailInDependencies(
  config: RuntimeConfig,
  mail: MailConfig,
): AtColdStart<ReceiveEmailDeps> {
  const base = buildDependencies(config);
  // The parser's limits are the policy's mail limits in force when the message is parsed.
  const limits = async () => (await base.policy.current()).settings.mail;
  return {
    ...base,
    mailStore: mailStoreOf(config),
    rawMail: blobStore(config, 'raw-mail', mail.rawMailBucket, 'RAW_MAIL_BUCKET'),
    evidence: blobStore(config, 'evidence', config.evidenceBucket, 'EVIDENCE_BUCKET'),
    parse: async (raw) => parseMail(raw, await limits()),
    replyAddressSecret: replyAddressSecretOf(mail.replyAddressSecret),
  };
}

/** A bucket in AWS (one S3 client for both), a folder under BLOB_DIR locally. */
function blobStore(
  config: RuntimeConfig,
  folder: string,
  bucket: string | undefined,
  variable: string,
): BlobStore {
  if (bucket !== undefined) return new S3BlobStore(s3ClientFor(config), bucket);
  if (config.blobDir !== undefined) return new FolderBlobStore(join(config.blobDir, folder));
  throw new ConfigError(`invalid environment: set ${variable} (or BLOB_DIR locally)`);
}
