import * as z from '../../zod.js';
import type { PaymentGateway, PaymentOutcome, PaymentRequest } from '../../ports/payment-gateway.js';

const OutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('paid'), reference: z.string().check(z.minLength(1), z.maxLength(200)) }),
  z.object({ status: z.literal('failed'), reason: z.string().check(z.maxLength(2000)) }),
  z.object({ status: z.literal('pending') }),
]);

export interface WebhookGatewayOptions {
  /** POST here to pay; GET `<url>/<payout id>` to look a payout up. */
  readonly url: string;
  /** Sent as `Authorization: Bearer …` when given (from the Secrets Manager secret). */
  readonly bearerToken?: string | undefined;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/**
 * A payment provider behind an HTTPS webhook. Every submit carries `Idempotency-Key: <payout id>`.
 * A timeout or network error throws: the outcome is unknown and the worker looks it up instead of
 * submitting again. Answers are validated with zod; anything else is an error, never a guess.
 */
export class WebhookGateway implements PaymentGateway {
  readonly name = 'webhook';
  private readonly fetch: typeof fetch;

  constructor(private readonly options: WebhookGatewayOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async submit(request: PaymentRequest): Promise<PaymentOutcome> {
    const response = await this.fetch(this.options.url, {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': 'application/json', 'Idempotency-Key': request.payoutId },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw new Error(`payment webhook answered ${response.status}`);
    return OutcomeSchema.parse(await response.json());
  }

  async lookup(payoutId: string): Promise<PaymentOutcome> {
    const response = await this.fetch(
      `${this.options.url.replace(/\/$/, '')}/${encodeURIComponent(payoutId)}`,
      {
        method: 'GET',
        headers: this.headers(),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      },
    );
    if (response.status === 404) return { status: 'not_found' };
    if (!response.ok) throw new Error(`payment webhook lookup answered ${response.status}`);
    return OutcomeSchema.parse(await response.json());
  }

  private headers(): Record<string, string> {
    return this.options.bearerToken ? { authorization: `Bearer ${this.options.bearerToken}` } : {};
  }
}
