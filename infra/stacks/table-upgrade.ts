/**
 * DynamoDB creates or deletes at most one global secondary index per table update, and CloudFormation
 * makes one update of a stack deployment: a release whose table differs from the last release by more
 * than one index fails the deployment and rolls it back. This module compares the indexes of the last
 * release (infra/releases/table-indexes.json, recorded when a release is cut) with the current
 * definition, so a test refuses the second index before anyone deploys it, and `tableIndexLimit` lets a
 * deployment several releases behind catch up one index per deployment (docs/upgrade.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { TABLE_DEFINITION, type IndexDefinition } from '../../shared/adapters/dynamodb/table-definition.js';
import { REPO_ROOT } from '../constructs/claims-function.js';

const ProjectionSchema = z.union([
  z.object({ type: z.literal('KEYS_ONLY') }),
  z.object({ type: z.literal('ALL') }),
  z.object({ type: z.literal('INCLUDE'), nonKeyAttributes: z.array(z.string()) }),
]);

/** An index as a release recorded it: what DynamoDB compares, without the prose. */
export const ReleasedIndexSchema = z.object({
  indexName: z.string(),
  partitionKey: z.string(),
  sortKey: z.string(),
  /** Recorded only when not a string (older releases have only string keys). */
  sortKeyType: z.optional(z.literal('N')),
  projection: ProjectionSchema,
});
export type ReleasedIndex = z.infer<typeof ReleasedIndexSchema>;

export const ReleasedTableSchema = z.object({
  /** The release (version or tag) these indexes shipped in. */
  release: z.string().min(1),
  indexes: z.array(ReleasedIndexSchema),
});
export type ReleasedTable = z.infer<typeof ReleasedTableSchema>;

export const RELEASED_TABLE_FILE = join(REPO_ROOT, 'infra', 'releases', 'table-indexes.json');

export function readReleasedTable(file: string = RELEASED_TABLE_FILE): ReleasedTable {
  return ReleasedTableSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** What a release records of an index definition. */
export function releasedIndex(index: IndexDefinition | ReleasedIndex): ReleasedIndex {
  return ReleasedIndexSchema.parse({
    indexName: index.indexName,
    partitionKey: index.partitionKey,
    sortKey: index.sortKey,
    ...(index.sortKeyType === 'N' ? { sortKeyType: 'N' } : {}),
    projection: index.projection,
  });
}

export interface IndexChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** Same name, other keys or projection: DynamoDB cannot alter an index, so this is a delete and a create. */
  readonly changed: readonly string[];
  /** Index creations and deletions the update needs (a changed index counts twice). */
  readonly operations: number;
}

export function indexChanges(
  released: readonly ReleasedIndex[],
  current: readonly (IndexDefinition | ReleasedIndex)[],
): IndexChanges {
  const before = new Map(released.map((index) => [index.indexName, JSON.stringify(releasedIndex(index))]));
  const after = new Map(current.map((index) => [index.indexName, JSON.stringify(releasedIndex(index))]));
  const added = [...after.keys()].filter((name) => !before.has(name));
  const removed = [...before.keys()].filter((name) => !after.has(name));
  const changed = [...after.keys()].filter(
    (name) => before.has(name) && before.get(name) !== after.get(name),
  );
  return { added, removed, changed, operations: added.length + removed.length + 2 * changed.length };
}

/**
 * The indexes a deployment with `tableIndexLimit` gets: the first `limit` in definition order. Indexes
 * are only ever appended (GSI1, GSI2, …), so raising the limit by one per deployment adds them one by one.
 */
export function indexesUpTo<T>(indexes: readonly T[], limit: number | undefined): readonly T[] {
  return limit === undefined ? indexes : indexes.slice(0, limit);
}

/** Records the current definition's indexes as those of release `release` (run when a release is cut). */
export function recordRelease(release: string, file: string = RELEASED_TABLE_FILE): void {
  const table: ReleasedTable = { release, indexes: TABLE_DEFINITION.indexes.map(releasedIndex) };
  writeFileSync(file, `${JSON.stringify(table, null, 2)}\n`);
}
