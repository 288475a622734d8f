import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Language } from './categories.js';
import { ValidationError } from './errors.js';

/**
 * Proof of work against scripted spam on the public form (issue 18), with no third party and no state.
 *
 * `GET /form-challenge` hands out `pow1.<expires, ms base 36>.<bits>.<HMAC>`: the server's HMAC over the
 * expiry and the difficulty, so it needs no record of what it issued. The browser finds a nonce such that
 * SHA-256(`<challenge>.<Idempotency-Key>.<nonce>`) starts with `bits` zero bits (2^bits hashes on average:
 * 16 bits take a phone a few hundred milliseconds) and sends `X-Proof-Of-Work: <challenge>.<nonce>` with the
 * claim. The solution is bound to the submission's Idempotency-Key, which the form picks once per claim:
 * sent again (a replay), it can only name the same key, whose idempotency record (kept longer than any
 * challenge lives) turns it into the first claim's replay or a 409; it files no second claim. A new key
 * needs a new solution.
 */
export const PROOF_OF_WORK_HEADER = 'X-Proof-Of-Work';
const PREFIX = 'pow1';

export interface FormChallenge {
  readonly challenge: string;
  /** ISO instant after which the challenge is refused. */
  readonly expiresAt: string;
  /** Leading zero bits the solution's SHA-256 must have. */
  readonly bits: number;
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64url').slice(0, 22);
}

/**
 * A challenge valid for `minutes` (never longer than the idempotency records live, so a replayed solution
 * always meets the record of its first use).
 */
export function issueChallenge(
  secret: string,
  now: Date,
  settings: { readonly bits: number; readonly minutes: number; readonly idempotencyTtlHours: number },
): FormChallenge {
  const lifetimeMs = Math.min(settings.minutes * 60_000, settings.idempotencyTtlHours * 3_600_000);
  const expires = now.getTime() + lifetimeMs;
  const body = `${PREFIX}.${expires.toString(36)}.${settings.bits}`;
  return {
    challenge: `${body}.${mac(secret, body)}`,
    expiresAt: new Date(expires).toISOString(),
    bits: settings.bits,
  };
}

/** The bytes hashed for a nonce: the challenge, the submission's Idempotency-Key and the nonce. */
export function proofInput(challenge: string, idempotencyKey: string, nonce: string): string {
  return `${challenge}.${idempotencyKey}.${nonce}`;
}

/** Leading zero bits of a digest. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** Finds a nonce for a challenge (tests and scripts; the browser has its own solver, web/src/proof-of-work.ts). */
export function solveChallenge(challenge: string, bits: number, idempotencyKey: string): string {
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    const digest = createHash('sha256')
      .update(proofInput(challenge, idempotencyKey, nonce), 'utf8')
      .digest();
    if (leadingZeroBits(digest) >= bits) return nonce;
  }
}

export type ProofRefusal = 'proof_of_work_missing' | 'proof_of_work_invalid' | 'proof_of_work_expired';

const REFUSAL_WORDS: Record<ProofRefusal, Readonly<Record<Language, string>>> = {
  proof_of_work_missing: {
    'zh-CN': '页面的安全校验还没有完成，请稍等几秒再提交；如果一直无法提交，请刷新页面。',
    en: "The page's security check has not finished yet; wait a few seconds and send again, or reload the page if it keeps failing.",
  },
  proof_of_work_invalid: {
    'zh-CN': '页面的安全校验没有通过，请刷新页面后重新提交。',
    en: "The page's security check failed; reload the page and send the claim again.",
  },
  proof_of_work_expired: {
    'zh-CN': '页面打开时间过长，安全校验已过期，请再点一次提交。',
    en: 'The page has been open a long time and its security check has expired; press send once more.',
  },
};

function refuse(reason: ProofRefusal, detail: string): never {
  throw new ValidationError(
    `proof of work: ${detail}`,
    [{ path: PROOF_OF_WORK_HEADER, message: detail, code: 'invalid', words: REFUSAL_WORDS[reason] }],
    reason,
  );
}

/**
 * Checks a submission's `X-Proof-Of-Work` (policy `antiSpam.proofOfWorkBits`, 0: not checked):
 * 1. present, with an Idempotency-Key to be bound to;
 * 2. a challenge this server signed, not expired, at least as hard as the policy asks now;
 * 3. its nonce gives a SHA-256 with that many leading zero bits over challenge, key and nonce.
 * Any failure is a 400 in words with the reason, so the page can solve a fresh challenge and send again.
 */
export function verifyProof(
  secret: string,
  header: string | undefined,
  idempotencyKey: string | undefined,
  now: Date,
  minBits: number,
): void {
  if (minBits === 0) return;
  if (header === undefined || header === '')
    refuse('proof_of_work_missing', `the ${PROOF_OF_WORK_HEADER} header is required`);
  if (idempotencyKey === undefined)
    refuse('proof_of_work_missing', 'a proof of work is bound to the Idempotency-Key, which is required');
  const parts = header.split('.');
  if (parts.length !== 5 || header.length > 200) refuse('proof_of_work_invalid', 'not a solved challenge');
  const [prefix, expires, bitsText, signature, nonce] = parts as [string, string, string, string, string];
  const body = `${prefix}.${expires}.${bitsText}`;
  const expected = Buffer.from(mac(secret, body));
  const presented = Buffer.from(signature);
  if (prefix !== PREFIX || presented.length !== expected.length || !timingSafeEqual(presented, expected))
    refuse('proof_of_work_invalid', 'the challenge was not issued by this service');
  if (parseInt(expires, 36) <= now.getTime()) refuse('proof_of_work_expired', 'the challenge has expired');
  const bits = Number(bitsText);
  if (!Number.isInteger(bits) || bits < minBits)
    refuse('proof_of_work_invalid', `the challenge asks ${bitsText} bits, the policy ${minBits}`);
  const digest = createHash('sha256')
    .update(proofInput(`${body}.${signature}`, idempotencyKey, nonce), 'utf8')
    .digest();
  if (nonce === '' || nonce.length > 32 || leadingZeroBits(digest) < bits)
    refuse('proof_of_work_invalid', 'the nonce does not solve the challenge');
}
