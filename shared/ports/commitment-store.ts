import type { Commitment } from '../domain/commitments.js';

/** The commitments registry (SPEC §13). */
export interface CommitmentStore {
  /** Writes a new commitment; its id is new, so an existing one is never overwritten. */
  create(commitment: Commitment): Promise<void>;
  get(id: string): Promise<Commitment | null>;
  /** A customer's commitments, soonest expiry first. */
  byCustomer(customerId: string): Promise<Commitment[]>;
  /** Active commitments whose validity ends on or before `untilDate` (YYYY-MM-DD), soonest first. */
  activeEndingBy(untilDate: string): Promise<Commitment[]>;
  /** Commitments with at least one breach, latest breach first. */
  breached(): Promise<Commitment[]>;
  /** Saves a changed commitment if the stored version is `expectedVersion` (ConflictError otherwise). */
  save(commitment: Commitment, expectedVersion: number): Promise<void>;
}
