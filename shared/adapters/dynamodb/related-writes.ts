import type { RelatedWrite } from '../../ports/claim-store.js';
import { commitmentBreachUpdate } from './commitment-store.js';
import { ENTITY, SCHEMA_VERSION, statsKey, statsKeyKey, unitStatsKey } from './keys.js';
import { INDEXES } from './table-definition.js';

type CounterWrite = Extract<RelatedWrite, { type: 'stats' | 'stats_key' | 'commitment_breach' }>;

/** A counter or commitment-breach write as one more item of the claim's TransactWriteItems. */
export function relatedWriteItem(tableName: string, write: CounterWrite) {
  if (write.type === 'commitment_breach') return commitmentBreachUpdate(tableName, write);
  if (write.type === 'stats_key') return keyedCounterUpdate(tableName, write);
  const entries = Object.entries(write.add);
  const names = Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name]));
  const values = Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n]));
  return {
    Update: {
      TableName: tableName,
      Key:
        write.unitPath === undefined
          ? statsKey(write.month, write.shard)
          : unitStatsKey(write.month, write.unitPath, write.shard),
      // Counters are top-level attributes named after the counter, so ADD creates each on first use.
      UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')} SET entityType = :entity, schemaVersion = :schema`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ':entity': ENTITY.statistics, ':schema': SCHEMA_VERSION },
    },
  };
}

/**
 * One key's counter in its own item (a few hundred bytes, whatever the number of keys). The count IS the
 * sort key of the sparse top-keys index (a number), so the month's highest counts are one Query away.
 */
function keyedCounterUpdate(tableName: string, write: Extract<RelatedWrite, { type: 'stats_key' }>) {
  const index = INDEXES.statsTopKeys;
  const key = statsKeyKey(write.month, write.family, write.key, write.unitId);
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression:
        'ADD #count :n SET #gpk = :gpk, #label = if_not_exists(#label, :label), entityType = :entity, schemaVersion = :schema',
      ExpressionAttributeNames: {
        '#count': index.sortKey,
        '#gpk': index.partitionKey,
        '#label': 'label',
      },
      ExpressionAttributeValues: {
        ':n': write.n,
        ':gpk': key.PK,
        ':label': write.label,
        ':entity': ENTITY.keyedStatistics,
        ':schema': SCHEMA_VERSION,
      },
    },
  };
}
