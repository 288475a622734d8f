import { createConfig, lintFromString } from '@redocly/openapi-core';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ROUTE_DOCS, openApiDocument, routeKey } from '../../../functions/api/openapi.js';
import { routes } from '../../../functions/api/routes.js';
import { openApiPage } from '../../../infra/local/openapi-page.js';
import { reachable } from '../../support/import-graph.js';

const document = openApiDocument(routes);

describe('the OpenAPI document', () => {
  it('has every route of the router, with its method, and nothing the router lacks', () => {
    const documented = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      ['get', 'put', 'post', 'patch', 'delete']
        .filter((method) => method in (item ?? {}))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const routed = routes.map(routeKey);
    expect(documented.sort()).toEqual([...routed].sort());
    expect(Object.keys(ROUTE_DOCS).sort()).toEqual([...routed].sort());
  });

  it('refuses a route it has no entry for', () => {
    expect(() => openApiDocument([...routes, { method: 'GET', path: '/staff/unlisted' }])).toThrow(
      'no OpenAPI entry for GET /staff/unlisted',
    );
  });

  it('carries the request schemas the routes parse with', () => {
    // The intake body as zod's input view: what the form must send (fields with defaults are optional).
    expect(document.paths).toMatchObject({
      '/claims': {
        post: {
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['claimant', 'product', 'foundOn', 'description', 'requestedRemedy'],
                },
              },
            },
          },
        },
      },
    });
    const view = document.paths?.['/claims/{number}']?.get;
    expect(view?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'path', name: 'number', required: true }),
        expect.objectContaining({ in: 'header', name: 'X-Claim-Token', required: true }),
      ]),
    );
    // The token is no query parameter any more (URLs are logged); it is the claimToken scheme.
    expect(view?.parameters).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'query', name: 'token' })]),
    );
    expect(view?.security).toEqual([{ claimToken: [] }]);
    expect(document.components?.securitySchemes?.['claimToken']).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-Claim-Token',
    });
    expect(document.paths?.['/claims']?.post?.security).toEqual([]);
    expect(document.paths?.['/staff/claims']?.get?.security).toEqual([{ staffJwt: [] }]);
    expect(document.paths?.['/claims']?.post?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'Idempotency-Key' })]),
    );
  });

  it('is OpenAPI 3.1 that passes Redocly’s recommended lint (offline, no remote refs)', async () => {
    const config = await createConfig({
      extends: ['recommended'],
      // Servers differ per stage and come from the deploy's outputs; a license is not ours to state here.
      rules: { 'no-empty-servers': 'off', 'info-license': 'off' },
    });
    const problems = await lintFromString({
      source: JSON.stringify(document),
      absoluteRef: 'openapi.json',
      config,
    });
    const reported = problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`,
    );
    expect(reported).toEqual([]);
    expect(document.openapi).toBe('3.1.0');
  });
});

describe('GET /openapi.json on the local stack', () => {
  it('serves the document and leaves other paths to the next handler', async () => {
    const page = openApiPage();
    const server = createServer((req, res) => {
      void page(req, res).then((handled) => {
        if (!handled) res.writeHead(404).end('not mine');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const served = await fetch(`http://127.0.0.1:${port}/openapi.json`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toContain('application/json');
      expect(await served.json()).toEqual(JSON.parse(JSON.stringify(document)));
      expect((await fetch(`http://127.0.0.1:${port}/openapi.json`, { method: 'POST' })).status).toBe(405);
      expect(await (await fetch(`http://127.0.0.1:${port}/outbox`)).text()).toBe('not mine');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the API bundle', () => {
  it('never loads the generator (zod-openapi pulls classic zod into a cold start)', () => {
    const reached = reachable('functions/api/handler.ts');
    expect(reached.size).toBeGreaterThan(20);
    expect([...reached].filter((f) => f.includes('openapi'))).toEqual([]);
  });
});
