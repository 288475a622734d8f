import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** A message attribute as SQS stores it (strings only: that is all this system sends). */
export interface LocalMessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string | undefined;
}

const StoredMessageSchema = z.object({
  messageId: z.string(),
  body: z.string(),
  md5OfBody: z.string(),
  sentAt: z.number(),
  firstReceivedAt: z.number().nullable(),
  receiveCount: z.number().int(),
  visibleAt: z.number(),
  receiptHandle: z.string().nullable(),
  attributes: z.record(z.string(), z.object({ DataType: z.string(), StringValue: z.string().optional() })),
});
export type StoredMessage = z.infer<typeof StoredMessageSchema>;
const QueueFileSchema = z.object({ messages: z.array(StoredMessageSchema) });

export interface LocalQueueSettings {
  /** Seconds a received message stays invisible (SQS's VisibilityTimeout). */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message moves to `<name>-dlq` (the redrive policy's maxReceiveCount). */
  readonly maxReceiveCount: number;
}

/**
 * Queues with SQS semantics in one process: at-least-once delivery, a visibility timeout per receive,
 * ApproximateReceiveCount, and redrive to a dead-letter queue after maxReceiveCount receives. Each queue
 * is a JSON file under `folder` (rewritten atomically after every change), so messages survive restarts.
 */
export class LocalQueues {
  private readonly queues = new Map<string, StoredMessage[]>();
  private readonly settings = new Map<string, LocalQueueSettings>();
  private saving: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly folder: string | null,
    private readonly now: () => number,
  ) {}

  /** Opens (or creates) the queues and their DLQs; `folder` null keeps them in memory only. */
  static async open(
    folder: string | null,
    queues: Readonly<Record<string, LocalQueueSettings>>,
    now: () => number = Date.now,
  ): Promise<LocalQueues> {
    const local = new LocalQueues(folder, now);
    if (folder !== null) await mkdir(folder, { recursive: true });
    for (const [name, settings] of Object.entries(queues)) {
      local.settings.set(name, settings);
      for (const queue of [name, `${name}-dlq`]) local.queues.set(queue, await local.load(queue));
    }
    return local;
  }

  has(queue: string): boolean {
    return this.queues.has(queue);
  }

  names(): string[] {
    return [...this.queues.keys()];
  }

  /** Called after every send, so a consumer can poll at once instead of waiting out its interval. */
  onMessage(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async send(
    queue: string,
    body: string,
    attributes: Readonly<Record<string, LocalMessageAttribute>> = {},
  ): Promise<StoredMessage> {
    const messages = this.messagesOf(queue);
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: md5(body),
      sentAt: this.now(),
      firstReceivedAt: null,
      receiveCount: 0,
      visibleAt: this.now(),
      receiptHandle: null,
      attributes: Object.fromEntries(
        Object.entries(attributes).map(([name, a]) => [
          name,
          { DataType: a.DataType, ...(a.StringValue !== undefined ? { StringValue: a.StringValue } : {}) },
        ]),
      ),
    };
    messages.push(message);
    await this.save(queue);
    for (const listener of this.listeners) listener();
    return message;
  }

  /**
   * Up to `max` visible messages, each hidden for the visibility timeout with a new receipt handle.
   * A visible message already received maxReceiveCount times moves to the DLQ instead (as SQS does).
   */
  async receive(queue: string, max: number, visibilityTimeoutSeconds?: number): Promise<StoredMessage[]> {
    const messages = this.messagesOf(queue);
    const settings = this.settings.get(queue);
    const now = this.now();
    const received: StoredMessage[] = [];
    const redriven: StoredMessage[] = [];
    for (const message of messages) {
      if (received.length >= max) break;
      if (message.visibleAt > now) continue;
      if (settings && message.receiveCount >= settings.maxReceiveCount) {
        redriven.push(message);
        continue;
      }
      message.receiveCount++;
      message.firstReceivedAt ??= now;
      message.receiptHandle = randomUUID();
      message.visibleAt = now + (visibilityTimeoutSeconds ?? settings?.visibilityTimeoutSeconds ?? 30) * 1000;
      received.push({ ...message });
    }
    if (redriven.length > 0) {
      const dlq = this.messagesOf(`${queue}-dlq`);
      for (const message of redriven) {
        messages.splice(messages.indexOf(message), 1);
        // SQS keeps the message id, body and original send time when it moves a message.
        dlq.push({ ...message, receiptHandle: null, visibleAt: now, receiveCount: 0, firstReceivedAt: null });
      }
      await this.save(`${queue}-dlq`);
    }
    if (received.length > 0 || redriven.length > 0) await this.save(queue);
    return received;
  }

  /** Deletes by the latest receipt handle; an unknown or stale handle is ignored, as in SQS. */
  async delete(queue: string, receiptHandle: string): Promise<void> {
    const messages = this.messagesOf(queue);
    const index = messages.findIndex((m) => m.receiptHandle === receiptHandle);
    if (index === -1) return;
    messages.splice(index, 1);
    await this.save(queue);
  }

  async changeVisibility(queue: string, receiptHandle: string, seconds: number): Promise<boolean> {
    const message = this.messagesOf(queue).find((m) => m.receiptHandle === receiptHandle);
    if (!message) return false;
    message.visibleAt = this.now() + seconds * 1000;
    await this.save(queue);
    return true;
  }

  /** Everything in a queue, visible or not (the outbox page and tests read DLQs with it). */
  peek(queue: string): readonly StoredMessage[] {
    return this.messagesOf(queue).map((m) => ({ ...m }));
  }

  /** Waits for pending writes (stop). */
  async flush(): Promise<void> {
    await this.saving;
  }

  private messagesOf(queue: string): StoredMessage[] {
    const messages = this.queues.get(queue);
    if (!messages) throw new QueueDoesNotExist(queue);
    return messages;
  }

  private async load(queue: string): Promise<StoredMessage[]> {
    if (this.folder === null) return [];
    try {
      const text = await readFile(join(this.folder, `${queue}.json`), 'utf8');
      return QueueFileSchema.parse(JSON.parse(text)).messages;
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
      throw new Error(`queue file ${queue}.json is unreadable; move it aside to start empty`, {
        cause: error,
      });
    }
  }

  /** Writes are chained so they land in order; write-then-rename keeps the file whole on a crash. */
  private save(queue: string): Promise<void> {
    const folder = this.folder;
    if (folder === null) return Promise.resolve();
    const snapshot = JSON.stringify({ messages: this.queues.get(queue) ?? [] });
    this.saving = this.saving.then(async () => {
      const path = join(folder, `${queue}.json`);
      await writeFile(`${path}.tmp`, snapshot);
      await rename(`${path}.tmp`, path);
    });
    return this.saving;
  }
}

export class QueueDoesNotExist extends Error {
  constructor(readonly queue: string) {
    super(`The specified queue ${queue} does not exist.`);
  }
}

export function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}
