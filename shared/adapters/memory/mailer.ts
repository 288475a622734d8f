import type { Mailer, OutgoingMail, SentMail } from '../../ports/mailer.js';

/** Records sent mail; `failWith` makes the next sends throw the given errors in turn (fault tests). */
export class InMemoryMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  readonly failWith: Error[] = [];

  send(mail: OutgoingMail): Promise<SentMail> {
    const failure = this.failWith.shift();
    if (failure) return Promise.reject(failure);
    this.sent.push(mail);
    return Promise.resolve({ messageId: `mem-${this.sent.length}@memory.test` });
  }
}
