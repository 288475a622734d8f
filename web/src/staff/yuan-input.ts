import { SETTLEMENT_LABELS } from '../../../shared/domain/labels.js';
import { parseYuan } from '../../../shared/domain/money.js';
import { SETTLEMENTS, type Settlement } from '../../../shared/domain/resolution.js';

/** The console's amounts: the one parser of typed yuan (shared with the claim form). */
export const yuanToFen = parseYuan;

/** The words a plan item line may end with to say how it is settled ("现金" / "cash"…). */
const SETTLEMENT_WORDS: Readonly<Record<string, Settlement>> = Object.fromEntries(
  SETTLEMENTS.flatMap((s) => SETTLEMENT_LABELS[s].map((w) => [w.toLowerCase(), s] as const)),
);

/**
 * "内胆更换费; 60.50" → a plan item in integer fen; "换新电热水壶; 199; 实物" names its settlement too (现金,
 * 实物, 服务 or cash, goods, service; without it the plan's type decides). Null when the line does not parse.
 */
export function planItem(
  line: string,
): { kind: 'direct_loss'; description: string; amountFen: number; settlement?: Settlement } | null {
  const match = /^(.+?)[;；]([^;；]*)(?:[;；](.*))?$/.exec(line.trim());
  const amountFen = match?.[2] !== undefined ? yuanToFen(match[2]) : null;
  if (!match?.[1] || amountFen === null) return null;
  const word = match[3]?.trim().toLowerCase();
  const settlement = word === undefined || word === '' ? undefined : SETTLEMENT_WORDS[word];
  if (word !== undefined && word !== '' && settlement === undefined) return null;
  return {
    kind: 'direct_loss',
    description: match[1].trim(),
    amountFen,
    ...(settlement !== undefined ? { settlement } : {}),
  };
}
