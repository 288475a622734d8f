import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { isDeepStrictEqual } from 'node:util';
import {
  TABLE_DEFINITION,
  TABLE_PARTITION_KEY,
  TABLE_SORT_KEY,
  type IndexDefinition,
} from '../../shared/adapters/dynamodb/table-definition.js';

/**
 * What DynamoDB charges for writes, computed from each item before and after the write.
 *
 * DynamoDB Local's ConsumedCapacity is wrong for transactions (it reports one unit per item where DynamoDB
 * charges two per KB, and it doubles index writes), so the cost bench prices writes itself from the public
 * rules, and an integration test pins this model against DynamoDB Local's figures for single-item writes,
 * where Local is right:
 * - table: ceil(KB) of the larger of the item before and after, at least 1; twice that in a transaction,
 *   rounded per item before doubling. A ConditionCheck is priced as a transactional write of its item.
 * - reads: Local's figures, with DynamoDB's minimum for a GetItem or Query that finds nothing.
 * - each GSI: nothing unless the item's projection changes; an entry written or removed costs ceil(KB) of
 *   the projected item (its key attributes, the table's keys and the projected attributes, plus 100 bytes);
 *   a changed index key costs the removal and the write. Index writes are not doubled in a transaction.
 */
export type Item = Readonly<Record<string, unknown>>;

export interface WritePrice {
  readonly table: number;
  readonly indexes: Readonly<Record<string, number>>;
  readonly total: number;
}

const KB = 1024;
const INDEX_ITEM_OVERHEAD = 100;

/** The size DynamoDB counts for an item: attribute names plus values (docs: "Item sizes and formats"). */
export function itemSize(item: Item): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    size += utf8(name) + valueSize(value);
  }
  return size;
}

function utf8(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'bigint') return numberSize(String(value));
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) {
    let size = 0;
    for (const element of value) size += valueSize(element);
    return size;
  }
  if (Array.isArray(value)) {
    let size = 3;
    for (const element of value) size += 1 + valueSize(element);
    return size;
  }
  if (typeof value === 'object') {
    let size = 3;
    for (const [name, element] of Object.entries(value)) {
      if (element === undefined) continue;
      size += 1 + utf8(name) + valueSize(element);
    }
    return size;
  }
  throw new Error(`no DynamoDB size for a ${typeof value}`);
}

/** One byte per two significant digits, plus one. */
function numberSize(text: string): number {
  const digits = text.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '');
  const significant = digits.replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(significant.length, 1) / 2) + 1;
}

/** The item as the index holds it, or undefined when the item has no entry there (sparse index). */
export function indexEntry(item: Item | undefined, index: IndexDefinition): Item | undefined {
  if (!item || item[index.partitionKey] === undefined || item[index.sortKey] === undefined) return undefined;
  if (index.projection.type === 'ALL') return item;
  const names = [
    TABLE_PARTITION_KEY,
    TABLE_SORT_KEY,
    index.partitionKey,
    index.sortKey,
    ...(index.projection.type === 'INCLUDE' ? index.projection.nonKeyAttributes : []),
  ];
  return Object.fromEntries(names.filter((n) => item[n] !== undefined).map((n) => [n, item[n]]));
}

function entryUnits(entry: Item): number {
  return Math.ceil((itemSize(entry) + INDEX_ITEM_OVERHEAD) / KB);
}

/** Units one index is charged when an item changes from `before` to `after` (either may be absent). */
export function indexWriteUnits(
  before: Item | undefined,
  after: Item | undefined,
  index: IndexDefinition,
): number {
  const was = indexEntry(before, index);
  const is = indexEntry(after, index);
  if (!was && !is) return 0;
  if (!was && is) return entryUnits(is);
  if (was && !is) return entryUnits(was);
  if (!was || !is) return 0;
  const keyMoved =
    !isDeepStrictEqual(was[index.partitionKey], is[index.partitionKey]) ||
    !isDeepStrictEqual(was[index.sortKey], is[index.sortKey]);
  if (keyMoved) return entryUnits(was) + entryUnits(is);
  return isDeepStrictEqual(was, is) ? 0 : entryUnits(is);
}

/** The price of one item's write, table and indexes. */
export function priceWrite(
  before: Item | undefined,
  after: Item | undefined,
  options: { readonly transactional: boolean; readonly conditionCheck?: boolean },
  indexes: readonly IndexDefinition[] = TABLE_DEFINITION.indexes,
): WritePrice {
  const size = Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0);
  const table = Math.max(1, Math.ceil(size / KB)) * (options.transactional ? 2 : 1);
  if (options.conditionCheck) return { table, indexes: {}, total: table };
  const perIndex: Record<string, number> = {};
  let total = table;
  for (const index of indexes) {
    const units = indexWriteUnits(before, after, index);
    if (units > 0) perIndex[index.indexName] = units;
    total += units;
  }
  return { table, indexes: perIndex, total };
}

/** What the stores send: every command of the document client. */
type SentCommand = Parameters<DynamoDBDocumentClient['send']>[0];

interface WriteTarget {
  readonly key: Item;
  readonly transactional: boolean;
  readonly conditionCheck: boolean;
}

/** The items a write command touches, by key. */
function targetsOf(command: unknown): WriteTarget[] | undefined {
  const keyOf = (item: Item): Item => ({
    [TABLE_PARTITION_KEY]: item[TABLE_PARTITION_KEY],
    [TABLE_SORT_KEY]: item[TABLE_SORT_KEY],
  });
  const single = (key: Item): WriteTarget[] => [{ key, transactional: false, conditionCheck: false }];
  if (command instanceof PutCommand) return single(keyOf(command.input.Item ?? {}));
  if (command instanceof UpdateCommand || command instanceof DeleteCommand)
    return single(command.input.Key ?? {});
  if (command instanceof BatchWriteCommand)
    return Object.values(command.input.RequestItems ?? {}).flatMap((requests) =>
      requests.map((r) => ({
        key: r.PutRequest ? keyOf(r.PutRequest.Item ?? {}) : (r.DeleteRequest?.Key ?? {}),
        transactional: false,
        conditionCheck: false,
      })),
    );
  if (command instanceof TransactWriteCommand)
    return (command.input.TransactItems ?? []).map((t) => {
      const key = t.Put
        ? keyOf(t.Put.Item ?? {})
        : (t.Update?.Key ?? t.Delete?.Key ?? t.ConditionCheck?.Key ?? {});
      return { key, transactional: true, conditionCheck: t.ConditionCheck !== undefined };
    });
  return undefined;
}

/**
 * Capacity of a document client's calls, with writes priced by `priceWrite` from the items before and after
 * (read through a second client that is not metered) and reads as DynamoDB Local reports them.
 */
export class WriteUnitsMeter {
  readUnits = 0;
  writeUnits = 0;
  /** Write units by where they went: `table`, or an index name. */
  readonly byTarget = new Map<string, number>();

  get units(): number {
    return this.readUnits + this.writeUnits;
  }

  reset(): void {
    this.readUnits = 0;
    this.writeUnits = 0;
    this.byTarget.clear();
  }

  attach(client: DynamoDBDocumentClient, images: DynamoDBDocumentClient, tableName: string): void {
    const send = client.send.bind(client);
    const imageOf = async (key: Item): Promise<Item | undefined> =>
      (await images.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
    const patched = async (command: SentCommand): Promise<unknown> => {
      const targets = targetsOf(command);
      if (!targets) {
        Object.assign(command.input, { ReturnConsumedCapacity: 'TOTAL' });
        const output: unknown = await send(command);
        this.readUnits += readUnits(command, reportedUnits(output));
        return output;
      }
      const before = await Promise.all(targets.map((t) => imageOf(t.key)));
      const output: unknown = await send(command);
      const after = await Promise.all(targets.map((t) => imageOf(t.key)));
      targets.forEach((t, i) => {
        const price = priceWrite(before[i], after[i], t);
        this.writeUnits += price.total;
        this.add('table', price.table);
        for (const [name, units] of Object.entries(price.indexes)) this.add(name, units);
      });
      return output;
    };
    Object.assign(client, { send: patched });
  }

  private add(target: string, units: number): void {
    this.byTarget.set(target, (this.byTarget.get(target) ?? 0) + units);
  }
}

/**
 * Reads as DynamoDB Local reports them (4 KB units, halved when eventually consistent), except that a
 * GetItem or Query that finds nothing still costs DynamoDB its minimum (0.5, or 1 strongly consistent),
 * where Local reports 0.
 */
function readUnits(command: SentCommand, reported: number): number {
  if (!(command instanceof GetCommand || command instanceof QueryCommand)) return reported;
  const minimum = command.input.ConsistentRead ? 1 : 0.5;
  return Math.max(reported, minimum);
}

function reportedUnits(output: unknown): number {
  if (typeof output !== 'object' || output === null || !('ConsumedCapacity' in output)) return 0;
  const consumed: unknown = output.ConsumedCapacity;
  const list: unknown[] = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  let units = 0;
  for (const c of list)
    if (typeof c === 'object' && c !== null && 'CapacityUnits' in c && typeof c.CapacityUnits === 'number')
      units += c.CapacityUnits;
  return units;
}
