/** What is paid: the payout id is the provider's idempotency key. */
export interface PaymentRequest {
  readonly payoutId: string;
  readonly amountFen: number;
  readonly currency: 'CNY';
  readonly payeeName: string;
  readonly claimNumber: string;
}

/**
 * What the provider says about a payout. `pending`: accepted, not yet settled (the manual adapter's
 * answer until finance confirms). `not_found`: the provider has no record of the key.
 */
export type PaymentOutcome =
  | { readonly status: 'paid'; readonly reference: string }
  | { readonly status: 'failed'; readonly reason: string }
  | { readonly status: 'pending' }
  | { readonly status: 'not_found' };

/**
 * The payment provider (SPEC §10). `submit` may throw when the outcome is unknown (timeout, lost
 * connection); callers then `lookup` by the same id and never submit again.
 */
export interface PaymentGateway {
  readonly name: 'manual' | 'webhook' | 'simulated';
  submit(request: PaymentRequest): Promise<PaymentOutcome>;
  lookup(payoutId: string): Promise<PaymentOutcome>;
}
