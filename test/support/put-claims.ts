import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { claimToItem } from '../../shared/adapters/dynamodb/claim-items.js';
import { InMemoryClaimStore } from '../../shared/adapters/memory/claim-store.js';
import type { Claim } from '../../shared/domain/claim.js';
import { intakeClocks, type SlaContext } from '../../shared/domain/sla/claim-clocks.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { intakeInput, testDependencies } from './fixtures.js';

const BATCH = 25; // BatchWriteItem's limit
const IN_FLIGHT = 16;

/**
 * Writes claims `claimAt(0 … count-1)` as production stores them (claimToItem), with BatchWrite and
 * unprocessed items retried. Claims are generated a round of batches at a time, so even 100k never sit in
 * memory at once. For loading large tables in tests and benchmarks; production writes go through the store.
 */
export async function putClaims(
  client: DynamoDBDocumentClient,
  tableName: string,
  count: number,
  claimAt: (i: number) => Claim,
): Promise<void> {
  const write = async (from: number): Promise<void> => {
    const items: Claim[] = [];
    for (let i = from; i < Math.min(count, from + BATCH); i++) items.push(claimAt(i));
    let requests = items.map((c) => ({ PutRequest: { Item: claimToItem(c) } }));
    while (requests.length > 0) {
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []).flatMap((r) =>
        r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : [],
      );
    }
  };
  for (let i = 0; i < count; i += BATCH * IN_FLIGHT) {
    const starts: number[] = [];
    for (let b = i; b < Math.min(count, i + BATCH * IN_FLIGHT); b += BATCH) starts.push(b);
    await Promise.all(starts.map(write));
  }
}

/** A claim as web intake makes it (in memory): the template the large-table loaders copy with `claimCopy`. */
export async function intakeTemplate(overrides: Record<string, unknown> = {}): Promise<Claim> {
  const filed = await fileClaim(testDependencies(new InMemoryClaimStore()), {
    input: intakeInput(overrides),
    channel: 'web',
    actor: { type: 'customer' },
  });
  return filed.claim;
}

/**
 * The template (a claim as intake made it) as the `i`-th claim of a large table: its own id and number,
 * filed at `receivedAt` in the last unit of `unitPath`, with the clocks intake gives it at that time.
 */
export function claimCopy(
  ctx: SlaContext,
  template: Claim,
  i: number,
  copy: { idPrefix: string; receivedAt: string; unitPath: readonly string[]; assigneeId?: string },
): Claim {
  const base: Claim = {
    ...template,
    id: `${copy.idPrefix}${String(i).padStart(8, '0')}`,
    number: `CLM-2026-${String(i + 1).padStart(6, '0')}`,
    receivedAt: copy.receivedAt,
    updatedAt: copy.receivedAt,
    unitId: copy.unitPath[copy.unitPath.length - 1] ?? 'HQ',
    unitPath: [...copy.unitPath],
    ...(copy.assigneeId === undefined ? {} : { assigneeId: copy.assigneeId }),
  };
  const clocks = intakeClocks(ctx, base, new Date(copy.receivedAt));
  return clocks ? { ...base, clocks } : base;
}
