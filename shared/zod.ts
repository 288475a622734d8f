/**
 * The zod that shared/, functions/ and web/ write their schemas with: `zod/mini`, configured once.
 *
 * Why mini: classic zod's method chains (`z.string().trim().min(1)`) build a full schema object, with some
 * fifty bound methods, for every link, and its module is larger; a Lambda function builds over a thousand
 * schemas at import, so a cold start paid for all of it. Mini builds one schema per `.check(...)` and
 * leaves out what is not called (measured in `npm run bench`, cold start).
 *
 * Configured here, because every schema module imports this one, so any bundle that validates carries it:
 * - English messages: mini ships without a locale, and our API and pages show zod's messages;
 * - jitless: classic and mini compile a parser per object schema with `new Function` on its first parse,
 *   which a short-lived function rarely earns back, and which the pages' CSP need not allow.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config({ ...en(), jitless: true });

export * from 'zod/mini';
// The error class that every zod parse throws, for `instanceof`; read through `z.core` it would keep the
// whole core namespace, every locale with it, in a bundle.
export { $ZodError } from 'zod/v4/core';
