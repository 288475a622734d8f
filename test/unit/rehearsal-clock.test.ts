import { afterEach, describe, expect, it, vi } from 'vitest';
import { offsetClock } from '../../shared/adapters/offset-clock.js';
import { ClockOffsetError, offsetParts, parseClockOffset } from '../../shared/domain/clock-offset.js';
import { buildDependencies } from '../../shared/runtime/composition.js';
import { ConfigError, loadConfig } from '../../shared/runtime/config.js';
import { startSchedules } from '../../infra/local/schedules.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const local = { TABLE_NAME: 'claims', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' };

describe('CLAIMS_CLOCK_OFFSET durations', () => {
  it.each([
    ['P20D', 20 * DAY],
    ['-P1D', -DAY],
    ['PT36H', 36 * HOUR],
    ['+P1DT12H30M', DAY + 12 * HOUR + 30 * 60_000],
    ['P2W', 14 * DAY],
    ['PT90S', 90_000],
    ['PT0.5H', HOUR / 2],
    [' P3D ', 3 * DAY],
  ])('reads %s', (text, milliseconds) => {
    expect(parseClockOffset(text).milliseconds).toBe(milliseconds);
  });

  it.each(['P1M', 'P1Y', 'P', 'PT', 'P1DT', '20D', 'P-1D', 'P20000D', 'soon'])('refuses %s', (text) => {
    expect(() => parseClockOffset(text)).toThrow(ClockOffsetError);
  });

  it('splits an offset into days, hours and minutes for the banner', () => {
    expect(offsetParts(20 * DAY)).toEqual({ ahead: true, days: 20, hours: 0, minutes: 0 });
    expect(offsetParts(-36 * HOUR)).toEqual({ ahead: false, days: 1, hours: 12, minutes: 0 });
  });
});

describe('the offset clock', () => {
  it('runs the given offset from its base clock, every time it is read', () => {
    let real = new Date('2026-12-02T08:00:00Z');
    const clock = offsetClock({ now: () => real }, 20 * DAY);
    expect(clock.now().toISOString()).toBe('2026-12-22T08:00:00.000Z');
    real = new Date('2026-12-02T09:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-12-22T09:00:00.000Z');
    expect(
      offsetClock({ now: () => real }, -DAY)
        .now()
        .toISOString(),
    ).toBe('2026-12-01T09:00:00.000Z');
  });
});

describe('the configuration', () => {
  it('reads the offset locally', () => {
    expect(loadConfig({ ...local, CLAIMS_CLOCK_OFFSET: 'P20D' }).clockOffset).toEqual({
      iso: 'P20D',
      milliseconds: 20 * DAY,
    });
    expect(loadConfig(local).clockOffset).toBeUndefined();
  });

  it('refuses to start with the offset in a Lambda function, naming the variable', () => {
    expect(() =>
      loadConfig({ ...local, CLAIMS_CLOCK_OFFSET: 'P20D', AWS_LAMBDA_FUNCTION_NAME: 'claims-api' }),
    ).toThrow(/CLAIMS_CLOCK_OFFSET .*cloud runtime \(AWS_LAMBDA_FUNCTION_NAME is set\)/);
  });

  it('refuses the offset against the tables in AWS (no DynamoDB Local endpoint)', () => {
    expect(() => loadConfig({ TABLE_NAME: 'claims', CLAIMS_CLOCK_OFFSET: 'P1D' })).toThrow(
      /without DYNAMODB_ENDPOINT/,
    );
  });

  it('refuses a malformed offset with the variable and examples in the message', () => {
    expect(() => loadConfig({ ...local, CLAIMS_CLOCK_OFFSET: 'P1M' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...local, CLAIMS_CLOCK_OFFSET: 'P1M' })).toThrow(/CLAIMS_CLOCK_OFFSET: .*P20D/);
  });
});

describe('the composition root', () => {
  afterEach(() => vi.useRealTimers());

  it('hands every use case the shifted clock and names the offset', () => {
    vi.useFakeTimers({ now: new Date('2026-12-02T08:00:00Z'), toFake: ['Date'] });
    const deps = buildDependencies(loadConfig({ ...local, CLAIMS_CLOCK_OFFSET: 'P20D' }));
    expect(deps.clock.now().toISOString()).toBe('2026-12-22T08:00:00.000Z');
    expect(deps.clockOffset?.iso).toBe('P20D');
    const real = buildDependencies(loadConfig(local));
    expect(real.clock.now().toISOString()).toBe('2026-12-02T08:00:00.000Z');
    expect(real.clockOffset).toBeUndefined();
  });
});

describe('the local schedules', () => {
  afterEach(() => vi.useRealTimers());

  it('send the scheduled functions the shifted time', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-02T08:00:00Z') });
    const events: unknown[] = [];
    const stop = startSchedules(
      [
        {
          name: 'deadline-sweep',
          next: () => 1_000,
          load: () =>
            Promise.resolve((event: unknown) => {
              events.push(event);
              return Promise.resolve();
            }),
        },
      ],
      () => undefined,
      offsetClock({ now: () => new Date() }, 20 * DAY),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    stop();
    expect(events).toEqual([expect.objectContaining({ scheduledTime: '2026-12-22T08:00:01Z' })]);
  });
});
