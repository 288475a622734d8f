import * as z from '../zod.js';

/** Money is integer fen (1 CNY = 100 fen): never a float, so sums and comparisons are exact. */
export const FenSchema = z.int().check(z.nonnegative(), z.lte(Number.MAX_SAFE_INTEGER));
export type Fen = z.infer<typeof FenSchema>;

export const FEN_PER_YUAN = 100;

export function yuanToFen(yuan: number): Fen {
  return Math.round(yuan * FEN_PER_YUAN);
}

/**
 * "¥1,234.50" text for people, from integer fen without floating point (a negative amount, e.g. a
 * correction, keeps its sign); never parsed back. The web pages and the mail templates both use it.
 */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const whole = Math.floor(abs / FEN_PER_YUAN).toLocaleString('en-US');
  return `${sign}¥${whole}.${String(abs % FEN_PER_YUAN).padStart(2, '0')}`;
}
