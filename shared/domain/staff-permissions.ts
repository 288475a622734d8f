import type { Role } from './lifecycle.js';

/**
 * Who may do what beyond the lifecycle table's claim actions. The use cases enforce these; the staff
 * console imports the same table to decide which buttons a role gets, so the two cannot drift apart.
 */
export const STAFF_PERMISSIONS = {
  /** Confirm, fail and retry payouts; record recovery (追偿) entries. */
  recordMoney: ['finance', 'admin'],
  /** Read the recovery ledger. */
  readLedger: ['finance', 'executive', 'admin'],
  /** Register and expire commitments (承诺): they bind the company, so managers (who approve) and admins. */
  manageCommitments: ['manager', 'admin'],
  /** Read the runtime policy and its history (issue 15): those who approve by it, and admins. */
  readPolicy: ['manager', 'executive', 'admin'],
  /** Save a new version of the runtime policy (tiers, SLA targets, routing, units…). */
  managePolicy: ['admin'],
  /** Add, edit and deactivate people in the staff directory (issue 15). */
  manageStaff: ['admin'],
  /** Send the customer a fresh tracking link (issue 16): those who talk to customers. */
  resendTrackingLink: ['agent', 'manager', 'admin'],
  /** Register a phone or walk-in claim for a customer (issue 17): those who take in claims. */
  registerClaim: ['agent', 'manager', 'admin'],
  /** Read held mail and release, attach or dismiss it (issue 16): those who take in claims. */
  reviewHeldMail: ['agent', 'manager', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type StaffPermission = keyof typeof STAFF_PERMISSIONS;

export function mayDo(permission: StaffPermission, roles: readonly string[]): boolean {
  const allowed: readonly string[] = STAFF_PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}
