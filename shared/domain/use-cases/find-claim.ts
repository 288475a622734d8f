import { hashAccessToken } from '../access-token.js';
import type { Language } from '../categories.js';
import {
  FINDER_RULES,
  LookupCodeIntentSchema,
  lockEnd,
  reachesLock,
  contactMatches,
  contactOf,
  judgeCode,
  type LookupCodeRequest,
  type LookupLinkRequest,
} from '../claim-finder.js';
import { ValidationError } from '../errors.js';
import type { OutboxMessage } from '../messages.js';
import type { PolicySettings } from '../settings.js';
import { trackingPagePath } from '../tracking-link.js';
import type { ClaimFinderStore } from '../../ports/claim-finder-store.js';
import type { ClaimStore } from '../../ports/claim-store.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/ids.js';
import type { QueueSender } from '../../ports/queue-sender.js';
import { relayOutbox } from './relay-outbox.js';

export interface FindClaimDeps {
  readonly store: Pick<ClaimStore, 'getByNumber' | 'getById'>;
  readonly finder: ClaimFinderStore;
  readonly queues: QueueSender;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly settings: Pick<PolicySettings, 'maxAccessTokensPerClaim'>;
}

/**
 * "Send me a code". The answer never depends on what was found, so the caller learns nothing of whether
 * the number exists or the contact is the claim's:
 * 1. The contact must read as an email or a phone (a question of form only: refused as a field issue).
 * 2. Both hourly counters (the number's, the contact's) count the request, whatever matched.
 * 3. Only when the number's claim has this contact: the challenge (replacing an earlier code) and the
 *    notify intent that mints and sends the code, in the same transaction; not while the lookup is locked.
 * 4. The intent is relayed to the notify queue at once (the catch-up sends it otherwise).
 */
export async function requestLookupCode(deps: FindClaimDeps, request: LookupCodeRequest): Promise<void> {
  const contact = contactOf(request.contact);
  if (contact === null)
    throw new ValidationError('the contact is neither an email address nor a phone number', [
      { path: 'contact', message: 'an email address or a phone number', code: 'invalid_contact' },
    ]);
  const now = deps.clock.now();
  const claim = await deps.store.getByNumber(request.number);
  const base = { number: request.number, contact, at: now, maxPerHour: FINDER_RULES.maxCodesPerHour };
  if (claim === null || !contactMatches(contact, claim.claimant)) {
    await deps.finder.requestCode(base);
    return;
  }
  const challengeId = deps.ids.newId(now);
  const intent = LookupCodeIntentSchema.parse({
    id: `lookup:${claim.id}:${challengeId}`,
    kind: 'lookup_code',
    claimId: claim.id,
    claimNumber: claim.number,
    language: request.language ?? claim.language,
    via: contact.via,
    challengeId,
    codeExpiresAt: new Date(now.getTime() + FINDER_RULES.codeTtlMs).toISOString(),
    createdAt: now.toISOString(),
  });
  const outbox: OutboxMessage = { queue: 'notify', id: intent.id, body: intent };
  const outcome = await deps.finder.requestCode({
    ...base,
    challenge: { claimId: claim.id, challengeId, expiresAt: intent.codeExpiresAt, outbox },
  });
  if (outcome === 'issued')
    await relayOutbox(deps, [{ ...outbox, claimId: claim.id, createdAt: intent.createdAt }]);
}

/** The one refusal of a code, whatever the reason (wrong, used, expired, locked, no such claim). */
function wrongCodeError(): ValidationError {
  return new ValidationError('the code is not valid for this claim number', [
    { path: 'code', message: 'not valid for this claim number', code: 'lookup_code_wrong' },
  ]);
}

export interface FoundClaim {
  readonly number: string;
  /** The tracking page with a fresh token, relative to the web origin. */
  readonly trackingPath: string;
}

const ATTEMPTS = 3;

/**
 * "Here is the code": a fresh tracking link for the right code, the same refusal for anything else.
 * 1. Judge the code against the lookup state (constant-time hash comparison, expiry, lock).
 * 2. Wrong: count it (an atomic add, so concurrent guesses all count); the count that reaches the limit
 *    locks the lookup and ends the code. The answer is the refusal.
 * 3. Right: in one transaction the code is removed (single use), a token is added to the claim (at the
 *    cap the oldest link stops working), and the audit event is written.
 * A lost race (the claim's tokens moved) reads again, a few times; then the refusal (nothing was granted).
 */
export async function redeemLookupCode(
  deps: FindClaimDeps,
  request: LookupLinkRequest,
  language?: Language,
): Promise<FoundClaim> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const now = deps.clock.now();
    const state = await deps.finder.get(request.number);
    const verdict = judgeCode(state, request.code, now);
    if (state === null || verdict === 'none' || verdict === 'locked') throw wrongCodeError();
    if (verdict === 'wrong') {
      const count = await deps.finder.countWrongCode(state.number, now);
      if (reachesLock(count)) await deps.finder.lock(state.number, lockEnd(now), FINDER_RULES.maxWrongCodes);
      throw wrongCodeError();
    }
    const claim = await deps.store.getById(state.claimId);
    if (claim === null) throw wrongCodeError();
    const token = deps.ids.newAccessToken();
    const redeemed = await deps.finder.redeem({
      state,
      at: now,
      tokens: claim.accessTokenHashes,
      tokenHash: hashAccessToken(token),
      maxTokens: deps.settings.maxAccessTokensPerClaim,
      maxWrongCodes: FINDER_RULES.maxWrongCodes,
      event: {
        id: deps.ids.newId(now),
        claimId: claim.id,
        at: now.toISOString(),
        actor: { type: 'customer' },
        channel: 'web',
        action: 'reissue_access_token',
        changes: [{ field: 'accessTokenHashes', before: 'tokens', after: 'one more token' }],
        note: `tracking link found with a code sent by ${state.via === 'sms' ? 'SMS' : 'email'}`,
      },
    });
    if (redeemed)
      return {
        number: claim.number,
        trackingPath: trackingPagePath(claim.number, token, language ?? claim.language),
      };
  }
  throw wrongCodeError();
}
