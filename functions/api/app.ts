import middy from '@middy/core';
import type { Dependencies } from '../../shared/runtime/composition.js';
import { errorResponses, requestLogging } from '../../shared/runtime/http/error-responses.js';
import { createRouter } from '../../shared/runtime/http/router.js';
import type { HttpEvent, HttpResult } from '../../shared/runtime/http/types.js';
import { routes } from './routes.js';

/**
 * The API's middy stack around the router, given its dependencies. `handler.ts` builds the dependencies
 * once per cold start from the environment; tests build them against DynamoDB Local or in memory.
 */
export function createApi(deps: Dependencies) {
  const route = createRouter(routes);
  return middy<HttpEvent, HttpResult>()
    .use(requestLogging())
    .use(errorResponses())
    .handler((event) => route(event, deps));
}
