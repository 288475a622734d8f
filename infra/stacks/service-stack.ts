/**
 * The stateless stack: functions, the HTTP API, web hosting, SES rules and alarms. It holds no data
 * of its own, so it can be destroyed and redeployed; everything it reads and writes comes from the
 * data stack. Later functions plug in with `addFunction(...)` plus one helper call each
 * (`addQueueConsumer`, `addSchedule`, `alarms.watchHeartbeat`).
 */
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { WorkQueue } from '../constructs/work-queue.js';
import type { Construct } from 'constructs';
import { ApiEdge } from '../constructs/api-edge.js';
import { ClaimsApi } from '../constructs/claims-api.js';
import { ClaimsFunction, type ClaimsFunctionProps } from '../constructs/claims-function.js';
import { addQueueConsumer } from '../constructs/queue-consumer.js';
import { CONSUMER_TIMEOUTS } from './consumer-timeouts.js';
import { MailReceiving } from '../constructs/mail-receiving.js';
import { MailSending } from '../constructs/mail-sending.js';
import { businessMetric, OpsAlarms } from '../constructs/ops-alarms.js';
import { OpsDashboard } from '../constructs/ops-dashboard.js';
import { BUSINESS_METRICS } from '../../shared/runtime/metrics.js';
import { addPayoutWorker, type PayoutWorker } from '../constructs/payout-worker.js';
import { addSchedule } from '../constructs/schedule.js';
import { AccessLogBucket } from '../constructs/secure-bucket.js';
import { StaffSignIn } from '../constructs/staff-sign-in.js';
import { WebHosting } from '../constructs/web-hosting.js';
import { RAW_MAIL_PREFIX, type DataStack } from './data-stack.js';
import { REPORTS_PREFIX } from '../../shared/runtime/report-store.js';
import { KEPT_PREFIX, UPLOAD_PREFIX } from '../../shared/domain/evidence.js';

/** Longest a message may wait in each work queue before someone is told (payouts wait out provider outages). */
const QUEUE_AGE_ALARMS: Readonly<Record<string, Duration>> = {
  EmailIn: Duration.minutes(15),
  Notify: Duration.minutes(15),
  Payout: Duration.hours(1),
};

/** SLA schedules run on Shanghai time (the report's 02:00 is local). */
export const SLA_TIME_ZONE = 'Asia/Shanghai';
import { mailFromAddress, type StageConfig } from './stage-config.js';

/** Where email-in writes attachments in the evidence bucket (keys `email/<message hash>/…`). */
export const EMAIL_EVIDENCE_PREFIX = 'email/';

export interface ServiceStackProps extends StackProps {
  readonly config: StageConfig;
  readonly data: DataStack;
  /** A built web/ (web/dist) to upload; without it the bucket and distribution are created empty. */
  readonly webBuildDirectory?: string;
  /** The CLOUDFRONT-scope web ACL of the API's distribution (the edge stack's). */
  readonly apiWebAclArn: string;
}

/** What a function needs beyond the stage-wide defaults (log level and retention come from context). */
export type FunctionSpec = Omit<ClaimsFunctionProps, 'logLevel' | 'logRetention'>;

export class ServiceStack extends Stack {
  readonly alarms: OpsAlarms;
  readonly web: WebHosting;
  readonly staffSignIn: StaffSignIn;
  readonly apiFunction: ClaimsFunction;
  readonly api: ClaimsApi;
  /** The API's public address: CloudFront with the WAF web ACL, in front of the HTTP API. */
  readonly apiEdge: ApiEdge;
  /** What CloudFront proves itself with to the API (X-Origin-Verify). */
  readonly originVerifySecret: Secret;
  /** The key of the public form's proof-of-work challenges (issue 18). */
  readonly formChallengeSecret: Secret;
  readonly mailSending: MailSending;
  readonly mailReceiving: MailReceiving;
  readonly payoutWorker: PayoutWorker;
  /** Mail in: SES notification → raw message in S3 → claim, reply or quarantine record. */
  readonly emailInFunction: ClaimsFunction;
  /** Notifications out: renders and sends through SES, records on the claim. */
  readonly notifyFunction: ClaimsFunction;
  /** The two-way SMS consumer; only when an SMS origination identity is configured. */
  readonly smsInFunction: ClaimsFunction | undefined;
  readonly sweepFunction: ClaimsFunction;
  readonly reportFunction: ClaimsFunction;
  readonly dashboard: OpsDashboard;
  private readonly config: StageConfig;
  private readonly functions: ClaimsFunction[] = [];

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    this.config = props.config;
    const { config, data } = props;

    this.alarms = new OpsAlarms(this, 'Alarms', { email: config.alarmEmail });
    for (const [name, queue] of Object.entries(data.deadLetterQueues)) {
      this.alarms.watchDeadLetterQueue(name, queue);
    }
    // A consumer that keeps failing shows as age long before its messages reach the DLQ.
    for (const [name, queue] of Object.entries(data.workQueues)) {
      this.alarms.watchQueueAge(name, queue, QUEUE_AGE_ALARMS[name] ?? Duration.minutes(30));
    }
    this.alarms.watchSesReputation();

    const webLogs = new AccessLogBucket(this, 'WebLogs', {
      acceptsCloudFrontLogs: true,
      expireAfter: Duration.days(90),
    });
    this.web = new WebHosting(this, 'Web', { logBucket: webLogs });
    const siteOrigins =
      config.webOrigin === 'cloudfront' ? [this.web.origin] : [this.web.origin, config.webOrigin];
    this.staffSignIn = new StaffSignIn(this, 'StaffSignIn', {
      userPool: data.staff.userPool,
      // Derived from stage and account unless set: two stages or accounts never ask for one name.
      domainPrefix: config.staffSignInDomainPrefix ?? `claims-desk-${config.stage}-${this.account}`,
      siteOrigins,
      extraUrls: config.staffSignInUrls,
    });

    this.apiFunction = this.addFunction('ApiFunction', {
      entry: 'functions/api/handler.ts',
      description: 'HTTP API: public claim intake and tracking, staff console',
      memorySize: 512,
      timeout: Duration.seconds(10),
    })
      .bindTable(data.table)
      // Intake relays its acknowledgment (the transactional outbox) to the notify queue.
      .bindQueue(data.notifyQueue.queue, 'NOTIFY_QUEUE_URL')
      // An accepted offer relays its payout message to the payout queue.
      .bindQueue(data.payoutQueue.queue, 'PAYOUT_QUEUE_URL')
      // Evidence: presigned PUTs are signed with this role, so PutObject only under uploads/; GetObject
      // there to hash an upload and, with email/, for the staff's presigned downloads.
      .bindBucket(data.evidenceBucket, 'EVIDENCE_BUCKET', 'readWrite', UPLOAD_PREFIX)
      // An attached upload is copied under kept/ (uploads/ expires) and downloaded from there.
      .grantObjects(data.evidenceBucket, 'readWrite', KEPT_PREFIX)
      // Mailed attachments are downloaded from email/; a held mail staff release or attach (issue 16) has
      // its attachments written there, read from the raw-mail bucket it came in.
      .grantObjects(data.evidenceBucket, 'readWrite', EMAIL_EVIDENCE_PREFIX)
      .bindBucket(data.rawMailBucket, 'RAW_MAIL_BUCKET', 'read', RAW_MAIL_PREFIX)
      // The dashboard reads the latest overdue report and its CSV (read only; no report yet is a 404).
      .bindBucket(data.reportsBucket, 'REPORTS_BUCKET', 'read', REPORTS_PREFIX, { listing: true })
      // Adding a staff member in the console creates their Cognito account and groups (issue 15).
      .bindStaffAccounts(data.staff.userPool);
    if (config.policySettings) {
      this.apiFunction.setEnvironment('POLICY_SETTINGS', JSON.stringify(config.policySettings));
    }

    this.api = new ClaimsApi(this, 'Api', {
      handler: this.apiFunction,
      staffPool: data.staff.userPool,
      staffClient: this.staffSignIn.client,
      allowOrigins: siteOrigins,
      publicThrottle: { rateLimit: config.publicRateLimit, burstLimit: config.publicBurstLimit },
      defaultThrottle: { rateLimit: config.staffRateLimit, burstLimit: config.staffBurstLimit },
      logRetention: config.logRetentionDays,
    });
    this.alarms.watchHttpApi('Claims', this.api.stage);
    // CloudFront sends this value in X-Origin-Verify; the API refuses requests without it, so the
    // execute-api address is no way around the WAF. Nothing outlives it: a recreated stack makes a new
    // value and hands it to both sides.
    this.originVerifySecret = new Secret(this, 'OriginVerifySecret', {
      description:
        'Value CloudFront adds as X-Origin-Verify to requests to the HTTP API; the API function refuses requests without it',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.originVerifySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront reads the value at deploy time, so a rotation is a deploy (docs/security.md, "The execute-api address"); it only keeps clients from bypassing WAF, it grants no data.',
    });
    this.apiFunction.bindSecret(this.originVerifySecret, 'ORIGIN_VERIFY_SECRET_ARN');
    // The form's proof-of-work challenges (issue 18) are signed with this; a challenge lives 30 minutes, so a
    // recreated stack's new value only makes open forms ask again. The payee sealing key is the data stack's.
    this.formChallengeSecret = new Secret(this, 'FormChallengeSecret', {
      description: "Key the API signs the public form's proof-of-work challenges with (read by the API only)",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.formChallengeSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Challenges live at most 30 minutes and grant nothing but the right to file one claim; replacing the value by hand only makes open forms solve a new challenge (docs/security.md).',
    });
    this.apiFunction
      .bindSecret(this.formChallengeSecret, 'FORM_CHALLENGE_SECRET_ARN')
      .bindSecret(data.customerDataSecret.secret, 'CUSTOMER_DATA_SECRET_ARN');
    this.apiEdge = new ApiEdge(this, 'ApiEdge', {
      api: this.api.api,
      webAclArn: props.apiWebAclArn,
      logBucket: webLogs,
      originSecret: this.originVerifySecret,
    });
    // The pages call the API (through its distribution), Cognito's token endpoint (sign-in) and the
    // evidence bucket (signed uploads). The API's distribution is named by CloudFront's domain, not its
    // own: the API's CORS names the web distribution, so the web headers naming the API would be a cycle.
    this.web.allowConnections([
      'https://*.cloudfront.net',
      this.staffSignIn.domain.baseUrl(),
      `https://${data.evidenceBucket.bucketRegionalDomainName}`,
    ]);

    this.payoutWorker = addPayoutWorker(this, data, config.paymentWebhookUrl);
    if (config.policySettings) {
      this.payoutWorker.function.setEnvironment('POLICY_SETTINGS', JSON.stringify(config.policySettings));
    }

    this.mailSending = new MailSending(this, 'MailSending', {
      domain: config.mailDomain,
      fromAddress: mailFromAddress(config),
      existingIdentity: config.existingMailIdentity,
    });
    this.mailReceiving = new MailReceiving(this, 'MailReceiving', {
      existingRuleSetName: config.receiptRuleSetName,
      recipients: config.claimsRecipients,
      rawMailBucket: data.rawMailBucket,
      objectKeyPrefix: RAW_MAIL_PREFIX,
      notificationTopic: data.inboundMailTopic,
    });

    this.emailInFunction = this.addFunction('EmailInFunction', {
      entry: 'functions/email-in/handler.ts',
      description: 'Email in: parses mail SES stored and files claims or replies',
      // Parsing a message of up to 30 MB with its attachments in memory.
      memorySize: 1024,
      timeout: CONSUMER_TIMEOUTS.emailIn,
    })
      .bindTable(data.table)
      // Intake relays the acknowledgment of a mailed-in claim.
      .bindQueue(data.notifyQueue.queue, 'NOTIFY_QUEUE_URL')
      .bindBucket(data.rawMailBucket, 'RAW_MAIL_BUCKET', 'read', RAW_MAIL_PREFIX)
      .bindBucket(data.evidenceBucket, 'EVIDENCE_BUCKET', 'write', EMAIL_EVIDENCE_PREFIX)
      // Checks the token of a reply address among the recipients.
      .bindSecret(data.replyAddressSecret.secret, 'REPLY_ADDRESS_SECRET_ARN');
    addQueueConsumer(this.emailInFunction, data.emailInQueue, { batchSize: 5 });

    this.notifyFunction = this.addFunction('NotifyFunction', {
      entry: 'functions/notify/handler.ts',
      description: 'Notifications: renders, sends raw MIME through SES, records on the claim',
      timeout: CONSUMER_TIMEOUTS.notify,
    })
      .bindTable(data.table)
      .bindMailSender(this.mailSending)
      // Customer mail carries the claim's reply address as Reply-To.
      .bindSecret(data.replyAddressSecret.secret, 'REPLY_ADDRESS_SECRET_ARN')
      // Tracking links open the customer's tracking page, served with the other pages by CloudFront.
      .setEnvironment('PUBLIC_BASE_URL', this.web.origin);
    // Bounded so a burst of notifications stays inside the SES sending rate; excess waits in the queue.
    addQueueConsumer(this.notifyFunction, data.notifyQueue, { maxConcurrency: 5 });
    if (config.smsOriginationIdentity !== undefined) {
      this.notifyFunction.bindTextSender({
        originationIdentityArn: config.smsOriginationIdentity,
        configurationSetName: config.smsConfigurationSet,
        signature: config.smsSignature,
      });
      this.smsInFunction = this.addTextsIn(data);
    }
    if (config.policySettings) {
      for (const fn of [this.emailInFunction, this.notifyFunction])
        fn.setEnvironment('POLICY_SETTINGS', JSON.stringify(config.policySettings));
    }
    [this.sweepFunction, this.reportFunction] = this.addSlaFunctions(data);

    if (props.webBuildDirectory) {
      this.web.deploy(props.webBuildDirectory, {
        apiUrl: this.apiEdge.url,
        region: this.region,
        userPoolId: data.staff.userPool.userPoolId,
        userPoolClientId: this.staffSignIn.client.userPoolClientId,
        ...this.staffSignIn.endpoints,
      });
    }

    this.dashboard = new OpsDashboard(this, 'Dashboard', {
      stage: config.stage,
      api: this.api.stage,
      functions: this.functions,
      queues: data.workQueues,
      deadLetterQueues: data.deadLetterQueues,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.apiEdge.url });
    // The HTTP API itself: it refuses every request without CloudFront's X-Origin-Verify (403).
    new CfnOutput(this, 'ApiGatewayUrl', { value: this.api.url });
    new CfnOutput(this, 'WebUrl', { value: this.web.origin });
    new CfnOutput(this, 'StaffClientId', { value: this.staffSignIn.client.userPoolClientId });
    new CfnOutput(this, 'StaffSignInUrl', { value: this.staffSignIn.domain.baseUrl() });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }

  /**
   * SLA work (issue 4): the deadline sweep every 15 minutes and the overdue report at 02:00, both on
   * Asia/Shanghai time, each with the scheduler DLQ for undeliverable events and failed runs. The sweep
   * relays outbox intents to the notify queue; the report writes under `reports/` in the reports bucket
   * (and reads its latest.json pointer there).
   */
  private addSlaFunctions(data: DataStack): [sweep: ClaimsFunction, report: ClaimsFunction] {
    const sweep = this.addFunction('SweepFunction', {
      entry: 'functions/sweep/handler.ts',
      description: 'Deadline sweep: SLA warnings, breaches, escalations, severity by time; outbox catch-up',
      memorySize: 512,
      timeout: Duration.minutes(5),
    })
      .bindTable(data.table)
      .bindQueue(data.notifyQueue.queue, 'NOTIFY_QUEUE_URL');
    const report = this.addFunction('ReportFunction', {
      entry: 'functions/report/handler.ts',
      description: 'Nightly overdue report: CSV to the reports bucket, a summary to each unit’s managers',
      memorySize: 512,
      timeout: Duration.minutes(10),
    })
      .bindTable(data.table, 'read')
      // Reads latest.json so that a rerun of an older date does not move it back.
      .bindBucket(data.reportsBucket, 'REPORTS_BUCKET', 'readWrite', REPORTS_PREFIX, { listing: true })
      .bindQueue(data.notifyQueue.queue, 'NOTIFY_QUEUE_URL');
    for (const fn of [sweep, report]) {
      if (this.config.policySettings)
        fn.setEnvironment('POLICY_SETTINGS', JSON.stringify(this.config.policySettings));
    }
    addSchedule(sweep, 'rate(15 minutes)', SLA_TIME_ZONE, {
      deadLetterQueue: data.schedulerDeadLetterQueue,
      description: 'Deadline sweep every 15 minutes',
    });
    addSchedule(report, 'cron(0 2 * * ? *)', SLA_TIME_ZONE, {
      deadLetterQueue: data.schedulerDeadLetterQueue,
      description: 'Overdue report at 02:00 Asia/Shanghai',
    });
    // Two missed runs in a row means warnings and breaches are not going out.
    this.alarms.watchHeartbeat(sweep, Duration.minutes(30));
    // The report publishes its metric only once written: a failed or skipped night shows as missing.
    this.alarms.watchBusinessHeartbeat(
      'OverdueReport',
      businessMetric(BUSINESS_METRICS.overdueReportWritten, report.serviceName, {
        statistic: 'Sum',
        period: Duration.days(1),
      }),
      'No overdue report was written in the last day: check the report function and the scheduler DLQ.',
    );
    this.alarms.watchBusinessThreshold(
      'HolidayYearMissing',
      businessMetric(BUSINESS_METRICS.holidayYearsMissing, sweep.serviceName, {
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      1,
      'A year deadlines reach has no holiday schedule (computed on weekends only): load it (docs/operations.md, holidays).',
    );
    return [sweep, report];
  }

  /**
   * Texts customers send back (issue 16): End User Messaging's two-way SMS publishes each to the topic
   * (its ARN is the `SmsInboundTopicArn` output, to set on the number's two-way channel), the topic delivers
   * it raw to the sms-in queue, and the function records TD / STOP as an opt-out. Only End User Messaging
   * of this account may publish.
   */
  private addTextsIn(data: DataStack): ClaimsFunction {
    const queue = new WorkQueue(this, 'SmsIn', { consumerTimeout: CONSUMER_TIMEOUTS.smsIn });
    const topic = new Topic(this, 'SmsInbound', { enforceSSL: true });
    topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sms-voice.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    topic.addSubscription(
      new SqsSubscription(queue.queue, { rawMessageDelivery: true, deadLetterQueue: queue.deadLetterQueue }),
    );
    const fn = this.addFunction('SmsInFunction', {
      entry: 'functions/sms-in/handler.ts',
      description: 'SMS in: records TD / STOP texted back by customers as opt-outs',
      timeout: CONSUMER_TIMEOUTS.smsIn,
    }).bindTable(data.table);
    addQueueConsumer(fn, queue, { batchSize: 10 });
    this.alarms.watchDeadLetterQueue('SmsIn', queue.deadLetterQueue);
    this.alarms.watchQueueAge('SmsIn', queue.queue, Duration.minutes(30));
    new CfnOutput(this, 'SmsInboundTopicArn', { value: topic.topicArn });
    return fn;
  }

  /** A function with the stage's log level and retention, watched for errors and throttles. */
  addFunction(id: string, spec: FunctionSpec): ClaimsFunction {
    const fn = new ClaimsFunction(this, id, {
      ...spec,
      logLevel: this.config.logLevel,
      logRetention: this.config.logRetentionDays,
    });
    this.alarms.watchFunction(fn);
    this.functions.push(fn);
    return fn;
  }
}
