import { describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { NotificationIntentSchema } from '../../../shared/domain/messages.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { markArrived, RELAY_GRACE_MS, relayPending } from '../../../shared/domain/use-cases/relay-outbox.js';
import { intakeInput, testDependencies } from '../../support/fixtures.js';

const FAR_FUTURE = new Date('2100-01-01T00:00:00Z');

async function fileOne(deps: ReturnType<typeof testDependencies>) {
  return fileClaim(deps, { input: intakeInput(), channel: 'web', actor: { type: 'customer' } });
}

describe('transactional outbox', () => {
  it('intake writes the acknowledgment with the claim and sends it, naming its outbox row; the consumer marks it', async () => {
    const store = new InMemoryClaimStore();
    const deps = testDependencies(store);
    const filed = await fileOne(deps);
    expect(deps.queues.sent).toHaveLength(1);
    expect(deps.queues.sent[0]).toMatchObject({
      queue: 'notify',
      id: `${filed.claim.id}:acknowledgment`,
      claimId: filed.claim.id,
    });
    const intent = NotificationIntentSchema.parse(deps.queues.sent[0]?.body);
    expect(intent).toMatchObject({
      kind: 'acknowledgment',
      claimNumber: filed.claim.number,
      recipient: { type: 'customer' },
    });
    expect(intent.kind === 'acknowledgment' && intent.data.firstReplyDue).toBe('2026-11-26T10:00:00.000Z');
    expect(JSON.stringify(intent)).not.toContain(filed.accessToken);
    // Sent, not yet arrived: still pending, and only the consumer takes it off the index.
    expect(await store.pendingOutbox(10, FAR_FUTURE)).toHaveLength(1);
    await markArrived(deps, { claimId: filed.claim.id, id: `${filed.claim.id}:acknowledgment` });
    expect(await store.pendingOutbox(10, FAR_FUTURE)).toEqual([]);
  });

  it('does not re-send a message waiting in its queue within the grace period, and does after it', async () => {
    const store = new InMemoryClaimStore();
    const deps = testDependencies(store);
    const filed = await fileOne(deps);
    deps.clock.advanceMs(RELAY_GRACE_MS - 1);
    expect(await relayPending(deps)).toBe(0);
    deps.clock.advanceMs(2);
    expect(await relayPending(deps)).toBe(1);
    expect(deps.queues.sent.map((m) => [m.id, m.claimId])).toEqual([
      [`${filed.claim.id}:acknowledgment`, filed.claim.id],
      [`${filed.claim.id}:acknowledgment`, filed.claim.id],
    ]);
    await markArrived(deps, { claimId: filed.claim.id, id: `${filed.claim.id}:acknowledgment` });
    deps.clock.advanceMs(RELAY_GRACE_MS);
    expect(await relayPending(deps)).toBe(0);
  });

  it('keeps the message pending when the queue fails, and the catch-up sends it after the grace period', async () => {
    const store = new InMemoryClaimStore();
    const deps = testDependencies(store);
    deps.queues.failNext = 1;
    const filed = await fileOne(deps);
    expect(await store.getById(filed.claim.id)).not.toBeNull();
    expect(deps.queues.sent).toHaveLength(0);
    expect(await store.pendingOutbox(10, FAR_FUTURE)).toHaveLength(1);
    expect(await relayPending(deps)).toBe(0);
    deps.clock.advanceMs(RELAY_GRACE_MS + 1);
    expect(await relayPending(deps)).toBe(1);
    expect(deps.queues.sent.map((m) => m.id)).toEqual([`${filed.claim.id}:acknowledgment`]);
  });

  it('marking twice keeps the first arrival; a message without an outbox row is ignored', async () => {
    const store = new InMemoryClaimStore();
    const deps = testDependencies(store);
    const filed = await fileOne(deps);
    const ref = { claimId: filed.claim.id, id: `${filed.claim.id}:acknowledgment` };
    await markArrived(deps, ref);
    const first = deps.clock.now().toISOString();
    deps.clock.advanceMs(1000);
    await markArrived(deps, ref);
    await markArrived(deps, { claimId: 'NO-SUCH-CLAIM', id: 'report:2026-11-23:HQ' });
    expect(store.outbox.map((m) => [m.id, m.relayedAt])).toEqual([[ref.id, first]]);
  });
});
