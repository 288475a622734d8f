import { ValidationError } from './errors.js';
import { daysBetweenDates, shanghaiDate } from './shanghai-time.js';

export type FilingWindowResult =
  | { readonly admitted: true; readonly daysSinceFound: number }
  | { readonly admitted: false; readonly daysSinceFound: number; readonly reason: string };

/**
 * SPEC §3: a claim filed more than `windowDays` after the problem was found is not admitted.
 * Days are counted in Asia/Shanghai calendar dates; a date in the future is an input error, not a refusal.
 */
export function checkFilingWindow(foundOn: string, receivedAt: Date, windowDays: number): FilingWindowResult {
  const daysSinceFound = daysBetweenDates(foundOn, shanghaiDate(receivedAt));
  if (daysSinceFound < 0) {
    throw new ValidationError('the date the problem was found is in the future', [
      { path: 'foundOn', message: 'must not be later than today' },
    ]);
  }
  if (daysSinceFound > windowDays) {
    return {
      admitted: false,
      daysSinceFound,
      reason:
        `超过受理时限：问题发现于 ${foundOn}，已过 ${daysSinceFound} 天，超过 ${windowDays} 天的提出期限。` +
        ` / Filed ${daysSinceFound} days after the problem was found on ${foundOn}; claims must be filed within ${windowDays} days.`,
    };
  }
  return { admitted: true, daysSinceFound };
}
