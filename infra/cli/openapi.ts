/**
 * `npm run openapi [-- <file>]`: writes the API's OpenAPI 3.1 document (functions/api/openapi.ts) to the
 * file, or to standard output without one; for API clients, gateways and review tools.
 */
import { writeFile } from 'node:fs/promises';
import { openApiDocument } from '../../functions/api/openapi.js';
import { routes } from '../../functions/api/routes.js';

const text = `${JSON.stringify(openApiDocument(routes), null, 2)}\n`;
const out = process.argv[2];
if (out === undefined) process.stdout.write(text);
else {
  await writeFile(out, text);
  console.log(`wrote ${out} (${routes.length} routes)`);
}
