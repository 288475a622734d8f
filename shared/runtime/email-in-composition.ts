import { join } from 'node:path';
import { FolderBlobStore } from '../adapters/local/folder-blob-store.js';
import { parseMail } from '../adapters/mail/parse-mail.js';
import { S3BlobStore } from '../adapters/s3/blob-store.js';
import type { ReceiveEmailDeps } from '../domain/use-cases/receive-email.js';
import type { HeldMailReading } from '../domain/use-cases/held-mail.js';
import type { BlobStore } from '../ports/blob-store.js';
import type { PolicySource } from '../ports/policy-store.js';
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
  return {
    ...base,
    mailStore: mailStoreOf(config),
    ...heldMailReading(config, base.policy),
    evidence: blobStore(config, 'evidence', config.evidenceBucket, 'EVIDENCE_BUCKET'),
    replyAddressSecret: replyAddressSecretOf(mail.replyAddressSecret),
  };
}

/**
 * What reading stored inbound mail takes: the raw-mail bucket (a folder locally) and the parser, its limits
 * the policy's mail limits in force when a message is parsed. Email-in and the API's held-mail routes share it.
 */
export function heldMailReading(config: RuntimeConfig, policy: PolicySource): HeldMailReading {
  return {
    rawMail: blobStore(config, 'raw-mail', config.rawMailBucket, 'RAW_MAIL_BUCKET'),
    parse: async (raw) => parseMail(raw, (await policy.current()).settings.mail),
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
