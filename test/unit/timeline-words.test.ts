import { describe, expect, it } from 'vitest';
import { timelineWhat } from '../../web/src/staff/timeline-words.js';

type Event = Parameters<typeof timelineWhat>[0];
const event = (action: string, note?: string): Event => ({
  id: 'e1',
  at: '2026-12-04T02:00:00.000Z',
  action,
  actor: { type: 'system', id: 'sys' },
  changes: [],
  ...(note !== undefined ? { note } : {}),
});

/** The staff timeline in the console's language: system-written notes never reach staff as English or codes. */
describe('timeline words', () => {
  it('says what happened without the system’s developer notes', () => {
    expect(
      timelineWhat(event('propose_resolution', 'compensation ¥199.00, approval tier area_manager'), 'zh-CN'),
    ).toBe('提出方案');
    expect(
      timelineWhat(event('approve', 'approved compensation ¥199.00 at tier area_manager'), 'zh-CN'),
    ).toBe('方案已批准并发送给客户');
    expect(timelineWhat(event('accept_offer', 'accepted; payout x:payout:1 requested'), 'zh-CN')).toBe(
      '客户接受了方案',
    );
    expect(timelineWhat(event('record_payout', 'payout x:payout:1 ¥199.00 paid, voucher PZ-1'), 'en')).toBe(
      'Payment made',
    );
  });

  it('words the customer’s rating and keeps their comment', () => {
    expect(timelineWhat(event('record_survey', 'satisfied — 处理及时'), 'zh-CN')).toBe(
      '客户评价：满意 — 处理及时',
    );
    expect(timelineWhat(event('record_survey', 'basically_satisfied'), 'en')).toBe(
      "The customer's rating: Mostly satisfied",
    );
    expect(timelineWhat(event('reply_to_customer', '王女士您好'), 'zh-CN')).toBe('回复了客户：王女士您好');
  });
});
