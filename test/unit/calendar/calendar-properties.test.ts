import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSlaClocks, createWorkingCalendar } from '../../../shared/domain/calendar/index.js';

// Shipped schedules cover 2024–2026; 2027 has none, so the generated instants also exercise the fallback.
const calendar = createWorkingCalendar();
const HOUR = 3_600_000;
const OFFSET = 8 * HOUR;

const FROM = Date.parse('2024-01-01T00:00:00+08:00');
const TO = Date.parse('2027-10-01T00:00:00+08:00');
const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
const workingDays = fc.integer({ min: 0, max: 40 });
/** Working hours as whole minutes or as arbitrary fractions. */
const hours = fc.oneof(
  fc.integer({ min: 0, max: 200 * 60 }).map((minutes) => minutes / 60),
  fc.double({ min: 0, max: 200, noNaN: true }),
);

const localDate = (iso: string): string => new Date(Date.parse(iso) + OFFSET).toISOString().slice(0, 10);
const localTime = (iso: string): string => new Date(Date.parse(iso) + OFFSET).toISOString().slice(11, 16);
const localYear = (iso: string): number => Number(localDate(iso).slice(0, 4));

/** An instant inside the working hours of a working day. */
const insideWorkingHours = fc
  .tuple(
    fc.integer({ min: 0, max: Math.floor((TO - FROM) / (24 * HOUR)) }),
    fc.integer({ min: 0, max: 9 * HOUR - 1 }),
  )
  .map(([day, offset]) => new Date(FROM + day * 24 * HOUR + 9 * HOUR + offset))
  .filter((x) => calendar.dayInfo(localDate(x.toISOString())).working);

/** An instant at or after close of business on its local day. */
const afterClose = fc
  .tuple(
    fc.integer({ min: 0, max: Math.floor((TO - FROM) / (24 * HOUR)) }),
    fc.integer({ min: 0, max: 6 * HOUR - 1 }),
  )
  .map(([day, offset]) => new Date(FROM + day * 24 * HOUR + 18 * HOUR + offset));

describe('calendar properties', () => {
  it('addWorkingDays is monotonic in N, strictly from N = 1', () => {
    fc.assert(
      fc.property(instant, workingDays, fc.integer({ min: 1, max: 20 }), (x, n, k) => {
        const a = Date.parse(calendar.addWorkingDays(x, n).at);
        const b = Date.parse(calendar.addWorkingDays(x, n + k).at);
        expect(n === 0 ? a <= b : a < b).toBe(true);
        expect(a).toBeGreaterThanOrEqual(x.getTime());
      }),
    );
  });

  it('addWorkingDays lands on the close of business of a working day', () => {
    fc.assert(
      fc.property(instant, workingDays, (x, n) => {
        const { at } = calendar.addWorkingDays(x, n);
        const day = calendar.dayInfo(localDate(at));
        expect(day.working).toBe(true);
        expect(localTime(at)).toBe(day.hours?.end);
      }),
    );
  });

  it('addWorkingHours (> 0) lands within the working hours of a working day', () => {
    fc.assert(
      fc.property(instant, hours, (x, h) => {
        fc.pre(h * HOUR >= 0.5);
        const { at } = calendar.addWorkingHours(x, h);
        const day = calendar.dayInfo(localDate(at));
        expect(day.working).toBe(true);
        const time = localTime(at);
        expect(time >= (day.hours?.start ?? '') && time <= (day.hours?.end ?? '')).toBe(true);
      }),
    );
  });

  it('measuring what addWorkingHours added gives back the hours (from inside working hours, and from anywhere)', () => {
    for (const from of [insideWorkingHours, instant]) {
      fc.assert(
        fc.property(from, hours, (x, h) => {
          const { at } = calendar.addWorkingHours(x, h);
          expect(calendar.workingTimeBetween(x, at).ms).toBe(Math.round(h * HOUR));
        }),
      );
    }
  });

  it('from after close of business, measuring N added working days gives back N', () => {
    fc.assert(
      fc.property(afterClose, fc.integer({ min: 1, max: 40 }), (x, n) => {
        const { at } = calendar.addWorkingDays(x, n);
        expect(calendar.toWorkingDays(calendar.workingTimeBetween(x, at).ms)).toBe(n);
      }),
    );
  });

  it('working time adds up: adding a then b equals adding a + b; between(a, c) = between(a, b) + between(b, c)', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 100 * HOUR }),
        fc.integer({ min: 1, max: 100 * HOUR }),
        (x, a, b) => {
          const once = calendar.addWorkingTime(x, a + b).at;
          const twice = calendar.addWorkingTime(calendar.addWorkingTime(x, a).at, b).at;
          expect(twice).toBe(once);
        },
      ),
    );
    fc.assert(
      fc.property(instant, instant, instant, (p, q, r) => {
        // Sorted without a cast: the middle one is the sum minus the two extremes.
        const [lo, hi] = [
          Math.min(p.getTime(), q.getTime(), r.getTime()),
          Math.max(p.getTime(), q.getTime(), r.getTime()),
        ];
        const [a, b, c] = [
          new Date(lo),
          new Date(p.getTime() + q.getTime() + r.getTime() - lo - hi),
          new Date(hi),
        ];
        const whole = calendar.workingTimeBetween(a, c).ms;
        expect(calendar.workingTimeBetween(a, b).ms + calendar.workingTimeBetween(b, c).ms).toBe(whole);
        expect(calendar.workingTimeBetween(c, a).ms).toBe(whole === 0 ? 0 : -whole);
      }),
    );
  });

  it('flags 2027 exactly when the calculation reaches into it', () => {
    fc.assert(
      fc.property(instant, workingDays, (x, n) => {
        const result = calendar.addWorkingDays(x, n);
        expect(result.fallbackYears).toEqual(localYear(result.at) === 2027 ? [2027] : []);
      }),
    );
  });

  it('an SLA clock uses exactly its budget by the (moved) deadline, whatever the pause', () => {
    const clocks = createSlaClocks(calendar);
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 0, max: 30 * 24 * HOUR }),
        fc.integer({ min: 0, max: 30 * 24 * HOUR }),
        (x, h, untilPause, pauseFor) => {
          const started = clocks.start(x, { workingHours: h });
          const pausedAt = new Date(x.getTime() + untilPause);
          const resumed = clocks.resume(
            clocks.pause(started, pausedAt, 'waiting'),
            new Date(pausedAt.getTime() + pauseFor),
          );
          const atDue = clocks.status(resumed, resumed.dueAt);
          expect(Date.parse(resumed.dueAt)).toBeGreaterThanOrEqual(Date.parse(started.dueAt));
          if (Date.parse(resumed.dueAt) >= pausedAt.getTime() + pauseFor) {
            expect(atDue.usedMs).toBe(h * HOUR);
            expect(atDue.breached).toBe(false);
          }
        },
      ),
    );
  });
});
