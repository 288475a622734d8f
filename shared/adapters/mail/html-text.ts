/**
 * The plain text of an HTML body. postal-mime hands an HTML-only message back as `html` with no
 * `text` (it converts HTML only when the message also has a plain part), and a claim keeps text.
 * One pass, each character looked at once, so hostile HTML costs linear time: tags, comments and the
 * content of script/style/title/template never reach the text; entities are decoded.
 */
export function htmlToText(html: string): string {
  const out = new TextOut();
  let pre = 0;
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    out.text(textOf(html.slice(at, lt === -1 ? html.length : lt), pre > 0));
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end === -1) break;
      at = end + 3;
      continue;
    }
    TAG_NAME.lastIndex = lt;
    const tag = TAG_NAME.exec(html);
    // "a < b" is text; `<!doctype …>` and `<?…>` are markup, dropped like a tag.
    if (tag === null && html[lt + 1] !== '!' && html[lt + 1] !== '?') {
      out.text('<');
      at = lt + 1;
      continue;
    }
    const end = tagEnd(html, lt + 1);
    // An unclosed tag runs to the end of the input: nothing after it is text.
    if (end === -1) break;
    at = end;
    const closing = tag?.[1] === '/';
    const name = tag?.[2]?.toLowerCase() ?? '';
    const close = closing ? undefined : SKIPPED.get(name);
    if (close !== undefined) {
      close.lastIndex = at;
      const found = close.exec(html);
      const after = found === null ? -1 : tagEnd(html, found.index + 1);
      if (after === -1) break;
      at = after;
      continue;
    }
    if (name === 'pre') pre = Math.max(0, pre + (closing ? -1 : 1));
    if (name === 'br') out.lineBreak();
    else if (PARAGRAPHS.has(name)) out.breakBefore(2);
    else if (LINES.has(name)) out.breakBefore(1);
    else if (closing && CELLS.has(name)) out.text(' ');
  }
  return out.result();
}

/** The text so far, with the line breaks owed before the next visible text. */
class TextOut {
  private readonly parts: string[] = [];
  private owed = 0;

  /** A `<br>`: one more line break, however many are owed already. */
  lineBreak(): void {
    this.owed++;
  }

  /** A block: its text starts at least `lines` line breaks after what came before. */
  breakBefore(lines: number): void {
    this.owed = Math.max(this.owed, lines);
  }

  text(text: string): void {
    // Whitespace between blocks is source layout, not text.
    if (text.trim() === '') {
      if (this.owed === 0 && text !== '') this.parts.push(text);
      return;
    }
    if (this.owed > 0 && this.parts.length > 0) this.parts.push('\n'.repeat(this.owed));
    this.owed = 0;
    this.parts.push(text);
  }

  result(): string {
    // Line by line (trim) rather than one regex over space runs, which could backtrack quadratically.
    return this.parts
      .join('')
      .replace(/\u00a0/g, ' ')
      .split('\n')
      .map((line) => line.trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

/** `<name` or `</name` at a position (sticky). */
const TAG_NAME = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/y;
/** Elements whose content is not text a reader sees, with the search for their end tag. */
const SKIPPED = new Map(
  ['script', 'style', 'title', 'template'].map((name) => [name, new RegExp(`</${name}\\b`, 'gi')]),
);
const CELLS = new Set(['td', 'th']);
/** Elements set off by a blank line, and those that start a line of their own. */
const PARAGRAPHS = new Set('p table blockquote pre ul ol dl h1 h2 h3 h4 h5 h6 hr'.split(' '));
const LINES = new Set(
  (
    'br div tr li dt dd section article header footer address center caption figure figcaption ' +
    'fieldset form main nav aside'
  ).split(' '),
);

/** The index after the `>` that closes the tag opened before `from`, skipping quoted values; -1 if none. */
function tagEnd(html: string, from: number): number {
  let quote = '';
  for (let i = from; i < html.length; i++) {
    const c = html[i];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return -1;
}

/** Source text as shown: whitespace runs are one space (except inside `<pre>`), entities decoded. */
function textOf(source: string, pre: boolean): string {
  const text = pre ? source.replace(/\r\n?/g, '\n') : source.replace(/[ \t\r\n\f]+/g, ' ');
  if (!text.includes('&')) return text;
  return text.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g,
    (all: string, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) return NAMED.get(name) ?? all;
      const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
      // What an HTML parser makes of NUL, surrogates and numbers past Unicode.
      return code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff
        ? '\uFFFD'
        : String.fromCodePoint(code);
    },
  );
}

/** Latin-1's named characters, U+00A0 to U+00FF in order, as HTML names them. */
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
  'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde ' +
  'Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute ' +
  'Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde ' +
  'auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ' +
  'ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

/** Punctuation and symbols by name and code point. */
const OTHERS =
  'amp 26 lt 3c gt 3e quot 22 apos 27 OElig 152 oelig 153 Scaron 160 scaron 161 Yuml 178 fnof 192 ' +
  'circ 2c6 tilde 2dc ensp 2002 emsp 2003 thinsp 2009 zwnj 200c zwj 200d lrm 200e rlm 200f ndash 2013 ' +
  'mdash 2014 lsquo 2018 rsquo 2019 sbquo 201a ldquo 201c rdquo 201d bdquo 201e dagger 2020 Dagger 2021 ' +
  'bull 2022 hellip 2026 permil 2030 prime 2032 Prime 2033 lsaquo 2039 rsaquo 203a euro 20ac trade 2122 ' +
  'larr 2190 uarr 2191 rarr 2192 darr 2193 minus 2212 le 2264 ge 2265 ne 2260';

/** The named entities mail HTML uses in practice; an unknown name stays as written (it is text). */
const NAMED = new Map<string, string>([
  ...LATIN1.split(' ').map((name, n): [string, string] => [name, String.fromCharCode(0xa0 + n)]),
  ...[...OTHERS.matchAll(/(\w+) ([0-9a-f]+)/g)].map((m): [string, string] => [
    m[1] ?? '',
    String.fromCodePoint(parseInt(m[2] ?? '', 16)),
  ]),
]);
