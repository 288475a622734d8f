import * as z from '../../shared/zod.js';

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
    issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
    requestId: z.optional(z.string()),
    /** A refusal the API words itself in both languages (e.g. an assignee not in the staff directory). */
    words: z.optional(z.object({ 'zh-CN': z.string(), en: z.string() })),
  }),
});

export interface ApiResult {
  readonly status: number;
  readonly body: unknown;
}

export async function request(
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResult> {
  const response = await fetch(await apiUrl(path), {
    method,
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
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
 * A refused request in words for the page: the API's own words in the page's language where it gives them,
 * else the problem's message, then each field issue (`path: message`), or the HTTP status when the body is not problem JSON (a proxy's error page, say).
 */
export function problemMessage(result: ApiResult): string {
  const parsed = ApiErrorSchema.safeParse(result.body);
  if (!parsed.success) return `HTTP ${result.status}`;
  const { message, issues, words } = parsed.data.error;
  if (words) return new URLSearchParams(location.search).get('lang') === 'en' ? words.en : words['zh-CN'];
  const details = (issues ?? []).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  return details.length ? `${message} (${details.join('; ')})` : message;
}
