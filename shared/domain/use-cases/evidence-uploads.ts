import { createHash } from 'node:crypto';
import type { Evidence } from '../claim.js';
import { loadVisibleClaim } from '../claim-lookup.js';
import { ValidationError, NotFoundError, type FieldIssue } from '../errors.js';
import {
  KEPT_PREFIX,
  UPLOAD_PREFIX,
  keptKey,
  uploadKey,
  uploadScope,
  type UploadRef,
  type UploadRequest,
} from '../evidence.js';
import type { StaffPrincipal } from '../principal.js';
import type { PolicySettings } from '../settings.js';
import type { BlobStore } from '../../ports/blob-store.js';
import type { ClaimStore } from '../../ports/claim-store.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/ids.js';
import type { SignedRequest, UploadSigner } from '../../ports/upload-signer.js';

export interface UploadDeps {
  readonly evidence: BlobStore;
  readonly uploads: UploadSigner;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly settings: PolicySettings;
}

/** An upload checked and hashed, with its bytes, waiting to be kept. */
export interface ReceivedUpload {
  readonly evidence: Evidence;
  readonly bytes: Uint8Array;
}

/** What the browser needs to upload one file, and the reference it sends back with the claim. */
export interface UploadTicket {
  readonly upload: UploadRef;
  readonly request: SignedRequest;
}

/**
 * Sign the upload of one file, for a new claim (`claimId` null) or for material on an existing one.
 * 1. Refuse a file over `evidence.maxUploadBytes` (the type is already on the allow-list by schema).
 * 2. Make an unguessable key (time-ordered id + a fresh random token) under the claim's scope.
 * 3. Sign a PUT for exactly that key, type and size; nothing is written until the browser uploads.
 */
export async function requestUpload(
  deps: UploadDeps,
  input: UploadRequest,
  claimId: string | null,
): Promise<UploadTicket> {
  const { maxUploadBytes, uploadUrlSeconds } = deps.settings.evidence;
  if (input.size > maxUploadBytes) {
    throw new ValidationError('the file is too large', [
      {
        path: 'size',
        message: `at most ${maxUploadBytes} bytes per file`,
        code: 'file_too_large',
        params: { maxMb: Math.floor(maxUploadBytes / (1024 * 1024)) },
      },
    ]);
  }
  const now = deps.clock.now();
  const key = uploadKey(uploadScope(claimId), deps.ids.newId(now), deps.ids.newAccessToken());
  const request = await deps.uploads.signUpload(
    { key, contentType: input.contentType, size: input.size },
    now,
    uploadUrlSeconds,
  );
  return { upload: { key, ...input }, request };
}

/** Files a claim already carries from browser uploads (mailed attachments have their own limit). */
export function uploadedCount(evidence: readonly Evidence[] | undefined): number {
  return (evidence ?? []).filter((e) => e.key.startsWith(KEPT_PREFIX) || e.key.startsWith(UPLOAD_PREFIX))
    .length;
}

export function tooManyUploads(max: number): ValidationError {
  return new ValidationError('too many files', [
    { path: 'uploads', message: `at most ${max} files per claim`, code: 'too_many', params: { max } },
  ]);
}

/**
 * Turn the uploads a request names into evidence, before anything is written.
 * 1. Refuse more files than `evidence.maxUploadsPerClaim` (with those already on the claim), and a key
 *    named twice or already recorded.
 * 2. Each key must lie under the claim's scope (a form's uploads under `new/`, material under the claim).
 * 3. The stored object must exist, have the declared size (within the limit) and, where the store keeps
 *    it, the declared type; then its SHA-256 is computed over the stored bytes (SPEC §14).
 * Any failure is a 400 naming `uploads.<n>`. Nothing is written here: `keepUploads` does that once the
 * caller has decided to write the claim.
 */
export async function receiveUploads(
  deps: Pick<UploadDeps, 'evidence' | 'settings'>,
  refs: readonly UploadRef[],
  target: { claimId: string | null; existing: readonly Evidence[] | undefined },
  source: string,
  at: string,
): Promise<ReceivedUpload[]> {
  if (refs.length === 0) return [];
  const { maxUploadsPerClaim, maxUploadBytes } = deps.settings.evidence;
  if (uploadedCount(target.existing) + refs.length > maxUploadsPerClaim)
    throw tooManyUploads(maxUploadsPerClaim);
  const scope = uploadScope(target.claimId);
  const recorded = new Set((target.existing ?? []).map((e) => e.key));
  const attached = (key: string) => recorded.has(key) || recorded.has(keptKey(key));
  const issues: FieldIssue[] = [];
  refs.forEach((ref, i) => {
    const path = `uploads.${i}`;
    if (!ref.key.startsWith(scope))
      issues.push({ path, message: 'this upload belongs elsewhere', code: 'upload_elsewhere' });
    else if (attached(ref.key))
      issues.push({ path, message: 'this file is already attached', code: 'upload_duplicate' });
    recorded.add(ref.key);
  });
  if (issues.length > 0) throw new ValidationError('some uploads cannot be attached here', issues);

  const received = await Promise.all(
    refs.map(async (ref, i): Promise<ReceivedUpload | FieldIssue> => {
      const path = `uploads.${i}`;
      const stat = await deps.evidence.head(ref.key);
      const missing = {
        path,
        message: `${ref.name} was not received`,
        code: 'upload_missing' as const,
        params: { name: ref.name },
      };
      const mismatch = (what: string) => ({
        path,
        message: `${ref.name} does not have the ${what} declared for it`,
        code: 'upload_mismatch' as const,
        params: { name: ref.name },
      });
      if (!stat) return missing;
      if (stat.size !== ref.size || stat.size > maxUploadBytes) return mismatch('size');
      if (stat.contentType !== undefined && stat.contentType !== ref.contentType) return mismatch('type');
      const bytes = await deps.evidence.get(ref.key);
      if (!bytes || bytes.length !== ref.size) return missing;
      const evidence: Evidence = {
        key: keptKey(ref.key),
        name: ref.name,
        contentType: ref.contentType,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        source,
        addedAt: at,
      };
      return { evidence, bytes };
    }),
  );
  const failed = received.filter((r): r is FieldIssue => 'path' in r);
  if (failed.length > 0) throw new ValidationError('some uploads were not received', failed);
  return received.filter((r): r is ReceivedUpload => !('path' in r));
}

/**
 * Keep received uploads for good: a copy under `kept/` (uploads/ expires), which the evidence names.
 * Called just before the claim's own write, so a refused or replayed request keeps nothing new; if that
 * write then fails, the copy is orphaned (a retry writes the same key again), never the evidence lost.
 */
export async function keepUploads(
  deps: Pick<UploadDeps, 'evidence'>,
  received: readonly ReceivedUpload[],
): Promise<Evidence[]> {
  await Promise.all(
    received.map(({ evidence, bytes }) => deps.evidence.put(evidence.key, bytes, evidence.contentType)),
  );
  return received.map(({ evidence }) => evidence);
}

/**
 * A short-lived download link for one piece of a claim's evidence, for staff who may read the claim.
 * 1. Load the claim as for its detail (404 outside the caller's units); 2. pick the evidence by its
 * position (404 if none); 3. sign a GET that saves it under its name.
 */
export async function evidenceDownload(
  deps: UploadDeps & { readonly store: ClaimStore },
  principal: StaffPrincipal,
  ref: string,
  index: number,
): Promise<{ name: string; contentType: string; size: number; request: SignedRequest }> {
  const claim = await loadVisibleClaim(deps.store, ref, principal);
  const item = claim.evidence?.[index];
  if (!item)
    throw new NotFoundError(`no evidence ${index} on claim ${ref}`, {
      'zh-CN': '找不到这份材料，它可能已被移除。请刷新后再试。',
      en: 'This file was not found; it may have been removed. Reload and try again.',
    });
  const request = await deps.uploads.signDownload(
    { key: item.key, name: item.name, contentType: item.contentType },
    deps.clock.now(),
    deps.settings.evidence.downloadUrlSeconds,
  );
  return { name: item.name, contentType: item.contentType, size: item.size, request };
}
