import { describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { NotificationIntentSchema } from '../../../shared/domain/messages.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { relayPending } from '../../../shared/domain/use-cases/relay-outbox.js';
import { intakeInput, testDependencies } from '../../support/fixtures.js';

describe('transactional outbox', () => {
  it('intake writes the acknowledgment with the claim and relays it to the notify queue', async () => {
    const store = new InMemoryClaimStore();
    const deps = testDependencies(store);
    const filed = await fileClaim(deps, {
      input: intakeInput(),
      channel: 'web',
      actor: { type: 'customer' },
    });
    expect(deps.queues.sent).toHaveLength(1);
    const intent = NotificationIntentSchema.parse(deps.queues.sent[0]?.body);
    expect(intent).toMatchObject({
      kind: 'acknowledgment',
      claimNumber: filed.claim.number,
      recipient: { type: 'customer' },
    });
    expect(intent.data['firstReplyDue']).toBe('2026-11-26T10:00:00.000Z');
    expect(JSON.stringify(intent)).not.toContain(filed.accessToken);
    expect(await store.pendingOutbox(10)).toEqual([]);
  });

  it('keeps the message pending when the queue fails, and the catch-up relays it once', async () => {
    const store = new InMemoryClaimStore();
    const deps = testDependencies(store);
    deps.queues.failNext = 1;
    const filed = await fileClaim(deps, {
      input: intakeInput(),
      channel: 'web',
      actor: { type: 'customer' },
    });
    expect(await store.getById(filed.claim.id)).not.toBeNull();
    expect(deps.queues.sent).toHaveLength(0);
    expect(await store.pendingOutbox(10)).toHaveLength(1);
    expect(await relayPending(deps)).toBe(1);
    expect(await relayPending(deps)).toBe(0);
    expect(deps.queues.sent.map((m) => m.id)).toEqual([`${filed.claim.id}:acknowledgment`]);
  });
});
