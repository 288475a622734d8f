import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import type { HttpEvent, HttpResult } from '../../shared/runtime/http/types.js';
import type { StaffRole } from '../../shared/domain/lifecycle.js';
import { proofHeaders } from './proof-of-work.js';

export interface EventOptions {
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** Raw body text, for malformed-JSON cases. */
  readonly rawBody?: string;
  /** JWT claims as the HTTP API authorizer passes them (strings, arrays as "[a b]"). */
  readonly claims?: Record<string, string>;
  /** The customer's claim token, sent as the page sends it: the `X-Claim-Token` header. */
  readonly customerToken?: string;
  /**
   * `POST /claims` is sent as the form sends it, with an Idempotency-Key (the one given, or a fresh one) and
   * its proof of work (test/support/proof-of-work.ts); false sends the headers as given, for the tests of it.
   */
  readonly proofOfWork?: false;
}

/** An API Gateway HTTP API payload-v2 event, as AWS builds it. */
export function httpEvent(method: string, path: string, options: EventOptions = {}): HttpEvent {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const query = options.query ?? {};
  const given = options.headers ?? {};
  const proof =
    method === 'POST' && path === '/claims' && options.proofOfWork !== false && !('x-proof-of-work' in given)
      ? proofHeaders(given['idempotency-key'])
      : {};
  const requestContext = {
    accountId: '123456789012',
    apiId: 'api',
    domainName: 'api.example.com',
    domainPrefix: 'api',
    http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'vitest' },
    requestId: randomUUID(),
    routeKey: '$default',
    stage: '$default',
    time: new Date().toUTCString(),
    timeEpoch: Date.now(),
    ...(options.claims ? { authorizer: { jwt: { claims: options.claims, scopes: null } } } : {}),
  };
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    // API Gateway hands the function lower-cased header names.
    headers: {
      'content-type': 'application/json',
      ...(options.customerToken !== undefined ? { 'x-claim-token': options.customerToken } : {}),
      ...proof,
      ...given,
    },
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext,
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
}

export function staffClaims(
  roles: StaffRole[],
  unit = 'HQ',
  sub = `staff-${roles.join('-')}-${unit}`,
  approvalLimitFen = 0,
): Record<string, string> {
  return {
    sub,
    'cognito:groups': `[${roles.join(' ')}]`,
    'custom:unit': unit,
    'custom:approval_limit': String(approvalLimitFen),
    token_use: 'id',
  };
}

export interface ParsedResult {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Runs a handler and parses its JSON body. */
export async function invoke(
  handler: (e: HttpEvent, c: Context) => Promise<HttpResult>,
  event: HttpEvent,
): Promise<ParsedResult> {
  const result = await handler(event, lambdaContext());
  const parsed: unknown = JSON.parse(result.body ?? '{}');
  return { status: result.statusCode ?? 200, body: z.record(z.string(), z.unknown()).parse(parsed) };
}

/** A POST through the API handler as staff (their JWT claims) or as the customer (their tracking token). */
export function postAs(
  handler: (e: HttpEvent, c: Context) => Promise<HttpResult>,
  path: string,
  claims: Record<string, string> | undefined,
  body: unknown = {},
  token?: string,
): Promise<ParsedResult> {
  return invoke(
    handler,
    httpEvent('POST', path, {
      body,
      ...(claims ? { claims } : {}),
      ...(token ? { customerToken: token } : {}),
    }),
  );
}

/** The web-form body the API tests submit. */
export function formBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    claimant: { name: '王芳', phone: '13800138000', email: 'wang.fang@example.com' },
    product: { name: '电热水壶 K1', model: 'K1-2026', quantity: 1, orderNumber: 'SO-1001' },
    foundOn: '2026-11-20',
    description: '壶底漏水，无法使用',
    category: 'product_quality',
    requestedRemedy: 'replacement',
    claimedAmountFen: 19_900,
    // The form's consent line (issue 18): POST /claims refuses a claim without it.
    privacyConsent: { noticeVersion: 1 },
    ...overrides,
  };
}
