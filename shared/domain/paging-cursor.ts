import * as z from '../zod.js';
import { ValidationError } from './errors.js';

/**
 * Opaque paging cursors (base64url JSON). The work queue's (issue 17): the API sorts the rows itself, so a
 * page is an offset into the sorted list, carried with the signature of the query it belongs to (filters,
 * sort, the caller), so a cursor cannot be replayed on another query.
 */
const QueueCursorSchema = z.strictObject({ o: z.int().check(z.gte(0)), q: z.string() });

export function offsetCursor(offset: number, signature: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: signature }), 'utf8').toString('base64url');
}

/** What an opaque cursor (base64url JSON) holds, still to be validated; undefined when it is not JSON. */
export function cursorJson(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** 0 without a cursor; a malformed one, or one made for another query, is a 400. */
export function cursorOffset(cursor: string | undefined, signature: string): number {
  if (cursor === undefined) return 0;
  const c = QueueCursorSchema.safeParse(cursorJson(cursor));
  if (!c.success || c.data.q !== signature)
    throw new ValidationError('the paging cursor is not valid for this list', [
      { path: 'cursor', message: 'invalid cursor' },
    ]);
  return c.data.o;
}
