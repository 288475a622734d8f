import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import libmime from 'libmime';
import { simpleParser, type AddressObject, type ParsedMail as LibParsedMail } from 'mailparser';
import { ParsedMailSchema, type ParsedMail } from '../../domain/mail/inbound.js';

export interface ParseLimits {
  readonly maxMessageBytes: number;
  readonly maxMimeDepth: number;
  readonly maxHeaderBytes: number;
  readonly maxAttachments: number;
  /** Wall-clock budget; a parse that takes longer is given up (the message is kept raw). */
  readonly timeoutMs?: number;
}

export type ParseResult =
  { readonly ok: true; readonly mail: ParsedMail } | { readonly ok: false; readonly reason: string };

/** Headers the loop rules read (RFC 3834, RFC 2369/2919, de-facto auto-responder and list headers). */
const LOOP_HEADERS =
  /^(auto-submitted|precedence|list-[a-z-]+|x-autoreply|x-autorespond|x-loop|mailing-list|x-mailing-list|sender|return-path|content-type)$/;
/** Headers that may repeat and are read whole (each forwarder adds its own X-Loop). */
const JOINED_HEADERS = new Set(['x-loop']);
/** Text beyond this is not kept on the claim (the raw message stays in the raw-mail store). */
const MAX_TEXT_CHARS = 200_000;
/**
 * MIME parts mailparser reads before it gives up on a message. Not the attachment limit: a mail of 500
 * attachments keeps its first maxAttachments and counts the rest, as documented (at mailparser's 500 the
 * whole message was refused, issue 22); the byte limit bounds the work either way.
 */
const MAX_MIME_PARTS = 5_000;
/** html-to-text on larger HTML is the parser's slowest path; larger HTML parts stay as attachments only. */
const MAX_HTML_TO_TEXT = 2_000_000;

/**
 * Parses raw inbound mail with mailparser inside hard limits, into the domain's ParsedMail.
 * GB2312 and GBK bodies are decoded as GB18030 (their superset: senders label GB18030 text "gb2312"),
 * every other charset by libmime (ISO-2022-JP, Big5, Latin…). Never throws: a message it cannot or
 * may not parse is a `{ ok: false, reason }` and the caller keeps it raw.
 */
export async function parseMail(raw: Uint8Array, limits: ParseLimits): Promise<ParseResult> {
  if (raw.byteLength > limits.maxMessageBytes)
    return { ok: false, reason: `too_large: ${raw.byteLength} bytes > ${limits.maxMessageBytes}` };
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const depth = mimeDepth(buffer, limits.maxMimeDepth + 1);
  if (depth > limits.maxMimeDepth)
    return { ok: false, reason: `too_deep: MIME depth > ${limits.maxMimeDepth}` };

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limits.timeoutMs ?? 20_000);
  });
  try {
    const parsed = await Promise.race([
      simpleParser(buffer, {
        Iconv: Gb18030AwareDecoder,
        checksumAlgo: 'sha256',
        maxHeadSize: limits.maxHeaderBytes,
        maxChildNodes: MAX_MIME_PARTS,
        maxHtmlLengthToParse: MAX_HTML_TO_TEXT,
        skipTextToHtml: true,
        skipImageLinks: true,
        skipTextLinks: true,
      }),
      timeout,
    ]);
    if (parsed === 'timeout') return { ok: false, reason: 'timeout' };
    return { ok: true, mail: toDomain(parsed, limits) };
  } catch (error) {
    return { ok: false, reason: `unparseable: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

function toDomain(parsed: LibParsedMail, limits: ParseLimits): ParsedMail {
  const headers: Record<string, string> = {};
  for (const line of parsed.headerLines) {
    const name = line.key.toLowerCase();
    if (!LOOP_HEADERS.test(name)) continue;
    const value = unfold(line.line.slice(line.line.indexOf(':') + 1));
    if (!(name in headers)) headers[name] = value.slice(0, 2000);
    else if (JOINED_HEADERS.has(name)) headers[name] = `${headers[name] ?? ''}, ${value}`.slice(0, 2000);
  }
  const contentType = /^\s*([^;\s]+)/.exec(headers['content-type'] ?? '')?.[1]?.toLowerCase() ?? 'text/plain';
  const reportType =
    /report-type\s*=\s*"?([^";\s]+)/i.exec(headers['content-type'] ?? '')?.[1]?.toLowerCase() ?? null;

  const rawSubject = parsed.headerLines.find((l) => l.key.toLowerCase() === 'subject');
  const subject = (rawSubject ? decodeGbWords(rawSubject.line) : null) ?? parsed.subject ?? '';

  // HTML-only mail: mailparser's text is html-to-text's output, never the markup itself.
  const text = (parsed.text ?? '').replace(/\r\n/g, '\n').slice(0, MAX_TEXT_CHARS);

  const kept = parsed.attachments.slice(0, limits.maxAttachments);
  const from = firstAddress(parsed.from);
  // A display name in GB words is decoded as GB18030 too (the parser's own decoding says GBK).
  const rawFrom = parsed.headerLines.find((l) => l.key.toLowerCase() === 'from');
  const gbFrom = rawFrom ? decodeGbWords(rawFrom.line) : null;
  const fromName =
    gbFrom !== null && from !== null
      ? gbFrom
          .replace(/<[^>]*>\s*$/, '')
          .trim()
          .replace(/^"(.*)"$/, '$1')
      : (from?.name ?? '');
  const replyTo = firstAddress(parsed.replyTo);
  return ParsedMailSchema.parse({
    messageId: parsed.messageId?.slice(0, 1000) ?? null,
    inReplyTo: ids(parsed.inReplyTo).slice(0, 100),
    references: ids(parsed.references).slice(0, 500),
    from: from && from.address ? { address: from.address.slice(0, 320), name: fromName.slice(0, 500) } : null,
    replyTo: replyTo?.address?.slice(0, 320) ?? null,
    subject: subject.slice(0, 2000),
    text,
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    headers,
    contentType,
    reportType,
    attachments: kept.map((a, n) => ({
      name: safeName(a.filename ?? `attachment-${n + 1}`),
      contentType: (a.contentType || 'application/octet-stream').slice(0, 255),
      size: a.content.length,
      sha256: createHash('sha256').update(a.content).digest('hex'),
      content: new Uint8Array(a.content.buffer, a.content.byteOffset, a.content.length),
    })),
    skippedAttachments: parsed.attachments.length - kept.length,
  });
}

function firstAddress(
  value: AddressObject | AddressObject[] | undefined,
): { address: string; name: string } | null {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const object of list)
    for (const entry of object.value)
      if (entry.address) return { address: entry.address, name: entry.name ?? '' };
  return null;
}

function ids(value: string | string[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? value.split(/\s+/) : [];
  return list.map((id) => id.trim()).filter((id) => id !== '');
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

/** GB2312, GBK and their aliases are decoded as GB18030, which contains them both. */
const GB_FAMILY =
  /^(gb2312|gb_2312-80|gb231280|csgb2312|euc-?cn|x-gbk|gbk|cp936|ms936|windows-936|gb18030)$/i;

/**
 * The decoder mailparser calls for text bodies (its `Iconv` option): GB family → GB18030 via iconv-lite,
 * every other charset through libmime's own decoder (what mailparser uses without the option).
 */
class Gb18030AwareDecoder extends Transform {
  private readonly inner: Transform | null;
  private readonly gb: ReturnType<typeof iconv.getDecoder> | null;

  constructor(charset: string, _target: string) {
    super();
    if (GB_FAMILY.test(charset.trim())) {
      this.gb = iconv.getDecoder('gb18030');
      this.inner = null;
    } else {
      this.gb = null;
      this.inner = libmime.createDecodeStream(charset);
      this.inner.on('data', (chunk: Buffer) => this.push(chunk));
      this.inner.on('error', (error: Error) => this.destroy(error));
    }
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.gb) {
      this.push(Buffer.from(this.gb.write(chunk), 'utf8'));
      done();
    } else {
      this.inner?.write(chunk, done);
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.gb) {
      const rest = this.gb.end();
      if (rest) this.push(Buffer.from(rest, 'utf8'));
      done();
    } else if (this.inner) {
      this.inner.once('end', () => done());
      this.inner.end();
    } else done();
  }
}

/**
 * RFC 2047 encoded words of a raw header line, when any is in a GB charset (libmime would decode those
 * as GBK); null when there is none, so the parser's own decoding stands.
 */
export function decodeGbWords(line: string): string | null {
  const value = unfold(line.slice(line.indexOf(':') + 1));
  const word = /=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g;
  if (![...value.matchAll(word)].some((m) => GB_FAMILY.test(m[1] ?? ''))) return null;
  // Whitespace between adjacent encoded words is not part of the text (RFC 2047 §6.2).
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  return joined.replace(word, (all: string, charset: string, encoding: string, text: string) => {
    if (!GB_FAMILY.test(charset)) return libmime.decodeWords(all);
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          );
    return iconv.decode(bytes, 'gb18030');
  });
}

/**
 * The deepest nesting of multipart boundaries, scanning lines once and stopping past `stopAt`, so a
 * pathological tree is refused before the parser walks it.
 */
export function mimeDepth(raw: Buffer, stopAt: number): number {
  const text = raw.toString('latin1');
  const open: string[] = [];
  let deepest = 0;
  let seen = 0;
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/gi;
  for (const match of text.matchAll(boundary)) {
    const name = match[1] ?? match[2] ?? '';
    const at = match.index;
    // Thousands of parts are refused like a deep tree (and keep this scan linear in practice).
    if (++seen > 2000) return stopAt;
    // Close the boundaries whose end marker appears before this declaration.
    while (open.length > 0) {
      const last = open[open.length - 1] ?? '';
      const close = text.indexOf(`--${last}--`);
      if (close !== -1 && close < at) open.pop();
      else break;
    }
    open.push(name);
    deepest = Math.max(deepest, open.length);
    if (deepest >= stopAt) return deepest;
  }
  return deepest;
}
