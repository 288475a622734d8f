import type { QueueName } from '../../domain/messages.js';
import type { QueueSender } from '../../ports/queue-sender.js';

/** Records what was sent, per queue; `failNext` makes the next send throw (fault tests). */
export class InMemoryQueueSender implements QueueSender {
  readonly sent: { queue: QueueName; id: string; body: unknown }[] = [];
  failNext = 0;

  send(queue: QueueName, messages: readonly { id: string; body: unknown }[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      return Promise.reject(new Error(`queue ${queue} unavailable`));
    }
    for (const m of messages) this.sent.push({ queue, id: m.id, body: structuredClone(m.body) });
    return Promise.resolve();
  }
}
