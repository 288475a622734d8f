import * as z from '../../shared/zod.js';
import { currentLang } from './i18n.js';

let config: Promise<unknown> | undefined;

/** /config.json, fetched once: the API's URL and the sign-in endpoints ({} when it cannot be read). */
export function runtimeConfig(): Promise<unknown> {
  config ??= fetch('/config.json')
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => ({}));
  return config;
}

/** Where the API is: same origin locally, the API Gateway URL in the cloud (from /config.json). */
const ConfigSchema = z.looseObject({ apiUrl: z.string() });
let apiBase: Promise<string> | undefined;

export function apiUrl(path: string): Promise<string> {
  apiBase ??= runtimeConfig()
    .then((json) => ConfigSchema.safeParse(json))
    .then((parsed) => (parsed.success ? parsed.data.apiUrl.replace(/\/$/, '') : ''));
  return apiBase.then((base) => `${base}${path}`);
}

export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Each field's problem: a stable code, worded by the API in the language the page asked for. */
    issues: z.optional(
      z.array(z.object({ path: z.string(), message: z.string(), code: z.optional(z.string()) })),
    ),
    requestId: z.optional(z.string()),
  }),
});

export interface ApiResult {
  readonly status: number;
  readonly body: unknown;
}

/** The staff session's part in requests (auth.ts gives it): its current ID token, and a new one after a 401. */
export interface BearerSource {
  readonly current: () => string;
  /** A token to try once more, or null (signed out); it may wait for the user to sign in again. */
  readonly renew: (rejected: string) => Promise<string | null>;
}

let bearer: BearerSource | undefined;

export function setBearerSource(source: BearerSource): void {
  bearer = source;
}

const BEARER = 'Bearer ';

export async function request(
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResult> {
  const url = await apiUrl(path);
  const given = init.headers?.['authorization'];
  // A staff request carries the session's token as it is now, not as it was when the page built its
  // headers: a refresh then does not have to re-render (and reload) every view holding them.
  const source = given?.startsWith(BEARER) ? bearer : undefined;
  const send = (token: string | undefined) =>
    fetch(url, {
      method,
      // The API words its refusals in the page's language.
      headers: {
        'accept-language': currentLang(),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
        ...(token === undefined ? {} : { authorization: `${BEARER}${token}` }),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  const token = source === undefined ? undefined : source.current() || given?.slice(BEARER.length);
  let response = await send(token);
  // A rejected token is renewed (or signed in again, in place) and the request sent once more.
  if (response.status === 401 && source !== undefined && token !== undefined) {
    const fresh = await source.renew(token);
    if (fresh !== null) response = await send(fresh);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, body };
}

/**
 * A refused request in words for the page: the problem's message, then each field issue's (worded by the
 * API in the page's language, naming its field), or the HTTP status when the body is not problem JSON (a
 * proxy's error page, say).
 */
export function problemMessage(result: ApiResult): string {
  const parsed = ApiErrorSchema.safeParse(result.body);
  if (!parsed.success) return `HTTP ${result.status}`;
  const { message, issues } = parsed.data.error;
  const details = (issues ?? []).map((i) => i.message);
  return details.length ? `${message} ${details.join(' ')}` : message;
}
