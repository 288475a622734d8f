import { HeadObjectCommand, NotFound, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../shared/adapters/s3/blob-store.js';
import { S3UploadSigner } from '../../shared/adapters/s3/upload-signer.js';
import { LocalUploadSigner, verifyLocalSignature } from '../../shared/adapters/local/upload-signer.js';

const s3 = mockClient(S3Client);
const now = new Date('2026-11-23T02:00:00Z');
const client = () =>
  new S3Client({
    region: 'ap-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });

describe('S3 evidence signing and stat', () => {
  beforeEach(() => s3.reset());

  it('presigns a PUT that binds the content type and length, valid for the given seconds', async () => {
    const signed = await new S3UploadSigner(client(), 'evidence-bucket').signUpload(
      { key: 'uploads/new/01J-abc', contentType: 'image/jpeg', size: 1234 },
      now,
      900,
    );
    const url = new URL(signed.url);
    expect(url.hostname).toBe('evidence-bucket.s3.ap-east-1.amazonaws.com');
    expect(url.pathname).toBe('/uploads/new/01J-abc');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261123T020000Z');
    expect(signed).toMatchObject({
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg' },
      expiresAt: '2026-11-23T02:15:00.000Z',
    });
    // Signing is local: nothing was sent to S3.
    expect(s3.calls()).toHaveLength(0);
  });

  it('presigns a GET that saves the file under its (UTF-8) name', async () => {
    const signed = await new S3UploadSigner(client(), 'evidence-bucket').signDownload(
      { key: 'uploads/new/01J-abc', name: '发票 "1".pdf', contentType: 'application/pdf' },
      now,
      300,
    );
    const url = new URL(signed.url);
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="__ _1_.pdf"; filename*=UTF-8''${encodeURIComponent('发票 "1".pdf')}`,
    );
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
  });

  it('stats an object with HeadObject, and a missing one (bare 404) is null', async () => {
    s3.on(HeadObjectCommand, { Key: 'uploads/new/there' }).resolves({
      ContentLength: 42,
      ContentType: 'application/pdf',
    });
    s3.on(HeadObjectCommand, { Key: 'uploads/new/gone' }).rejects(
      new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } }),
    );
    const store = new S3BlobStore(client(), 'evidence-bucket');
    expect(await store.head('uploads/new/there')).toEqual({ size: 42, contentType: 'application/pdf' });
    expect(await store.head('uploads/new/gone')).toBeNull();
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'evidence-bucket',
      Key: 'uploads/new/there',
    });
  });
});

describe('local signed URLs', () => {
  const signer = new LocalUploadSigner('local-secret-0123456789');
  const paramsOf = (url: string) => {
    const parsed = new URL(url, 'http://127.0.0.1');
    const params = Object.fromEntries(parsed.searchParams);
    const { sig = '', ...rest } = params;
    return { key: parsed.pathname.replace('/local/uploads/', ''), sig, rest };
  };

  it('verifies what it signed, and refuses a changed size, another key or an expired URL', async () => {
    const signed = await signer.signUpload(
      { key: 'uploads/new/K-1', contentType: 'image/png', size: 10 },
      now,
      900,
    );
    const { key, sig, rest } = paramsOf(signed.url);
    expect(verifyLocalSignature('local-secret-0123456789', 'PUT', key, rest, sig, now)).toBeNull();
    expect(
      verifyLocalSignature('local-secret-0123456789', 'PUT', key, { ...rest, size: '11' }, sig, now),
    ).toBe('bad signature');
    expect(verifyLocalSignature('local-secret-0123456789', 'PUT', 'uploads/new/K-2', rest, sig, now)).toBe(
      'bad signature',
    );
    expect(verifyLocalSignature('local-secret-0123456789', 'GET', key, rest, sig, now)).toBe('bad signature');
    const later = new Date(now.getTime() + 901_000);
    expect(verifyLocalSignature('local-secret-0123456789', 'PUT', key, rest, sig, later)).toBe('expired');
    expect(verifyLocalSignature('another-secret-0123456789', 'PUT', key, rest, sig, now)).toBe(
      'bad signature',
    );
  });
});
