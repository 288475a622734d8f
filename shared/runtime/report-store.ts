import { S3Client } from '@aws-sdk/client-s3';
import { FolderBlobStore } from '../adapters/local/folder-blob-store.js';
import { S3BlobStore } from '../adapters/s3/blob-store.js';
import type { BlobStore } from '../ports/blob-store.js';
import type { RuntimeConfig } from './config.js';

/** Key prefix of reports in the reports bucket (the CDK grant covers exactly this prefix). */
export const REPORTS_PREFIX = 'reports/';

/** Where reports are written: the S3 reports bucket in AWS, `.data/blobs/reports/` locally. */
export function reportStore(config: RuntimeConfig): BlobStore {
  if (config.reportsBucket !== undefined) {
    return new S3BlobStore(
      new S3Client(config.region ? { region: config.region } : {}),
      config.reportsBucket,
      REPORTS_PREFIX,
    );
  }
  return new FolderBlobStore(`${config.blobDir ?? '.data/blobs'}/${REPORTS_PREFIX}`);
}
