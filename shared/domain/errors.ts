/**
 * Domain errors. Adapters translate SDK failures into these; the HTTP edge maps each class to one status,
 * so a handler never inspects messages or SDK types.
 */
import type { Language } from './categories.js';
import type { IssueCode, IssueParams } from './field-issues.js';

/**
 * One field's problem. `code` (and `params`) is what the API returns and the pages word in their language;
 * `message` is for logs and developers, never shown to a person.
 */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
  readonly code?: IssueCode | undefined;
  readonly params?: IssueParams | undefined;
  /** A refusal the domain words itself (it names units, amounts, counts), in both languages. */
  readonly words?: Readonly<Record<Language, string>> | undefined;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  /**
   * The refusal in the reader's language, where the domain words it (who else handled it, what to do);
   * the API answers with it instead of `message`, which stays for logs.
   */
  readonly words?: Readonly<Record<Language, string>> | undefined;
  constructor(message: string, words?: Readonly<Record<Language, string>>) {
    super(message);
    if (words !== undefined) this.words = words;
  }
}

/** Input that fails a schema or a business rule about its shape (400). */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
    /** A code for the refusal as a whole (e.g. `deputy_inactive`); its words ride on its issues. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** No principal, or one whose token does not verify (401). */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

/** A known principal asking for something their role or unit does not allow (403). */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

/** Not there, or not visible to this caller: the two are deliberately indistinguishable (404). */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

/** Someone else changed the claim first, or an idempotency key was reused for another request (409). */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

/** The action is valid in general but not from the claim's current state (409, with the reason). */
export class InvalidTransitionError extends DomainError {
  readonly code = 'INVALID_TRANSITION';
}

/** A claim the policy refuses to admit, e.g. filed outside the filing window (422). */
export class PolicyRefusalError extends DomainError {
  readonly code = 'POLICY_REFUSED';
  constructor(
    message: string,
    readonly reason: string,
    words?: Readonly<Record<Language, string>>,
  ) {
    super(message, words);
  }
}
