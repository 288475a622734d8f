import type { Claim } from './claim.js';
import { excerptOf, type CustomerResponseKind } from './customer-response.js';
import { notificationMessage, type OutboxMessage } from './messages.js';
import { claimOwner } from './staff-routing.js';

/** What the customer sent, as the notice quotes it. */
export interface CustomerResponseFacts {
  readonly what: CustomerResponseKind;
  readonly at: string;
  /** The audit event of the change; the notice's id derives from it, so a retried change notifies once. */
  readonly eventId: string;
  /** The customer's words (the message, the reason); empty: none. */
  readonly text: string;
  readonly files: number;
}

/**
 * The claim marked "customer responded" and the notice to its owner (the assignee, else the unit's
 * managers; the directory then routes around leave): both belong to the same change, so a claim is never
 * marked without its owner being told, nor told twice for one response.
 */
export function customerResponded(
  claim: Claim,
  facts: CustomerResponseFacts,
): { readonly claim: Claim; readonly notice: OutboxMessage } {
  const text = excerptOf(facts.text);
  return {
    claim: { ...claim, customerResponse: { what: facts.what, at: facts.at } },
    notice: notificationMessage(
      'customer_responded',
      {
        what: facts.what,
        at: facts.at,
        excerpt: text === '' ? null : text,
        files: facts.files,
      },
      {
        id: `${claim.id}:customer_responded:${facts.eventId}`,
        claim,
        recipient: claimOwner(claim),
        createdAt: facts.at,
      },
    ),
  };
}
