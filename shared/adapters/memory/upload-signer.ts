import type { SignedRequest, UploadSigner } from '../../ports/upload-signer.js';

/** Unit-test stand-in: hands out `memory://` URLs and remembers what it signed. */
export class InMemoryUploadSigner implements UploadSigner {
  readonly signed: { method: 'PUT' | 'GET'; key: string }[] = [];

  signUpload(
    object: { key: string; contentType: string; size: number },
    now: Date,
    expiresInSeconds: number,
  ): Promise<SignedRequest> {
    this.signed.push({ method: 'PUT', key: object.key });
    return Promise.resolve({
      url: `memory://put/${object.key}`,
      method: 'PUT',
      headers: { 'content-type': object.contentType },
      expiresAt: new Date(now.getTime() + expiresInSeconds * 1000).toISOString(),
    });
  }

  signDownload(object: { key: string }, now: Date, expiresInSeconds: number): Promise<SignedRequest> {
    this.signed.push({ method: 'GET', key: object.key });
    return Promise.resolve({
      url: `memory://get/${object.key}`,
      method: 'GET',
      headers: {},
      expiresAt: new Date(now.getTime() + expiresInSeconds * 1000).toISOString(),
    });
  }
}
