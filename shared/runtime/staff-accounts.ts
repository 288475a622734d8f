import { randomUUID } from 'node:crypto';
import { FakeStaffAccounts } from '../adapters/memory/staff-directory.js';
import type { StaffAccounts } from '../ports/staff-directory.js';
import type { RuntimeConfig } from './config.js';

/** Locally (no user pool configured) a new staff member's subject is minted here, as Cognito would. */
export function staffAccountsFor(_config: RuntimeConfig): StaffAccounts {
  return new FakeStaffAccounts(() => randomUUID());
}
