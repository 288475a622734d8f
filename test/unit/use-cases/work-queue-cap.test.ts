import { describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import {
  QUEUE_CAP,
  WorkQueueQuerySchema,
  workQueue,
} from '../../../shared/domain/use-cases/staff-queries.js';
import type { QueueRead, WorkQueueQuery } from '../../../shared/ports/claim-store.js';
import { intakeInput, principal, testDependencies } from '../../support/fixtures.js';

/** A store whose queue reads stop after one claim, as a unit with more open claims than QUEUE_CAP would. */
class OneClaimCap extends InMemoryClaimStore {
  readonly asked: WorkQueueQuery[] = [];
  override workQueue(query: WorkQueueQuery): Promise<QueueRead> {
    this.asked.push(query);
    return super.workQueue({ ...query, cap: 1 });
  }
}

describe('a work queue with more open claims than the API sorts at once', () => {
  it('says it is capped, and keeps the end that sorts first', async () => {
    const store = new OneClaimCap();
    const deps = testDependencies(store);
    const filed: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { claim } = await fileClaim(deps, {
        input: intakeInput(),
        channel: 'web',
        actor: { type: 'customer' },
      });
      filed.push(claim.number);
      deps.clock.advanceMs(3_600_000);
    }
    const read = (query: Record<string, string>) =>
      workQueue(deps, principal(['manager']), WorkQueueQuerySchema.parse(query), deps.clock.now());
    // Next deadline first: the longest-waiting claim is the one kept.
    expect(await read({})).toMatchObject({ items: [{ number: filed[0] }], total: 1, capped: true });
    expect(store.asked.at(-1)).toMatchObject({ from: 'oldest', cap: QUEUE_CAP });
    // Newest first: the newest is kept.
    const newest = await read({ sort: 'received', order: 'newest' });
    expect(newest).toMatchObject({ items: [{ number: filed[1] }], capped: true });
    expect(store.asked.at(-1)?.from).toBe('newest');
  });
});
