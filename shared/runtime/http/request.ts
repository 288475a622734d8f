import * as z from '../../zod.js';
import { ValidationError } from '../../domain/errors.js';
import { codeOfZodIssue } from '../../domain/field-issues.js';
import type { Language } from '../../domain/categories.js';
import { HttpError, type HttpEvent } from './types.js';

/**
 * The JSON body, size-checked then parsed, then validated: too large → 413, a body not declared
 * application/json → 415, not JSON → 400, not matching the schema → 400 with each field path.
 */
export function parseJsonBody<S extends z.core.$ZodType>(
  event: HttpEvent,
  schema: S,
  maxBytes: number,
): z.infer<S> {
  const raw = event.body ?? '';
  requireJsonContentType(event, raw);
  const bytes = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw, 'utf8');
  if (bytes > maxBytes) {
    throw new HttpError(
      413,
      'PAYLOAD_TOO_LARGE',
      `the request body is ${bytes} bytes; the limit is ${maxBytes}`,
    );
  }
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new ValidationError('the request body is not valid JSON', [
      { path: '', message: 'invalid JSON', code: 'invalid_json' },
    ]);
  }
  return validate(schema, value, 'the request body is not valid');
}

/** Query-string parameters validated against a strict schema (unknown parameters are refused). */
export function parseQuery<S extends z.core.$ZodType>(event: HttpEvent, schema: S): z.infer<S> {
  return validate(schema, event.queryStringParameters ?? {}, 'the query parameters are not valid');
}

/**
 * A body must say it is JSON. A text/plain (or form) POST is a CORS "simple" request that any web page can
 * send cross-origin without a preflight; insisting on application/json makes the browser ask first, and
 * the API's CORS policy then refuses other origins (issue 22). An empty body carries nothing to declare.
 */
function requireJsonContentType(event: HttpEvent, raw: string): void {
  if (raw === '') return;
  const type = (header(event, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return;
  throw new HttpError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `the request body must be sent as application/json (got ${type === '' ? 'no content type' : type})`,
  );
}

export function header(event: Pick<HttpEvent, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

function validate<S extends z.core.$ZodType>(schema: S, value: unknown, message: string): z.infer<S> {
  const result = z.safeParse(schema, value);
  if (!result.success) {
    throw new ValidationError(
      message,
      result.error.issues.map((i) => ({
        path: i.path.map(String).join('.'),
        message: i.message,
        ...codeOfZodIssue(i),
      })),
    );
  }
  return result.data;
}

/**
 * The language a person reads the answer in: the pages send theirs as Accept-Language; English when it
 * asks for English first, Chinese otherwise (the product's default).
 */
export function requestLanguage(event: Pick<HttpEvent, 'headers'>): Language {
  const first = header(event, 'accept-language')?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
