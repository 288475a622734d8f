import { parseYuan } from '../../../shared/domain/money.js';

/** The console's amounts: the one parser of typed yuan (shared with the claim form). */
export const yuanToFen = parseYuan;

/** "内胆更换费; 60.50" → a plan item in integer fen; null when the line does not parse. */
export function planItem(
  line: string,
): { kind: 'direct_loss'; description: string; amountFen: number } | null {
  const match = /^(.+?)[;；](.*)$/.exec(line.trim());
  const amountFen = match?.[2] !== undefined ? yuanToFen(match[2]) : null;
  if (!match?.[1] || amountFen === null) return null;
  return { kind: 'direct_loss', description: match[1].trim(), amountFen };
}
