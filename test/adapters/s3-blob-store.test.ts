import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
// The SDK's own stream wrapper (what S3 responses carry), from the SDK's core package.
import { sdkStreamMixin } from '@smithy/core/serde';
import { mockClient } from 'aws-sdk-client-mock';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../shared/adapters/s3/blob-store.js';

const s3 = mockClient(S3Client);
const store = new S3BlobStore(new S3Client({ region: 'ap-east-1' }), 'raw-mail-bucket');

describe('S3BlobStore (aws-sdk-client-mock)', () => {
  afterEach(() => s3.reset());

  it('puts and gets objects by key in its bucket', async () => {
    s3.on(PutObjectCommand).resolves({});
    s3.on(GetObjectCommand, { Bucket: 'raw-mail-bucket', Key: 'inbound/abc' }).resolves({
      Body: sdkStreamMixin(Readable.from([Buffer.from('raw mail')])),
    });
    await store.put('email/x/1', Buffer.from('png'), 'image/png');
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'raw-mail-bucket',
      Key: 'email/x/1',
      ContentType: 'image/png',
    });
    expect(Buffer.from((await store.get('inbound/abc')) ?? []).toString()).toBe('raw mail');
  });

  it('answers null for a missing object and throws other errors', async () => {
    s3.on(GetObjectCommand, { Key: 'missing' }).rejects(new NoSuchKey({ message: 'no', $metadata: {} }));
    s3.on(GetObjectCommand, { Key: 'denied' }).rejects(
      Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }),
    );
    expect(await store.get('missing')).toBeNull();
    await expect(store.get('denied')).rejects.toThrow('Access Denied');
  });

  it('streams large objects as a multipart upload and aborts it on failure', async () => {
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'u1' });
    s3.on(UploadPartCommand).resolves({ ETag: '"e"' });
    s3.on(CompleteMultipartUploadCommand).resolves({});
    const chunks = () => Readable.from([0, 1, 2].map((i) => Buffer.alloc(5 * 1024 * 1024, i)));
    await store.putStream('reports/big.csv', chunks(), 'text/csv');
    expect(s3.commandCalls(UploadPartCommand).map((c) => c.args[0].input.PartNumber)).toEqual([1, 2]);
    expect(
      s3.commandCalls(CompleteMultipartUploadCommand)[0]?.args[0].input.MultipartUpload?.Parts,
    ).toHaveLength(2);

    s3.reset();
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'u2' });
    s3.on(UploadPartCommand).rejects(new Error('network'));
    s3.on(AbortMultipartUploadCommand).resolves({});
    await expect(store.putStream('reports/fail.csv', chunks(), 'text/csv')).rejects.toThrow('network');
    expect(s3.commandCalls(AbortMultipartUploadCommand)[0]?.args[0].input.UploadId).toBe('u2');
  });
});
