import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { SignedRequest, UploadSigner } from '../../ports/upload-signer.js';
import { contentDisposition } from '../content-disposition.js';

/**
 * S3 presigned URLs on the evidence bucket. An upload signs its content type and length, so S3 itself
 * refuses a body of another size or type; a download names the file through the response headers.
 * Signing uses the function's own credentials: a URL can do only what the function's role may do.
 */
export class S3UploadSigner implements UploadSigner {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async signUpload(
    object: { key: string; contentType: string; size: number },
    now: Date,
    expiresInSeconds: number,
  ): Promise<SignedRequest> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: object.key,
      ContentType: object.contentType,
      ContentLength: object.size,
    });
    // The presigner leaves both out of the signature by default; signed, S3 enforces them.
    const url = await getSignedUrl(this.client, command, {
      expiresIn: expiresInSeconds,
      signingDate: now,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    return signed(url, 'PUT', { 'content-type': object.contentType }, now, expiresInSeconds);
  }

  async signDownload(
    object: { key: string; name: string; contentType: string },
    now: Date,
    expiresInSeconds: number,
  ): Promise<SignedRequest> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: object.key,
      ResponseContentType: object.contentType,
      ResponseContentDisposition: contentDisposition(object.name),
    });
    const url = await getSignedUrl(this.client, command, { expiresIn: expiresInSeconds, signingDate: now });
    return signed(url, 'GET', {}, now, expiresInSeconds);
  }
}

function signed(
  url: string,
  method: 'PUT' | 'GET',
  headers: Record<string, string>,
  now: Date,
  expiresInSeconds: number,
): SignedRequest {
  return { url, method, headers, expiresAt: new Date(now.getTime() + expiresInSeconds * 1000).toISOString() };
}
