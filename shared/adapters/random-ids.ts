import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import type { IdGenerator } from '../ports/ids.js';

const ulid = monotonicFactory();

/** ULIDs for time order; 32 random bytes (256 bits) for access tokens. */
export const randomIds: IdGenerator = {
  newId: (at) => ulid(at.getTime()),
  newAccessToken: () => randomBytes(32).toString('base64url'),
};
