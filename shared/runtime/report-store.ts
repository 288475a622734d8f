import { FolderBlobStore } from '../adapters/local/folder-blob-store.js';
import { S3BlobStore } from '../adapters/s3/blob-store.js';
import type { BlobStore } from '../ports/blob-store.js';
import type { RuntimeConfig } from './config.js';
import { s3ClientFor } from './s3-client.js';

/** Key prefix of reports in the reports bucket (the CDK grant covers exactly this prefix). */
export const REPORTS_PREFIX = 'reports/';

/** Where reports are written: the S3 reports bucket in AWS, `.data/blobs/reports/` locally. */
export function reportStore(config: RuntimeConfig): BlobStore {
  if (config.reportsBucket !== undefined) {
    return new S3BlobStore(s3ClientFor(config), config.reportsBucket, REPORTS_PREFIX);
  }
  return new FolderBlobStore(`${config.blobDir ?? '.data/blobs'}/${REPORTS_PREFIX}`);
}
