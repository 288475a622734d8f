import { randomUUID } from 'node:crypto';
import { issueChallenge, solveChallenge } from '../../shared/domain/proof-of-work.js';
import { defaultPolicySettings } from '../../shared/domain/settings.js';
import * as z from '../../shared/zod.js';

/**
 * The form's proof of work (issue 18) for tests and scripts that post claims: `POST /claims` needs an
 * `X-Proof-Of-Work` solved for its `Idempotency-Key`.
 */

/** The challenge key of `testDependencies` (test/support/fixtures.ts). */
export const TEST_FORM_CHALLENGE_SECRET = 'test-form-challenge-secret-0001';
/** The customer-data key of `testDependencies`: 32 bytes, base64url. */
export const TEST_CUSTOMER_DATA_SECRET = 'dGVzdC1jdXN0b21lci1kYXRhLWtleS0wMDAxLTIzNDU2Nzg';

/**
 * Headers for a claim posted straight to the handler: the key given (or a fresh one) and a proof under
 * the test key. The challenge expires in 2100, so tests whose clock is fixed or moved days on still pass;
 * tests of expiry sign their own (test/integration/intake-guard-api.test.ts).
 */
export function proofHeaders(
  idempotencyKey = `test-${randomUUID()}`,
  bits = defaultPolicySettings().antiSpam.proofOfWorkBits,
): Record<string, string> {
  const { challenge } = issueChallenge(TEST_FORM_CHALLENGE_SECRET, new Date('2099-12-31T23:00:00Z'), {
    bits,
    minutes: 30,
    idempotencyTtlHours: 24,
  });
  return {
    'idempotency-key': idempotencyKey,
    'x-proof-of-work': `${challenge}.${solveChallenge(challenge, bits, idempotencyKey)}`,
  };
}

const ChallengeSchema = z.object({ challenge: z.string(), bits: z.int() });

/**
 * Headers for a claim posted to a running stack (`npm start`, the e2e stack, the load test): a challenge
 * asked of `GET /form-challenge` and solved as the browser would, for the key given (or a fresh one).
 */
export async function fetchedProofHeaders(
  apiUrl: string,
  idempotencyKey = `script-${randomUUID()}`,
): Promise<Record<string, string>> {
  const response = await fetch(`${apiUrl}/form-challenge`);
  const { challenge, bits } = ChallengeSchema.parse(await response.json());
  return {
    'idempotency-key': idempotencyKey,
    'x-proof-of-work': `${challenge}.${solveChallenge(challenge, bits, idempotencyKey)}`,
  };
}
