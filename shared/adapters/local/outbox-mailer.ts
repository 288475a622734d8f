import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mailer, OutgoingMail, SentMail } from '../../ports/mailer.js';

/** The local stand-in for SES: each message is written as an `.eml` file, byte for byte as SES would get it. */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly folder: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(mail: OutgoingMail): Promise<SentMail> {
    await mkdir(this.folder, { recursive: true });
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const name = `${stamp}-${mail.messageId.split('@')[0]?.replace(/[^A-Za-z0-9._-]/g, '_') ?? 'mail'}.eml`;
    await writeFile(join(this.folder, name), mail.raw);
    return { messageId: mail.messageId };
  }
}
