import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import { logger } from '../logger.js';
import { header } from './request.js';
import { HttpError, type HttpEvent, type HttpResult } from './types.js';

/**
 * The header CloudFront adds to every request it passes to the HTTP API, with a secret value (the service
 * stack's OriginVerifySecret, infra/constructs/api-edge.ts). A request without it did not come through the
 * API's distribution, so it skipped the WAF's per-client limits: the execute-api address answers 403.
 */
export const ORIGIN_VERIFY_HEADER = 'X-Origin-Verify';

/** Least time between two reads of the secret prompted by a value that does not match the one held. */
export const ORIGIN_SECRET_REREAD_MS = 60_000;

/** For logs; the answer's words (in the request's language) are the error responses' own. */
const REFUSED_MESSAGE =
  'requests must come through the CloudFront distribution, which adds the origin secret';

function refused(): HttpError {
  return new HttpError(403, 'ORIGIN_REFUSED', REFUSED_MESSAGE);
}

/** Equal strings, compared in constant time (digests, so the lengths match). */
function sameSecret(sent: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

/**
 * middy before: refuses (403, in words) every request whose X-Origin-Verify is not the secret's value. The
 * value is read on the first request and kept; a request with another value makes it read again, at most
 * once a minute, so a new value (a recreated secret after a deploy) is taken without a cold start while a
 * caller guessing values cannot make the function call Secrets Manager on every request. A failed read is
 * a 500 (nothing gets through unchecked) and is tried again on the next request.
 */
export function originVerify(
  readSecret: () => Promise<string>,
  clock: () => number = Date.now,
): MiddlewareObj<HttpEvent, HttpResult> {
  let held: { readonly value: Promise<string>; readonly at: number } | undefined;
  const load = (): Promise<string> => {
    const value = readSecret().then((v) => v.trim());
    const entry = { value, at: clock() };
    held = entry;
    value.catch(() => {
      if (held === entry) held = undefined;
    });
    return value;
  };
  return {
    before: async (request) => {
      const sent = header(request.event, ORIGIN_VERIFY_HEADER);
      if (sent === undefined || sent === '') throw refused();
      let expected = await (held?.value ?? load());
      if (!sameSecret(sent, expected) && held !== undefined && clock() - held.at >= ORIGIN_SECRET_REREAD_MS)
        expected = await load();
      if (!sameSecret(sent, expected)) {
        logger.warn('request without the origin secret refused', { path: request.event.rawPath });
        throw refused();
      }
    },
  };
}
