/**
 * Seals customer data at rest (issue 18: the payee's account): `seal` encrypts with the customer-data key,
 * binding `context` (the claim id) so a sealed value moved to another claim does not open; `open` reverses it
 * and rejects a value that was changed, sealed under another key, or for another context.
 */
export interface Sealer {
  seal(plain: string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<string>;
}
