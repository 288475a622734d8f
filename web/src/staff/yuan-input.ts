/** "60.50", "¥60.5" or "60" → integer fen, by string arithmetic (no floating point); null when it does not parse. */
export function yuanToFen(text: string): number | null {
  const match = /^¥?\s*(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match?.[1]) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** "内胆更换费; 60.50" → a plan item in integer fen; null when the line does not parse. */
export function planItem(
  line: string,
): { kind: 'direct_loss'; description: string; amountFen: number } | null {
  const match = /^(.+?)[;；](.*)$/.exec(line.trim());
  const amountFen = match?.[2] !== undefined ? yuanToFen(match[2]) : null;
  if (!match?.[1] || amountFen === null) return null;
  return { kind: 'direct_loss', description: match[1].trim(), amountFen };
}
