import * as z from '../zod.js';

/** Money is integer fen (1 CNY = 100 fen): never a float, so sums and comparisons are exact. */
export const FenSchema = z.int().check(z.nonnegative(), z.lte(Number.MAX_SAFE_INTEGER));
export type Fen = z.infer<typeof FenSchema>;

export const FEN_PER_YUAN = 100;

export function yuanToFen(yuan: number): Fen {
  return Math.round(yuan * FEN_PER_YUAN);
}

/**
 * Yuan as a person types them ("60.50", "¥60.5", "60", "1,234.5") → integer fen, by string arithmetic (no
 * floating point); null when it is not an amount with at most two decimals ("19.999" is refused, not rounded).
 */
export function parseYuan(text: string): Fen | null {
  const match = /^[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match?.[1]) return null;
  const fen = Number(match[1].replaceAll(',', '')) * FEN_PER_YUAN + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
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
