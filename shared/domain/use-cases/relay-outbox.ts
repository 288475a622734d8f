import type { QueueName } from '../messages.js';
import type { ClaimStore, PendingOutboxMessage } from '../../ports/claim-store.js';
import type { Clock } from '../../ports/clock.js';
import type { QueueSender } from '../../ports/queue-sender.js';

export interface RelayDeps {
  readonly store: ClaimStore;
  readonly queues: QueueSender;
  readonly clock: Clock;
}

/**
 * Relay outbox messages to their queues, after the transaction that wrote them has committed.
 * 1. Group the messages by queue and send each group.
 * 2. Mark the sent ones relayed, so they leave the pending index.
 * A send that fails leaves its messages pending: `relayPending` (run by the sweep) sends them later, and
 * consumers are idempotent by message id, so a message sent twice is acted on once. Returns how many were relayed.
 */
export async function relayOutbox(
  deps: RelayDeps,
  messages: readonly PendingOutboxMessage[],
): Promise<number> {
  const byQueue = new Map<QueueName, PendingOutboxMessage[]>();
  for (const m of messages) byQueue.set(m.queue, [...(byQueue.get(m.queue) ?? []), m]);
  let relayed = 0;
  for (const [queue, group] of byQueue) {
    try {
      await deps.queues.send(queue, group);
    } catch {
      continue; // stays pending for relayPending; the change itself is already safely stored
    }
    await deps.store.markRelayed(group, deps.clock.now());
    relayed += group.length;
  }
  return relayed;
}

/** Catch-up: relay whatever is still pending (oldest first, at most `limit`). */
export async function relayPending(deps: RelayDeps, limit = 100): Promise<number> {
  return relayOutbox(deps, await deps.store.pendingOutbox(limit));
}
