import { buildDependencies } from '../../shared/runtime/composition.js';
import { loadConfig } from '../../shared/runtime/config.js';
import { buildPaymentGateway } from '../../shared/runtime/payments.js';
import { createPayoutHandler } from './app.js';

/** The payout worker on the payout queue; configuration and clients are built once per cold start. */
export const handler = createPayoutHandler({
  ...buildDependencies(loadConfig()),
  // Top-level await: the webhook token is read from Secrets Manager once, during the cold start.
  gateway: await buildPaymentGateway(),
});
