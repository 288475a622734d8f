import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { HttpError, type HttpEvent, type HttpResult } from './types.js';

export type Params = Readonly<Record<string, string>>;

export interface Route<Ctx> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** e.g. `/staff/claims/{ref}/assign`; each `{name}` matches one path segment. */
  readonly path: string;
  readonly handle: (event: HttpEvent, params: Params, ctx: Ctx) => Promise<HttpResult>;
}

interface CompiledRoute<Ctx> extends Route<Ctx> {
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

/**
 * Matches method and path itself rather than trusting `routeKey`, so one handler serves both explicit
 * API Gateway routes and a `$default` route, and the local server needs no route table of its own.
 */
export function createRouter<Ctx>(routes: readonly Route<Ctx>[]) {
  const compiled: CompiledRoute<Ctx>[] = routes.map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { ...route, pattern: new RegExp(`^${source}/?$`), names };
  });
  return async (event: HttpEvent, ctx: Ctx): Promise<HttpResult> => {
    const method = event.requestContext.http.method.toUpperCase();
    const path = event.rawPath;
    let pathMatched = false;
    for (const route of compiled) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeSegment(match[i + 1] ?? '');
      });
      return route.handle(event, params, ctx);
    }
    if (pathMatched) throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}`);
    throw new NotFoundError(`no such resource: ${path}`);
  };
}

/**
 * The longest path parameter any route takes (claim numbers, ULIDs, dates are far shorter). Longer ones
 * name nothing, and 5,000 characters reached DynamoDB as a key over its 2,048-byte limit: a 500 (issue 22).
 */
export const MAX_PATH_PARAM_LENGTH = 128;

function decodeSegment(segment: string): string {
  const tooLong = new ValidationError(`a path parameter is longer than ${MAX_PATH_PARAM_LENGTH} characters`, [
    { path: 'path', message: 'too long' },
  ]);
  if (segment.length > MAX_PATH_PARAM_LENGTH * 3) throw tooLong;
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    throw new ValidationError('the path has a malformed %-escape', [
      { path: 'path', message: 'malformed escape' },
    ]);
  }
  if (decoded.length > MAX_PATH_PARAM_LENGTH) throw tooLong;
  return decoded;
}
