import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { convert as htmlToText } from 'html-to-text';
import iconv from 'iconv-lite';
import libmime from 'libmime';
import {
  simpleParser,
  type AddressObject,
  type Attachment,
  type ParsedMail as LibParsedMail,
} from 'mailparser';
import { ParsedMailSchema, type ParsedMail } from '../../domain/mail/inbound.js';
import { GB_FAMILY, UNLABELLED, decodeLabelled, decodeUnlabelled, normalizeRawMail } from './charsets.js';
import { isMsg, isTnef, type MailFile } from './outlook-files.js';

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

/** Forwarded messages (message/rfc822 parts) whose text is read into the claim, and how deep. */
const MAX_FORWARDED = 3;
const MAX_FORWARD_DEPTH = 2;

/**
 * Parses raw inbound mail with mailparser inside hard limits, into the domain's ParsedMail.
 * First `normalizeRawMail` makes the raw bytes readable (raw 8-bit header values re-encoded from their
 * detected charset, unlabelled text parts marked for detection, a whitespace-only separator line
 * emptied). Bodies: GB2312 and GBK as GB18030 (their superset: senders label GB18030 text "gb2312"),
 * every other label by libmime (ISO-2022-JP, Big5, Latin…), a UTF-8 body under a legacy label as
 * UTF-8, an unlabelled one by detection. The claim text is the best readable part anywhere in the tree
 * (see `bestText`); Outlook's winmail.dat and .msg attachments are unpacked (`./outlook.ts`, loaded
 * only for such mail). Never throws: a message it cannot or may not parse is a `{ ok: false, reason }`
 * and the caller keeps it raw.
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
    const mail = await Promise.race([read(buffer, limits), timeout]);
    if (mail === 'timeout') return { ok: false, reason: 'timeout' };
    return { ok: true, mail };
  } catch (error) {
    return { ok: false, reason: `unparseable: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

async function read(buffer: Buffer, limits: ParseLimits): Promise<ParsedMail> {
  const parsed = await parseTree(buffer, limits);
  const text = await bestText(parsed, limits, 0);
  let attachments: readonly MailFile[] = parsed.attachments;
  if (attachments.some((a) => isTnef(a) || isMsg(a))) {
    // Rare mail: the TNEF and .msg readers are their own chunk, loaded for such mail only.
    const { unpackOutlook } = await import('./outlook.js');
    attachments = unpackOutlook(attachments, limits.maxAttachments + 1);
  }
  return toDomain(parsed, text, attachments, limits);
}

async function parseTree(raw: Buffer, limits: ParseLimits): Promise<LibParsedMail> {
  const normalized = await normalizeRawMail(raw);
  return simpleParser(normalized.raw, {
    Iconv: bodyDecoder(normalized.declared),
    checksumAlgo: 'sha256',
    maxHeadSize: limits.maxHeaderBytes,
    maxChildNodes: MAX_MIME_PARTS,
    maxHtmlLengthToParse: MAX_HTML_TO_TEXT,
    skipTextToHtml: true,
    skipImageLinks: true,
    skipTextLinks: true,
  });
}

/**
 * The readable text of a message: its text/plain; else its HTML (anywhere in the tree: mailparser
 * collects HTML parts beside images in multipart/related or attachments in multipart/mixed) as text;
 * else a text/enriched or text/richtext part converted. A forwarded message's text follows below a
 * separator, and a message/partial fragment gets a note that the message came in pieces.
 */
async function bestText(parsed: LibParsedMail, limits: ParseLimits, depth: number): Promise<string> {
  let text = (parsed.text ?? '').replace(/\r\n/g, '\n');
  if (text.trim() === '' && typeof parsed.html === 'string' && parsed.html.length <= MAX_HTML_TO_TEXT)
    text = htmlText(parsed.html);
  if (text.trim() === '') {
    const rich = parsed.attachments.find((a) => /^text\/(enriched|richtext)$/i.test(a.contentType));
    if (rich)
      text = enrichedToText(await attachmentText(rich), rich.contentType.toLowerCase().endsWith('richtext'));
  }
  const parts = [text.trim()];
  if (depth < MAX_FORWARD_DEPTH)
    for (const forwarded of parsed.attachments.filter(isMessage).slice(0, MAX_FORWARDED)) {
      const inner = await parseTree(forwarded.content, limits);
      const sender = senderOf(inner);
      const from = sender ? (sender.name ? `${sender.name} <${sender.address}>` : sender.address) : '';
      parts.push(
        [
          '---------- 转发的邮件 Forwarded message ----------',
          ...(from ? [`发件人 From: ${from}`] : []),
          ...(inner.date ? [`日期 Date: ${inner.date.toISOString()}`] : []),
          `主题 Subject: ${inner.subject ?? ''}`,
          '',
          await bestText(inner, limits, depth + 1),
        ].join('\n'),
      );
    }
  if (parsed.attachments.some((a) => a.contentType.toLowerCase() === 'message/partial'))
    parts.push(
      '（此邮件是分段发送的邮件中的一段（message/partial），该段已作为附件保存。）\n' +
        '(This message is one piece of a message sent in pieces (message/partial); the piece is kept as an attachment.)',
    );
  return parts
    .filter((p) => p !== '')
    .join('\n\n')
    .slice(0, MAX_TEXT_CHARS);
}

function isMessage(a: Attachment): boolean {
  return a.contentType.toLowerCase() === 'message/rfc822';
}

/** HTML as text the way mailparser itself converts it (html-to-text), without links and images. */
function htmlText(html: string): string {
  return htmlToText(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
}

/** An attachment's text in its labelled charset, else detected. */
async function attachmentText(a: Attachment): Promise<string> {
  const header = a.headers.get('content-type');
  const params = typeof header === 'object' && 'params' in header ? header.params : {};
  const charset = 'charset' in params && typeof params.charset === 'string' ? params.charset : undefined;
  if (charset && charset.toLowerCase() !== UNLABELLED) return decodeLabelled(a.content, charset);
  return decodeUnlabelled(a.content);
}

/**
 * text/enriched (RFC 1896) and its ancestor text/richtext as plain text: formatting commands dropped,
 * `<param>` contents dropped, `<<` is `<`; in enriched text a lone line break is a space and n breaks are
 * n-1, in richtext `<nl>` breaks the line.
 */
export function enrichedToText(source: string, richtext: boolean): string {
  let text = source.replace(/\r\n/g, '\n').replace(/<param>[\s\S]*?<\/param>/gi, '');
  if (richtext) text = text.replace(/\n/g, ' ').replace(/<nl>/gi, '\n').replace(/<np>/gi, '\n\n');
  else text = text.replace(/\n+/g, (breaks) => (breaks.length === 1 ? ' ' : '\n'.repeat(breaks.length - 1)));
  return text
    .replace(/<</g, '\ue000')
    .replace(/<[^<>]*>/g, '')
    .replace(/\ue000/g, '<')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

function toDomain(
  parsed: LibParsedMail,
  text: string,
  attachments: readonly MailFile[],
  limits: ParseLimits,
): ParsedMail {
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

  const kept = attachments.slice(0, limits.maxAttachments);
  const from = senderOf(parsed);
  const replyTo = firstAddress(parsed.replyTo);
  return ParsedMailSchema.parse({
    messageId: parsed.messageId?.slice(0, 1000) ?? null,
    inReplyTo: ids(parsed.inReplyTo).slice(0, 100),
    references: ids(parsed.references).slice(0, 500),
    from:
      from && from.address ? { address: from.address.slice(0, 320), name: from.name.slice(0, 500) } : null,
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
    skippedAttachments: attachments.length - kept.length,
  });
}

/** The From person: the parser's, with GB words decoded as GB18030; else read from the raw line. */
function senderOf(parsed: LibParsedMail): { address: string; name: string } | null {
  const rawFrom = parsed.headerLines.find((l) => l.key.toLowerCase() === 'from');
  const from = firstAddress(parsed.from);
  if (from === null) return rawFrom ? addressOfRawHeader(rawFrom.line) : null;
  // A display name in GB words is decoded as GB18030 too (the parser's own decoding says GBK).
  const gbFrom = rawFrom ? decodeGbWords(rawFrom.line) : null;
  if (gbFrom === null) return from;
  const name = gbFrom
    .replace(/<[^>]*>\s*$/, '')
    .trim()
    .replace(/^"(.*)"$/, '$1');
  return { address: from.address, name };
}

/** The parser's first plain address (not a group: a group here is a display name it misread). */
function firstAddress(
  value: AddressObject | AddressObject[] | undefined,
): { address: string; name: string } | null {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const entry = list[0]?.value[0];
  return entry?.address && entry.group === undefined
    ? { address: entry.address, name: entry.name ?? '' }
    : null;
}

/**
 * The person in a raw From line the address parser misread: a display name holding ":" or other
 * specials unquoted ("Service: Wang <a@b>", an encoded word decoding to one), or a whole "name <addr>"
 * inside one encoded word. Decodes the words first, then takes the last `<address>` and the name
 * before it, else a bare address and its comment.
 */
export function addressOfRawHeader(line: string): { address: string; name: string } | null {
  const value = unfold(line.slice(line.indexOf(':') + 1));
  const decoded = decodeGbWords(`x:${value}`) ?? libmime.decodeWords(value);
  const angle = /^(.*)<\s*([^<>\s@]+@[^<>\s@]+)\s*>[\s;]*$/s.exec(decoded);
  if (angle)
    return {
      address: angle[2] ?? '',
      name: (angle[1] ?? '')
        .trim()
        .replace(/:$/, '')
        .trim()
        .replace(/^"(.*)"$/s, '$1'),
    };
  const bare = /([^\s<>"(),:;]+@[^\s<>"(),:;]+)(?:\s*\(([^()]*)\))?/.exec(decoded);
  return bare ? { address: bare[1] ?? '', name: (bare[2] ?? '').trim() } : null;
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

/**
 * The body decoder mailparser calls (its `Iconv` option) for every labelled non-UTF-8 text body and for
 * those `normalizeRawMail` marked unlabelled. Bodies are bounded by the message size limit, so each is
 * read whole and decoded once: a label is checked against the bytes (UTF-8 under a legacy label is
 * UTF-8), an unlabelled body is detected with the message's declared charsets as hints.
 */
function bodyDecoder(hints: readonly string[]) {
  return class BodyDecoder extends Transform {
    private readonly chunks: Buffer[] = [];

    constructor(
      private readonly charset: string,
      _target: string,
    ) {
      super();
    }

    override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
      this.chunks.push(chunk);
      done();
    }

    override _flush(done: TransformCallback): void {
      const bytes = Buffer.concat(this.chunks);
      const label = this.charset.trim().toLowerCase();
      const text =
        label === UNLABELLED ? decodeUnlabelled(bytes, hints) : Promise.resolve(decodeLabelled(bytes, label));
      text.then(
        (decoded) => {
          this.push(Buffer.from(decoded, 'utf8'));
          done();
        },
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
      );
    }
  };
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
