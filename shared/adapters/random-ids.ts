import { randomBytes, randomInt } from 'node:crypto';
import { formatLookupCode } from '../domain/claim-finder.js';
import { monotonicFactory } from 'ulid';
import type { IdGenerator } from '../ports/ids.js';

const ulid = monotonicFactory();

/** ULIDs for time order; 32 random bytes (256 bits) for access tokens; CSPRNG six-digit codes. */
export const randomIds: IdGenerator = {
  newId: (at) => ulid(at.getTime()),
  newAccessToken: () => randomBytes(32).toString('base64url'),
  newLookupCode: () => formatLookupCode(randomInt(0, 1_000_000)),
};
