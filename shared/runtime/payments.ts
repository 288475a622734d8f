import { z } from 'zod';
import { manualGateway } from '../adapters/payments/manual.js';
import { SimulatedGateway } from '../adapters/payments/simulated.js';
import { WebhookGateway } from '../adapters/payments/webhook.js';
import type { PaymentGateway } from '../ports/payment-gateway.js';
import { ConfigError } from './config.js';

const PaymentEnvSchema = z.object({
  /** Which payment adapter the payout worker uses; manual (finance confirms vouchers) by default. */
  PAYMENT_GATEWAY: z.enum(['manual', 'webhook', 'simulated']).default('manual'),
  PAYMENT_WEBHOOK_URL: z.url().optional(),
  /** Local use only: the webhook's bearer token in clear. */
  PAYMENT_WEBHOOK_TOKEN: z.string().min(1).optional(),
  /** Set by CDK: the Secrets Manager secret holding the webhook's bearer token. */
  PAYMENT_WEBHOOK_SECRET_ARN: z.string().min(1).optional(),
});

/** The payout worker's payment adapter, from the environment, checked at cold start. */
export function buildPaymentGateway(env: Record<string, string | undefined> = process.env): PaymentGateway {
  const parsed = PaymentEnvSchema.safeParse(env);
  if (!parsed.success)
    throw new ConfigError(
      `invalid payment settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const e = parsed.data;
  switch (e.PAYMENT_GATEWAY) {
    case 'manual':
      return manualGateway;
    case 'simulated':
      return new SimulatedGateway();
    case 'webhook':
      if (e.PAYMENT_WEBHOOK_URL === undefined)
        throw new ConfigError('PAYMENT_GATEWAY=webhook needs PAYMENT_WEBHOOK_URL');
      if (e.PAYMENT_WEBHOOK_SECRET_ARN !== undefined && e.PAYMENT_WEBHOOK_TOKEN === undefined)
        // Reading the secret needs @aws-sdk/client-secrets-manager, which is not a dependency yet.
        throw new ConfigError(
          'reading PAYMENT_WEBHOOK_SECRET_ARN is not implemented yet; use the manual gateway',
        );
      return new WebhookGateway({ url: e.PAYMENT_WEBHOOK_URL, bearerToken: e.PAYMENT_WEBHOOK_TOKEN });
  }
}
