import type { QueueName } from '../../domain/messages.js';
import type { QueuedMessage, QueueSender } from '../../ports/queue-sender.js';

/** Records what was sent, per queue; `failNext` makes the next send throw (fault tests). */
export class InMemoryQueueSender implements QueueSender {
  readonly sent: { queue: QueueName; id: string; body: unknown; claimId?: string }[] = [];
  failNext = 0;

  send(queue: QueueName, messages: readonly QueuedMessage[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      return Promise.reject(new Error(`queue ${queue} unavailable`));
    }
    for (const m of messages)
      this.sent.push({
        queue,
        id: m.id,
        body: structuredClone(m.body),
        ...(m.claimId === undefined ? {} : { claimId: m.claimId }),
      });
    return Promise.resolve();
  }
}
