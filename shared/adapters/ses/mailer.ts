import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { MailRejectedError, type Mailer, type OutgoingMail, type SentMail } from '../../ports/mailer.js';

/**
 * SES errors after which sending the same message again cannot succeed until a person acts
 * (a rejected message, an unverified identity, a paused account or configuration set).
 * Everything else (Throttling, service errors, network) is transient and retried through the queue.
 */
const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'ConfigurationSetDoesNotExistException',
  'ConfigurationSetSendingPausedException',
  'AccountSendingPausedException',
  'InvalidParameterValue',
]);

/** Sends the prepared raw MIME through SES (SendRawEmail), naming the configuration set. */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESClient,
    private readonly configurationSet: string | undefined,
  ) {}

  async send(mail: OutgoingMail): Promise<SentMail> {
    try {
      const result = await this.client.send(
        new SendRawEmailCommand({
          RawMessage: { Data: mail.raw },
          Source: mail.from,
          Destinations: [...mail.to],
          ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
        }),
      );
      if (!result.MessageId) throw new Error('SES returned no MessageId');
      // SES replaces our Message-ID with <MessageId@email.amazonses.com>; replies cite that one.
      return { messageId: `${result.MessageId}@email.amazonses.com` };
    } catch (error) {
      if (error instanceof Error && PERMANENT.has(error.name))
        throw new MailRejectedError(error.message, error.name);
      throw error;
    }
  }
}
