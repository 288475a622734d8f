import type { Language } from './categories.js';

/**
 * How long since an instant, in words of the reader's language: "不到 1 小时" / "under an hour", whole
 * hours under a day, whole days after that (a paused clock's wait, the age of a claim).
 */
export function elapsedWords(sinceIso: string, nowMs: number, lang: Language): string {
  const hours = Math.max(0, Math.floor((nowMs - Date.parse(sinceIso)) / 3_600_000));
  const en = lang === 'en';
  if (hours < 1) return en ? 'under an hour' : '不到 1 小时';
  if (hours < 24) return en ? `${hours} ${hours === 1 ? 'hour' : 'hours'}` : `${hours} 小时`;
  const days = Math.floor(hours / 24);
  return en ? `${days} ${days === 1 ? 'day' : 'days'}` : `${days} 天`;
}
