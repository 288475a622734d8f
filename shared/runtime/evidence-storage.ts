import { randomBytes } from 'node:crypto';
import { FolderBlobStore } from '../adapters/local/folder-blob-store.js';
import { LocalUploadSigner } from '../adapters/local/upload-signer.js';
import { S3BlobStore } from '../adapters/s3/blob-store.js';
import { S3UploadSigner } from '../adapters/s3/upload-signer.js';
import type { BlobStore } from '../ports/blob-store.js';
import type { UploadSigner } from '../ports/upload-signer.js';
import type { RuntimeConfig } from './config.js';
import { s3ClientFor } from './s3-client.js';

/** Evidence files (uploads, mailed attachments) and the signer of browser uploads and downloads. */
export interface EvidenceStorage {
  readonly evidence: BlobStore;
  readonly uploads: UploadSigner;
}

/**
 * The evidence store and its URL signer: the S3 bucket and presigned URLs in AWS; locally the folder
 * `<BLOB_DIR>/evidence` (where email-in keeps attachments too) and URLs the local stack verifies with
 * `LOCAL_UPLOAD_SECRET`. Without that secret a random one is used, so only this process could verify
 * its URLs: fine for functions that never sign (the local stack always sets it). Built only by the
 * functions that take evidence (the API and email-in), so the others' bundles carry no S3 client.
 */
export function evidenceStorage(config: RuntimeConfig): EvidenceStorage {
  if (config.evidenceBucket !== undefined) {
    const client = s3ClientFor(config);
    return {
      evidence: new S3BlobStore(client, config.evidenceBucket),
      uploads: new S3UploadSigner(client, config.evidenceBucket),
    };
  }
  return {
    evidence: new FolderBlobStore(`${config.blobDir ?? '.data/blobs'}/evidence`),
    uploads: new LocalUploadSigner(config.localUploadSecret ?? randomBytes(32).toString('base64url')),
  };
}
