import * as z from '../zod.js';

/**
 * Evidence the customer uploads from a browser (SPEC §Lifecycle 1: photos, invoices, reports). The browser
 * asks for an upload, sends the file straight to the evidence store with the signed request it got back,
 * then names the upload when it files the claim or adds material. These are the shared limits and shapes;
 * the web form checks files with the same constants before it asks.
 */

/**
 * Images (HEIC/HEIF too: what iPhones and many Android phones take photos in), PDF and the common office
 * formats; anything else is refused before a URL is signed.
 */
export const UPLOAD_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'text/plain',
] as const;
export const UploadContentTypeSchema = z.enum(UPLOAD_CONTENT_TYPES);

/** Defaults of the `evidence` policy settings (the web form reads these; operators may lower them). */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_UPLOADS_PER_CLAIM = 10;

/**
 * Where browser uploads land in the evidence store. Objects here expire after a few days (a lifecycle rule
 * in the data stack), so a file that is never attached to a claim does not stay: abandoned forms, or the
 * public upload route used as free storage.
 */
export const UPLOAD_PREFIX = 'uploads/';

/** Where an upload is kept once it is attached to a claim (no expiry). */
export const KEPT_PREFIX = 'kept/';

/** A file name as the customer's device gave it: no path, no control characters. */
const FileNameSchema = z.string().check(
  z.trim(),
  z.minLength(1),
  z.maxLength(255),
  z.refine((name) => !/[/\\\p{Cc}]/u.test(name), 'a file name without slashes or control characters'),
);

/** What the browser asks for before uploading one file. The size is checked against policy by the use case. */
export const UploadRequestSchema = z.strictObject({
  name: FileNameSchema,
  contentType: UploadContentTypeSchema,
  size: z.int().check(z.gte(1)),
});
export type UploadRequest = z.infer<typeof UploadRequestSchema>;

/**
 * A finished upload as the client names it when filing or adding material: the key it was given and what
 * it declared. The use case checks the stored object against every field before recording evidence.
 */
export const UploadRefSchema = z.strictObject({
  key: z
    .string()
    .check(
      z.maxLength(300),
      z.regex(
        /^uploads\/(new|claims\/[A-Za-z0-9]{1,40})\/[A-Za-z0-9_-]{8,200}$/,
        'an upload key from /uploads',
      ),
    ),
  name: FileNameSchema,
  contentType: UploadContentTypeSchema,
  size: z.int().check(z.gte(1)),
});
export type UploadRef = z.infer<typeof UploadRefSchema>;

/** At most this many references in one request (the per-claim cap in settings is checked by the use case). */
export const UploadRefsSchema = z.array(UploadRefSchema).check(z.maxLength(DEFAULT_MAX_UPLOADS_PER_CLAIM));

/** The prefix an upload for a new claim (`null`) or for material on an existing claim must sit under. */
export function uploadScope(claimId: string | null): string {
  return claimId === null ? `${UPLOAD_PREFIX}new/` : `${UPLOAD_PREFIX}claims/${claimId}/`;
}

/** Keys are unguessable: a time-ordered id and a fresh 128-bit-or-more random token, under the scope. */
export function uploadKey(scope: string, id: string, random: string): string {
  return `${scope}${id}-${random}`;
}

/**
 * Where an attached upload is kept: the same path under `kept/` instead of `uploads/`. Derived, not drawn,
 * so a replayed request writes the same object again rather than a second copy.
 */
export function keptKey(uploadKey: string): string {
  return `${KEPT_PREFIX}${uploadKey.slice(UPLOAD_PREFIX.length)}`;
}

export const EvidenceSettingsSchema = z.prefault(
  z.strictObject({
    /** Largest file a customer may upload, in bytes. */
    maxUploadBytes: z._default(z.int().check(z.positive()), DEFAULT_MAX_UPLOAD_BYTES),
    /** Uploaded files one claim may carry (form and material together; mailed attachments not counted). */
    maxUploadsPerClaim: z._default(z.int().check(z.gte(0), z.lte(DEFAULT_MAX_UPLOADS_PER_CLAIM)), 10),
    /** How long a signed upload URL stays valid. */
    uploadUrlSeconds: z._default(z.int().check(z.gte(60), z.lte(3600)), 900),
    /** How long a staff download link stays valid. */
    downloadUrlSeconds: z._default(z.int().check(z.gte(10), z.lte(3600)), 300),
  }),
  {},
);
export type EvidenceSettings = z.infer<typeof EvidenceSettingsSchema>;
