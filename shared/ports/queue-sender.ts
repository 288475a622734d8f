import type { OutboxMessage, QueueName } from '../domain/messages.js';

/** Sends messages to a named queue (SQS in AWS, the in-process queues locally). */
export interface QueueSender {
  /** Sends all or throws; a partial failure throws after sending what it could. */
  send(queue: QueueName, messages: readonly Pick<OutboxMessage, 'id' | 'body'>[]): Promise<void>;
}
