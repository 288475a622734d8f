import * as z from '../zod.js';

/** Money is integer fen (1 CNY = 100 fen): never a float, so sums and comparisons are exact. */
export const FenSchema = z.int().check(z.nonnegative(), z.lte(Number.MAX_SAFE_INTEGER));
export type Fen = z.infer<typeof FenSchema>;

export const FEN_PER_YUAN = 100;

export function yuanToFen(yuan: number): Fen {
  return Math.round(yuan * FEN_PER_YUAN);
}

/** "¥1,234.50" style text for people; never parsed back. */
export function formatFen(fen: Fen): string {
  const yuan = Math.floor(fen / FEN_PER_YUAN);
  const rest = String(fen % FEN_PER_YUAN).padStart(2, '0');
  return `¥${yuan.toLocaleString('en-US')}.${rest}`;
}
