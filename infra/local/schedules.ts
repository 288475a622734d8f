import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/ports/clock.js';
import { systemClock } from '../../shared/adapters/system-clock.js';
import { lambdaContext } from './api-gateway.js';

/** A scheduled Lambda handler as the local runner calls it: the Scheduler event and a Lambda context. */
type ScheduledLambda = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

export interface LocalSchedule {
  readonly name: string;
  /** Milliseconds until the next run, given the current time (a rate, or the next 02:00 Shanghai). */
  readonly next: (now: Date) => number;
  readonly load: () => Promise<ScheduledLambda>;
}

/** Every 15 minutes (the sweep). */
export const every = (minutes: number) => (): number => minutes * 60_000;

/** The next hh:00 Asia/Shanghai (UTC+8, no daylight saving), like `cron(0 2 * * ? *)` in that zone. */
export const dailyAtShanghai =
  (hour: number) =>
  (now: Date): number => {
    const local = now.getTime() + 8 * 3_600_000;
    const dayStart = local - (local % 86_400_000);
    let target = dayStart + hour * 3_600_000;
    if (target <= local) target += 86_400_000;
    return target - local;
  };

/**
 * The local stand-in for EventBridge Scheduler: timers that call the exact Lambda handlers with the event
 * Scheduler sends (scheduledTime, executionId, scheduleArn). A failed run is logged; the next one retries.
 * `clock` is the stack's clock: with a rehearsal offset the events carry the shifted time and the nightly
 * report runs at 02:00 Shanghai of the shifted day, as the API sees it.
 */
export function startSchedules(
  schedules: readonly LocalSchedule[],
  log: (line: string) => void,
  clock: Clock = systemClock,
): () => void {
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  const arm = (schedule: LocalSchedule): void => {
    if (stopped) return;
    const timer = setTimeout(() => {
      const scheduledTime = clock
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z');
      const event = {
        scheduledTime,
        executionId: randomUUID(),
        scheduleArn: `arn:aws:scheduler:local:000000000000:schedule/default/${schedule.name}`,
      };
      schedule
        .load()
        .then((handler) => handler(event, lambdaContext()))
        .then(
          () => log(`schedule ${schedule.name} ran at ${scheduledTime}`),
          (error: unknown) => log(`schedule ${schedule.name} failed: ${String(error)}`),
        )
        .finally(() => arm(schedule));
    }, schedule.next(clock.now()));
    timer.unref();
    timers.set(schedule.name, timer);
  };
  schedules.forEach(arm);
  return () => {
    stopped = true;
    for (const timer of timers.values()) clearTimeout(timer);
  };
}
