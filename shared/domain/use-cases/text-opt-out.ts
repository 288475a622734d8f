import { toE164 } from '../phone.js';
import type { Clock } from '../../ports/clock.js';
import type { MailStore } from '../../ports/mail-store.js';

/**
 * The keywords that stop our texts, compared trimmed and case-blind: TD (退订, the mainland
 * convention), 退订 itself, and the international STOP family End User Messaging also knows.
 */
export const OPT_OUT_KEYWORDS = ['TD', '退订', 'STOP', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'] as const;

export interface InboundText {
  /** The sender's number as the provider gives it (E.164, or a mainland mobile). */
  readonly from: string;
  readonly text: string;
}

/**
 * An SMS a customer sent back: an opt-out keyword records the number as opted out (idempotent), so
 * `send-text.ts` sends it nothing more; anything else is ignored (not a claim channel).
 */
export async function recordOptOut(
  deps: { readonly mailStore: Pick<MailStore, 'recordTextOptOut'>; readonly clock: Clock },
  inbound: InboundText,
): Promise<'opted_out' | 'ignored'> {
  const phone = toE164(inbound.from);
  const keyword = inbound.text.trim().toUpperCase();
  if (phone === null || !(OPT_OUT_KEYWORDS as readonly string[]).includes(keyword)) return 'ignored';
  await deps.mailStore.recordTextOptOut(phone, deps.clock.now().toISOString(), keyword);
  return 'opted_out';
}
