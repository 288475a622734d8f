/**
 * The one CSV writer for every download (dashboard statistics, nightly overdue report, registers): RFC 4180
 * with CRLF, UTF-8 with a byte-order mark (so spreadsheets read Chinese text as UTF-8), and OWASP's CSV
 * injection defence:
 * - a cell starting with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'`, so a spreadsheet
 *   shows it as text instead of running it (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`);
 * - a cell holding a quote, comma, semicolon or line break is quoted, so a spreadsheet whose locale splits
 *   on `;` cannot cut `x;=1+1` into a second cell that starts a formula.
 */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]/;

export function csvCell(value: string | number): string {
  const text = String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, CRLF-terminated. */
export function csvLine(cells: readonly (string | number)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A whole file: the byte-order mark, then each record. Streams write CSV_BOM first, then csvLine each. */
export function csvDocument(rows: readonly (readonly (string | number)[])[]): string {
  return CSV_BOM + rows.map(csvLine).join('');
}

/**
 * Reads back what csvLine wrote (RFC 4180: quoted cells, doubled quotes, CRLF or LF), record by record,
 * each with its exact text so a filtered copy is byte-for-byte the original lines. Cells keep the `'`
 * the writer put before formula starts.
 */
export function* csvRecords(text: string): Generator<{ readonly cells: string[]; readonly raw: string }> {
  let start = 0;
  let i = 0;
  while (start < text.length) {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (i = start; i < text.length; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cell);
        cell = '';
      } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) break;
      else cell += ch;
    }
    cells.push(cell);
    const end = i >= text.length ? text.length : text[i] === '\r' ? i + 2 : i + 1;
    yield { cells, raw: text.slice(start, end) };
    start = end;
  }
}
