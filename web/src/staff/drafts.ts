import * as z from '../../../shared/zod.js';
import { storedValue } from '../session-store.js';

/**
 * What staff typed into a claim's action form, kept in sessionStorage (this tab) by claim and form as they
 * type: a sign-in on this page after the session ended (when the browser blocks the sign-in popup) comes
 * back to the same claim with the form open and filled in again. Dropped once the action is saved.
 */
const PREFIX = 'claims.draft.';
const DraftSchema = z.record(z.string(), z.string());

function key(number: string, action: string): string {
  return `${PREFIX}${number}.${action}`;
}

export function loadDraft(number: string, action: string): Record<string, string> {
  return storedValue(sessionStorage.getItem(key(number, action)), DraftSchema) ?? {};
}

export function saveDraft(number: string, action: string, values: Record<string, string>): void {
  if (Object.values(values).every((v) => v === '')) sessionStorage.removeItem(key(number, action));
  else sessionStorage.setItem(key(number, action), JSON.stringify(values));
}

export function clearDraft(number: string, action: string): void {
  sessionStorage.removeItem(key(number, action));
}

/** The first of `actions` with a draft for this claim: the form to open again on the way back. */
export function draftedAction<A extends string>(number: string, actions: readonly A[]): A | null {
  return actions.find((a) => sessionStorage.getItem(key(number, a)) !== null) ?? null;
}
