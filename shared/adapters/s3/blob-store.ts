import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { BlobStore } from '../../ports/blob-store.js';

/** S3's smallest part (but the last); parts are buffered to this size. */
const PART_BYTES = 8 * 1024 * 1024;

/** S3 behind the BlobStore port: one bucket, optionally under a key prefix. */
export class S3BlobStore implements BlobStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix = '',
  ) {}

  async put(key: string, body: Uint8Array | string, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.prefix + key,
        Body: body,
        ContentType: contentType,
      }),
    );
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const result = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }),
      );
      return result.Body ? await result.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
  }

  /** Multipart upload in 8 MB parts, so a large report never sits in memory whole; aborted on failure. */
  async putStream(
    key: string,
    chunks: AsyncIterable<Uint8Array | string>,
    contentType: string,
  ): Promise<void> {
    const Key = this.prefix + key;
    const created = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key, ContentType: contentType }),
    );
    const UploadId = created.UploadId;
    if (!UploadId) throw new Error(`S3 returned no upload id for ${Key}`);
    const parts: { ETag: string; PartNumber: number }[] = [];
    let pending: Buffer[] = [];
    let size = 0;
    const flush = async () => {
      const PartNumber = parts.length + 1;
      const result = await this.client.send(
        new UploadPartCommand({
          Bucket: this.bucket,
          Key,
          UploadId,
          PartNumber,
          Body: Buffer.concat(pending),
        }),
      );
      parts.push({ ETag: result.ETag ?? '', PartNumber });
      pending = [];
      size = 0;
    };
    try {
      for await (const chunk of chunks) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
        pending.push(buffer);
        size += buffer.length;
        if (size >= PART_BYTES) await flush();
      }
      if (size > 0 || parts.length === 0) await flush();
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key,
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (error) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId }));
      throw error;
    }
  }
}
