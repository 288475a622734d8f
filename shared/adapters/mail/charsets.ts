import iconv from 'iconv-lite';
import type * as Jschardet from 'jschardet';
import { decode as libmimeDecode } from 'libmime/lib/charset.js';

/**
 * Charsets of mail that says nothing, or the wrong thing, about its own: raw 8-bit header values,
 * unlabelled bodies, UTF-8 bodies labelled with a legacy charset. Detection is jschardet's (a port of
 * Mozilla's universal detector), loaded on first use only: most mail is UTF-8 or labelled, and the
 * detector's models cost ~0.3 s to load, which email-in's cold start does not pay.
 */

/** The charset label `normalizeRawMail` gives text parts that have none: the body decoder detects it. */
export const UNLABELLED = 'x-unlabelled';

/** GB2312, GBK and their aliases are decoded as GB18030, which contains them both. */
export const GB_FAMILY =
  /^(gb2312|gb_2312-80|gb231280|csgb2312|euc-?cn|x-gbk|gbk|cp936|ms936|windows-936|gb18030)$/i;

/** Bytes examined for detection: enough for any real text, bounded for huge bodies. */
const DETECT_BYTES = 16 * 1024;
/** What detection may answer: the charsets real mail arrives in (fewer candidates, faster, fewer upsets). */
const CANDIDATES = [
  'UTF-8',
  'GB18030',
  'GB2312',
  'Big5',
  'EUC-KR',
  'CP949',
  'SHIFT_JIS',
  'CP932',
  'EUC-JP',
  'ISO-2022-JP',
  'ISO-2022-KR',
  'windows-1251',
  'KOI8-R',
  'ISO-8859-5',
  'windows-1252',
  'ISO-8859-1',
  'windows-1250',
  'ISO-8859-2',
  'ISO-8859-15',
  'windows-1253',
  'ISO-8859-7',
  'windows-1254',
  'ISO-8859-9',
];

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function hasEightBit(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

/** ISO-2022 text is 7-bit: its escape sequences tell it from ASCII. */
function hasIso2022Escapes(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  // eslint-disable-next-line no-control-regex -- ESC is what ISO-2022 designations start with
  return /\x1b(\$[@AB(]|\$\)C|\([BJI])/.test(text);
}

/** Decodes `bytes` in `charset`: the GB family as GB18030, every other charset through libmime. */
export function decodeText(bytes: Uint8Array, charset: string): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (GB_FAMILY.test(charset.trim())) return iconv.decode(buffer, 'gb18030');
  if (/^(utf-?8|us-ascii|ascii)$/i.test(charset.trim())) return buffer.toString('utf8');
  return libmimeDecode(buffer, charset);
}

/** Decodes without replacement characters, or null (the charset is wrong for these bytes, or unknown). */
function decodeClean(bytes: Uint8Array, charset: string): string | null {
  try {
    const text = decodeText(bytes, charset);
    return text.includes('\uFFFD') ? null : text;
  } catch {
    return null;
  }
}

let detector: Promise<typeof Jschardet> | undefined;

/**
 * The charset of bytes that carry no (trustworthy) label: UTF-8 when they are valid UTF-8 (and not
 * ISO-2022), else the first of `hints` (charsets the message declares elsewhere) that decodes them
 * cleanly, else the detector's best candidate that does. GB2312/GBK answers become GB18030 (their
 * superset: GB18030 text is often labelled gb2312); Big5 is kept apart. Null when nothing decodes them.
 */
export async function detectCharset(
  bytes: Uint8Array,
  hints: readonly string[] = [],
): Promise<string | null> {
  const sample = bytes.subarray(0, DETECT_BYTES);
  const iso2022 = hasIso2022Escapes(sample);
  if (!iso2022 && isUtf8(sample)) return 'utf-8';
  for (const hint of hints) if (decodeClean(sample, hint) !== null) return hint;
  detector ??= import('jschardet');
  const { detectAll } = await detector;
  const found = detectAll(Buffer.from(sample), { detectEncodings: CANDIDATES, minimumThreshold: 0 });
  for (const { encoding } of found) {
    if (encoding === null) continue;
    const charset = GB_FAMILY.test(encoding) ? 'gb18030' : encoding.toLowerCase();
    // A truncated sample may end inside a character: judge the candidate on the whole input.
    if (decodeClean(bytes, charset) !== null) return charset;
  }
  return null;
}

/** Decodes unlabelled bytes by detection; bytes nothing decodes stay UTF-8 (with replacement characters). */
export async function decodeUnlabelled(bytes: Uint8Array, hints: readonly string[] = []): Promise<string> {
  return decodeText(bytes, (await detectCharset(bytes, hints)) ?? 'utf-8');
}

/**
 * A body labelled `label`: UTF-8 when it is valid UTF-8 with non-ASCII bytes (a legacy label on UTF-8
 * text: no real windows-1251 or GBK text is also valid multi-byte UTF-8), else decoded in its label.
 */
export function decodeLabelled(bytes: Uint8Array, label: string): string {
  if (hasEightBit(bytes) && isUtf8(bytes)) return Buffer.from(bytes).toString('utf8');
  return decodeText(bytes, label);
}

export interface NormalizedMail {
  readonly raw: Buffer;
  /** The legacy charsets the message's parts declare (GB family as gb18030): hints for detection. */
  readonly declared: readonly string[];
}

interface HeaderBlock {
  /** Byte offsets of the block in the raw message, the blank line that ends it excluded. */
  readonly start: number;
  readonly end: number;
  /** Where the separator line starts and ends (a whitespace-only line is rewritten as empty). */
  readonly separatorEnd: number;
  readonly separatorBlank: boolean;
  readonly lines: string[];
}

/**
 * Rewrites a raw message so that the parser reads it right, or returns it unchanged:
 * - header fields whose raw 8-bit bytes are not UTF-8 (GBK subjects, Latin-1 names) become UTF-8,
 *   their charset taken from the charsets the message declares, else detected over all such bytes;
 * - text parts (and a message or part without Content-Type, e.g. legacy non-MIME mail) without a
 *   charset label are labelled `x-unlabelled`, for the body decoder to detect;
 * - a header/body separator line that holds only whitespace becomes an empty line.
 * Works on lines in one pass (latin1, so offsets are byte offsets); bodies are copied, not parsed.
 */
export async function normalizeRawMail(raw: Buffer): Promise<NormalizedMail> {
  const text = raw.toString('latin1');
  const blocks = headerBlocks(text);
  const declared = new Set<string>();
  const eightBit: Buffer[] = [];
  for (const block of blocks)
    for (const field of fields(block.lines)) {
      const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(field)?.[1];
      if (/^content-type:/i.test(field) && charset && !/^(utf-?8|us-ascii|ascii)$/i.test(charset))
        declared.add(GB_FAMILY.test(charset) ? 'gb18030' : charset.toLowerCase());
      const bytes = Buffer.from(field, 'latin1');
      if (hasEightBit(bytes) && !isUtf8(bytes)) eightBit.push(bytes);
    }
  const needsLabel = blocks.some((b) => unlabelledText(b.lines) !== 'labelled');
  const needsSeparator = blocks.some((b) => !b.separatorBlank);
  const hints = [...declared];
  if (eightBit.length === 0 && !needsLabel && !needsSeparator) return { raw, declared: hints };

  const headerCharset = eightBit.length === 0 ? null : await detectCharset(Buffer.concat(eightBit), hints);
  const out: Buffer[] = [];
  let at = 0;
  for (const block of blocks) {
    out.push(raw.subarray(at, block.start));
    const rewritten = fields(block.lines).map((field) => {
      const bytes = Buffer.from(field, 'latin1');
      if (headerCharset === null || !hasEightBit(bytes) || isUtf8(bytes)) return bytes;
      return Buffer.from(decodeText(bytes, headerCharset), 'utf8');
    });
    const label = unlabelledText(block.lines);
    if (label === 'no_content_type')
      rewritten.push(Buffer.from(`Content-Type: text/plain; charset=${UNLABELLED}\r\n`));
    for (let n = 0; n < rewritten.length; n++) {
      const field = rewritten[n] ?? Buffer.alloc(0);
      out.push(
        label === 'text_without_charset' && /^content-type:/i.test(field.toString('latin1'))
          ? Buffer.from(
              `${field.toString('latin1').replace(/\s*$/, '')}; charset=${UNLABELLED}\r\n`,
              'latin1',
            )
          : field,
      );
    }
    out.push(
      Buffer.from(block.separatorBlank ? text.slice(block.end, block.separatorEnd) : '\r\n', 'latin1'),
    );
    at = block.separatorEnd;
  }
  out.push(raw.subarray(at));
  return { raw: Buffer.concat(out), declared: hints };
}

/** Header fields of a block, each with its folded continuation lines and line endings. */
function fields(lines: readonly string[]): string[] {
  const result: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && result.length > 0) result[result.length - 1] += line;
    else result.push(line);
  }
  return result;
}

/** Whether a block's part is text without a charset label, has no Content-Type at all, or neither. */
function unlabelledText(lines: readonly string[]): 'labelled' | 'text_without_charset' | 'no_content_type' {
  const contentType = fields(lines).find((f) => /^content-type:/i.test(f));
  // A part without Content-Type is text/plain (RFC 2045 §5.2; digests aside, which real mail lacks).
  if (contentType === undefined) return 'no_content_type';
  if (!/^content-type:\s*text\//i.test(contentType)) return 'labelled';
  return /charset\s*=/i.test(contentType) ? 'labelled' : 'text_without_charset';
}

/**
 * The header blocks of a message: the top one, each MIME part's (after a boundary line) and each
 * embedded message's (after a message/rfc822 part's own header).
 */
function headerBlocks(text: string): HeaderBlock[] {
  const blocks: HeaderBlock[] = [];
  const boundaries = new Set<string>();
  let inHeader = true;
  let start = 0;
  let lines: string[] = [];
  let at = 0;
  while (at < text.length) {
    const newline = text.indexOf('\n', at);
    const end = newline === -1 ? text.length : newline + 1;
    const line = text.slice(at, end);
    if (inHeader) {
      if (line.trim() === '') {
        blocks.push({ start, end: at, separatorEnd: end, separatorBlank: /^\r?\n?$/.test(line), lines });
        const contentType = fields(lines).find((f) => /^content-type:/i.test(f)) ?? '';
        const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
        if (boundary) boundaries.add(boundary[1] ?? boundary[2] ?? '');
        // An embedded message's header follows its part's header directly.
        inHeader = /^content-type:\s*message\/rfc822/i.test(contentType);
        start = end;
        lines = [];
      } else lines.push(line);
    } else if (line.startsWith('--') && boundaries.size > 0) {
      const marker = line.slice(2).trimEnd();
      if (boundaries.has(marker)) {
        inHeader = true;
        start = end;
        lines = [];
      }
    }
    at = end;
    // Thousands of blocks are not real mail: the parser's own limits refuse such a message.
    if (blocks.length > 5000) break;
  }
  return blocks;
}
