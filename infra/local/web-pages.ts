import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { z } from 'zod';
import { STAFF_ROLES } from '../../shared/domain/lifecycle.js';
import { contentSecurityPolicy, PAGE_HEADERS } from '../constructs/page-headers.js';
import type { WebRuntimeConfig } from '../constructs/web-hosting.js';
import { readBody } from './http-helpers.js';
import { issueLocalToken, type LocalKeys } from './local-auth.js';
import { LOCAL_OAUTH, localOAuth, type LocalOAuthOptions } from './local-oauth.js';
import type { StaffDirectory } from '../../shared/ports/staff-directory.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

const TokenBodySchema = z.strictObject({
  role: z.enum(STAFF_ROLES),
  unit: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/),
});

/**
 * What the local stack serves besides the API: the built pages (web/dist), `/config.json` telling them the
 * API is on the same origin and where to sign in, the local OAuth endpoints standing in for Cognito's managed
 * login (local-oauth.ts), and `POST /local/token`, a token in one call for scripts and tests. These exist
 * only here, on loopback; in the cloud staff sign in through the Cognito user pool.
 */
export function webPages(
  distDir: string,
  keys: LocalKeys,
  staff?: StaffDirectory,
  oauthOptions: LocalOAuthOptions = {},
) {
  const root = resolve(distDir);
  const oauth = localOAuth(keys, Date.now, staff, oauthOptions);
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (await oauth(req, res)) return true;
    if (req.method === 'GET' && url.pathname === '/config.json') {
      // The same shape the cloud deploys, so the pages take one code path; the endpoints are same-origin paths.
      const config: WebRuntimeConfig = {
        apiUrl: '',
        region: 'local',
        userPoolId: 'local',
        userPoolClientId: LOCAL_OAUTH.clientId,
        authorizeUrl: LOCAL_OAUTH.authorizePath,
        tokenUrl: LOCAL_OAUTH.tokenPath,
        logoutUrl: LOCAL_OAUTH.logoutPath,
      };
      send(res, 200, TYPES['.json'], JSON.stringify(config));
      return true;
    }
    if (req.method === 'POST' && url.pathname === '/local/token') {
      const raw = await readBody(req, 16 * 1024);
      let body: unknown;
      try {
        body = raw === 'too-large' ? undefined : JSON.parse(raw.toString('utf8'));
      } catch {
        body = undefined;
      }
      const parsed = TokenBodySchema.safeParse(body);
      if (!parsed.success) {
        send(
          res,
          400,
          TYPES['.json'],
          JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'give a role and a unit' } }),
        );
        return true;
      }
      const { role, unit } = parsed.data;
      const token = await issueLocalToken(keys, {
        role: [role],
        unit,
        sub: `local-${role}-${unit}`.toLowerCase(),
        approvalLimitFen: 0,
        ttlSeconds: 12 * 3600,
      });
      send(res, 200, TYPES['.json'], JSON.stringify({ token }));
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const page =
      url.pathname === '/'
        ? '/index.html'
        : url.pathname === '/staff'
          ? '/staff.html'
          : url.pathname === '/track'
            ? '/track.html'
            : url.pathname === '/dashboard'
              ? '/dashboard.html'
              : url.pathname;
    if (!/^\/(index|track|staff|dashboard|privacy)\.html$|^\/assets\//.test(page)) return false;
    const file = resolve(root, `.${page}`);
    if (!file.startsWith(root + sep)) return false;
    try {
      const body = await readFile(file);
      send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', body, page.startsWith('/assets/'));
    } catch {
      send(
        res,
        404,
        'text/plain; charset=utf-8',
        page.endsWith('.html')
          ? 'The web pages are not built: run npm run build:web (npm start does it).'
          : 'not found',
      );
    }
    return true;
  };
}

function send(
  res: ServerResponse,
  status: number,
  type: string | undefined,
  body: string | Buffer,
  immutable = false,
): void {
  res.writeHead(status, {
    'content-type': type ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    // The cloud's page headers (CloudFront), so the browser tests run the pages under the same CSP;
    // locally the API, sign-in and uploads are all on this origin.
    ...PAGE_HEADERS,
    'content-security-policy': contentSecurityPolicy({ connectSources: [] }),
  });
  res.end(body);
}
