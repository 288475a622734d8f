import * as z from '../zod.js';
import { ConfigError, describeIssues } from './config.js';
import { SMS_SIGNATURE_PATTERN } from '../domain/sms/texts.js';

/**
 * The mail functions' own environment (beside the shared RuntimeConfig), validated at cold start.
 * In AWS the `bind…` calls of the CDK construct set the bucket and SES variables; locally the local
 * stack sets the folder variables instead, and the composition root picks adapters by what is set.
 */
const MailEnvSchema = z.object({
  /** Local folder the outbox mailer writes `.eml` files to instead of sending through SES. */
  OUTBOX_DIR: z.optional(z.string().check(z.minLength(1))),
  /** The verified SES domain; our Message-IDs and the default sender use it. */
  MAIL_DOMAIN: z._default(z.string().check(z.minLength(1)), 'claims.localhost'),
  /** Sender address; default `claims@<MAIL_DOMAIN>`. */
  MAIL_FROM: z.optional(z.string().check(z.minLength(3))),
  SES_CONFIGURATION_SET: z.optional(z.string().check(z.minLength(1))),
  /** End User Messaging SMS: the phone number, sender id or pool (id or ARN) texts go out from. */
  SMS_ORIGINATION_IDENTITY: z.optional(z.string().check(z.minLength(1))),
  /** End User Messaging SMS configuration set (delivery events), optional. */
  SMS_CONFIGURATION_SET: z.optional(z.string().check(z.minLength(1))),
  /** The registered signature mainland texts open with, e.g. 【某某家电】 (carriers drop texts without it). */
  SMS_SIGNATURE: z.optional(
    z.string().check(z.regex(SMS_SIGNATURE_PATTERN, 'a signature in 【】, 2 to 16 characters, no spaces')),
  ),
  /** Where tracking links point (the public API or web origin). */
  PUBLIC_BASE_URL: z._default(z.url(), 'http://127.0.0.1:3000'),
  /** Set by CDK: the Secrets Manager secret holding the key of the per-claim reply addresses. */
  REPLY_ADDRESS_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  /** Local use only: that key in clear (the local stack sets a development default). */
  REPLY_ADDRESS_SECRET: z.optional(z.string().check(z.minLength(16))),
});

/** Where the reply-address key comes from: Secrets Manager in AWS, the environment locally. */
export type ReplyAddressSecretConfig = { readonly arn: string } | { readonly value: string };

export interface MailConfig {
  readonly outboxDir?: string | undefined;
  readonly mailDomain: string;
  readonly mailFrom: string;
  readonly sesConfigurationSet?: string | undefined;
  /** Unset: no SMS can be sent (each is recorded as failed; mail still goes). */
  readonly smsOriginationIdentity?: string | undefined;
  readonly smsConfigurationSet?: string | undefined;
  readonly smsSignature: string | null;
  readonly publicBaseUrl: string;
  readonly replyAddressSecret: ReplyAddressSecretConfig;
}

export function loadMailConfig(env: Record<string, string | undefined> = process.env): MailConfig {
  const parsed = MailEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`invalid environment: ${describeIssues(parsed.error)}`);
  }
  const e = parsed.data;
  const replyAddressSecret: ReplyAddressSecretConfig | undefined =
    e.REPLY_ADDRESS_SECRET_ARN !== undefined
      ? { arn: e.REPLY_ADDRESS_SECRET_ARN }
      : e.REPLY_ADDRESS_SECRET !== undefined
        ? { value: e.REPLY_ADDRESS_SECRET }
        : undefined;
  if (replyAddressSecret === undefined)
    throw new ConfigError(
      'invalid environment: set REPLY_ADDRESS_SECRET_ARN (or REPLY_ADDRESS_SECRET locally): the key of the per-claim reply addresses',
    );
  return {
    outboxDir: e.OUTBOX_DIR,
    mailDomain: e.MAIL_DOMAIN,
    mailFrom: e.MAIL_FROM ?? `claims@${e.MAIL_DOMAIN}`,
    sesConfigurationSet: e.SES_CONFIGURATION_SET,
    smsOriginationIdentity: e.SMS_ORIGINATION_IDENTITY,
    smsConfigurationSet: e.SMS_CONFIGURATION_SET,
    smsSignature: e.SMS_SIGNATURE ?? null,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    replyAddressSecret,
  };
}
