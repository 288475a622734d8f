import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nagFindings, rendered, synthClaimsApp } from './support/synth.js';
import { grantsOfRole, logicalIdOf, resource, resources } from './support/template-json.js';

const { data, service, serviceTemplate: template, dataTemplate } = synthClaimsApp();
const worker = service.payoutWorker;
const fnId = logicalIdOf(worker.function.function);
/** The data stack's webhook secret as the service template names it. */
const secretArn = rendered(service, data.paymentWebhookSecret.secret.secretArn);

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
      PAYMENT_WEBHOOK_SECRET_ARN: secretArn,
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
      PAYMENT_WEBHOOK_SECRET_ARN: rendered(
        withWebhook.service,
        withWebhook.data.paymentWebhookSecret.secret.secretArn,
      ),
    });
  });

  it('may only read the webhook secret (no write, no other secret)', () => {
    const grants = grantsOfRole(template, logicalIdOf(worker.function.role));
    const secrets = grants.filter((g) => g.action.startsWith('secretsmanager:'));
    expect(new Set(secrets.map((g) => g.action))).toEqual(
      new Set(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']),
    );
    for (const grant of secrets) expect(grant.resource).toEqual(secretArn);
    const sqs = grants.filter((g) => g.action === 'sqs:SendMessage');
    expect(sqs.map((g) => g.resource)).toEqual([rendered(service, data.notifyQueue.queue.queueArn)]);
  });

  it('reads a secret of the data stack, which keeps it when either stack goes away', () => {
    expect(worker.webhookSecret).toBe(data.paymentWebhookSecret.secret);
    const created = data.paymentWebhookSecret.created;
    if (!created) throw new Error('the data stack imported the secret instead of creating it');
    const secret = resource(dataTemplate, logicalIdOf(created));
    expect(secret.type).toBe('AWS::SecretsManager::Secret');
    expect(secret.deletionPolicy).toBe('Retain');
    expect(secret.properties.Name).toBe('claims-desk/dev/payment-webhook-token');
  });

  it('leaves no unacknowledged cdk-nag finding', () => {
    expect(nagFindings(worker.function)).toEqual([]);
    expect(nagFindings(data.paymentWebhookSecret)).toEqual([]);
  });
});
