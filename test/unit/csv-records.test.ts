import { describe, expect, it } from 'vitest';
import { csvDocument, csvLine, csvRecords } from '../../shared/domain/csv.js';

describe('csvRecords reads back what the CSV writer wrote', () => {
  it('returns each record’s cells and its exact text, quotes, commas and line breaks included', () => {
    const rows = [
      ['unit_path', 'note'],
      ['HQ/EAST', 'a "quoted" word, and a comma'],
      ['HQ', 'two\r\nlines'],
      ['HQ/WEST', '=1+1'],
    ];
    const text = rows.map(csvLine).join('');
    const records = [...csvRecords(text)];
    expect(records.map((r) => r.cells)).toEqual([
      ['unit_path', 'note'],
      ['HQ/EAST', 'a "quoted" word, and a comma'],
      ['HQ', 'two\r\nlines'],
      ['HQ/WEST', "'=1+1"],
    ]);
    expect(records.map((r) => r.raw).join('')).toBe(text);
    expect(records[2]?.raw).toBe(csvLine(['HQ', 'two\r\nlines']));
  });

  it('reads a last record without a line break, LF-only files and empty cells', () => {
    expect([...csvRecords('a,,b\nc')].map((r) => r.cells)).toEqual([['a', '', 'b'], ['c']]);
    expect([...csvRecords(csvDocument([['x']]).slice(1))].map((r) => r.raw)).toEqual(['x\r\n']);
  });
});
