/**
 * The condition a token rotation (`tokensWith` at the cap) is written under: the list is still the one
 * read, by its length and the two entries the rotation keeps first and drops, so no concurrent token is lost.
 */
export function unchangedTokenList(tokens: readonly string[]): {
  readonly expression: string;
  readonly values: Record<string, string | number>;
} {
  const second = tokens[1];
  return {
    expression:
      'size(accessTokenHashes) = :n AND accessTokenHashes[0] = :first' +
      (second !== undefined ? ' AND accessTokenHashes[1] = :second' : ''),
    values: {
      ':n': tokens.length,
      ':first': tokens[0] ?? '',
      ...(second !== undefined ? { ':second': second } : {}),
    },
  };
}
