import { createHash } from 'node:crypto';
import type { createEmailIn } from '../../functions/email-in/app.js';
import { lambdaContext } from '../../infra/local/api-gateway.js';
import { InMemoryBlobStore } from '../../shared/adapters/memory/blob-store.js';
import { InMemoryMailer } from '../../shared/adapters/memory/mailer.js';
import { InMemoryTextMessages } from '../../shared/adapters/memory/text-messages.js';
import { DynamoMailStore } from '../../shared/adapters/dynamodb/mail-store.js';
import { composeMail } from '../../shared/adapters/mail/compose-mail.js';
import { parseMail } from '../../shared/adapters/mail/parse-mail.js';
import {
  NotificationIntentSchema,
  type IntentOf,
  type NotificationIntent,
  type NotificationKind,
} from '../../shared/domain/messages.js';
import type { PolicySettings } from '../../shared/domain/settings.js';
import type { ReceiveEmailDeps } from '../../shared/domain/use-cases/receive-email.js';
import type { NotifyDeps } from '../../shared/domain/use-cases/send-notification.js';
import type { InboundRecord } from '../../shared/ports/mail-store.js';
import type { Mailer } from '../../shared/ports/mailer.js';
import type { TextMessages } from '../../shared/ports/text-messages.js';
import type { PolicySource } from '../../shared/ports/policy-store.js';
import { fixedPolicySource } from '../../shared/domain/policy-source.js';
import type { TestTable } from './dynamo.js';
import { testDependencies } from './fixtures.js';
import { sesNotification, sqsEvent, type SesOverrides } from './mail.js';

export type MailTestDeps = ReturnType<typeof mailTestDependencies>;

/** The reply-address key of the test dependencies. */
export const TEST_REPLY_ADDRESS_SECRET = 'test-reply-address-secret-0123456789';

/** Email-in and notify dependencies on one DynamoDB Local table, with in-memory blobs, queue and mailer. */
export function mailTestDependencies(
  table: TestTable,
  options: { settings?: PolicySettings; mailer?: Mailer; texts?: TextMessages } = {},
) {
  const base = testDependencies(table.store);
  const settings = options.settings ?? base.settings;
  const mailStore = new DynamoMailStore(table.client, table.tableName);
  const rawMail = new InMemoryBlobStore();
  const evidence = new InMemoryBlobStore();
  const mailer = options.mailer ?? new InMemoryMailer();
  const texts = options.texts ?? new InMemoryTextMessages();
  const policy = fixedPolicySource(settings);
  const emailIn: ReceiveEmailDeps & { readonly policy: PolicySource } = {
    ...base,
    settings,
    policy,
    mailStore,
    rawMail,
    evidence,
    parse: (raw) => parseMail(raw, settings.mail),
    replyAddressSecret: () => Promise.resolve(TEST_REPLY_ADDRESS_SECRET),
  };
  const notify: NotifyDeps & { readonly policy: PolicySource } = {
    policy,
    store: table.store,
    mailStore,
    mailer,
    texts,
    compose: composeMail,
    clock: base.clock,
    ids: base.ids,
    settings,
    staff: base.staff,
    mailFrom: 'claims@claims.example',
    mailDomain: 'claims.example',
    publicBaseUrl: 'https://claims.example',
    smsSignature: null,
    replyAddressSecret: () => Promise.resolve(TEST_REPLY_ADDRESS_SECRET),
  };
  return {
    base,
    emailIn,
    notify,
    mailStore,
    rawMail,
    evidence,
    mailer,
    texts,
    /** Notification intents relayed to the notify queue so far. */
    intents(): NotificationIntent[] {
      // The notify queue also carries find-my-claim codes (their own schema, claim-finder.ts).
      return base.queues.sent
        .filter((m) => m.queue === 'notify' && !JSON.stringify(m.body).includes('"kind":"lookup_code"'))
        .map((m) => NotificationIntentSchema.parse(m.body));
    },
    /** The relayed intents of one kind. */
    intentsOf<K extends NotificationKind>(kind: K): IntentOf<K>[] {
      return this.intents().filter((i): i is IntentOf<K> => i.kind === kind);
    },
  };
}

export function sha256(raw: Uint8Array): string {
  return createHash('sha256').update(raw).digest('hex');
}

/**
 * Stores `raw` under `key` as SES would, delivers SES's notification (with `envelope`'s verdicts)
 * through the email-in handler, and returns the inbound record it left.
 */
export async function deliverInbound(
  t: MailTestDeps,
  handler: ReturnType<typeof createEmailIn>,
  key: string,
  raw: Buffer,
  envelope: SesOverrides = {},
): Promise<InboundRecord> {
  await t.rawMail.put(key, raw, 'message/rfc822');
  const result = await handler(sqsEvent([sesNotification(key, envelope)]), lambdaContext());
  if (result.batchItemFailures.length > 0) throw new Error(`the handler failed ${key}`);
  const record = await t.mailStore.getInbound(sha256(raw));
  if (!record) throw new Error('the message left no inbound record');
  return record;
}
