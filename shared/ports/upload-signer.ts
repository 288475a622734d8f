/** A request the browser makes itself, straight to the evidence store, until `expiresAt`. */
export interface SignedRequest {
  readonly url: string;
  readonly method: 'PUT' | 'GET';
  /** Headers the browser must send exactly as given (they are part of the signature). */
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: string;
}

/**
 * Signs browser uploads and downloads of evidence: S3 presigned URLs in AWS, HMAC-signed URLs served by
 * the local stack on a developer's machine. Signing is local computation; nothing is stored.
 */
export interface UploadSigner {
  signUpload(
    object: { key: string; contentType: string; size: number },
    now: Date,
    expiresInSeconds: number,
  ): Promise<SignedRequest>;
  /** A download that saves the file under `name` (Content-Disposition: attachment). */
  signDownload(
    object: { key: string; name: string; contentType: string },
    now: Date,
    expiresInSeconds: number,
  ): Promise<SignedRequest>;
}
