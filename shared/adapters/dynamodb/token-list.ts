import { tokensWith } from '../../ports/claim-finder-store.js';
import { claimKey } from './keys.js';

/**
 * The claim item's update that adds a token. Below the cap (or with no list read) it appends, on condition the
 * claim stays below it. At the cap, with the list read, it writes `tokensWith`'s rotation, on condition the list
 * is still the one read (its length, and the first and second entries the rotation keeps and drops), so no
 * concurrent token is lost.
 */
export function addTokenUpdate(p: {
  readonly tableName: string;
  readonly claimId: string;
  readonly hash: string;
  readonly maxTokens: number;
  /** The token list as read; undefined when this add may not rotate (it then fails at the cap). */
  readonly read?: readonly string[] | undefined;
}) {
  const { read } = p;
  if (read === undefined || read.length < p.maxTokens)
    return {
      Update: {
        TableName: p.tableName,
        Key: claimKey(p.claimId),
        UpdateExpression: 'SET accessTokenHashes = list_append(accessTokenHashes, :hash)',
        ConditionExpression: 'attribute_exists(PK) AND size(accessTokenHashes) < :max',
        ExpressionAttributeValues: { ':hash': [p.hash], ':max': p.maxTokens },
      },
    };
  const second = read[1];
  return {
    Update: {
      TableName: p.tableName,
      Key: claimKey(p.claimId),
      UpdateExpression: 'SET accessTokenHashes = :tokens',
      ConditionExpression:
        'size(accessTokenHashes) = :n AND accessTokenHashes[0] = :first' +
        (second !== undefined ? ' AND accessTokenHashes[1] = :second' : ''),
      ExpressionAttributeValues: {
        ':tokens': tokensWith(read, p.hash, p.maxTokens),
        ':n': read.length,
        ':first': read[0] ?? '',
        ...(second !== undefined ? { ':second': second } : {}),
      },
    },
  };
}
