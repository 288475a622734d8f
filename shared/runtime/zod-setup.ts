/**
 * Imported first by every Lambda handler, before anything parses. zod's default compiles a parser per
 * object schema with `new Function` on its first parse; a function parses each schema a few times per
 * request, so that compiling is paid on every cold start and rarely earns it back (measured: 2–6 ms less
 * import time per handler, and no slower parses of the policy settings). It also keeps the functions
 * free of generated code.
 */
import * as z from 'zod';

z.config({ jitless: true });
