import type { Claim } from '../claim.js';
import { toE164 } from '../phone.js';
import type { MailStore } from '../../ports/mail-store.js';

/**
 * Whether a text reaches the claim's customer: `mobile` is the claim's phone in E.164 (null when it has none
 * SMS takes), `optedOut` whether that number answered TD / STOP. What the intake answer and a resent link
 * promise, read the way the notify function will send.
 */
export async function textReach(
  claim: Pick<Claim, 'claimant'>,
  mailStore: Pick<MailStore, 'isTextOptedOut'>,
): Promise<{ readonly mobile: string | null; readonly optedOut: boolean }> {
  const mobile = claim.claimant.phone === undefined ? null : toE164(claim.claimant.phone);
  return { mobile, optedOut: mobile !== null && (await mailStore.isTextOptedOut(mobile)) };
}
