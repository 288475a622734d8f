import type { Clock } from '../ports/clock.js';

/**
 * A clock that runs a fixed offset from another (the local stack's rehearsal clock, CLAIMS_CLOCK_OFFSET):
 * every request, sweep and schedule sees "now" shifted by the same amount. Never built in the cloud
 * (loadConfig refuses the variable there).
 */
export function offsetClock(base: Clock, milliseconds: number): Clock {
  return { now: () => new Date(base.now().getTime() + milliseconds) };
}
