/**
 * The zod that shared/, functions/ and web/ write their schemas with: `zod/mini`, configured once.
 *
 * Why mini: classic zod's method chains (`z.string().trim().min(1)`) build a full schema object, with some
 * fifty bound methods, for every link, and its module is larger; a Lambda function builds about a thousand
 * schemas at import, so a cold start paid for all of it. Mini builds one schema per `.check(...)` and
 * leaves out what is not called (measured in `npm run bench`, cold start). Its objects also parse without
 * compiling code (`new Function`), which classic does on an object's first parse.
 *
 * English messages are set here, because mini ships without a locale while our API and pages show zod's
 * messages, and every schema module imports this one, so any bundle that validates carries it.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export * from 'zod/mini';
// The error class that every zod parse throws, for `instanceof`; read through `z.core` it would keep the
// whole core namespace, every locale with it, in a bundle.
export { $ZodError } from 'zod/v4/core';
