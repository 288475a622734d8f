import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutgoingText, SentText, TextMessages } from '../../ports/text-messages.js';

/** The file ending of a text message in the outbox folder (beside the `.eml` mail). */
export const SMS_FILE_SUFFIX = '.sms.txt';

/**
 * The local stand-in for End User Messaging: each SMS is written to the outbox folder as a small text
 * file (`To:`, `Idempotency-Key:`, a blank line, the text), which the `/outbox` page lists with the mail.
 */
export class OutboxTextMessages implements TextMessages {
  constructor(
    private readonly folder: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: OutgoingText): Promise<SentText> {
    await mkdir(this.folder, { recursive: true });
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const name = `${stamp}-${message.idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '_')}${SMS_FILE_SUFFIX}`;
    const body = [`To: ${message.to}`, `Idempotency-Key: ${message.idempotencyKey}`, '', message.text, ''];
    await writeFile(join(this.folder, name), body.join('\n'), 'utf8');
    return { messageId: name };
  }
}
