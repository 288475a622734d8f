import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { MiddlewareObj } from '@middy/core';

/**
 * X-Ray tracing through Powertools, for the functions where it pays and no person waits on the cold start:
 * the nightly overdue report and email-in (S3 and DynamoDB calls whose time grows with data and mail size).
 * The Tracer brings aws-xray-sdk-core (about 180 KiB and 5–10 ms of import CPU, docs/operations.md), so the
 * API, whose cold start a customer waits on, does not load this module (test/unit/tracing.test.ts pins
 * that); Lambda's Active tracing still records its invocations.
 *
 * The service name is the function's POWERTOOLS_SERVICE_NAME; outside Lambda the Tracer disables itself.
 */
// Both functions call AWS only, through the clients traced below; patching http(s) and fetch as well
// would record each SDK call twice.
export const tracer = new Tracer({ captureHTTPsRequests: false });

/** An AWS SDK v3 client (or document client) whose calls become X-Ray subsegments. */
type TraceableClient = Parameters<Tracer['captureAWSv3Client']>[0];

/** Adds X-Ray subsegments to each client's calls (in place; the clients are the cached ones). */
export function traceClients(...clients: readonly TraceableClient[]): void {
  for (const client of clients) tracer.captureAWSv3Client(client);
}

/**
 * Middy middleware: a `## handler` subsegment with ColdStart and Service annotations and any error. The
 * response is not recorded: it may carry claim data.
 */
export function lambdaTracing(): MiddlewareObj {
  return captureLambdaHandler(tracer, { captureResponse: false });
}
