/**
 * The settings one deployment (a "stage") is made from, read from CDK context and validated with zod.
 * Defaults live in cdk.json so `npm run synth` works with no flags; override with `-c key=value`.
 * Values given on the command line arrive as strings, so lists accept "a,b" and numbers accept "5".
 */
import { SMS_SIGNATURE_PATTERN } from '../../shared/domain/sms/texts.js';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { z } from 'zod';

const RETENTION_DAYS = new Set<number>(
  Object.values(RetentionDays).filter((value): value is number => typeof value === 'number'),
);

const positiveInt = z.coerce.number().int().positive();

/** A list from cdk.json (array) or from `-c key=a,b` (comma-separated string). */
function listOf<T extends z.ZodType>(list: T) {
  return z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((item) => item.trim())
            .filter((item) => item.length > 0)
        : value,
    list,
  );
}

const emailList = listOf(z.array(z.email()).min(1));

/** `true`/`false` from cdk.json, or the strings "true"/"false" from `-c key=value`. */
const flag = z.preprocess(
  (value) => (value === 'true' ? true : value === 'false' ? false : value),
  z.boolean().default(false),
);

/**
 * Regions where SES offers email receiving (AWS General Reference, "Amazon SES endpoints and quotas",
 * email receiving endpoints). Mail receiving is part of every stage, so a region outside this list would
 * roll the service stack back at its receipt rule set; synth refuses it instead. No China or GovCloud
 * region receives mail. If AWS adds a region, add it here.
 */
export const SES_RECEIVING_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'ap-northeast-1',
  'ap-southeast-1',
  'ap-southeast-2',
];

/** Policy settings handed to the functions as JSON; accepts an object or a JSON string. */
const policySettings = z.preprocess((value, ctx) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'policySettings must be a JSON object' });
    return z.NEVER;
  }
}, z.record(z.string(), z.unknown()).optional());

/** Sign-in callback URLs: https, or http on localhost for development. */
const signInUrls = listOf(
  z
    .array(
      z
        .url({ protocol: /^https?$/ })
        .refine(
          (url) => url.startsWith('https://') || /^http:\/\/localhost(:\d+)?\//.test(url),
          'https, or http://localhost',
        ),
    )
    .default([]),
);

/** A Secrets Manager secret by its full ARN or its name. */
const secretReference = z
  .string()
  .regex(
    /^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+|[A-Za-z0-9/_+=.@-]{1,512})$/,
    'a secret name or its full ARN',
  );

const hostname = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case DNS name');

export const stageConfigSchema = z
  .object({
    /** Deployment name; part of the stack names and of the derived sign-in domain prefix. */
    stage: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, 'lower-case letters, digits and dashes, at most 16'),
    /**
     * The region both stacks deploy to (`-c region=…`, else the CLI's default region). Known at synth,
     * so a region without SES mail receiving is refused before anything is deployed.
     */
    region: z
      .string({ error: 'set -c region=<aws region> (or a default region for the AWS CLI)' })
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region name such as eu-west-1')
      .refine((region) => SES_RECEIVING_REGIONS.includes(region), {
        error: (issue) =>
          `SES does not receive mail in ${String(issue.input)}; use one of ${SES_RECEIVING_REGIONS.join(', ')}`,
      }),
    /** Domain that receives claim mail and sends notifications (SES identity). */
    mailDomain: hostname,
    /** Addresses the SES receipt rule accepts as claims. */
    claimsRecipients: emailList,
    /** Extra browser origin allowed by CORS; "cloudfront" means only the distribution's own domain. */
    webOrigin: z.union([z.literal('cloudfront'), z.url({ protocol: /^https$/ })]),
    /** Where alarm notifications go (SNS e-mail subscription; confirm the mail SNS sends). */
    alarmEmail: z.email(),
    logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']),
    logRetentionDays: z.coerce
      .number()
      .int()
      .refine((days) => RETENTION_DAYS.has(days), 'one of the CloudWatch Logs retention periods'),
    /** Requests per second (steady and burst) for each public route: the anonymous claim form. */
    publicRateLimit: positiveInt,
    publicBurstLimit: positiveInt,
    /** Stage-wide default, which the staff routes use. */
    staffRateLimit: positiveInt,
    staffBurstLimit: positiveInt,
    policySettings,
    /**
     * Prefix of the staff sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`), unique per region
     * across all AWS customers; Cognito refuses prefixes containing aws, amazon or cognito. Unset, it is
     * derived from the stage and the account id (`claims-desk-<stage>-<account>`), so two stages or two
     * accounts never ask for the same name.
     */
    staffSignInDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and dashes, at most 63')
      .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'may not contain aws, amazon or cognito')
      .optional(),
    /** Sign-in callback and sign-out URLs beyond the site's own /staff.html and /dashboard.html. */
    staffSignInUrls: signInUrls,
    /**
     * The SES identity for mailDomain already exists in this account and region (another stack or the
     * console made it): use it instead of creating one, which CloudFormation would refuse.
     */
    existingMailIdentity: flag,
    /**
     * An existing receipt rule set (e.g. the region's active one, shared with another stage) to add the
     * claims rule to. Unset: the stack creates its own set and activates it (deactivated again on delete).
     */
    receiptRuleSetName: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dots, dashes and underscores, at most 64')
      .optional(),
    /**
     * Upgrade in steps: deploy the data stack with only the table's first n indexes (one more than the
     * deployment has), once per missing index, then without it. See docs/upgrade.md.
     */
    tableIndexLimit: positiveInt.optional(),
    /** The payment provider's webhook; when set the payout worker pays through it, else finance confirms by hand. */
    paymentWebhookUrl: z.url({ protocol: /^https$/ }).optional(),
    /**
     * An existing secret (name or ARN) to use as the reply-address key instead of creating
     * `claims-desk/<stage>/reply-address-key`: the one an earlier data stack kept, or on the upgrade that moved
     * it to the data stack, the service stack's `ReplyAddressSecret…` (docs/upgrade.md).
     */
    replyAddressSecret: secretReference.optional(),
    /**
     * End User Messaging SMS: the ARN of the pool, phone number or sender id texts go out from
     * (docs/sms.md). Unset: the notify function sends no SMS (each is recorded as failed; mail goes).
     */
    smsOriginationIdentity: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:(pool|phone-number|sender-id)\/[A-Za-z0-9_:.-]+$/,
        'the ARN of an End User Messaging pool, phone number or sender id',
      )
      .optional(),
    /** An End User Messaging configuration set for the texts (delivery events); optional. */
    smsConfigurationSet: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, dashes and underscores, at most 64')
      .optional(),
    /** The registered 【signature】 mainland texts open with (carriers drop texts without one); optional. */
    smsSignature: z
      .string()
      .regex(SMS_SIGNATURE_PATTERN, 'a signature in 【】, 2 to 16 characters, no spaces')
      .optional(),
    /** The same for the payment webhook's token (`claims-desk/<stage>/payment-webhook-token`). */
    paymentWebhookSecret: secretReference.optional(),
    /** The same for the customer-data key (`claims-desk/<stage>/customer-data-key`, issue 18). */
    customerDataSecret: secretReference.optional(),
  })
  .refine((config) => config.claimsRecipients.some((address) => address.endsWith(`@${config.mailDomain}`)), {
    path: ['claimsRecipients'],
    message: 'at least one address must be at mailDomain: notifications are sent from the first such address',
  })
  .refine((config) => config.publicBurstLimit >= config.publicRateLimit, {
    path: ['publicBurstLimit'],
    message: 'burst must be at least the rate',
  })
  .refine((config) => config.staffBurstLimit >= config.staffRateLimit, {
    path: ['staffBurstLimit'],
    message: 'burst must be at least the rate',
  });

export type StageConfig = z.infer<typeof stageConfigSchema>;

/**
 * The From address of notifications: the first claims address at the mail domain, so a customer's
 * reply goes to an address the receipt rule accepts and email-in reads.
 */
export function mailFromAddress(config: Pick<StageConfig, 'claimsRecipients' | 'mailDomain'>): string {
  const from = config.claimsRecipients.find((address) => address.endsWith(`@${config.mailDomain}`));
  if (!from) throw new Error(`no claims address at ${config.mailDomain}`);
  return from;
}

const CONTEXT_KEYS: readonly string[] = Object.keys(stageConfigSchema.shape);

/**
 * Reads every setting from context; throws one error that names each bad or missing key. The region
 * falls back to the CLI's default region (CDK_DEFAULT_REGION, which `cdk` sets from the AWS profile).
 */
export function readStageConfig(node: Node, env: NodeJS.ProcessEnv = process.env): StageConfig {
  const raw: Record<string, unknown> = {};
  for (const key of CONTEXT_KEYS) raw[key] = node.tryGetContext(key) as unknown;
  raw.region ??= env.CDK_DEFAULT_REGION;
  const parsed = stageConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(
      `Invalid CDK context (see cdk.json, override with -c key=value):\n${problems.join('\n')}`,
    );
  }
  return parsed.data;
}
