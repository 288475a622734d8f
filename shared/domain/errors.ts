/**
 * Domain errors. Adapters translate SDK failures into these; the HTTP edge maps each class to one status,
 * so a handler never inspects messages or SDK types.
 */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** Input that fails a schema or a business rule about its shape (400). */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
    /** A code for the refusal, where the pages show it in the reader's language (e.g. `deputy_inactive`). */
    readonly reason?: string,
    /** The refusal in words, in both languages, for the pages to show as it is. */
    readonly words?: { readonly 'zh-CN': string; readonly en: string },
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
  ) {
    super(message);
  }
}
