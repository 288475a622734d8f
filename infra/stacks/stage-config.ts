/**
 * The settings one deployment (a "stage") is made from, read from CDK context and validated with zod.
 * Defaults live in cdk.json so `npm run synth` works with no flags; override with `-c key=value`.
 * Values given on the command line arrive as strings, so lists accept "a,b" and numbers accept "5".
 */
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

const hostname = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case DNS name');

export const stageConfigSchema = z
  .object({
    /** Deployment name; part of the stack names, never of resource names. */
    stage: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, 'lower-case letters, digits and dashes, at most 16'),
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
     * Prefix of the staff sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`); unique per region,
     * and Cognito refuses prefixes containing aws, amazon or cognito.
     */
    staffSignInDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and dashes, at most 63')
      .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'may not contain aws, amazon or cognito'),
    /** Sign-in callback and sign-out URLs beyond the site's own /staff.html and /dashboard.html. */
    staffSignInUrls: signInUrls,
    /** The payment provider's webhook; when set the payout worker pays through it, else finance confirms by hand. */
    paymentWebhookUrl: z.url({ protocol: /^https$/ }).optional(),
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

const CONTEXT_KEYS: readonly string[] = Object.keys(stageConfigSchema.shape);

/** Reads every setting from context; throws one error that names each bad or missing key. */
export function readStageConfig(node: Node): StageConfig {
  const raw: Record<string, unknown> = {};
  for (const key of CONTEXT_KEYS) raw[key] = node.tryGetContext(key) as unknown;
  const parsed = stageConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(
      `Invalid CDK context (see cdk.json, override with -c key=value):\n${problems.join('\n')}`,
    );
  }
  return parsed.data;
}
