import { isLocked, rateHour, type LookupState } from '../../domain/claim-finder.js';
import {
  tokensWith,
  type ClaimFinderStore,
  type CodeRequestOutcome,
  type CodeRequestWrite,
  type RedeemWrite,
} from '../../ports/claim-finder-store.js';
import type { InMemoryClaimStore } from './claim-store.js';

/** The lookup state in memory, beside an in-memory claim store (its claims, events and outbox). */
export class InMemoryClaimFinderStore implements ClaimFinderStore {
  readonly states = new Map<string, LookupState>();
  private readonly counters = new Map<string, number>();

  constructor(private readonly claims: InMemoryClaimStore) {}

  get(claimNumber: string): Promise<LookupState | null> {
    const state = this.states.get(claimNumber);
    return Promise.resolve(state ? { ...state } : null);
  }

  requestCode(write: CodeRequestWrite): Promise<CodeRequestOutcome> {
    const hour = rateHour(write.at);
    const keys = [`N#${write.number}#${hour}`, `C#${write.contact.via}:${write.contact.key}#${hour}`];
    if (keys.some((k) => (this.counters.get(k) ?? 0) >= write.maxPerHour))
      return Promise.resolve('rate_limited');
    const { challenge } = write;
    const state = this.states.get(write.number);
    if (challenge !== undefined && isLocked(state ?? null, write.at)) return Promise.resolve('locked');
    for (const k of keys) this.counters.set(k, (this.counters.get(k) ?? 0) + 1);
    if (challenge === undefined) return Promise.resolve('counted');
    this.states.set(write.number, {
      number: write.number,
      claimId: challenge.claimId,
      challengeId: challenge.challengeId,
      via: write.contact.via,
      codeExpiresAt: challenge.expiresAt,
      wrongCodes: state?.wrongCodes ?? 0,
      ...(state?.lockedUntil !== undefined ? { lockedUntil: state.lockedUntil } : {}),
    });
    this.claims.outbox.push({
      ...structuredClone(challenge.outbox),
      claimId: challenge.claimId,
      createdAt: write.at.toISOString(),
    });
    return Promise.resolve('issued');
  }

  /** What the notify function does in its transaction: the minted code's hash on the challenge. */
  attachCode(claimNumber: string, challengeId: string, codeHash: string): boolean {
    const state = this.states.get(claimNumber);
    if (state?.challengeId !== challengeId || state.codeHash !== undefined) return false;
    this.states.set(claimNumber, { ...state, codeHash });
    return true;
  }

  countWrongCode(claimNumber: string, at: Date): Promise<number> {
    const stored = this.states.get(claimNumber);
    if (stored === undefined || isLocked(stored, at)) return Promise.resolve(0);
    const wrongCodes = stored.wrongCodes + 1;
    this.states.set(claimNumber, { ...stored, wrongCodes });
    return Promise.resolve(wrongCodes);
  }

  lock(claimNumber: string, until: string, max: number): Promise<void> {
    const stored = this.states.get(claimNumber);
    if (stored === undefined || stored.wrongCodes < max) return Promise.resolve();
    const { codeHash, ...rest } = stored;
    void codeHash;
    this.states.set(claimNumber, { ...rest, wrongCodes: 0, lockedUntil: until });
    return Promise.resolve();
  }

  redeem(write: RedeemWrite): Promise<boolean> {
    const stored = this.states.get(write.state.number);
    const claim = this.claims.claims.get(write.state.claimId);
    if (
      stored?.codeHash === undefined ||
      stored.codeHash !== write.state.codeHash ||
      Date.parse(stored.codeExpiresAt ?? '') <= write.at.getTime() ||
      isLocked(stored, write.at) ||
      stored.wrongCodes >= write.maxWrongCodes ||
      claim === undefined ||
      claim.accessTokenHashes.join() !== write.tokens.join()
    )
      return Promise.resolve(false);
    this.states.set(stored.number, { number: stored.number, claimId: stored.claimId, wrongCodes: 0 });
    claim.accessTokenHashes = tokensWith(write.tokens, write.tokenHash, write.maxTokens);
    this.claims.appendEvent(claim.id, write.event);
    return Promise.resolve(true);
  }
}
