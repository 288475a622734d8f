import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from '../../shared/runtime/http/types.js';
import { readBody } from './http-helpers.js';

/** API Gateway's own payload limit; the handler applies its smaller JSON limit after this. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

export type ApiHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

export interface LocalGatewayOptions {
  readonly handler: ApiHandler;
  /** Emulates the JWT authorizer on `/staff/` routes: claims for a valid token, null otherwise. */
  readonly authorize: (authorization: string | undefined) => Promise<Record<string, string> | null>;
  /** Requests the API does not own (web pages, outbox) go here first; return true when handled. */
  readonly fallback?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

/**
 * The local stand-in for the HTTP API: turns a Node request into the payload-v2 event API Gateway builds,
 * runs the JWT authorizer on `/staff/` like the cloud route configuration does, calls the very handler
 * Lambda runs, and writes its result back.
 */
export function createLocalGateway(options: LocalGatewayOptions): Server {
  return createServer((req, res) => {
    handle(req, res, options).catch((error: unknown) => {
      console.error('local gateway error', error);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Internal Server Error' }));
    });
  });
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: LocalGatewayOptions,
): Promise<void> {
  if (options.fallback && (await options.fallback(req, res))) return;
  const body = await readBody(req, GATEWAY_MAX_BODY_BYTES);
  if (body === 'too-large') {
    res.writeHead(413, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: 'Request Entity Too Large' }));
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers = flattenHeaders(req);
  let authorizer: { jwt: { claims: Record<string, string>; scopes: null } } | undefined;
  if (url.pathname === '/staff' || url.pathname.startsWith('/staff/')) {
    const claims = await options.authorize(headers['authorization']);
    if (!claims) {
      // API Gateway answers for the authorizer; the function is never called.
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' });
      res.end(JSON.stringify({ message: 'Unauthorized' }));
      return;
    }
    authorizer = { jwt: { claims, scopes: null } };
  }
  const event = toEvent(req, url, headers, body, authorizer);
  const result = await options.handler(event, lambdaContext());
  res.writeHead(result.statusCode ?? 200, { ...stringHeaders(result.headers) });
  res.end(result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : (result.body ?? ''));
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  headers: Record<string, string>,
  body: Buffer,
  authorizer: { jwt: { claims: Record<string, string>; scopes: null } } | undefined,
): HttpEvent {
  const now = new Date();
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = key in query ? `${query[key]},${value}` : value;
  const textual = /json|text|x-www-form-urlencoded/i.test(headers['content-type'] ?? 'application/json');
  const event: HttpEvent = {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers['host'] ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !textual,
  };
  return authorizer ? { ...event, requestContext: { ...event.requestContext, authorizer } } : event;
}

/** API Gateway v2 lower-cases header names and joins repeated ones with commas. */
function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function stringHeaders(headers: HttpResult['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) out[key] = String(value);
  return out;
}

/** A Lambda context with the fields middy and Powertools read. */
export function lambdaContext(): Context {
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'claims-api-local',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:claims-api-local',
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, 29_000 - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
