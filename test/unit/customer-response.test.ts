import { describe, expect, it } from 'vitest';
import { EXCERPT_CHARS, excerptOf } from '../../shared/domain/customer-response.js';
import { claimOwner } from '../../shared/domain/staff-routing.js';
import { elapsedWords } from '../../shared/domain/elapsed-words.js';

describe('what staff are told when the customer responds', () => {
  it('quotes the customer on one line, cut with an ellipsis past the excerpt length', () => {
    expect(excerptOf('  发票\n\n已上传 \t请查收 ')).toBe('发票 已上传 请查收');
    const long = excerptOf('漏'.repeat(EXCERPT_CHARS + 50));
    expect(long).toHaveLength(EXCERPT_CHARS);
    expect(long.endsWith('…')).toBe(true);
    expect(excerptOf('漏'.repeat(EXCERPT_CHARS))).toBe('漏'.repeat(EXCERPT_CHARS));
  });

  it('goes to the assignee, else to the managers of the claim’s unit', () => {
    expect(claimOwner({ assigneeId: 'agent-7', unitId: 'EAST-SH01' })).toEqual({
      type: 'staff',
      staffId: 'agent-7',
    });
    expect(claimOwner({ unitId: 'EAST-SH01' })).toEqual({
      type: 'unit_role',
      unitId: 'EAST-SH01',
      role: 'manager',
    });
  });
});

describe('a paused clock’s age in words', () => {
  const since = '2026-12-01T02:00:00.000Z';
  const at = (iso: string) => Date.parse(iso);
  it.each([
    ['2026-12-01T02:30:00.000Z', '不到 1 小时', 'under an hour'],
    ['2026-12-01T03:00:00.000Z', '1 小时', '1 hour'],
    ['2026-12-02T01:59:00.000Z', '23 小时', '23 hours'],
    ['2026-12-02T02:00:00.000Z', '1 天', '1 day'],
    ['2026-12-04T13:00:00.000Z', '3 天', '3 days'],
  ])('at %s: %s / %s', (now, zh, en) => {
    expect(elapsedWords(since, at(now), 'zh-CN')).toBe(zh);
    expect(elapsedWords(since, at(now), 'en')).toBe(en);
  });
});
