import * as z from '../../zod.js';
import { ValidationError } from '../errors.js';

/** Parses with a zod schema and reports failures as the domain's ValidationError, so the edge maps them to 400. */
export function parseOrThrow<T extends z.core.$ZodType>(
  schema: T,
  input: unknown,
  what: string,
): z.output<T> {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new ValidationError(
    `Invalid ${what}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
    issues,
  );
}
