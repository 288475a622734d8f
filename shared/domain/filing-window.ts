import type { Language } from './categories.js';
import { ValidationError } from './errors.js';
import { daysBetweenDates, shanghaiDate } from './shanghai-time.js';

export type FilingWindowResult =
  | { readonly admitted: true; readonly daysSinceFound: number }
  | { readonly admitted: false; readonly daysSinceFound: number; readonly reason: string };

/**
 * SPEC §3: a claim filed more than `windowDays` after the problem was found is not admitted.
 * Days are counted in Asia/Shanghai calendar dates; a date in the future is an input error, not a refusal.
 */
export function checkFilingWindow(
  foundOn: string,
  receivedAt: Date,
  windowDays: number,
  language: Language = 'zh-CN',
): FilingWindowResult {
  const daysSinceFound = daysBetweenDates(foundOn, shanghaiDate(receivedAt));
  if (daysSinceFound < 0) {
    throw new ValidationError('the date the problem was found is in the future', [
      { path: 'foundOn', message: 'must not be later than today', code: 'future_date' },
    ]);
  }
  if (daysSinceFound > windowDays) {
    return {
      admitted: false,
      daysSinceFound,
      reason: lateFilingWords(foundOn, daysSinceFound, windowDays, language),
    };
  }
  return { admitted: true, daysSinceFound };
}

/** Why a late claim is not admitted, in the claim's language (it is mailed and shown to the customer). */
function lateFilingWords(foundOn: string, days: number, windowDays: number, language: Language): string {
  const [year, month, day] = foundOn.split('-').map(Number);
  return language === 'en'
    ? `The problem was found on ${foundOn}, ${days} days before the claim was filed; claims must be filed within ${windowDays} days of finding the problem.`
    : `问题发现于 ${year}年${month}月${day}日，距提出索赔已 ${days} 天，超过了 ${windowDays} 天的提出期限。`;
}
