import { createHash } from 'node:crypto';
import type { PaymentGateway, PaymentOutcome, PaymentRequest } from '../../ports/payment-gateway.js';

/**
 * A local provider that pays at once and remembers each idempotency key, as a real one does:
 * submitting the same payout id twice returns the first answer and pays once.
 */
export class SimulatedGateway implements PaymentGateway {
  readonly name = 'simulated';
  private readonly paid = new Map<string, PaymentOutcome>();

  submit(request: PaymentRequest): Promise<PaymentOutcome> {
    const known = this.paid.get(request.payoutId);
    if (known) return Promise.resolve(known);
    const reference = `SIM-${createHash('sha256').update(request.payoutId).digest('hex').slice(0, 12).toUpperCase()}`;
    const outcome: PaymentOutcome = { status: 'paid', reference };
    this.paid.set(request.payoutId, outcome);
    return Promise.resolve(outcome);
  }

  lookup(payoutId: string): Promise<PaymentOutcome> {
    return Promise.resolve(this.paid.get(payoutId) ?? { status: 'not_found' });
  }
}
