import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { MailToCompose } from '../../ports/mailer.js';

/**
 * Builds the raw MIME once with nodemailer's MailComposer (UTF-8, encoded words and transfer encodings
 * as mail clients expect); these very bytes go to SES and to the local outbox.
 */
export async function composeMail(mail: MailToCompose): Promise<Uint8Array> {
  const composer = new MailComposer({
    from: mail.from,
    to: [...mail.to],
    ...(mail.replyTo !== undefined ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    text: mail.text,
    messageId: `<${mail.messageId}>`,
    date: mail.date,
    headers: { ...mail.headers },
    textEncoding: 'base64',
  });
  const raw = await composer.compile().build();
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
}
