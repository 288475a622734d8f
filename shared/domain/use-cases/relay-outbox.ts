import type { QueueName } from '../messages.js';
import type { ClaimStore, OutboxRef, PendingOutboxMessage } from '../../ports/claim-store.js';
import type { Clock } from '../../ports/clock.js';
import type { QueueSender } from '../../ports/queue-sender.js';

export interface RelayDeps {
  readonly store: ClaimStore;
  readonly queues: QueueSender;
  readonly clock: Clock;
}

/**
 * How long a message may stay pending before the catch-up sends it again. "Relayed" means "arrived at
 * its queue's consumer", which marks it, so a message sent moments ago is pending only because it is still
 * waiting in its queue; re-sending it would just make a duplicate. Five minutes is well past a normal
 * queue wait and well below the sweep's 15-minute period.
 */
export const RELAY_GRACE_MS = 5 * 60_000;

/**
 * Relay outbox messages to their queues, after the transaction that wrote them has committed.
 * 1. Group the messages by queue and send each group, each message with its outbox row's claim id.
 * 2. Nothing more: the consumer marks each message relayed when it arrives (`markArrived`), which keeps
 *    that write off the request path.
 * A send that fails leaves its messages pending: `relayPending` (run by the sweep) sends them later, and
 * consumers are idempotent by message id, so a message sent twice is acted on once. Returns how many were sent.
 */
export async function relayOutbox(
  deps: Pick<RelayDeps, 'queues'>,
  messages: readonly PendingOutboxMessage[],
): Promise<number> {
  const byQueue = new Map<QueueName, PendingOutboxMessage[]>();
  for (const m of messages) byQueue.set(m.queue, [...(byQueue.get(m.queue) ?? []), m]);
  let sent = 0;
  for (const [queue, group] of byQueue) {
    try {
      await deps.queues.send(queue, group);
    } catch {
      continue; // stays pending for relayPending; the change itself is already safely stored
    }
    sent += group.length;
  }
  return sent;
}

/**
 * Catch-up: re-send what is still pending after the grace period (oldest first, at most `limit`).
 * 1. Read the pending messages created more than `RELAY_GRACE_MS` ago.
 * 2. Relay them as above; their consumers mark them when they arrive.
 */
export async function relayPending(deps: RelayDeps, limit = 100): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - RELAY_GRACE_MS);
  return relayOutbox(deps, await deps.store.pendingOutbox(limit, before));
}

/**
 * A consumer received an outbox message: mark its row relayed so the catch-up leaves it alone. Called on
 * every delivery before processing; repeats and messages without a row (sent directly) are harmless.
 */
export async function markArrived(
  deps: { readonly store: Pick<ClaimStore, 'markRelayed'>; readonly clock: Clock },
  ref: OutboxRef,
): Promise<void> {
  await deps.store.markRelayed([ref], deps.clock.now());
}
