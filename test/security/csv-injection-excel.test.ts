import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvDocument } from '../../shared/domain/csv.js';
import { StatsSchema, statsCsv } from '../../web/src/stats-csv.js';

/** The bytes a spreadsheet sees: EF BB BF first, so Excel reads the file as UTF-8 and shows the Chinese. */
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function stats() {
  return StatsSchema.parse({
    month: '2026-11',
    volume: {
      total: 2,
      byCategory: { product_quality: 2 },
      byProduct: { 电热水壶: 1, '=HYPERLINK("http://evil.example","点我")': 1 },
      otherProducts: 0,
      byUnit: { HQ: 2 },
    },
    repeatComplaints: 0,
    notAdmitted: 0,
    clocks: {},
    money: { paidFen: 0, payoutsPaid: 0, advancedFen: 0, advances: 0, recoveredFen: 0, recoveries: 0 },
    satisfaction: { satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, answers: 0, satisfiedRate: null },
    topRootCauses: [],
  });
}

describe('CSV downloads open in Excel with their Chinese intact, formulas still neutralised', () => {
  it('a file of Chinese headers starts with EF BB BF and reads back', () => {
    const bytes = new TextEncoder().encode(
      csvDocument([
        ['索赔编号', '单位'],
        ['CL-1', '上海一店'],
      ]),
    );
    expect([...bytes.subarray(0, 3)]).toEqual(UTF8_BOM);
    // A UTF-8 reader drops the mark and gets the header as written.
    expect(new TextDecoder().decode(bytes).split('\r\n')[0]).toBe('索赔编号,单位');
  });

  it('the dashboard download, as its Blob is saved, starts with EF BB BF and keeps its Chinese', async () => {
    // As web/src/dashboard.ts saves it: the CSV text in a text/csv Blob.
    const blob = new Blob([statsCsv(stats(), () => '产品质量')], { type: 'text/csv;charset=utf-8' });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual(UTF8_BOM);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith(CSV_BOM)).toBe(false);
    expect(text.split('\r\n')[0]).toBe('month,section,key,measure,value');
    expect(text).toContain('2026-11,category,产品质量,claims,2\r\n');
    expect(text).toContain('2026-11,product,电热水壶,claims,1\r\n');
    // The BOM does not shield a formula: the hostile product name is still text.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
  });
});
