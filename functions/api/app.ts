import middy from '@middy/core';
import { errorResponses, requestLogging } from '../../shared/runtime/http/error-responses.js';
import { originVerify } from '../../shared/runtime/http/origin-verify.js';
import { createRouter } from '../../shared/runtime/http/router.js';
import { lambdaContextLogging } from '../../shared/runtime/logger.js';
import type { HttpEvent, HttpResult } from '../../shared/runtime/http/types.js';
import { businessMetrics } from './business-events.js';
import { routes, type ApiDependencies } from './routes.js';
import { withCurrentPolicy, type AtColdStart } from '../../shared/runtime/current-policy.js';

export interface ApiOptions {
  /**
   * The value CloudFront sends as X-Origin-Verify (in AWS, from Secrets Manager): given, every request must
   * carry it (403 otherwise). The local stack and the tests pass none, so nothing is required there.
   */
  readonly originSecret?: (() => Promise<string>) | undefined;
}

/**
 * The API's middy stack around the router, given its dependencies. `handler.ts` builds the dependencies
 * once per cold start from the environment; tests build them against DynamoDB Local or in memory. Each
 * request reads the policy in force (from a one-minute cache) before it is routed.
 */
export function createApi(deps: AtColdStart<ApiDependencies>, options: ApiOptions = {}) {
  const route = createRouter(routes);
  const api = middy<HttpEvent, HttpResult>()
    .use(lambdaContextLogging())
    .use(requestLogging())
    .use(errorResponses());
  if (options.originSecret) api.use(originVerify(options.originSecret));
  return api.use(businessMetrics()).handler(async (event) => route(event, await withCurrentPolicy(deps)));
}
