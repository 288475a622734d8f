import type { OutboxMessage, QueueName } from '../domain/messages.js';

/**
 * A message to send: its id and body, and for a message from the outbox the claim whose outbox row it is,
 * so the consumer can mark that row relayed.
 */
export type QueuedMessage = Pick<OutboxMessage, 'id' | 'body'> & { readonly claimId?: string };

/** The SQS message attribute that carries an outbox message's claim id (beside `messageId`). */
export const OUTBOX_CLAIM_ATTRIBUTE = 'outboxClaimId';

/** Sends messages to a named queue (SQS in AWS, the in-process queues locally). */
export interface QueueSender {
  /** Sends all or throws; a partial failure throws after sending what it could. */
  send(queue: QueueName, messages: readonly QueuedMessage[]): Promise<void>;
}
