import type { Language } from './categories.js';

/**
 * The customer's tracking page for a claim, relative to the web origin. The token rides in the query
 * string so the link works from an email or an SMS; the page passes it on to the API. English claims
 * open the page in English (the page keeps its language in `lang`).
 */
export function trackingPagePath(claimNumber: string, token: string, language: Language = 'zh-CN'): string {
  const query = new URLSearchParams({ number: claimNumber, token });
  if (language === 'en') query.set('lang', 'en');
  return `/track.html?${query.toString()}`;
}
