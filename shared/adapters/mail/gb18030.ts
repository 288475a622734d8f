import { TextDecoder } from 'node:util';
import { decodeWords } from 'postal-mime';

/**
 * Chinese mail labelled GB2312 or GBK is often GB18030 (its superset: rare name characters, CJK
 * extensions and emoji are four-byte sequences), so the whole family is read as GB18030. The WHATWG
 * Encoding Standard says a "gbk" TextDecoder is the GB18030 decoder, but Node's uses ICU's GBK table:
 * four-byte sequences become U+FFFD and some two-byte ones (䶮, €) private-use characters. postal-mime
 * decodes text with TextDecoder by its label.
 */
const GB_FAMILY =
  /^(?:gb2312|gb_2312(?:-80)?|gb231280|csgb2312|csiso58gb231280|iso-ir-58|chinese|(?:x-)?euc-?cn|x-gbk|gbk|cp936|ms936|windows-936|gb18030)$/i;

/** Labels postal-mime does not read as GBK at all (its fallback, windows-1252, makes mojibake of them). */
const UNREAD_BY_POSTAL_MIME = /^(?:gb231280|(?:x-)?euc-?cn)$/i;

let decoder: TextDecoder | undefined;
/** Made on first use: constructing it costs about 2 ms, which a cold start need not pay. */
function gb18030(): TextDecoder {
  return (decoder ??= new TextDecoder('gb18030'));
}

/**
 * RFC 2047 encoded words of a raw header line, when any is in a GB charset; null when there is none,
 * so the parser's own decoding stands. Adjacent GB words are decoded as one run of bytes (a sender may
 * split a character between them); words in other charsets are postal-mime's to decode.
 */
export function decodeGbWords(line: string): string | null {
  const value = line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
  const word = /=\?([^?*\s]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g;
  if (![...value.matchAll(word)].some((m) => GB_FAMILY.test(m[1] ?? ''))) return null;
  // Whitespace between adjacent encoded words is not part of the text (RFC 2047 §6.2).
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  const out: string[] = [];
  let gbRun: Uint8Array[] = [];
  const flush = () => {
    if (gbRun.length > 0) out.push(gb18030().decode(Buffer.concat(gbRun)));
    gbRun = [];
  };
  let at = 0;
  for (const m of joined.matchAll(word)) {
    if (m.index > at) {
      flush();
      out.push(joined.slice(at, m.index));
    }
    at = m.index + m[0].length;
    if (GB_FAMILY.test(m[1] ?? '')) gbRun.push(wordBytes(m[2] ?? 'B', m[3] ?? ''));
    else {
      flush();
      out.push(decodeWords(m[0]));
    }
  }
  flush();
  out.push(joined.slice(at));
  return out.join('');
}

function wordBytes(encoding: string, text: string): Buffer {
  if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64');
  const latin1 = text
    .replace(/_/g, ' ')
    .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(latin1, 'latin1');
}

/** `charset=<GB label>` in MIME headers (quoted or not); the label is group 2. */
const GB_CHARSET = /(charset\s*=\s*["']?)([a-z0-9_:.-]+)(?=["';\s]|$)/gi;

/** What a GBK reading of GB18030 text leaves: U+FFFD and private-use characters. */
const MISREAD = /[\uFFFD\uE000-\uF8FF]/;

/**
 * The raw message with every GB-family charset label changed to gb18030, when its text needs it:
 * a GB label is present and postal-mime's text shows a GBK misreading, or the label is one it does
 * not read at all. Null when the text is fine as it is. Only for a second parse that takes the text
 * from it: a label inside an attachment's bytes (a forwarded message) changes too.
 */
export function relabelledForGbText(raw: Buffer, text: string): Buffer | null {
  const latin1 = raw.toString('latin1');
  let gb = false;
  let unread = false;
  for (const m of latin1.matchAll(GB_CHARSET)) {
    const label = m[2] ?? '';
    if (!GB_FAMILY.test(label) || /^gb18030$/i.test(label)) continue;
    gb = true;
    unread ||= UNREAD_BY_POSTAL_MIME.test(label);
  }
  if (!gb || (!unread && !MISREAD.test(text))) return null;
  return Buffer.from(
    latin1.replace(GB_CHARSET, (all: string, prefix: string, label: string) =>
      GB_FAMILY.test(label) ? `${prefix}gb18030` : all,
    ),
    'latin1',
  );
}
