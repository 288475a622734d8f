import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { BlobStat, BlobStore } from '../../ports/blob-store.js';

/** S3 takes parts of at least 5 MiB (the last may be smaller); one part buffer is all a stream holds. */
const PART_BYTES = 5 * 1024 * 1024;

/**
 * BlobStore on one S3 bucket, under an optional key prefix. `putStream` sends a small body with one
 * PutObject and a larger one as a multipart upload, part by part, so memory stays at one part whatever
 * the size; a failed upload is aborted (the bucket's lifecycle rule cleans up if even that fails).
 */
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
        Key: this.keyOf(key),
        Body: body,
        ContentType: contentType,
      }),
    );
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const result = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) }),
      );
      return result.Body ? await result.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
  }

  async head(key: string): Promise<BlobStat | null> {
    try {
      const result = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) }),
      );
      return { size: result.ContentLength ?? 0, contentType: result.ContentType };
    } catch (error) {
      // HEAD has no body, so S3 answers a missing key with a bare 404 (NotFound), not NoSuchKey.
      if (error instanceof NotFound || error instanceof NoSuchKey) return null;
      throw error;
    }
  }

  async putStream(
    key: string,
    chunks: AsyncIterable<Uint8Array | string>,
    contentType: string,
  ): Promise<void> {
    const Key = this.keyOf(key);
    let buffered: Buffer[] = [];
    let size = 0;
    let uploadId: string | undefined;
    const parts: { ETag: string; PartNumber: number }[] = [];

    const flush = async (): Promise<void> => {
      if (uploadId === undefined) {
        const created = await this.client.send(
          new CreateMultipartUploadCommand({ Bucket: this.bucket, Key, ContentType: contentType }),
        );
        if (created.UploadId === undefined) throw new Error('S3 returned no UploadId');
        uploadId = created.UploadId;
      }
      const PartNumber = parts.length + 1;
      const result = await this.client.send(
        new UploadPartCommand({
          Bucket: this.bucket,
          Key,
          UploadId: uploadId,
          PartNumber,
          Body: Buffer.concat(buffered),
        }),
      );
      if (result.ETag === undefined) throw new Error(`S3 returned no ETag for part ${PartNumber}`);
      parts.push({ ETag: result.ETag, PartNumber });
      buffered = [];
      size = 0;
    };

    try {
      for await (const chunk of chunks) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
        buffered.push(bytes);
        size += bytes.length;
        if (size >= PART_BYTES) await flush();
      }
      if (uploadId === undefined) {
        await this.put(key, Buffer.concat(buffered), contentType);
        return;
      }
      if (size > 0) await flush();
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (error) {
      if (uploadId !== undefined) {
        // Best effort: the original error is what matters; the lifecycle rule drops what remains.
        await this.client
          .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId: uploadId }))
          .catch(() => undefined);
      }
      throw error;
    }
  }

  private keyOf(key: string): string {
    if (key.startsWith('/') || key.split('/').includes('..')) throw new Error(`bad blob key ${key}`);
    return `${this.prefix}${key}`;
  }
}
