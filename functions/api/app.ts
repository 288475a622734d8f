import middy from '@middy/core';
import { errorResponses, requestLogging } from '../../shared/runtime/http/error-responses.js';
import { createRouter } from '../../shared/runtime/http/router.js';
import { lambdaContextLogging } from '../../shared/runtime/logger.js';
import type { HttpEvent, HttpResult } from '../../shared/runtime/http/types.js';
import { businessMetrics } from './business-events.js';
import { routes, type ApiDependencies } from './routes.js';
import { withCurrentPolicy, type AtColdStart } from '../../shared/runtime/current-policy.js';

/**
 * The API's middy stack around the router, given its dependencies. `handler.ts` builds the dependencies
 * once per cold start from the environment; tests build them against DynamoDB Local or in memory. Each
 * request reads the policy in force (from a one-minute cache) before it is routed.
 */
export function createApi(deps: AtColdStart<ApiDependencies>) {
  const route = createRouter(routes);
  return middy<HttpEvent, HttpResult>()
    .use(lambdaContextLogging())
    .use(requestLogging())
    .use(errorResponses())
    .use(businessMetrics())
    .handler(async (event) => route(event, await withCurrentPolicy(deps)));
}
