import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SESClient } from '@aws-sdk/client-ses';
import { OutboxTextMessages } from '../adapters/local/outbox-text-messages.js';
import { EndUserMessagingTexts, UnconfiguredTexts } from '../adapters/sms/end-user-messaging.js';
import type { TextMessages } from '../ports/text-messages.js';
import { DynamoMailStore } from '../adapters/dynamodb/mail-store.js';
import { DynamoStaffDirectory } from '../adapters/dynamodb/staff-directory.js';
import { OutboxMailer } from '../adapters/local/outbox-mailer.js';
import { composeMail } from '../adapters/mail/compose-mail.js';
import { SesMailer } from '../adapters/ses/mailer.js';
import type { NotifyDeps } from '../domain/use-cases/send-notification.js';
import type { Mailer } from '../ports/mailer.js';
import { buildCoreDependencies, documentClientFor } from './composition.js';
import type { RuntimeConfig } from './config.js';
import type { MailConfig, ReplyAddressSecretConfig } from './mail-config.js';
import type { AtColdStart } from './current-policy.js';
import { cachedSecret } from './secrets.js';
import type { SecretSource } from '../ports/secret.js';

/** The notify function's dependencies: the SES mailer in AWS, the outbox folder locally. */
export function buildNotifyDependencies(config: RuntimeConfig, mail: MailConfig): AtColdStart<NotifyDeps> {
  return {
    ...buildCoreDependencies(config),
    mailStore: mailStoreOf(config),
    staff: new DynamoStaffDirectory(documentClientFor(config), config.tableName),
    mailer: mailerOf(mail, config.region),
    texts: textsOf(mail, config.region),
    compose: composeMail,
    mailFrom: mail.mailFrom,
    mailDomain: mail.mailDomain,
    publicBaseUrl: mail.publicBaseUrl,
    smsSignature: mail.smsSignature,
    replyAddressSecret: replyAddressSecretOf(mail.replyAddressSecret),
  };
}

/** The reply-address key: read from Secrets Manager once per container in AWS, from the env locally. */
export function replyAddressSecretOf(config: ReplyAddressSecretConfig): SecretSource {
  if ('value' in config) {
    const value = config.value;
    return () => Promise.resolve(value);
  }
  return cachedSecret(config.arn);
}

/** The mail store on the claims table (notify and email-in alike). */
export function mailStoreOf(config: RuntimeConfig): DynamoMailStore {
  return new DynamoMailStore(documentClientFor(config), config.tableName);
}

function mailerOf(mail: MailConfig, region: string | undefined): Mailer {
  if (mail.outboxDir !== undefined) return new OutboxMailer(mail.outboxDir);
  return new SesMailer(new SESClient(region ? { region } : {}), mail.sesConfigurationSet);
}

/** SMS: the outbox folder locally, End User Messaging with an origination identity in AWS. */
function textsOf(mail: MailConfig, region: string | undefined): TextMessages {
  if (mail.outboxDir !== undefined) return new OutboxTextMessages(mail.outboxDir);
  if (mail.smsOriginationIdentity === undefined) return new UnconfiguredTexts();
  return new EndUserMessagingTexts(new PinpointSMSVoiceV2Client(region ? { region } : {}), {
    originationIdentity: mail.smsOriginationIdentity,
    configurationSetName: mail.smsConfigurationSet,
  });
}
