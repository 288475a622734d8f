import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import * as z from '../../shared/zod.js';
import {
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_MAX_UPLOADS_PER_CLAIM,
  UPLOAD_CONTENT_TYPES,
  UploadRefSchema,
  type UploadRef,
} from '../../shared/domain/evidence.js';
import { apiUrl, request } from './api.js';
import { t, type Lang } from './i18n.js';

/**
 * Evidence on the pages: the file picker of the claim form and the tracking page's material box (files go
 * straight to the evidence store with the signed request the API hands out, before the form is sent), the
 * customer's list of attachments, and the staff console's list with download links.
 */

const MB = 1024 * 1024;
const maxMb = String(DEFAULT_MAX_UPLOAD_BYTES / MB);
const ALLOWED: ReadonlySet<string> = new Set(UPLOAD_CONTENT_TYPES);

const TicketSchema = z.object({
  upload: UploadRefSchema,
  url: z.string(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
});

/**
 * Types a browser may not know by name: Chrome on Windows and Linux gives a phone's HEIC photo no type at
 * all, so it is named by its extension (and accepted, as the API accepts it).
 */
const TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  heic: 'image/heic',
  heif: 'image/heif',
  hif: 'image/heif',
};
const EXTENSIONS = Object.keys(TYPE_BY_EXTENSION).map((e) => `.${e}`);

function contentTypeOf(file: File): string {
  if (file.type !== '' && file.type !== 'application/octet-stream') return file.type;
  return TYPE_BY_EXTENSION[file.name.split('.').at(-1)?.toLowerCase() ?? ''] ?? file.type;
}

/** Images this browser can draw as a thumbnail (HEIC only Safari can: elsewhere the name is listed alone). */
const previewable = (type: string) => type.startsWith('image/') && !/hei[cf]$/.test(type);

/** The same limits the API applies, checked before asking, so the customer hears at once. */
function problemWith(file: File, lang: Lang): string | null {
  if (!ALLOWED.has(contentTypeOf(file))) return t('fileWrongType', lang);
  if (file.size === 0) return t('fileEmpty', lang);
  if (file.size > DEFAULT_MAX_UPLOAD_BYTES) return t('fileTooLarge', lang, { mb: maxMb });
  return null;
}

/**
 * How long one file may take to upload before it is given up as failed, so a stalled connection never
 * leaves the form on "正在上传…": 10 MB at 300 kbit/s, a poor mobile line, is about 4½ minutes.
 */
const UPLOAD_TIMEOUT_MS = 5 * 60_000;

/** Ask the API for a signed upload, then send the file where it says (S3, or the local stack). */
async function upload(file: File, askPath: string, askHeaders: Record<string, string>): Promise<UploadRef> {
  const asked = await request('POST', askPath, {
    headers: askHeaders,
    body: { name: file.name, contentType: contentTypeOf(file), size: file.size },
  });
  const ticket = TicketSchema.safeParse(asked.body);
  if (asked.status !== 201 || !ticket.success) throw new Error(`upload refused (${asked.status})`);
  // Locally the URL is a path on the API's origin; in AWS it is an absolute S3 URL.
  const target = ticket.data.url.startsWith('/') ? await apiUrl(ticket.data.url) : ticket.data.url;
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), UPLOAD_TIMEOUT_MS);
  try {
    const sent = await fetch(target, {
      method: 'PUT',
      headers: ticket.data.headers,
      body: file,
      signal: stop.signal,
    });
    if (!sent.ok) throw new Error(`upload failed (${sent.status})`);
    return ticket.data.upload;
  } finally {
    clearTimeout(timer);
  }
}

export function fileSize(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

interface Picked {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  readonly state: 'uploading' | 'done' | 'failed' | 'refused';
  readonly message?: string;
  readonly ref?: UploadRef;
  /** An object URL of the image for its thumbnail, revoked when the file leaves the list. */
  readonly preview?: string;
}

export interface PickedFiles {
  readonly uploads: readonly UploadRef[];
  /**
   * No file is still uploading. A refused or failed file is listed with its reason and simply not sent:
   * it never holds the form back.
   */
  readonly ready: boolean;
}

let nextId = 0;

/**
 * A multiple-file picker that uploads each file as soon as it is chosen. `askPath` is where to ask for an
 * upload (`/claims/uploads`, or a claim's own, with its token in `askHeaders`); `onChange` hears the
 * finished references.
 */
export function FilePicker({
  lang,
  askPath,
  askHeaders = {},
  onChange,
  error,
}: {
  lang: Lang;
  askPath: string;
  askHeaders?: Record<string, string>;
  onChange: (files: PickedFiles) => void;
  error?: string | undefined;
}) {
  const [items, setItems] = useState<Picked[]>([]);
  // The browser's own button says "Choose Files" in the browser's language, not the page's: it is hidden
  // (still focusable and labelled, for keyboards and screen readers) behind one worded here.
  const picker = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    onChange({
      uploads: items.flatMap((i) => (i.ref ? [i.ref] : [])),
      ready: items.every((i) => i.state !== 'uploading'),
    });
  }, [items]);
  const update = (id: number, change: Partial<Picked>) =>
    setItems((current) => current.map((i) => (i.id === id ? { ...i, ...change } : i)));
  // The thumbnails' object URLs live as long as the picker; removing a file frees its own at once.
  const [previews] = useState(() => new Set<string>());
  useEffect(
    () => () => {
      for (const url of previews) URL.revokeObjectURL(url);
    },
    [],
  );
  const remove = (picked: Picked) => {
    if (picked.preview) {
      URL.revokeObjectURL(picked.preview);
      previews.delete(picked.preview);
    }
    setItems((current) => current.filter((c) => c.id !== picked.id));
  };

  const choose = (event: Event) => {
    const input = event.currentTarget;
    if (!(input instanceof HTMLInputElement) || !input.files) return;
    const chosen = [...input.files];
    input.value = '';
    const room = DEFAULT_MAX_UPLOADS_PER_CLAIM - items.filter((i) => i.state !== 'refused').length;
    setNotice(
      chosen.length > room ? t('tooManyFiles', lang, { n: String(DEFAULT_MAX_UPLOADS_PER_CLAIM) }) : '',
    );
    const added = chosen.slice(0, Math.max(0, room)).map((file): [Picked, File] => {
      const problem = problemWith(file, lang);
      const preview = !problem && previewable(contentTypeOf(file)) ? URL.createObjectURL(file) : undefined;
      if (preview) previews.add(preview);
      const picked: Picked = {
        id: nextId++,
        name: file.name,
        size: file.size,
        state: problem ? 'refused' : 'uploading',
        ...(problem ? { message: problem } : {}),
        ...(preview ? { preview } : {}),
      };
      return [picked, file];
    });
    setItems((current) => [...current, ...added.map(([picked]) => picked)]);
    for (const [picked, file] of added) {
      if (picked.state !== 'uploading') continue;
      upload(file, askPath, askHeaders).then(
        (ref) => update(picked.id, { state: 'done', ref }),
        () => update(picked.id, { state: 'failed', message: t('uploadFailed', lang) }),
      );
    }
  };

  const stateText = (i: Picked) =>
    i.state === 'uploading'
      ? t('uploading', lang)
      : i.state === 'done'
        ? t('uploaded', lang)
        : (i.message ?? '');
  return html`<div class="files">
    <label for="evidence-files">${t('attachments', lang)}</label>
    <input
      type="file"
      id="evidence-files"
      class="sr-only"
      ref=${picker}
      multiple
      accept=${[...UPLOAD_CONTENT_TYPES, ...EXTENSIONS].join(',')}
      aria-describedby=${error ? 'evidence-files-hint evidence-files-error' : 'evidence-files-hint'}
      aria-invalid=${error ? 'true' : 'false'}
      onChange=${choose}
    />
    <button
      type="button"
      class="secondary"
      tabindex="-1"
      aria-hidden="true"
      onClick=${() => picker.current?.click()}
    >
      ${t('chooseFiles', lang)}
    </button>
    <p class="hint" id="evidence-files-hint">
      ${t('attachHint', lang, { n: String(DEFAULT_MAX_UPLOADS_PER_CLAIM), mb: maxMb })}
    </p>
    ${notice ? html`<p class="error" role="alert">${notice}</p>` : null}
    ${error ? html`<p class="error" id="evidence-files-error" role="alert">${error}</p>` : null}
    <ul aria-live="polite" data-testid="picked-files">
      ${items.map(
        (i) =>
          html`<li data-state=${i.state}>
            ${i.preview ? html`<img class="thumb" src=${i.preview} alt="" width="48" height="48" />` : null}
            ${i.name} (${fileSize(i.size)}) —${' '}
            <span class=${i.state === 'failed' || i.state === 'refused' ? 'error' : ''}>${stateText(i)}</span>
            ${' '}<button
              type="button"
              class="secondary"
              aria-label=${`${t('remove', lang)} ${i.name}`}
              onClick=${() => remove(i)}
            >
              ${t('remove', lang)}
            </button>
          </li>`,
      )}
    </ul>
  </div>`;
}

export const EvidenceItemSchema = z.object({
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  addedAt: z.string(),
});

/** The customer's list of attachments on the tracking page (names and sizes; no links). */
export function EvidenceList({
  evidence,
  lang,
}: {
  evidence: readonly z.infer<typeof EvidenceItemSchema>[];
  lang: Lang;
}) {
  if (evidence.length === 0) return null;
  return html`<section class="card">
    <h2>${t('evidence', lang)}</h2>
    <ul data-testid="evidence">
      ${evidence.map((e) => html`<li>${e.name} (${fileSize(e.size)})</li>`)}
    </ul>
  </section>`;
}

const DownloadSchema = z.object({ url: z.string() });

/**
 * The staff console's evidence list: each item asks the API for a short-lived signed link when clicked
 * (links are not made in advance, so none has expired by the time it is used).
 */
/** Images shown as thumbnails in the staff list: the first few, and not the very large ones. */
const THUMBNAILS = 8;
const THUMBNAIL_MAX_BYTES = 5 * 1024 * 1024;

/**
 * A thumbnail of one piece of evidence: its signed download read into a blob (the pages' CSP allows blob:
 * images, and the bucket's CORS the GET), freed when the list goes. Nothing is shown if it cannot be read.
 */
function Thumbnail({
  path,
  name,
  authorization,
}: {
  path: string;
  name: string;
  authorization: Record<string, string>;
}) {
  const [src, setSrc] = useState('');
  useEffect(() => {
    let url = '';
    let live = true;
    void request('GET', path, { headers: authorization }).then(async (result) => {
      const link = DownloadSchema.safeParse(result.body);
      if (result.status !== 200 || !link.success) return;
      const address = link.data.url.startsWith('/') ? await apiUrl(link.data.url) : link.data.url;
      const image = await fetch(address).catch(() => null);
      if (!live || image === null || !image.ok) return;
      url = URL.createObjectURL(await image.blob());
      if (live) setSrc(url);
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [path]);
  return src ? html`<img class="thumb" src=${src} alt=${name} width="48" height="48" />` : null;
}

export function StaffEvidence({
  claimNumber,
  evidence,
  authorization,
  lang,
}: {
  claimNumber: string;
  evidence: readonly z.infer<typeof EvidenceItemSchema>[];
  authorization: Record<string, string>;
  lang: Lang;
}) {
  const [failed, setFailed] = useState(false);
  if (evidence.length === 0) return null;
  const download = async (index: number) => {
    setFailed(false);
    const result = await request(
      'GET',
      `/staff/claims/${encodeURIComponent(claimNumber)}/evidence/${index}`,
      { headers: authorization },
    );
    const link = DownloadSchema.safeParse(result.body);
    if (result.status !== 200 || !link.success) {
      setFailed(true);
      return;
    }
    location.assign(link.data.url.startsWith('/') ? await apiUrl(link.data.url) : link.data.url);
  };
  return html`<div class="card">
    <h3>${t('evidence', lang)}</h3>
    <ul data-testid="staff-evidence">
      ${evidence.map(
        (e, index) =>
          html`<li>
            ${
              e.contentType.startsWith('image/') && index < THUMBNAILS && e.size <= THUMBNAIL_MAX_BYTES
                ? html`<${Thumbnail}
                    path=${`/staff/claims/${encodeURIComponent(claimNumber)}/evidence/${index}`}
                    name=${e.name}
                    authorization=${authorization}
                  />`
                : null
            }
            ${e.name} (${fileSize(e.size)}, ${fileKind(e.contentType, lang)}) ${' '}
            <button
              type="button"
              class="secondary"
              aria-label=${`${t('download', lang)} ${e.name}`}
              onClick=${() => void download(index)}
            >
              ${t('download', lang)}
            </button>
          </li>`,
      )}
    </ul>
    ${failed ? html`<p class="error" role="alert">${t('downloadFailed', lang)}</p>` : null}
  </div>`;
}

/** A file's kind in words for the staff list ("图片", "PDF"), not its media type. */
function fileKind(contentType: string, lang: Lang): string {
  const en = lang === 'en';
  if (contentType.startsWith('image/')) return en ? 'image' : '图片';
  if (contentType === 'application/pdf') return 'PDF';
  if (contentType.startsWith('text/')) return en ? 'text' : '文本';
  return en ? 'document' : '文档';
}
