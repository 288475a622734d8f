import * as z from '../zod.js';
import { PolicySettingsSchema, type PolicySettings } from '../domain/settings.js';
import type { QueueName } from '../domain/messages.js';
import { ClockOffsetError, parseClockOffset, type ClockOffset } from '../domain/clock-offset.js';

/**
 * Environment configuration, validated once at cold start: a missing or malformed setting stops the
 * function with a message naming the variable, instead of failing later on a request.
 */
const EnvSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  /** DynamoDB Local's URL; absent in AWS. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  AWS_REGION: z.optional(z.string()),
  /**
   * JSON overrides of the policy settings (filing window, severity thresholds, routing, units…): the seed of a
   * new table's policy document; once the table has one, admins change the policy in the console instead.
   */
  POLICY_SETTINGS: z.optional(z.string()),
  /** SQS queue URLs; a queue without one keeps its messages pending in the outbox until it has one. */
  NOTIFY_QUEUE_URL: z.optional(z.url()),
  PAYOUT_QUEUE_URL: z.optional(z.url()),
  EMAIL_IN_QUEUE_URL: z.optional(z.url()),
  /** The local SQS stand-in's URL; absent in AWS. */
  SQS_ENDPOINT: z.optional(z.url()),
  /** S3 bucket for reports (the report function); without it reports go to a local folder. */
  REPORTS_BUCKET: z.optional(z.string().check(z.minLength(3))),
  /**
   * S3 bucket for evidence: browser uploads are signed for it and read from it, and email-in keeps
   * attachments in it (AWS).
   */
  EVIDENCE_BUCKET: z.optional(z.string().check(z.minLength(3))),
  /** S3 bucket SES stores raw inbound mail in (AWS): email-in reads it, and the API for held mail. */
  RAW_MAIL_BUCKET: z.optional(z.string().check(z.minLength(1))),
  /** Secret of the local stack's signed upload URLs (locally, without EVIDENCE_BUCKET). */
  LOCAL_UPLOAD_SECRET: z.optional(z.string().check(z.minLength(16))),
  /** Local stand-in for S3: `evidence/`, `reports/` and email-in's `raw-mail/`; default .data/blobs. */
  BLOB_DIR: z.optional(z.string().check(z.minLength(1))),
  /** Largest JSON request body accepted, in bytes (413 above it). */
  MAX_BODY_BYTES: z._default(z.coerce.number().check(z.int(), z.positive()), 64 * 1024),
  /** The staff user pool (AWS): creating a staff member creates their Cognito account. */
  STAFF_USER_POOL_ID: z.optional(z.string().check(z.minLength(1))),
  /** Rehearsal clock (local only): an ISO-8601 duration the whole stack runs ahead of (or behind) real time. */
  CLAIMS_CLOCK_OFFSET: z.optional(z.string()),
  /**
   * The API function in AWS: the secret whose value CloudFront sends as X-Origin-Verify; requests without it
   * are refused. Absent locally, where nothing is required.
   */
  ORIGIN_VERIFY_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  /**
   * The key the API signs the form's proof-of-work challenges with (issue 18): a Secrets Manager secret in
   * AWS (…_ARN, set by CDK), the value itself locally (the local stack generates one).
   */
  FORM_CHALLENGE_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  FORM_CHALLENGE_SECRET: z.optional(z.string().check(z.minLength(16))),
  /**
   * The key customer data is sealed with (AES-256-GCM: the payee's account, issue 18): a kept secret in
   * AWS (…_ARN), the value locally (the local stack generates one and keeps it in its data folder).
   */
  CUSTOMER_DATA_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  CUSTOMER_DATA_SECRET: z.optional(z.string().check(z.minLength(32))),
});

export interface RuntimeConfig {
  readonly tableName: string;
  readonly dynamoEndpoint?: string | undefined;
  readonly region?: string | undefined;
  /**
   * POLICY_SETTINGS: only the seed of a table without a policy document (its version 1). Functions read the
   * policy in force from the table (see policyFor in composition.ts), never from here.
   */
  readonly policySeed: PolicySettings;
  readonly maxBodyBytes: number;
  readonly queueUrls: Readonly<Partial<Record<QueueName, string>>>;
  readonly sqsEndpoint?: string | undefined;
  readonly reportsBucket?: string | undefined;
  readonly blobDir?: string | undefined;
  readonly evidenceBucket?: string | undefined;
  readonly rawMailBucket?: string | undefined;
  readonly localUploadSecret?: string | undefined;
  /** The Cognito user pool new staff accounts are created in (AWS); absent locally. */
  readonly staffUserPoolId?: string | undefined;
  /** The rehearsal clock's offset (CLAIMS_CLOCK_OFFSET), local only; absent: real time. */
  readonly clockOffset?: ClockOffset | undefined;
  /** ORIGIN_VERIFY_SECRET_ARN: the API's origin secret (AWS only). */
  readonly originVerifySecretId?: string | undefined;
  /** The proof-of-work challenges' key; absent: the form's claims are refused until it is set. */
  readonly formChallengeSecret?: SecretConfig | undefined;
  /** The customer-data sealing key; absent: payee details are refused until it is set. */
  readonly customerDataSecret?: SecretConfig | undefined;
}

export class ConfigError extends Error {}

/** Where a secret comes from: Secrets Manager in AWS (its ARN), the environment locally (its value). */
export type SecretConfig = { readonly arn: string } | { readonly value: string };

function secretConfigOf(arn: string | undefined, value: string | undefined): SecretConfig | undefined {
  return arn !== undefined ? { arn } : value !== undefined ? { value } : undefined;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): RuntimeConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`invalid environment: ${describeIssues(parsed.error)}`);
  }
  return {
    tableName: parsed.data.TABLE_NAME,
    dynamoEndpoint: parsed.data.DYNAMODB_ENDPOINT,
    region: parsed.data.AWS_REGION,
    policySeed: parsePolicySettings(parsed.data.POLICY_SETTINGS),
    maxBodyBytes: parsed.data.MAX_BODY_BYTES,
    queueUrls: {
      ...(parsed.data.NOTIFY_QUEUE_URL ? { notify: parsed.data.NOTIFY_QUEUE_URL } : {}),
      ...(parsed.data.PAYOUT_QUEUE_URL ? { payout: parsed.data.PAYOUT_QUEUE_URL } : {}),
      ...(parsed.data.EMAIL_IN_QUEUE_URL ? { 'email-in': parsed.data.EMAIL_IN_QUEUE_URL } : {}),
    },
    sqsEndpoint: parsed.data.SQS_ENDPOINT,
    reportsBucket: parsed.data.REPORTS_BUCKET,
    blobDir: parsed.data.BLOB_DIR,
    evidenceBucket: parsed.data.EVIDENCE_BUCKET,
    rawMailBucket: parsed.data.RAW_MAIL_BUCKET,
    localUploadSecret: parsed.data.LOCAL_UPLOAD_SECRET,
    staffUserPoolId: parsed.data.STAFF_USER_POOL_ID,
    clockOffset: loadClockOffset(env, { dynamoEndpoint: parsed.data.DYNAMODB_ENDPOINT }),
    originVerifySecretId: parsed.data.ORIGIN_VERIFY_SECRET_ARN,
    formChallengeSecret: secretConfigOf(
      parsed.data.FORM_CHALLENGE_SECRET_ARN,
      parsed.data.FORM_CHALLENGE_SECRET,
    ),
    customerDataSecret: secretConfigOf(
      parsed.data.CUSTOMER_DATA_SECRET_ARN,
      parsed.data.CUSTOMER_DATA_SECRET,
    ),
  };
}

/** Variables the Lambda runtime sets: their presence means this code runs in the cloud. */
const CLOUD_RUNTIME_VARIABLES = ['AWS_LAMBDA_FUNCTION_NAME', 'AWS_EXECUTION_ENV'] as const;

/**
 * CLAIMS_CLOCK_OFFSET, the rehearsal clock: read only on this machine. Set in a Lambda function, or
 * with the tables in AWS (no DYNAMODB_ENDPOINT, when `dynamoEndpoint` is passed), it stops the start with
 * a ConfigError: a shifted clock would breach, escalate and notify real customers on a rehearsal's time.
 */
export function loadClockOffset(
  env: Record<string, string | undefined>,
  local?: { readonly dynamoEndpoint: string | undefined },
): ClockOffset | undefined {
  const raw = env['CLAIMS_CLOCK_OFFSET'];
  if (raw === undefined || raw.trim() === '') return undefined;
  const cloud = CLOUD_RUNTIME_VARIABLES.find((name) => env[name]);
  if (cloud) {
    throw new ConfigError(
      `CLAIMS_CLOCK_OFFSET is set (${raw}) in the cloud runtime (${cloud} is set): the rehearsal clock runs only ` +
        'in the local stack; remove the variable from the function',
    );
  }
  if (local && local.dynamoEndpoint === undefined) {
    throw new ConfigError(
      `CLAIMS_CLOCK_OFFSET is set (${raw}) without DYNAMODB_ENDPOINT: the rehearsal clock works only against ` +
        'the local stack (DynamoDB Local), never on the tables in AWS',
    );
  }
  try {
    return parseClockOffset(raw);
  } catch (error) {
    if (error instanceof ClockOffsetError) throw new ConfigError(`CLAIMS_CLOCK_OFFSET: ${error.message}`);
    throw error;
  }
}

export function parsePolicySettings(json: string | undefined): PolicySettings {
  if (json === undefined || json.trim() === '') return PolicySettingsSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new ConfigError(
      `POLICY_SETTINGS is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const settings = PolicySettingsSchema.safeParse(raw);
  if (!settings.success) throw new ConfigError(`POLICY_SETTINGS: ${describeIssues(settings.error)}`);
  return settings.data;
}

/** zod's issues as one line: `path: message; …` (`(root)` for the value itself). */
export function describeIssues(error: z.core.$ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}
