import { describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { monthlyStatistics } from '../../../shared/domain/use-cases/statistics.js';
import { principal } from '../../support/fixtures.js';

async function firstReply(counters: Record<string, number>) {
  const store = new InMemoryClaimStore();
  store.stats.set('2026-11', counters);
  return (await monthlyStatistics({ store }, principal(['manager'], 'HQ'), '2026-11')).clocks['first_reply'];
}

/** Issue 17: the dashboard showed 100 % first-reply attainment beside 59 breaches. */
describe('SLA attainment counts breached clocks as misses', () => {
  it('N met and M breached (still open) is N/(N+M), not 100 %', async () => {
    const c = await firstReply({
      'clock.first_reply.stopped': 41,
      'clock.first_reply.met': 41,
      'clock.first_reply.breached': 59,
    });
    expect(c).toMatchObject({ completed: 41, met: 41, missed: 0, misses: 59, breaches: 59 });
    expect(c?.attainment).toBeCloseTo(41 / 100, 10);
  });

  it('counts a breached clock answered late once, and a late answer the sweep never flagged too', async () => {
    // 3 met; 2 breached and answered late since (missed 2, no second miss); 1 answered late before the sweep.
    const c = await firstReply({
      'clock.first_reply.stopped': 6,
      'clock.first_reply.met': 3,
      'clock.first_reply.missed': 3,
      'clock.first_reply.breached': 2,
      'clock.first_reply.missedUnswept': 1,
    });
    expect(c).toMatchObject({ completed: 6, misses: 3, attainment: 0.5 });
  });

  it('has no figure when nothing was met or missed', async () => {
    expect((await firstReply({}))?.attainment).toBeNull();
  });
});
