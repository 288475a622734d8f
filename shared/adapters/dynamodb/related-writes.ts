import type { RelatedWrite } from '../../ports/claim-store.js';
import { commitmentBreachUpdate } from './commitment-store.js';
import { ENTITY, SCHEMA_VERSION, statsKey } from './keys.js';

/** A counter or commitment-breach write as one more item of the claim's TransactWriteItems. */
export function relatedWriteItem(
  tableName: string,
  write: Extract<RelatedWrite, { type: 'stats' | 'commitment_breach' }>,
) {
  if (write.type === 'commitment_breach') return commitmentBreachUpdate(tableName, write);
  const entries = Object.entries(write.add);
  const names = Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name]));
  const values = Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n]));
  return {
    Update: {
      TableName: tableName,
      Key: statsKey(write.month, write.shard),
      // Counters are top-level attributes named after the counter, so ADD creates each on first use.
      UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')} SET entityType = :entity, schemaVersion = :schema`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ':entity': ENTITY.statistics, ':schema': SCHEMA_VERSION },
    },
  };
}
