import * as z from '../zod.js';
import { manualGateway } from '../adapters/payments/manual.js';
import { SimulatedGateway } from '../adapters/payments/simulated.js';
import { WebhookGateway } from '../adapters/payments/webhook.js';
import type { PaymentGateway } from '../ports/payment-gateway.js';
import { ConfigError, describeIssues } from './config.js';
import { secretsManager, type SecretReader } from './secrets.js';

const PaymentEnvSchema = z.object({
  /** Which payment adapter the payout worker uses; manual (finance confirms vouchers) by default. */
  PAYMENT_GATEWAY: z._default(z.enum(['manual', 'webhook', 'simulated']), 'manual'),
  PAYMENT_WEBHOOK_URL: z.optional(z.url()),
  /** Local use only: the webhook's bearer token in clear. */
  PAYMENT_WEBHOOK_TOKEN: z.optional(z.string().check(z.minLength(1))),
  /** Set by CDK: the Secrets Manager secret holding the webhook's bearer token. */
  PAYMENT_WEBHOOK_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
});

/**
 * The payout worker's payment adapter, from the environment, checked at cold start. The webhook's bearer
 * token is read from Secrets Manager once here, so it never sits in the function's configuration.
 */
export async function buildPaymentGateway(
  env: Record<string, string | undefined> = process.env,
  readSecret: SecretReader = secretsManager,
): Promise<PaymentGateway> {
  const parsed = PaymentEnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`invalid payment settings: ${describeIssues(parsed.error)}`);
  const e = parsed.data;
  switch (e.PAYMENT_GATEWAY) {
    case 'manual':
      return manualGateway;
    case 'simulated':
      return new SimulatedGateway();
    case 'webhook':
      if (e.PAYMENT_WEBHOOK_URL === undefined)
        throw new ConfigError('PAYMENT_GATEWAY=webhook needs PAYMENT_WEBHOOK_URL');
      return new WebhookGateway({
        url: e.PAYMENT_WEBHOOK_URL,
        bearerToken:
          e.PAYMENT_WEBHOOK_TOKEN ??
          (e.PAYMENT_WEBHOOK_SECRET_ARN === undefined
            ? undefined
            : (await readSecret(e.PAYMENT_WEBHOOK_SECRET_ARN)).trim()),
      });
  }
}
