import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignedRequest, UploadSigner } from '../../ports/upload-signer.js';

/** The local stack serves signed uploads and downloads under this path (infra/local/uploads.ts). */
export const LOCAL_UPLOAD_PATH = '/local/uploads/';

/**
 * The local stand-in for S3 presigned URLs: an HMAC-SHA256 over method, key, content type, size (or file
 * name) and expiry with a secret the local stack holds. URLs are relative to the API's origin, which
 * locally also serves the pages; the browser resolves them against the API's base URL as for any path.
 */
export class LocalUploadSigner implements UploadSigner {
  constructor(private readonly secret: string) {}

  signUpload(
    object: { key: string; contentType: string; size: number },
    now: Date,
    expiresInSeconds: number,
  ): Promise<SignedRequest> {
    const params = { type: object.contentType, size: String(object.size) };
    return this.sign('PUT', object.key, params, now, expiresInSeconds);
  }

  signDownload(
    object: { key: string; name: string; contentType: string },
    now: Date,
    expiresInSeconds: number,
  ): Promise<SignedRequest> {
    return this.sign(
      'GET',
      object.key,
      { type: object.contentType, name: object.name },
      now,
      expiresInSeconds,
    );
  }

  private sign(
    method: 'PUT' | 'GET',
    key: string,
    fields: Params,
    now: Date,
    expiresInSeconds: number,
  ): Promise<SignedRequest> {
    const expires = Math.floor(now.getTime() / 1000) + expiresInSeconds;
    const params = { ...fields, expires: String(expires) };
    // The browser sends the type it declared; the local server compares it with the signed one.
    const headers: Record<string, string> = method === 'PUT' ? { 'content-type': fields['type'] ?? '' } : {};
    return Promise.resolve({
      url: signedUrl(this.secret, method, key, params),
      method,
      headers,
      expiresAt: new Date(expires * 1000).toISOString(),
    });
  }
}

type Params = Readonly<Record<string, string>>;

function signedUrl(secret: string, method: 'PUT' | 'GET', key: string, params: Params): string {
  const query = new URLSearchParams({ ...params, sig: signature(secret, method, key, params) });
  return `${LOCAL_UPLOAD_PATH}${key}?${query.toString()}`;
}

function signature(secret: string, method: string, key: string, params: Params): string {
  const fields = Object.keys(params)
    .sort()
    .map((name) => `${name}=${params[name] ?? ''}`);
  return createHmac('sha256', secret)
    .update([method, key, ...fields].join('\n'), 'utf8')
    .digest('base64url');
}

/**
 * Checks a request the local stack received against its signature and expiry. `params` are the query
 * parameters other than `sig`, exactly those the signer put in; returns why it is refused, or null.
 */
export function verifyLocalSignature(
  secret: string,
  method: 'PUT' | 'GET',
  key: string,
  params: Params,
  sig: string,
  now: Date,
): 'bad signature' | 'expired' | null {
  const expected = Buffer.from(signature(secret, method, key, params));
  const presented = Buffer.from(sig);
  if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) return 'bad signature';
  const expires = Number(params['expires']);
  if (!Number.isInteger(expires) || expires * 1000 < now.getTime()) return 'expired';
  return null;
}
