import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/domain/errors.js';
import {
  issueChallenge,
  leadingZeroBits,
  proofInput,
  solveChallenge,
  verifyProof,
} from '../../shared/domain/proof-of-work.js';
import { sha256FirstWords, solve } from '../../web/src/pow-solver.js';

const SECRET = 'unit-form-challenge-secret';
const NOW = new Date('2026-11-23T02:00:00Z');
const POLICY = { bits: 12, minutes: 30, idempotencyTtlHours: 24 };
const KEY = 'form-key-0001';

/** The refusal's reason and the words a customer reads, or null when the proof passes. */
function refusal(run: () => void) {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { reason: error.reason, zh: error.issues[0]?.words?.['zh-CN'], en: error.issues[0]?.words?.en };
  }
}

describe('proof of work (issue 18)', () => {
  it("the browser's SHA-256 is node's, for short, one-block-edge and two-block inputs", () => {
    for (const text of ['', 'abc', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), '中文'.repeat(40)]) {
      const bytes = new TextEncoder().encode(text);
      const node = createHash('sha256').update(bytes).digest();
      const words = sha256FirstWords(bytes);
      const hex = Array.from(words, (w) => w.toString(16).padStart(8, '0')).join('');
      expect(hex).toBe(node.toString('hex'));
    }
  });

  it('a nonce the browser finds passes the API, and only for the key it was solved for', async () => {
    const { challenge, bits, expiresAt } = issueChallenge(SECRET, NOW, POLICY);
    expect(bits).toBe(12);
    expect(expiresAt).toBe('2026-11-23T02:30:00.000Z');
    const nonce = await solve(challenge, bits, KEY);
    const digest = createHash('sha256')
      .update(proofInput(challenge, KEY, nonce))
      .digest();
    expect(leadingZeroBits(digest)).toBeGreaterThanOrEqual(12);
    expect(refusal(() => verifyProof(SECRET, `${challenge}.${nonce}`, KEY, NOW, 12))).toBeNull();
    // The same solution under another key (a second claim) does not pass.
    expect(
      refusal(() => verifyProof(SECRET, `${challenge}.${nonce}`, 'form-key-0002', NOW, 12))?.reason,
    ).toBe('proof_of_work_invalid');
  });

  it('refuses a missing, forged, expired or too easy proof, in Chinese and English', () => {
    const { challenge } = issueChallenge(SECRET, NOW, POLICY);
    const nonce = solveChallenge(challenge, 12, KEY);
    expect(refusal(() => verifyProof(SECRET, undefined, KEY, NOW, 12))).toEqual({
      reason: 'proof_of_work_missing',
      zh: '页面的安全校验还没有完成，请稍等几秒再提交；如果一直无法提交，请刷新页面。',
      en: "The page's security check has not finished yet; wait a few seconds and send again, or reload the page if it keeps failing.",
    });
    // Without an Idempotency-Key there is nothing to bind the proof to.
    expect(refusal(() => verifyProof(SECRET, `${challenge}.${nonce}`, undefined, NOW, 12))?.reason).toBe(
      'proof_of_work_missing',
    );
    // Signed with another key, or the bits lowered by hand.
    expect(
      refusal(() => verifyProof('another-secret-0001', `${challenge}.${nonce}`, KEY, NOW, 12))?.reason,
    ).toBe('proof_of_work_invalid');
    expect(
      refusal(() => verifyProof(SECRET, `${challenge.replace('.12.', '.1.')}.${nonce}`, KEY, NOW, 12))
        ?.reason,
    ).toBe('proof_of_work_invalid');
    expect(refusal(() => verifyProof(SECRET, 'pow1.x', KEY, NOW, 12))?.reason).toBe('proof_of_work_invalid');
    const later = new Date(NOW.getTime() + 30 * 60_000);
    expect(refusal(() => verifyProof(SECRET, `${challenge}.${nonce}`, KEY, later, 12))).toEqual({
      reason: 'proof_of_work_expired',
      zh: '页面打开时间过长，安全校验已过期，请再点一次提交。',
      en: 'The page has been open a long time and its security check has expired; press send once more.',
    });
    // The policy raised to 16 bits: a 12-bit challenge no longer passes.
    expect(refusal(() => verifyProof(SECRET, `${challenge}.${nonce}`, KEY, NOW, 16))?.reason).toBe(
      'proof_of_work_invalid',
    );
    // 0 bits: the check is off.
    expect(refusal(() => verifyProof(SECRET, undefined, undefined, NOW, 0))).toBeNull();
  });

  it('a challenge never outlives the idempotency records that stop a replayed solution', () => {
    const { expiresAt } = issueChallenge(SECRET, NOW, { bits: 8, minutes: 24 * 60, idempotencyTtlHours: 1 });
    expect(expiresAt).toBe('2026-11-23T03:00:00.000Z');
  });

  it('16 bits are solved in a few hundred milliseconds (3 s allowed on a loaded runner)', async () => {
    const { challenge } = issueChallenge(SECRET, NOW, { ...POLICY, bits: 16 });
    const started = performance.now();
    const nonce = await solve(challenge, 16, KEY);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(refusal(() => verifyProof(SECRET, `${challenge}.${nonce}`, KEY, NOW, 16))).toBeNull();
  });
});
