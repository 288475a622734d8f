import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvDocument, csvLine } from '../../shared/domain/csv.js';
import { REPORT_COLUMNS } from '../../shared/domain/use-cases/overdue-report.js';
import { StatsSchema, statsCsv } from '../../web/src/stats-csv.js';

/**
 * Issue 22, break 3: the dashboard's CSV only quoted, so product names like `=HYPERLINK(…)` came out as live
 * formulas (7 of 11); the nightly CSV neutralised a leading formula character but left `;=1+1` unquoted,
 * which a spreadsheet in a `;` locale splits into a formula cell.
 */
const PAYLOADS = [
  '=HYPERLINK("http://evil.example","click")',
  "+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '=1+1',
  ';=1+1',
  'x;=1+1',
  'a,=1+1',
  '"=1+1"',
];

/** A spreadsheet's reading of CSV text: RFC 4180 quotes, split on `delimiter`. */
function cellsOf(text: string, delimiter: ',' | ';'): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter || c === '\n') {
      cells.push(cell);
      cell = '';
    } else if (c !== '\r' || text[i + 1] !== '\n') cell += c;
  }
  cells.push(cell);
  return cells;
}

/** No cell a spreadsheet would evaluate, whichever separator its locale uses. */
function expectNoFormula(text: string): void {
  for (const delimiter of [',', ';'] as const) {
    for (const cell of cellsOf(text, delimiter)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  }
}

describe('one CSV writer with OWASP formula neutralisation and a UTF-8 BOM', () => {
  it('writes every payload as text, in , and ; locales alike', () => {
    const text = csvDocument([['product', 'claims'], ...PAYLOADS.map((p) => [p, 1])]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expectNoFormula(text.slice(CSV_BOM.length));
    // The text itself survives: a reader that strips the leading quote gets the name back.
    expect(cellsOf(text.slice(CSV_BOM.length), ',')).toContain(`'${PAYLOADS[0] ?? ''}`);
  });

  it('neutralises them in the dashboard download, product names included', () => {
    const stats = StatsSchema.parse({
      month: '2026-11',
      volume: {
        total: PAYLOADS.length,
        byCategory: { product_quality: PAYLOADS.length },
        byProduct: Object.fromEntries(PAYLOADS.map((p) => [p, 1])),
        otherProducts: 0,
        byUnit: { HQ: PAYLOADS.length },
      },
      repeatComplaints: 0,
      notAdmitted: 0,
      clocks: {},
      money: { paidFen: 0, payoutsPaid: 0, advancedFen: 0, advances: 0, recoveredFen: 0, recoveries: 0 },
      satisfaction: { satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, answers: 0, satisfiedRate: null },
      topRootCauses: [],
    });
    const text = statsCsv(stats);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expectNoFormula(text.slice(CSV_BOM.length));
    for (const payload of PAYLOADS) expect(text).toContain(payload.replaceAll('"', '""'));
  });

  it('is the writer of the nightly report too (its header and rows go through csvLine)', () => {
    expect(csvLine(REPORT_COLUMNS)).toBe(`${REPORT_COLUMNS.join(',')}\r\n`);
  });
});
