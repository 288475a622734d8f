import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it, vi } from 'vitest';
import { manualGateway } from '../../shared/adapters/payments/manual.js';
import { SimulatedGateway } from '../../shared/adapters/payments/simulated.js';
import { WebhookGateway } from '../../shared/adapters/payments/webhook.js';
import { ConfigError } from '../../shared/runtime/config.js';
import { buildPaymentGateway } from '../../shared/runtime/payments.js';

const request = {
  payoutId: 'C1:payout:1',
  amountFen: 8_000,
  currency: 'CNY' as const,
  payeeName: '王芳',
  claimNumber: 'CLM-2026-000001',
};

describe('payment gateways', () => {
  it('manual: every payout waits for finance', async () => {
    expect(await manualGateway.submit(request)).toEqual({ status: 'pending' });
    expect(await manualGateway.lookup(request.payoutId)).toEqual({ status: 'pending' });
  });

  it('simulated: pays once per idempotency key and finds it again', async () => {
    const gateway = new SimulatedGateway();
    expect(await gateway.lookup(request.payoutId)).toEqual({ status: 'not_found' });
    const first = await gateway.submit(request);
    expect(first.status).toBe('paid');
    expect(await gateway.submit(request)).toEqual(first);
    expect(await gateway.lookup(request.payoutId)).toEqual(first);
  });

  it('webhook: POSTs with the payout id as Idempotency-Key and the bearer token; looks up by GET', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const fakeFetch: typeof fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      calls.push({ url, init });
      if (init?.method === 'GET' && url.endsWith('missing'))
        return Promise.resolve(new Response('', { status: 404 }));
      return Promise.resolve(Response.json({ status: 'paid', reference: 'BANK-1' }));
    };
    const gateway = new WebhookGateway({
      url: 'https://pay.example.com/payouts',
      bearerToken: 's3cret',
      fetch: fakeFetch,
    });
    expect(await gateway.submit(request)).toEqual({ status: 'paid', reference: 'BANK-1' });
    const headers = new Headers(calls[0]?.init?.headers);
    expect(headers.get('idempotency-key')).toBe('C1:payout:1');
    expect(headers.get('authorization')).toBe('Bearer s3cret');
    const body = calls[0]?.init?.body;
    expect(typeof body === 'string' ? JSON.parse(body) : undefined).toEqual(request);
    expect(await gateway.lookup('C1:payout:1')).toEqual({ status: 'paid', reference: 'BANK-1' });
    expect(calls[1]?.url).toBe('https://pay.example.com/payouts/C1%3Apayout%3A1');
    expect(await gateway.lookup('missing')).toEqual({ status: 'not_found' });
  });

  it('webhook: a timeout or an answer it cannot read throws (outcome unknown), never guesses', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted: timeout')));
      });
    await expect(
      new WebhookGateway({ url: 'https://pay.example.com', timeoutMs: 20, fetch: hanging }).submit(request),
    ).rejects.toThrow();
    const odd: typeof fetch = () => Promise.resolve(Response.json({ status: 'maybe' }));
    await expect(
      new WebhookGateway({ url: 'https://pay.example.com', fetch: odd }).submit(request),
    ).rejects.toThrow();
    const failing: typeof fetch = () => Promise.resolve(new Response('', { status: 502 }));
    await expect(
      new WebhookGateway({ url: 'https://pay.example.com', fetch: failing }).submit(request),
    ).rejects.toThrow('502');
  });

  it('is chosen from the environment, manual by default', async () => {
    expect((await buildPaymentGateway({})).name).toBe('manual');
    expect((await buildPaymentGateway({ PAYMENT_GATEWAY: 'simulated' })).name).toBe('simulated');
    expect(
      (
        await buildPaymentGateway({
          PAYMENT_GATEWAY: 'webhook',
          PAYMENT_WEBHOOK_URL: 'https://pay.example.com',
        })
      ).name,
    ).toBe('webhook');
    await expect(buildPaymentGateway({ PAYMENT_GATEWAY: 'webhook' })).rejects.toThrow(ConfigError);
    await expect(buildPaymentGateway({ PAYMENT_GATEWAY: 'bank' })).rejects.toThrow(ConfigError);
  });

  it('reads the webhook token from Secrets Manager once, at cold start, and sends it as a bearer token', async () => {
    const secrets = mockClient(SecretsManagerClient);
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'tok-123\n' });
    const seen: (string | null)[] = [];
    vi.stubGlobal('fetch', (_url: unknown, init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get('authorization'));
      return Promise.resolve(Response.json({ status: 'paid', reference: 'T-1' }));
    });
    try {
      const arn = 'arn:aws:secretsmanager:ap-east-1:123456789012:secret:payments-webhook';
      const gateway = await buildPaymentGateway({
        PAYMENT_GATEWAY: 'webhook',
        PAYMENT_WEBHOOK_URL: 'https://pay.example.com',
        PAYMENT_WEBHOOK_SECRET_ARN: arn,
      });
      expect(secrets.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input.SecretId)).toEqual([arn]);
      await gateway.submit(request);
      await gateway.submit(request);
      expect(seen).toEqual(['Bearer tok-123', 'Bearer tok-123']);
      expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
      secrets.restore();
    }
  });
});
