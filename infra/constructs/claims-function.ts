/**
 * The one place Lambda defaults live. Every function in the system is a `ClaimsFunction`:
 * Node.js 22 on arm64, bundled by the locally installed esbuild (`function-bundle.ts`: ESM, split
 * chunks, minified, names kept),
 * JSON logs in its own log group with a retention period, X-Ray active tracing, explicit memory and
 * timeout, and its own role. `bind…` methods grant exactly what the code uses and set the env var
 * that tells the code where to find it, in one call, so a grant and its configuration cannot drift.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Effect, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  CfnFunction,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ClaimsTable } from './claims-table.js';
import { BUNDLE_HANDLER, bundleFunction } from './function-bundle.js';
import type { MailSending } from './mail-sending.js';
import type { ObjectAccess, SecureBucket } from './secure-bucket.js';

/** Repository root: entries, the lockfile and tsconfig are resolved from here, not from the cwd. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Context flag for template tests: build every function from a placeholder inline file instead of
 * bundling its entry. Tests stay fast and work before a handler exists; never deploy with it.
 */
export const SKIP_BUNDLING_CONTEXT = 'claims:skipBundling';

/**
 * Context flag: run functions with `--enable-source-maps` (stack traces in source positions). Off by
 * default because parsing the maps lengthens every cold start; the bundles keep function names.
 */
export const SOURCE_MAPS_CONTEXT = 'claims:sourceMaps';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
export type TableAccess = 'read' | 'readWrite';

/**
 * Item actions per access level. A transaction needs the action of each of its parts
 * (TransactWriteItems has no IAM action of its own): PutItem, UpdateItem, ConditionCheckItem.
 */
const TABLE_ITEM_ACTIONS: Record<TableAccess, string[]> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem'],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:ConditionCheckItem',
  ],
};

const PLACEHOLDER_CODE =
  "exports.handler = async () => { throw new Error('built with claims:skipBundling; not deployable'); };";

/** What creating a staff member's sign-in account takes (CognitoStaffAccounts), and nothing more. */
export const STAFF_ACCOUNT_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminAddUserToGroup',
];
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

export interface ClaimsFunctionProps {
  /** Handler file relative to the repository root, e.g. `functions/api/handler.ts`; exports `handler`. */
  readonly entry: string;
  readonly description?: string;
  /** MB; default 512 (arm64 CPU scales with memory, and cold starts shrink with it). */
  readonly memorySize?: number;
  /** Default 10 seconds. Queue consumers size their queue's visibility timeout from this. */
  readonly timeout?: Duration;
  readonly logLevel?: LogLevel;
  readonly logRetention?: RetentionDays;
  /** Plain settings. Resource locations come from `bind…`, never from here. */
  readonly environment?: Readonly<Record<string, string>>;
}

export class ClaimsFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly timeout: Duration;
  /** Its Powertools service name (POWERTOOLS_SERVICE_NAME): the folder of its entry, e.g. `api`. */
  readonly serviceName: string;
  private readonly environmentNames = new Set<string>();
  private asyncFailureQueue: IQueue | undefined;

  constructor(scope: Construct, id: string, props: ClaimsFunctionProps) {
    super(scope, id);
    this.timeout = props.timeout ?? Duration.seconds(10);
    const skipBundling = isTrue(this.node.tryGetContext(SKIP_BUNDLING_CONTEXT));
    const entry = resolve(REPO_ROOT, props.entry);
    if (!skipBundling && !existsSync(entry)) {
      throw new Error(`${this.node.path}: handler entry ${props.entry} does not exist`);
    }

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
    });

    // Our own role instead of the default one: the default attaches the AWS managed
    // AWSLambdaBasicExecutionRole (logs:CreateLogGroup on *); this one may write to its log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.node.path}`,
    });
    this.logGroup.grantWrite(this.role);

    const code = skipBundling
      ? Code.fromInline(PLACEHOLDER_CODE)
      : Code.fromAsset(REPO_ROOT, {
          // Hash what was built, not the whole repository (node_modules included).
          assetHashType: AssetHashType.OUTPUT,
          bundling: {
            // Never used: local bundling always succeeds or throws, so synth needs no Docker.
            image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
            // CDK caches bundles by these options, and `local` is a function it cannot compare: naming the
            // entry here keeps one function from being given another's bundle.
            command: ['bundle', props.entry],
            local: {
              tryBundle(outputDir: string): boolean {
                bundleFunction(entry, outputDir);
                return true;
              },
            },
          },
        });

    this.function = new LambdaFunction(this, 'Function', {
      code,
      handler: BUNDLE_HANDLER,
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: this.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
    });
    if (isTrue(this.node.tryGetContext(SOURCE_MAPS_CONTEXT))) {
      this.setEnvironment('NODE_OPTIONS', '--enable-source-maps');
    }
    this.setEnvironment('LOG_LEVEL', props.logLevel ?? 'INFO');
    this.serviceName = basename(dirname(props.entry));
    this.setEnvironment('POWERTOOLS_SERVICE_NAME', this.serviceName);
    for (const [name, value] of Object.entries(props.environment ?? {})) this.setEnvironment(name, value);

    this.enableTracing();

    Validations.of(this.function).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason:
          'nodejs22.x on purpose: npm scripts, tests and CI run the same Node 22 (the node devDependency); move to 24 once tested there.',
      },
      {
        id: 'Serverless-LambdaLatestVersion',
        reason:
          'nodejs22.x on purpose: npm scripts, tests and CI run the same Node 22 (the node devDependency); move to 24 once tested there.',
      },
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Failures are captured per trigger instead: API calls are synchronous (the caller gets the error), ' +
          "SQS consumers use their queue's redrive DLQ, scheduled runs get an on-failure destination " +
          '(addSchedule), which carries more context than the legacy DLQ.',
      },
    );
  }

  /** DynamoDB access to the table and its named indexes (never `index/*`); sets TABLE_NAME. */
  bindTable(table: ClaimsTable, access: TableAccess = 'readWrite', envName = 'TABLE_NAME'): this {
    this.setEnvironment(envName, table.tableName);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: TABLE_ITEM_ACTIONS[access],
        resources: [table.tableArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:Query'],
        resources: [table.tableArn, ...table.indexArns],
      }),
    );
    return this;
  }

  /** Permission to send to one queue (producers only; consumers use `addQueueConsumer`). */
  bindQueue(queue: IQueue, envName: string): this {
    this.setEnvironment(envName, queue.queueUrl);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
      }),
    );
    return this;
  }

  /**
   * Object access under one prefix of one bucket; sets the bucket name env var. `listing` adds
   * s3:ListBucket for a reader whose keys may be missing, so that reads as 404 rather than 403.
   */
  bindBucket(
    bucket: SecureBucket,
    envName: string,
    access: ObjectAccess,
    prefix = '',
    options: { readonly listing?: boolean } = {},
  ): this {
    this.setEnvironment(envName, bucket.bucketName);
    if (options.listing) this.role.addManagedPolicy(bucket.listPolicy());
    return this.grantObjects(bucket, access, prefix);
  }

  /** Object access under one more prefix of a bucket already bound (no env var). */
  grantObjects(bucket: SecureBucket, access: ObjectAccess, prefix: string): this {
    this.role.addManagedPolicy(bucket.objectAccessPolicy(access, prefix));
    return this;
  }

  /**
   * Raw mail sending through the domain identity and its configuration set (SES checks both ARNs);
   * sets MAIL_DOMAIN and SES_CONFIGURATION_SET.
   */
  bindMailSender(mail: MailSending): this {
    this.setEnvironment('MAIL_DOMAIN', mail.domain);
    this.setEnvironment('MAIL_FROM', mail.fromAddress);
    this.setEnvironment('SES_CONFIGURATION_SET', mail.configurationSetName);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ses:SendRawEmail'],
        resources: [mail.identityArn, mail.configurationSetArn],
      }),
    );
    return this;
  }

  /**
   * SMS through End User Messaging (`sms-voice:SendTextMessage`) from one origination identity only,
   * with the account's opt-out lists and the configuration set the call names; sets
   * SMS_ORIGINATION_IDENTITY (and SMS_CONFIGURATION_SET).
   */
  bindTextSender(sms: {
    originationIdentityArn: string;
    configurationSetName?: string | undefined;
    /** SMS_SIGNATURE: the 【signature】 mainland texts open with. */
    signature?: string | undefined;
  }): this {
    const stack = Stack.of(this);
    const arn = (resource: string, resourceName: string) =>
      stack.formatArn({ service: 'sms-voice', resource, resourceName });
    this.setEnvironment('SMS_ORIGINATION_IDENTITY', sms.originationIdentityArn);
    if (sms.signature !== undefined) this.setEnvironment('SMS_SIGNATURE', sms.signature);
    const resources = [sms.originationIdentityArn, arn('opt-out-list', '*')];
    if (sms.configurationSetName !== undefined) {
      this.setEnvironment('SMS_CONFIGURATION_SET', sms.configurationSetName);
      resources.push(arn('configuration-set', sms.configurationSetName));
    }
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['sms-voice:SendTextMessage'], resources }),
    );
    return this;
  }

  /** Read access to one secret (GetSecretValue, DescribeSecret); sets the env var to its ARN. */
  bindSecret(secret: ISecret, envName: string): this {
    this.setEnvironment(envName, secret.secretArn);
    secret.grantRead(this.role);
    return this;
  }

  /**
   * Creates staff accounts in the user pool and adds them to its groups (the admin API, issue 15): the
   * three admin actions it needs, on this pool only.
   */
  bindStaffAccounts(pool: IUserPool, envName = 'STAFF_USER_POOL_ID'): this {
    this.setEnvironment(envName, pool.userPoolId);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: STAFF_ACCOUNT_ACTIONS,
        resources: [pool.userPoolArn],
      }),
    );
    return this;
  }

  /** Sets one variable; fails if a bind or an earlier call already set it, so nothing is silently replaced. */
  setEnvironment(name: string, value: string): this {
    if (!ENV_NAME.test(name)) throw new Error(`${this.node.path}: bad environment variable name ${name}`);
    if (this.environmentNames.has(name)) throw new Error(`${this.node.path}: ${name} is already bound`);
    this.environmentNames.add(name);
    this.function.addEnvironment(name, value);
    return this;
  }

  /**
   * Where asynchronous invocations (EventBridge Scheduler) go after Lambda's own retries fail.
   * Idempotent for the same queue; a function has one on-failure destination.
   */
  sendAsyncFailuresTo(queue: IQueue): this {
    if (this.asyncFailureQueue === queue) return this;
    if (this.asyncFailureQueue) throw new Error(`${this.node.path} already sends async failures elsewhere`);
    this.asyncFailureQueue = queue;
    this.function.configureAsyncInvoke({
      onFailure: new SqsDestination(queue),
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
    });
    return this;
  }

  /**
   * Tracing is switched on at the L1 so the X-Ray grant can live in its own policy: X-Ray has no
   * resource-level permissions (AWS requires `*`), and keeping that statement apart means the
   * acknowledgment below covers it and nothing else.
   */
  private enableTracing(): void {
    const cfn = this.function.node.defaultChild;
    if (!(cfn instanceof CfnFunction)) throw new Error(`${this.node.path}: no CfnFunction to trace`);
    cfn.tracingConfig = { mode: 'Active' };
    const policy = new Policy(this, 'TracingPolicy', {
      roles: [this.role],
      statements: [
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          // X-Ray trace APIs do not support resource-level permissions; `*` is the only valid resource.
          resources: ['*'],
        }),
      ],
    });
    this.function.node.addDependency(policy);
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions.',
    });
  }
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}
