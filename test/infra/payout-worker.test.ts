import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nagFindings, rendered, synthClaimsApp } from './support/synth.js';
import { grantsOfRole, logicalIdOf, resource, resources } from './support/template-json.js';

const { data, service, serviceTemplate: template } = synthClaimsApp();
const worker = service.payoutWorker;
const fnId = logicalIdOf(worker.function.function);

describe('payout worker', () => {
  it('consumes the payout queue with partial batch failures', () => {
    const mappings = resources(template, 'AWS::Lambda::EventSourceMapping').filter((m) =>
      JSON.stringify(m.properties.FunctionName).includes(fnId),
    );
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.properties).toMatchObject({
      EventSourceArn: rendered(service, data.payoutQueue.queue.queueArn),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 5,
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('runs the payout handler with the manual gateway and knows where the webhook secret is', () => {
    const fn = resource(template, fnId);
    expect(fn.properties).toMatchObject({ Timeout: 60, Runtime: 'nodejs22.x' });
    const env = z.object({ Variables: z.record(z.string(), z.unknown()) }).parse(fn.properties.Environment);
    expect(env.Variables).toMatchObject({
      PAYMENT_GATEWAY: 'manual',
      PAYMENT_WEBHOOK_SECRET_ARN: { Ref: logicalIdOf(worker.webhookSecret) },
      TABLE_NAME: rendered(service, data.table.tableName),
      NOTIFY_QUEUE_URL: rendered(service, data.notifyQueue.queue.queueUrl),
    });
  });

  it('pays through the webhook when the stage names one', () => {
    const withWebhook = synthClaimsApp({ context: { paymentWebhookUrl: 'https://pay.example.cn/payouts' } });
    const id = logicalIdOf(withWebhook.service.payoutWorker.function.function);
    const env = z
      .object({ Variables: z.record(z.string(), z.unknown()) })
      .parse(resource(withWebhook.serviceTemplate, id).properties.Environment);
    expect(env.Variables).toMatchObject({
      PAYMENT_GATEWAY: 'webhook',
      PAYMENT_WEBHOOK_URL: 'https://pay.example.cn/payouts',
      PAYMENT_WEBHOOK_SECRET_ARN: { Ref: logicalIdOf(withWebhook.service.payoutWorker.webhookSecret) },
    });
  });

  it('may only read the webhook secret (no write, no other secret)', () => {
    const grants = grantsOfRole(template, logicalIdOf(worker.function.role));
    const secrets = grants.filter((g) => g.action.startsWith('secretsmanager:'));
    expect(new Set(secrets.map((g) => g.action))).toEqual(
      new Set(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']),
    );
    for (const grant of secrets) expect(grant.resource).toEqual({ Ref: logicalIdOf(worker.webhookSecret) });
    const sqs = grants.filter((g) => g.action === 'sqs:SendMessage');
    expect(sqs.map((g) => g.resource)).toEqual([rendered(service, data.notifyQueue.queue.queueArn)]);
  });

  it('keeps the secret when the stack goes away', () => {
    const secret = resource(template, logicalIdOf(worker.webhookSecret));
    expect(secret.type).toBe('AWS::SecretsManager::Secret');
    expect(secret.deletionPolicy).toBe('Retain');
  });

  it('leaves no unacknowledged cdk-nag finding', () => {
    expect(nagFindings(worker.function)).toEqual([]);
    expect(nagFindings(worker.webhookSecret)).toEqual([]);
  });
});
