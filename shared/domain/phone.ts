/** A mainland mobile as entered (11 digits, optionally with +86, 0086 or 86 in front). */
const MAINLAND_MOBILE = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;
/** An international number: + or 00, then the country code and number (8 to 15 digits, E.164). */
const INTERNATIONAL = /^(?:\+|00)([1-9]\d{7,14})$/;
/**
 * +86 and a mobile prefix: only a whole mainland mobile. `+86 138 0013 800` is a mobile with a digit missing,
 * not a landline (landlines follow +86 with an area code: 10, 2x, 3xx to 9xx).
 */
const MAINLAND_MOBILE_PREFIX = /^(?:\+|00)861[3-9]/;

/**
 * A claim's phone in E.164, the form SMS providers take: `138 0013 8000` → `+8613800138000`,
 * `0044 20 7946 0958` → `+442079460958`. Null for anything else: the intake PhoneSchema accepts exactly
 * the numbers this converts, so every accepted phone can be texted.
 */
export function toE164(phone: string): string | null {
  const compact = phone.trim().replace(/[\s()-]/g, '');
  const mainland = MAINLAND_MOBILE.exec(compact);
  if (mainland) return `+86${mainland[1] ?? ''}`;
  const international = INTERNATIONAL.exec(compact);
  if (international && !MAINLAND_MOBILE_PREFIX.test(compact)) return `+${international[1] ?? ''}`;
  return null;
}
