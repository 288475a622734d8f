import type { Language } from '../categories.js';

/** The timeline note of mail added to a claim because its sender was over the claim limit (claim's language). */
export function rateLimitNote(max: number, windowMinutes: number, language: Language): string {
  return language === 'en'
    ? `Not filed as a new claim: this sender already had ${max} claims from mail within ${windowMinutes} minutes, so it was added to their latest open claim.`
    : `本邮件未另立索赔：该发件人 ${windowMinutes} 分钟内已有 ${max} 件邮件索赔，已并入其最近的未结索赔。`;
}

/** `rateLimitNote`'s sentence in either language, as it leads a reply's audit note. */
const RATE_LIMIT_NOTE_LEAD = [
  /^Not filed as a new claim: this sender already had \d+ claims from mail within \d+ minutes, so it was added to their latest open claim\.\s*/,
  /^本邮件未另立索赔：该发件人 \d+ 分钟内已有 \d+ 件邮件索赔，已并入其最近的未结索赔。\s*/,
];

/** A mailed reply's audit note without the staff-only rate-limit sentence: the customer's own words. */
export function withoutRateLimitNote(note: string): string {
  return RATE_LIMIT_NOTE_LEAD.reduce((text, lead) => text.replace(lead, ''), note);
}
