/**
 * The stateful stack: everything that holds data, accounts or long-lived secrets, so the service stack can
 * be replaced freely. All of it is retained when the stack goes away; only the kept secrets have names of
 * their own (`claims-desk/<stage>/…`, so operators can name them; kept-secrets.ts).
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { HttpMethods, StorageClass } from 'aws-cdk-lib/aws-s3';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ClaimsTable } from '../constructs/claims-table.js';
import { KeptSecret } from '../constructs/kept-secrets.js';
import { AccessLogBucket, SecureBucket } from '../constructs/secure-bucket.js';
import { StaffDirectory } from '../constructs/staff-directory.js';
import { WorkQueue, createDeadLetterQueue } from '../constructs/work-queue.js';
import { CONSUMER_TIMEOUTS } from './consumer-timeouts.js';
import { UPLOAD_PREFIX } from '../../shared/domain/evidence.js';

/** Days an upload may wait for the claim or material that names it (its URL lives 15 minutes). */
export const UNATTACHED_UPLOAD_DAYS = 3;

/** SES writes raw inbound messages under this prefix, and may write nowhere else. */
export const RAW_MAIL_PREFIX = 'inbound/';

/**
 * Browser origins that may PUT and GET evidence with presigned URLs. The CloudFront distribution lives in
 * the service stack, which depends on this one, so its exact domain cannot be named here without a
 * cycle: the rule allows CloudFront domains plus the stage's own web origin. The presigned signature,
 * not CORS, is what guards the objects; CORS only lets the page read the answer.
 */
export const CLOUDFRONT_ORIGINS = 'https://*.cloudfront.net';

export interface DataStackProps extends StackProps {
  /** The stage: part of the kept secrets' names. */
  readonly stage: string;
  /** Existing secrets (name or ARN) to use instead of creating the kept ones (KeptSecret). */
  readonly existingSecrets?: {
    readonly replyAddress?: string;
    readonly paymentWebhook?: string;
    readonly customerData?: string;
  };
  /** The stage's extra web origin (`webOrigin` context), besides CloudFront. */
  readonly webOrigins?: readonly string[];
  /** `tableIndexLimit` context: the table gets only its first n indexes (an upgrade in steps). */
  readonly tableIndexLimit?: number;
}

export class DataStack extends Stack {
  readonly table: ClaimsTable;
  readonly staff: StaffDirectory;
  readonly rawMailBucket: SecureBucket;
  readonly evidenceBucket: SecureBucket;
  readonly reportsBucket: SecureBucket;
  /** Server access logs of the three data buckets. */
  readonly accessLogBucket: AccessLogBucket;
  /** SES stores a message, then notifies this topic; the email-in queue is its subscriber. */
  readonly inboundMailTopic: Topic;
  readonly emailInQueue: WorkQueue;
  readonly notifyQueue: WorkQueue;
  readonly payoutQueue: WorkQueue;
  /** Schedules that could not be delivered, and scheduled runs that failed after Lambda's retries. */
  readonly schedulerDeadLetterQueue: IQueue;
  /** The key of the per-claim reply addresses (`claims+<number>.<token>@…`): notify and email-in read it. */
  readonly replyAddressSecret: KeptSecret;
  /** The payment provider's webhook bearer token (set by an operator; read by the payout worker only). */
  readonly paymentWebhookSecret: KeptSecret;
  /** The key customer data (the payee's account, issue 18) is sealed with: the API reads it. */
  readonly customerDataSecret: KeptSecret;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    this.table = new ClaimsTable(this, 'Claims', { indexLimit: props.tableIndexLimit });
    this.staff = new StaffDirectory(this, 'Staff');

    const accessLogs = new AccessLogBucket(this, 'AccessLogs');
    this.accessLogBucket = accessLogs;
    this.rawMailBucket = new SecureBucket(this, 'RawMail', {
      accessLogs,
      accessLogsPrefix: 'raw-mail/',
      lifecycleRules: [
        {
          id: 'cool-down',
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
        },
        { id: 'old-versions', noncurrentVersionExpiration: Duration.days(30) },
      ],
    });
    this.evidenceBucket = new SecureBucket(this, 'Evidence', {
      accessLogs,
      accessLogsPrefix: 'evidence/',
      cors: [
        {
          id: 'browser-uploads',
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedOrigins: [CLOUDFRONT_ORIGINS, ...(props.webOrigins ?? [])],
          // The signed upload carries its content type; the browser sets the length itself.
          allowedHeaders: ['content-type'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        {
          id: 'cool-down',
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }],
        },
        { id: 'old-versions', noncurrentVersionExpiration: Duration.days(90) },
        {
          // A browser upload that no claim took within days is abandoned (attached files are kept under
          // kept/); without this, the public upload route would be free storage.
          id: 'expire-unattached-uploads',
          prefix: UPLOAD_PREFIX,
          expiration: Duration.days(UNATTACHED_UPLOAD_DAYS),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
    });
    this.reportsBucket = new SecureBucket(this, 'Reports', {
      accessLogs,
      accessLogsPrefix: 'reports/',
      lifecycleRules: [
        // Nightly and monthly reports can be rebuilt from the table; keep 13 months for year-on-year.
        {
          id: 'expire-reports',
          expiration: Duration.days(400),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
    });

    this.emailInQueue = new WorkQueue(this, 'EmailIn', { consumerTimeout: CONSUMER_TIMEOUTS.emailIn });
    this.notifyQueue = new WorkQueue(this, 'Notify', { consumerTimeout: CONSUMER_TIMEOUTS.notify });
    this.payoutQueue = new WorkQueue(this, 'Payout', {
      consumerTimeout: CONSUMER_TIMEOUTS.payout,
      // A payout waiting out a provider outage should outlast a long weekend. SQS keeps a message's
      // original enqueue time when it moves to the DLQ, so this stays well under the DLQ's 14 days.
      retentionPeriod: Duration.days(7),
    });
    this.schedulerDeadLetterQueue = createDeadLetterQueue(
      this,
      'SchedulerDeadLetterQueue',
      'EventBridge Scheduler',
    );

    this.inboundMailTopic = new Topic(this, 'InboundMail', { enforceSSL: true });
    this.allowSesToDeliverMail();
    this.inboundMailTopic.addSubscription(
      new SqsSubscription(this.emailInQueue.queue, {
        rawMessageDelivery: true,
        // Notifications SNS cannot deliver land with the messages the consumer gave up on.
        deadLetterQueue: this.emailInQueue.deadLetterQueue,
      }),
    );

    this.replyAddressSecret = new KeptSecret(this, 'ReplyAddressKey', props.stage, {
      purpose: 'reply-address-key',
      description:
        'Key of the per-claim reply addresses (HMAC of the claim number); read by the email-in and notify functions',
      generate: { passwordLength: 64, excludePunctuation: true },
      existing: props.existingSecrets?.replyAddress,
      noRotationReason:
        'A new key invalidates every reply address already sent; it is replaced by hand (docs/security.md), after which replies to older addresses are matched by their verified sender only.',
    });
    this.paymentWebhookSecret = new KeptSecret(this, 'PaymentWebhookToken', props.stage, {
      purpose: 'payment-webhook-token',
      description:
        'Bearer token of the payment provider webhook (set by an operator; read by the payout worker only)',
      existing: props.existingSecrets?.paymentWebhook,
      noRotationReason:
        'The payment provider issues this token; it is rotated by replacing the value when the provider rotates it.',
    });

    this.customerDataSecret = new KeptSecret(this, 'CustomerDataKey', props.stage, {
      purpose: 'customer-data-key',
      description:
        "Key the payees' accounts are sealed with (AES-256-GCM under its SHA-256); read by the API function only",
      generate: { passwordLength: 64, excludePunctuation: true },
      existing: props.existingSecrets?.customerData,
      noRotationReason:
        'Every sealed payee account is encrypted under it: a new key leaves them unreadable, so it is kept with the data and replaced only with a re-encryption (docs/security.md).',
    });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.staff.userPool.userPoolId });
    new CfnOutput(this, 'EmailInDeadLetterQueueUrl', { value: this.emailInQueue.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'NotifyDeadLetterQueueUrl', { value: this.notifyQueue.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'PayoutDeadLetterQueueUrl', { value: this.payoutQueue.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'SchedulerDeadLetterQueueUrl', { value: this.schedulerDeadLetterQueue.queueUrl });
    new CfnOutput(this, 'ReplyAddressSecretArn', { value: this.replyAddressSecret.secret.secretArn });
    new CfnOutput(this, 'PaymentWebhookSecretArn', { value: this.paymentWebhookSecret.secret.secretArn });
    new CfnOutput(this, 'CustomerDataSecretArn', { value: this.customerDataSecret.secret.secretArn });
  }

  /** Every work queue, by name, for the queue-age alarms and the dashboard. */
  get workQueues(): Readonly<Record<string, IQueue>> {
    return {
      EmailIn: this.emailInQueue.queue,
      Notify: this.notifyQueue.queue,
      Payout: this.payoutQueue.queue,
    };
  }

  /** Every dead-letter queue, by name, for the alarms. */
  get deadLetterQueues(): Readonly<Record<string, IQueue>> {
    return {
      EmailIn: this.emailInQueue.deadLetterQueue,
      Notify: this.notifyQueue.deadLetterQueue,
      Payout: this.payoutQueue.deadLetterQueue,
      Scheduler: this.schedulerDeadLetterQueue,
    };
  }

  /**
   * SES (receipt rules of this account and region only) may put raw mail under the inbound prefix
   * and publish the "stored" notification. The rule set itself is in the service stack.
   */
  private allowSesToDeliverMail(): void {
    const ses = new ServicePrincipal('ses.amazonaws.com');
    const fromOurReceiptRules = {
      StringEquals: { 'aws:SourceAccount': this.account },
      ArnLike: {
        'aws:SourceArn': `arn:${this.partition}:ses:${this.region}:${this.account}:receipt-rule-set/*`,
      },
    };
    this.rawMailBucket.addToResourcePolicy(
      new PolicyStatement({
        principals: [ses],
        actions: ['s3:PutObject'],
        resources: [this.rawMailBucket.arnForObjects(`${RAW_MAIL_PREFIX}*`)],
        conditions: fromOurReceiptRules,
      }),
    );
    this.inboundMailTopic.addToResourcePolicy(
      new PolicyStatement({
        principals: [ses],
        actions: ['sns:Publish'],
        resources: [this.inboundMailTopic.topicArn],
        conditions: fromOurReceiptRules,
      }),
    );
  }
}
