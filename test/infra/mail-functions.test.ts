import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RAW_MAIL_PREFIX } from '../../infra/stacks/data-stack.js';
import { EMAIL_EVIDENCE_PREFIX } from '../../infra/stacks/service-stack.js';
import { LOCAL_RAW_MAIL_PREFIX } from '../../infra/local/smtp.js';
import { nagFindings, rendered, synthClaimsApp } from './support/synth.js';
import { grantsOfRole, key, logicalIdOf, resource, resources } from './support/template-json.js';

// One synth for the whole file.
const { data, service, serviceTemplate: template, dataTemplate } = synthClaimsApp();

const EnvSchema = z.object({ Variables: z.record(z.string(), z.unknown()) });

function envOf(logicalId: string): Record<string, unknown> {
  return EnvSchema.parse(resource(template, logicalId).properties.Environment).Variables;
}

/** The role's managed policy ARNs as rendered in the service template (cross-stack references). */
function managedPolicyArns(roleId: string): string[] {
  const role = resource(template, roleId);
  return z
    .array(z.unknown())
    .parse(role.properties.ManagedPolicyArns ?? [])
    .map((arn) => key(arn));
}

function mappingOf(functionId: string) {
  const mapping = resources(template, 'AWS::Lambda::EventSourceMapping').find(
    (m) => key(m.properties.FunctionName) === key({ Ref: functionId }),
  );
  if (!mapping) throw new Error(`no event source mapping for ${functionId}`);
  return mapping;
}

describe('email-in function', () => {
  const fnId = logicalIdOf(service.emailInFunction.function);
  const roleId = logicalIdOf(service.emailInFunction.role);

  it('consumes the email-in queue with partial batch responses', () => {
    const mapping = mappingOf(fnId);
    expect(mapping.properties).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 5,
    });
    expect(key(mapping.properties.EventSourceArn)).toBe(
      key(rendered(service, data.emailInQueue.queue.queueArn)),
    );
    const grants = grantsOfRole(template, roleId).filter((g) => g.action.startsWith('sqs:'));
    expect(grants.map((g) => g.action)).toEqual(
      expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']),
    );
  });

  it('is told the table, the raw-mail and evidence buckets and the notify queue', () => {
    const env = envOf(fnId);
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['TABLE_NAME', 'RAW_MAIL_BUCKET', 'EVIDENCE_BUCKET', 'NOTIFY_QUEUE_URL']),
    );
    expect(env.RAW_MAIL_BUCKET).toEqual(rendered(service, data.rawMailBucket.bucketName));
    expect(env.EVIDENCE_BUCKET).toEqual(rendered(service, data.evidenceBucket.bucketName));
  });

  it('may read raw mail under inbound/ only and write evidence under email/ only', () => {
    // objectAccessPolicy returns the policy bindBucket attached (one per access and prefix).
    const read = data.rawMailBucket.objectAccessPolicy('read', RAW_MAIL_PREFIX);
    const write = data.evidenceBucket.objectAccessPolicy('write', EMAIL_EVIDENCE_PREFIX);
    expect(managedPolicyArns(roleId).sort()).toEqual(
      [key(rendered(service, read.managedPolicyArn)), key(rendered(service, write.managedPolicyArn))].sort(),
    );
    const statements = (policyId: string) =>
      z
        .object({ Statement: z.array(z.object({ Action: z.unknown(), Resource: z.unknown() })) })
        .parse(resource(dataTemplate, policyId).properties.PolicyDocument).Statement;
    const [readStatement] = statements(logicalIdOf(read));
    const [writeStatement] = statements(logicalIdOf(write));
    expect(readStatement?.Action).toBe('s3:GetObject');
    expect(key(readStatement?.Resource)).toContain(`/${RAW_MAIL_PREFIX}*`);
    expect(writeStatement?.Action).toBe('s3:PutObject');
    expect(key(writeStatement?.Resource)).toContain(`/${EMAIL_EVIDENCE_PREFIX}*`);
  });

  it('gives the function at least the SES-sized message budget', () => {
    expect(resource(template, fnId).properties).toMatchObject({ MemorySize: 1024, Timeout: 60 });
  });
});

describe('notify function', () => {
  const fnId = logicalIdOf(service.notifyFunction.function);
  const roleId = logicalIdOf(service.notifyFunction.role);

  it('consumes the notify queue with partial batch responses and bounded concurrency', () => {
    const mapping = mappingOf(fnId);
    expect(mapping.properties).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
    expect(key(mapping.properties.EventSourceArn)).toBe(
      key(rendered(service, data.notifyQueue.queue.queueArn)),
    );
  });

  it('may send raw mail only through the domain identity and its configuration set', () => {
    const ses = grantsOfRole(template, roleId).filter((g) => g.action.startsWith('ses:'));
    expect(new Set(ses.map((g) => g.action))).toEqual(new Set(['ses:SendRawEmail']));
    expect(ses.map((g) => key(g.resource)).sort()).toEqual(
      [
        key(rendered(service, service.mailSending.identityArn)),
        key(rendered(service, service.mailSending.configurationSetArn)),
      ].sort(),
    );
    expect(ses.every((g) => g.resource !== '*')).toBe(true);
  });

  it('knows the mail domain, configuration set, table and where tracking links point', () => {
    const env = envOf(fnId);
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['TABLE_NAME', 'MAIL_DOMAIN', 'SES_CONFIGURATION_SET', 'PUBLIC_BASE_URL']),
    );
    expect(env.RAW_MAIL_BUCKET).toBeUndefined();
    // Tracking links in mail open the tracking page on the web distribution, not the API.
    expect(env.PUBLIC_BASE_URL).toEqual(rendered(service, service.web.origin));
  });

  it('has no object access at all', () => {
    expect(managedPolicyArns(roleId)).toEqual([]);
  });
});

describe('reply-address key', () => {
  const secretArn = rendered(service, data.replyAddressSecret.secret.secretArn);

  it('is a generated Secrets Manager secret of the data stack, named for the stage, that outlives it', () => {
    const created = data.replyAddressSecret.created;
    if (!created) throw new Error('the data stack imported the key instead of creating it');
    const secret = resource(dataTemplate, logicalIdOf(created));
    expect(secret.type).toBe('AWS::SecretsManager::Secret');
    expect(secret.deletionPolicy).toBe('Retain');
    expect(secret.updateReplacePolicy).toBe('Retain');
    expect(secret.properties).toMatchObject({
      Name: 'claims-desk/dev/reply-address-key',
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
  });

  it('is named by ARN to email-in and notify, and only they may read it (read only)', () => {
    for (const fn of [service.emailInFunction, service.notifyFunction]) {
      expect(envOf(logicalIdOf(fn.function)).REPLY_ADDRESS_SECRET_ARN).toEqual(secretArn);
      const secrets = grantsOfRole(template, logicalIdOf(fn.role)).filter((g) =>
        g.action.startsWith('secretsmanager:'),
      );
      expect(new Set(secrets.map((g) => g.action))).toEqual(
        new Set(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']),
      );
      for (const grant of secrets) expect(grant.resource).toEqual(secretArn);
    }
    for (const fn of [service.apiFunction, service.sweepFunction, service.reportFunction]) {
      const grants = grantsOfRole(template, logicalIdOf(fn.role));
      expect(grants.filter((g) => key(g.resource) === key(secretArn))).toEqual([]);
      expect(envOf(logicalIdOf(fn.function)).REPLY_ADDRESS_SECRET_ARN).toBeUndefined();
    }
  });

  it('leaves no unacknowledged cdk-nag finding', () => {
    expect(nagFindings(data.replyAddressSecret)).toEqual([]);
  });
});

describe('mail resources', () => {
  it('the receipt rule names the claims addresses, which SES also matches with a +label', () => {
    // SES: a recipient condition naming user@example.com matches any labelled form of it
    // (user+label@example.com), so the per-claim reply addresses reach the same rule.
    const [rule] = resources(template, 'AWS::SES::ReceiptRule');
    const recipients = z.object({ Recipients: z.array(z.string()) }).parse(rule?.properties.Rule).Recipients;
    // notify sends from (and builds reply addresses on) one of them.
    expect(recipients).toContain(service.mailSending.fromAddress);
    expect(recipients.every((r) => !r.includes('+'))).toBe(true);
  });

  it('the local SMTP listener stores raw mail under the prefix SES uses', () => {
    expect(LOCAL_RAW_MAIL_PREFIX).toBe(RAW_MAIL_PREFIX);
  });

  it('leave no unacknowledged cdk-nag finding', () => {
    const mine = nagFindings(service).filter((f) => /EmailIn|Notify/.test(f.path));
    expect(mine).toEqual([]);
  });
});
