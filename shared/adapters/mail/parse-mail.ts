import { createHash } from 'node:crypto';
import PostalMime, { type Address, type Attachment, type Email, type PostalMimeOptions } from 'postal-mime';
import { ParsedMailSchema, type ParsedMail } from '../../domain/mail/inbound.js';
import { decodeGbWords, relabelledForGbText } from './gb18030.js';
import { htmlToText } from './html-text.js';

export interface ParseLimits {
  readonly maxMessageBytes: number;
  readonly maxMimeDepth: number;
  /** All the header blocks of the message together (the top one and every part's). */
  readonly maxHeaderBytes: number;
  readonly maxAttachments: number;
}

export type ParseResult =
  { readonly ok: true; readonly mail: ParsedMail } | { readonly ok: false; readonly reason: string };

/** Headers the loop rules read (RFC 3834, RFC 2369, de-facto auto-responder headers). */
const LOOP_HEADERS = /^(auto-submitted|precedence|list-[a-z-]+|x-autoreply|x-autorespond|content-type)$/;
/** Text beyond this is not kept on the claim (the raw message stays in the raw-mail store). */
const MAX_TEXT_CHARS = 200_000;
/** HTML past this is not read for text: the text kept is far shorter anyway. */
const MAX_HTML_TO_TEXT = 2_000_000;
/**
 * postal-mime's cost is per line (each line of a text part becomes a part of a Blob), and nothing can
 * interrupt it: it never yields to the event loop, so no timer can end it. A flood of short lines is
 * its slow path (5–8 µs a line measured), so a message with more lines than the size limit holds at
 * this many bytes a line is refused unparsed. Base64 runs 78 bytes a line.
 */
const MIN_BYTES_PER_LINE = 60;

/**
 * Parses raw inbound mail with postal-mime inside hard limits, into the domain's ParsedMail: message
 * bytes and lines before parsing; MIME depth and header bytes by postal-mime as it reads; attachments
 * kept, the rest counted. Charsets are TextDecoder's, except that GB2312 and GBK text is read as
 * GB18030 (see gb18030.ts); HTML-only mail is reduced to text.
 * Never throws: a message it cannot or may not parse is a `{ ok: false, reason }` and the caller
 * keeps it raw.
 */
export async function parseMail(raw: Uint8Array, limits: ParseLimits): Promise<ParseResult> {
  if (raw.byteLength > limits.maxMessageBytes)
    return { ok: false, reason: `too_large: ${raw.byteLength} bytes > ${limits.maxMessageBytes}` };
  const maxLines = Math.ceil(limits.maxMessageBytes / MIN_BYTES_PER_LINE);
  if (lineCount(raw, maxLines) > maxLines) return { ok: false, reason: `too_large: over ${maxLines} lines` };
  const options: PostalMimeOptions = {
    // A nested message/rfc822 part that is not marked as an attachment is read into this one, its
    // text and attachments with ours (as mailparser did), one level deep: postal-mime parses each
    // level again, so deeper ones (and those in bounces and abuse reports) stay attachments.
    maxRfc822NestingDepth: 1,
    maxNestingDepth: limits.maxMimeDepth,
    maxHeadersSize: limits.maxHeaderBytes,
  };
  try {
    const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const email = await PostalMime.parse(buffer, options);
    let text = bodyText(email);
    const relabelled = relabelledForGbText(buffer, text);
    // Only the text is taken from the second parse; a failure there leaves the first one's.
    if (relabelled !== null) text = await PostalMime.parse(relabelled, options).then(bodyText, () => text);
    return { ok: true, mail: toDomain(email, text, limits) };
  } catch (error) {
    return { ok: false, reason: refusal(error, limits) };
  }
}

/** postal-mime's limits throw plain Errors; their messages are pinned by the adapter's tests. */
function refusal(error: unknown, limits: ParseLimits): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/nesting depth/i.test(message)) return `too_deep: MIME depth > ${limits.maxMimeDepth}`;
  if (/header size/i.test(message)) return `too_large: headers > ${limits.maxHeaderBytes} bytes`;
  return `unparseable: ${message}`;
}

/** Lines in the message, counting no further than past `stopAt`. */
function lineCount(raw: Uint8Array, stopAt: number): number {
  let lines = 1;
  for (let at = raw.indexOf(0x0a); at !== -1 && lines <= stopAt; at = raw.indexOf(0x0a, at + 1)) lines++;
  return lines;
}

/** The plain text; HTML-only mail is reduced to text here, never kept as markup. */
function bodyText(email: Email): string {
  const text =
    email.text ?? (email.html !== undefined ? htmlToText(email.html.slice(0, MAX_HTML_TO_TEXT)) : '');
  return text.replace(/\r\n/g, '\n').slice(0, MAX_TEXT_CHARS);
}

function toDomain(email: Email, text: string, limits: ParseLimits): ParsedMail {
  const headers: Record<string, string> = {};
  for (const line of email.headerLines) {
    if (!LOOP_HEADERS.test(line.key) || line.key in headers) continue;
    headers[line.key] = unfold(line.line.slice(line.line.indexOf(':') + 1)).slice(0, 2000);
  }
  const contentType = /^\s*([^;\s]+)/.exec(headers['content-type'] ?? '')?.[1]?.toLowerCase() ?? 'text/plain';
  const reportType =
    /report-type\s*=\s*"?([^";\s]+)/i.exec(headers['content-type'] ?? '')?.[1]?.toLowerCase() ?? null;

  const rawSubject = email.headerLines.find((l) => l.key === 'subject');
  const subject = (rawSubject ? decodeGbWords(rawSubject.line) : null) ?? email.subject ?? '';

  const kept = email.attachments.slice(0, limits.maxAttachments);
  const from = firstMailbox(email.from ? [email.from] : []);
  // A display name in GB words is decoded as GB18030 too.
  const rawFrom = email.headerLines.find((l) => l.key === 'from');
  const gbFrom = rawFrom ? decodeGbWords(rawFrom.line) : null;
  const fromName =
    gbFrom !== null && from !== null
      ? gbFrom
          .replace(/<[^>]*>\s*$/, '')
          .trim()
          .replace(/^"(.*)"$/, '$1')
      : (from?.name ?? '');
  const replyTo = firstMailbox(email.replyTo ?? []);
  const date = email.date === undefined ? NaN : Date.parse(email.date);
  return ParsedMailSchema.parse({
    messageId: email.messageId?.slice(0, 1000) ?? null,
    inReplyTo: ids(email.inReplyTo).slice(0, 100),
    references: ids(email.references).slice(0, 500),
    from: from ? { address: from.address.slice(0, 320), name: fromName.slice(0, 500) } : null,
    replyTo: replyTo?.address.slice(0, 320) ?? null,
    subject: subject.slice(0, 2000),
    text,
    date: Number.isNaN(date) ? null : new Date(date).toISOString(),
    headers,
    contentType,
    reportType,
    attachments: kept.map((a, n) => {
      const content = bytesOf(a.content);
      return {
        name: safeName(a.filename ?? `attachment-${n + 1}`),
        contentType: (a.mimeType || 'application/octet-stream').slice(0, 255),
        size: content.byteLength,
        sha256: createHash('sha256').update(content).digest('hex'),
        content,
      };
    }),
    skippedAttachments: email.attachments.length - kept.length,
  });
}

/** The first mailbox with an address, looking into groups. */
function firstMailbox(list: readonly Address[]): { address: string; name: string } | null {
  for (const entry of list)
    for (const mailbox of entry.group ?? [entry])
      if (mailbox.address) return { address: mailbox.address, name: mailbox.name };
  return null;
}

/** Attachments are ArrayBuffers (postal-mime's default encoding); calendar parts are Uint8Arrays. */
function bytesOf(content: Attachment['content']): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

function ids(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter((id) => id !== '');
}

function unfold(value: string): string {
  return value.replace(/\r?\n[ \t]+/g, ' ').trim();
}

/** No paths, no control characters; names are shown to staff and used in download headers. */
function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim();
  return (cleaned || 'attachment').slice(0, 255);
}
