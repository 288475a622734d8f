import type { StaffEvent, StaffMember } from '../domain/staff-directory.js';

/**
 * The staff directory (issue 15): one item per person, read whole for routing and the admin list (the
 * directory of one company is hundreds of entries, one Query), changed one entry at a time.
 */
export interface StaffDirectory {
  get(id: string): Promise<StaffMember | null>;
  /** Every entry, active or not, by id. */
  list(): Promise<StaffMember[]>;
  /** The entry's audit trail, oldest first. */
  history(id: string): Promise<StaffEvent[]>;
  /**
   * Writes the entry and its audit event together, or nothing: a new entry (`expectedVersion` null) only
   * when its id is free, an edit only when the stored version is `expectedVersion`; ConflictError otherwise.
   */
  save(change: StaffChange): Promise<void>;
}

export interface StaffChange {
  readonly member: StaffMember;
  readonly expectedVersion: number | null;
  readonly event: StaffEvent;
}
