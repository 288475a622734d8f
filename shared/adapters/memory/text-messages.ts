import type { OutgoingText, SentText, TextMessages } from '../../ports/text-messages.js';

/** Records sent texts; `failWith` makes the next sends throw the given errors in turn (fault tests). */
export class InMemoryTextMessages implements TextMessages {
  readonly sent: OutgoingText[] = [];
  readonly failWith: Error[] = [];

  send(message: OutgoingText): Promise<SentText> {
    const failure = this.failWith.shift();
    if (failure) return Promise.reject(failure);
    this.sent.push(message);
    return Promise.resolve({ messageId: `sms-${this.sent.length}` });
  }
}
