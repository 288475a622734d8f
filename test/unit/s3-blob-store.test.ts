import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../shared/adapters/s3/blob-store.js';

const s3 = mockClient(S3Client);
const MiB = 1024 * 1024;

async function* chunks(count: number, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < count; i++) yield await Promise.resolve(new Uint8Array(size).fill(65 + (i % 26)));
}

describe('S3BlobStore.putStream', () => {
  beforeEach(() => s3.reset());
  const store = () => new S3BlobStore(new S3Client({ region: 'ap-east-1' }), 'reports-bucket', 'reports/');

  it('sends a small stream as one PutObject under the prefix', async () => {
    s3.on(PutObjectCommand).resolves({});
    await store().putStream('overdue/2026-11-25/overdue.csv', chunks(3, 10), 'text/csv');
    const calls = s3.commandCalls(PutObjectCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toMatchObject({
      Bucket: 'reports-bucket',
      Key: 'reports/overdue/2026-11-25/overdue.csv',
      ContentType: 'text/csv',
    });
    expect(s3.commandCalls(CreateMultipartUploadCommand)).toHaveLength(0);
  });

  it('sends a large stream in 5 MiB parts and completes the upload with their ETags', async () => {
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'u-1' });
    s3.on(UploadPartCommand).callsFake((input: { PartNumber?: number }) => ({
      ETag: `"e${input.PartNumber}"`,
    }));
    s3.on(CompleteMultipartUploadCommand).resolves({});
    await store().putStream('big.csv', chunks(11, MiB), 'text/csv');
    const parts = s3.commandCalls(UploadPartCommand).map((c) => c.args[0].input);
    expect(parts.map((p) => [p.PartNumber, Buffer.isBuffer(p.Body) ? p.Body.length : -1])).toEqual([
      [1, 5 * MiB],
      [2, 5 * MiB],
      [3, 1 * MiB],
    ]);
    expect(s3.commandCalls(CompleteMultipartUploadCommand)[0]?.args[0].input).toMatchObject({
      UploadId: 'u-1',
      MultipartUpload: {
        Parts: [
          { ETag: '"e1"', PartNumber: 1 },
          { ETag: '"e2"', PartNumber: 2 },
          { ETag: '"e3"', PartNumber: 3 },
        ],
      },
    });
  });

  it('aborts the upload when a part fails, and reports the failure', async () => {
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'u-2' });
    s3.on(UploadPartCommand).rejects(new Error('network down'));
    s3.on(AbortMultipartUploadCommand).resolves({});
    await expect(store().putStream('big.csv', chunks(6, MiB), 'text/csv')).rejects.toThrow('network down');
    expect(s3.commandCalls(AbortMultipartUploadCommand)[0]?.args[0].input).toMatchObject({ UploadId: 'u-2' });
    expect(s3.commandCalls(CompleteMultipartUploadCommand)).toHaveLength(0);
  });

  it('refuses keys that climb out of the prefix', async () => {
    await expect(store().put('../secrets', 'x', 'text/plain')).rejects.toThrow('bad blob key');
  });
});
