import type { PaymentGateway, PaymentOutcome } from '../../ports/payment-gateway.js';

/**
 * The default: finance pays outside the system and confirms each payout with its voucher number through
 * POST /staff/payouts/{id}/confirm. Submitting only records that the payout awaits finance.
 */
export const manualGateway: PaymentGateway = {
  name: 'manual',
  submit(): Promise<PaymentOutcome> {
    return Promise.resolve({ status: 'pending' });
  },
  lookup(): Promise<PaymentOutcome> {
    return Promise.resolve({ status: 'pending' });
  },
};
