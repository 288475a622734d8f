import { describe, expect, it } from 'vitest';
import {
  DEADLINE_SHARDS,
  commitmentKey,
  deadlinePartition,
  deadlineShardOf,
  deadlineSort,
  holidayScheduleKey,
  statsKey,
  statsKeyKey,
} from '../../../shared/adapters/dynamodb/keys.js';
import { InMemoryCalendarStore } from '../../../shared/adapters/memory/calendar-store.js';
import { cachedCalendarSource } from '../../../shared/domain/sla/calendar-source.js';
import { FixedClock } from '../../support/fixtures.js';

describe('SLA keys (a persisted contract)', () => {
  it('pins the deadline index, calendar, commitment and statistics keys', () => {
    expect(deadlinePartition(3)).toBe('DUE#3');
    expect(deadlineSort('2026-11-26T10:00:00.000Z', '01JABC')).toBe('2026-11-26T10:00:00.000Z#01JABC');
    expect(holidayScheduleKey(2027)).toEqual({ PK: 'CALENDAR', SK: 'SCHEDULE#2027' });
    expect(commitmentKey('ACME-01', 'ACME-01.01JABC')).toEqual({
      PK: 'CUSTOMER#ACME-01',
      SK: 'COMMITMENT#ACME-01.01JABC',
    });
    expect(statsKey('2026-11', 7)).toEqual({ PK: 'STATS#2026-11', SK: 'SHARD#07' });
    expect(statsKeyKey('2026-11', 'product', '电热水壶 k1')).toEqual({
      PK: 'STATS#2026-11#PRODUCT',
      SK: 'KEY#电热水壶 k1',
    });
    expect(DEADLINE_SHARDS).toBe(8);
  });

  it('spreads claims over every deadline shard, the same shard for the same claim', () => {
    const shards = new Set(Array.from({ length: 200 }, (_, i) => deadlineShardOf(`01J${i}`)));
    expect(shards.size).toBe(DEADLINE_SHARDS);
    expect(deadlineShardOf('01JABC')).toBe(deadlineShardOf('01JABC'));
  });
});

describe('calendar in force', () => {
  it('puts an operator schedule over the shipped one, re-read after the TTL', async () => {
    const store = new InMemoryCalendarStore();
    const clock = new FixedClock(new Date('2026-11-23T02:00:00Z'));
    const source = cachedCalendarSource(store, clock, 60_000);
    expect((await source.current()).dayInfo('2026-10-09')).toMatchObject({ working: true });
    await store.putSchedule(
      { year: 2026, source: 'operator', days: [{ date: '2026-10-09', kind: 'holiday', name: '测试' }] },
      'op',
      clock.now(),
    );
    // Cached for the TTL…
    expect((await source.current()).dayInfo('2026-10-09')).toMatchObject({ working: true });
    clock.set('2026-11-23T02:01:00Z');
    // …then the override replaces the whole shipped 2026 schedule.
    const calendar = await source.current();
    expect(calendar.dayInfo('2026-10-09')).toMatchObject({ working: false, reason: 'holiday: 测试' });
    expect(calendar.dayInfo('2026-10-01')).toMatchObject({ working: true, reason: 'weekday' });
  });
});
