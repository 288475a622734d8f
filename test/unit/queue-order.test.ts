import { describe, expect, it } from 'vitest';
import type { ClaimSummary } from '../../shared/domain/claim.js';
import { readFrom, sortQueue } from '../../shared/domain/queue-order.js';

const row = (number: string, receivedAt: string, extra: Partial<ClaimSummary> = {}): ClaimSummary => ({
  id: `id-${number}`,
  number,
  status: 'received',
  category: 'product_quality',
  severity: 3,
  urgency: 'normal',
  unitId: 'HQ',
  unitPath: ['HQ'],
  claimantName: '王芳',
  productName: '电热水壶',
  claimedAmountFen: 19_900,
  receivedAt,
  possibleDuplicate: false,
  ...extra,
});

const day = (d: number) => `2026-12-0${d}T02:00:00.000Z`;
const noClock = row('none', day(1));
const pausedOld = row('paused-old', day(2), { sla: { paused: true } });
const pausedNew = row('paused-new', day(3), { sla: { paused: true } });
const dueLate = row('due-late', day(1), { sla: { clock: 'first_reply', dueAt: day(9) } });
const dueSoon = row('due-soon', day(4), { sla: { clock: 'first_reply', dueAt: day(5) } });
const graveLate = row('grave-late', day(5), {
  severity: 1,
  sla: { clock: 'first_reply', dueAt: day(8) },
});
const all = [noClock, pausedNew, dueLate, graveLate, pausedOld, dueSoon];
const numbers = (rows: readonly ClaimSummary[]) => rows.map((r) => r.number).join(' ');

describe('the work queue’s order (issue 17)', () => {
  it('next deadline: running clocks by due time, then paused (longest waiting first), then no clock', () => {
    expect(numbers(sortQueue(all, 'deadline', 'newest'))).toBe(
      'due-soon grave-late due-late paused-old paused-new none',
    );
  });

  it('severity: the gravest level first, each level by next deadline', () => {
    expect(numbers(sortQueue(all, 'severity', 'newest'))).toBe(
      'grave-late due-soon due-late paused-old paused-new none',
    );
  });

  it('received: newest or oldest first, ties by id; and the read keeps the end that sorts first', () => {
    const twin = row('twin', day(1));
    expect(numbers(sortQueue([...all, twin], 'received', 'oldest'))).toMatch(/^due-late none twin /);
    expect(numbers(sortQueue(all, 'received', 'newest'))).toMatch(/^grave-late /);
    expect(readFrom('received', 'newest')).toBe('newest');
    expect(readFrom('received', 'oldest')).toBe('oldest');
    expect(readFrom('deadline', 'newest')).toBe('oldest');
    expect(readFrom('severity', 'newest')).toBe('oldest');
  });
});
