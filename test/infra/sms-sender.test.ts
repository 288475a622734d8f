import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { synthClaimsApp } from './support/synth.js';
import { nagFindings } from './support/synth.js';
import {
  grantsOfRole,
  key,
  logicalIdOf,
  resource,
  resources,
  statementsOf,
} from './support/template-json.js';

const POOL = 'arn:aws:sms-voice:eu-west-1:123456789012:pool/pool-0123456789abcdef';

describe('notify function SMS (End User Messaging)', () => {
  const withSms = synthClaimsApp({
    context: {
      smsOriginationIdentity: POOL,
      smsConfigurationSet: 'claims-sms',
      smsSignature: '【惠家电器】',
    },
  });
  const fnId = logicalIdOf(withSms.service.notifyFunction.function);
  const roleId = logicalIdOf(withSms.service.notifyFunction.role);

  it('may send texts only from the configured identity, with opt-out lists and its configuration set', () => {
    const grants = grantsOfRole(withSms.serviceTemplate, roleId).filter((g) =>
      g.action.startsWith('sms-voice:'),
    );
    expect(new Set(grants.map((g) => g.action))).toEqual(new Set(['sms-voice:SendTextMessage']));
    const resources = grants.map((g) => key(g.resource));
    expect(resources).toHaveLength(3);
    expect(resources).toContain(key(POOL));
    expect(resources.some((r) => r.includes(':opt-out-list/*'))).toBe(true);
    expect(resources.some((r) => r.includes(':configuration-set/claims-sms'))).toBe(true);
    expect(grants.every((g) => g.resource !== '*')).toBe(true);
  });

  it('is told the origination identity and configuration set', () => {
    const env = z
      .object({ Variables: z.record(z.string(), z.unknown()) })
      .parse(resource(withSms.serviceTemplate, fnId).properties.Environment).Variables;
    expect(env).toMatchObject({
      SMS_ORIGINATION_IDENTITY: POOL,
      SMS_CONFIGURATION_SET: 'claims-sms',
      SMS_SIGNATURE: '【惠家电器】',
    });
  });

  it('gets no SMS permission without an origination identity', () => {
    const plain = synthClaimsApp();
    const grants = grantsOfRole(plain.serviceTemplate, logicalIdOf(plain.service.notifyFunction.role));
    expect(grants.filter((g) => g.action.startsWith('sms-voice:'))).toEqual([]);
  });

  it('refuses an origination identity that is not an End User Messaging ARN', () => {
    expect(() => synthClaimsApp({ context: { smsOriginationIdentity: '+8613800138000' } })).toThrow(
      /smsOriginationIdentity/,
    );
  });
});

describe('texts customers send back (two-way SMS in)', () => {
  const withSms = synthClaimsApp({ context: { smsOriginationIdentity: POOL } });
  const template = withSms.serviceTemplate;
  const fn = withSms.service.smsInFunction;
  if (fn === undefined) throw new Error('no sms-in function with an origination identity');

  it('gives End User Messaging of this account alone a topic to publish to, and names it in an output', () => {
    const [topic, ...others] = resources(template, 'AWS::SNS::Topic').filter((r) =>
      r.logicalId.startsWith('SmsInbound'),
    );
    expect(others).toEqual([]);
    if (topic === undefined) throw new Error('no SmsInbound topic');
    const policy = resources(template, 'AWS::SNS::TopicPolicy').find((p) =>
      key(p.properties.Topics).includes(topic.logicalId),
    );
    const statements = statementsOf(policy?.properties.PolicyDocument);
    const publish = statements.filter((st) => st.Effect === 'Allow');
    expect(publish).toHaveLength(1);
    expect(publish[0]).toMatchObject({
      Action: 'sns:Publish',
      Principal: { Service: 'sms-voice.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    // enforceSSL: publishing without TLS is denied.
    expect(
      statements.some((st) => st.Effect === 'Deny' && key(st.Condition).includes('aws:SecureTransport')),
    ).toBe(true);
    template.hasOutput('SmsInboundTopicArn', { Value: { Ref: topic.logicalId } });
  });

  it('delivers each text raw to a queue with a dead-letter queue, consumed by the sms-in function', () => {
    const subscription = resources(template, 'AWS::SNS::Subscription').find(
      (r) => r.properties.Protocol === 'sqs',
    );
    expect(subscription?.properties).toMatchObject({ RawMessageDelivery: true });
    expect(subscription?.properties.RedrivePolicy).toBeDefined();
    const mapping = resources(template, 'AWS::Lambda::EventSourceMapping').find(
      (m) => key(m.properties.FunctionName) === key({ Ref: logicalIdOf(fn.function) }),
    );
    expect(mapping?.properties).toMatchObject({ FunctionResponseTypes: ['ReportBatchItemFailures'] });
    const env = z
      .object({ Variables: z.record(z.string(), z.unknown()) })
      .parse(resource(template, logicalIdOf(fn.function)).properties.Environment).Variables;
    expect(env).toHaveProperty('TABLE_NAME');
  });

  it('may write the table and read its queue, and nothing else: no SMS sending, no secrets', () => {
    const actions = new Set(grantsOfRole(template, logicalIdOf(fn.role)).map((g) => g.action));
    expect([...actions].filter((a) => a.startsWith('sms-voice:') || a.startsWith('secretsmanager:'))).toEqual(
      [],
    );
    expect(actions.has('dynamodb:PutItem')).toBe(true);
    expect(actions.has('sqs:ReceiveMessage')).toBe(true);
    expect([...actions].filter((a) => a.startsWith('sqs:Send'))).toEqual([]);
  });

  it('passes the cdk-nag packs without findings', () => {
    expect(nagFindings(withSms.service).filter((f) => f.path.includes('SmsIn'))).toEqual([]);
  });

  it('does not exist without an origination identity', () => {
    const plain = synthClaimsApp();
    expect(plain.service.smsInFunction).toBeUndefined();
    expect(
      resources(plain.serviceTemplate, 'AWS::SNS::Topic').filter((r) => r.logicalId.startsWith('SmsInbound')),
    ).toEqual([]);
  });
});
