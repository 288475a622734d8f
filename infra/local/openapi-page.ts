import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * `GET /openapi.json` on the local stack: the API's OpenAPI 3.1 document, built from the routes' zod
 * schemas on first request (zod-openapi is loaded only then) and kept. In AWS it is not served by the API
 * (the generator would enter the Lambda bundle); `npm run openapi` writes the same document to a file.
 */
export function openApiPage() {
  let body: string | undefined;
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname !== '/openapi.json') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Method Not Allowed' }));
      return true;
    }
    if (body === undefined) {
      const [{ openApiDocument }, { routes }] = await Promise.all([
        import('../../functions/api/openapi.js'),
        import('../../functions/api/routes.js'),
      ]);
      body = JSON.stringify(openApiDocument(routes), null, 2);
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
