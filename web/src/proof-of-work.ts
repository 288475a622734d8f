import { useEffect, useRef } from 'preact/hooks';
import * as z from '../../shared/zod.js';
import { request } from './api.js';
import { solve } from './pow-solver.js';

/**
 * The form's proof of work (issue 18; shared/domain/proof-of-work.ts says how the API checks it): a
 * challenge asked for as the form opens and solved in the background, in slices that leave the page
 * responsive, while the customer types. The claim then carries `X-Proof-Of-Work: <challenge>.<nonce>`.
 */

const ChallengeSchema = z.object({ challenge: z.string(), bits: z.int(), expiresAt: z.string() });

/** A solved proof and when its challenge expires. */
interface Solved {
  readonly header: string | undefined;
  readonly expiresAt: number;
}

async function freshProof(idempotencyKey: string): Promise<Solved> {
  const result = await request('GET', '/form-challenge');
  const parsed = ChallengeSchema.safeParse(result.body);
  if (result.status !== 200 || !parsed.success) return { header: undefined, expiresAt: 0 };
  const { challenge, bits, expiresAt } = parsed.data;
  // Bits 0: the policy has it off, and the API asks for no header.
  if (bits === 0 || challenge === '') return { header: undefined, expiresAt: Number.POSITIVE_INFINITY };
  const nonce = await solve(challenge, bits, idempotencyKey);
  return { header: `${challenge}.${nonce}`, expiresAt: Date.parse(expiresAt) };
}

/**
 * The proof for one filled-in form: solving starts as the form opens; `headers()` waits for it (solving a
 * fresh one if it expired or `renew` says the API refused it) and gives the header to send.
 */
export function useProofOfWork(idempotencyKey: string) {
  const solving = useRef<Promise<Solved> | null>(null);
  useEffect(() => {
    solving.current ??= freshProof(idempotencyKey);
  }, [idempotencyKey]);
  return {
    async headers(renew = false): Promise<Record<string, string>> {
      let solved = await (solving.current ??= freshProof(idempotencyKey));
      // A minute's margin: the request must arrive before the challenge expires.
      if (renew || solved.expiresAt - Date.now() < 60_000) {
        solving.current = freshProof(idempotencyKey);
        solved = await solving.current;
      }
      return solved.header === undefined ? {} : { 'x-proof-of-work': solved.header };
    },
  };
}

const RefusalSchema = z.object({
  error: z.object({
    reason: z.enum(['proof_of_work_missing', 'proof_of_work_invalid', 'proof_of_work_expired']),
  }),
});

/** Whether the API refused the proof (not the claim): the page solves a fresh challenge and sends once more. */
export function proofRefused(result: { readonly status: number; readonly body: unknown }): boolean {
  return result.status === 400 && RefusalSchema.safeParse(result.body).success;
}
