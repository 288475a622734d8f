import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../../shared/domain/errors.js';
import { STAFF_ROLES, type StaffRole } from '../../shared/domain/lifecycle.js';
import { mayDo, type StaffPermission } from '../../shared/domain/staff-permissions.js';
import { createCommitment, expireCommitment } from '../../shared/domain/use-cases/commitments.js';
import {
  confirmPayout,
  failPayout,
  recordRecovery,
  recoveryLedger,
  retryPayout,
} from '../../shared/domain/use-cases/payouts.js';
import { InMemoryClaimStore } from '../../shared/adapters/memory/claim-store.js';
import { principal, testDependencies } from '../support/fixtures.js';

/**
 * The console shows a button when `mayDo` says so; these pin that every use case behind such a button refuses
 * exactly the roles the table leaves out (ForbiddenError) and lets the others through to the next check
 * (here: nothing by that id, or the work done).
 */
const deps = () => testDependencies(new InMemoryClaimStore());
const checks: readonly (readonly [string, StaffPermission, (role: StaffRole) => Promise<unknown>])[] = [
  [
    'confirm a payout',
    'recordMoney',
    (r) => confirmPayout(deps(), { payoutId: 'none', voucherNumber: 'V', principal: principal([r]) }),
  ],
  [
    'fail a payout',
    'recordMoney',
    (r) => failPayout(deps(), { payoutId: 'none', reason: 'bounced', principal: principal([r]) }),
  ],
  [
    'retry a payout',
    'recordMoney',
    (r) => retryPayout(deps(), { payoutId: 'none', principal: principal([r]) }),
  ],
  [
    'record a recovery entry',
    'recordMoney',
    (r) =>
      recordRecovery(deps(), {
        recoveryId: 'none',
        principal: principal([r]),
        input: { method: 'transfer', amountFen: 100, reference: 'T-1' },
      }),
  ],
  ['read the ledger', 'readLedger', (r) => recoveryLedger(deps(), principal([r]), { month: '2026-11' })],
  [
    'register a commitment',
    'manageCommitments',
    (r) =>
      createCommitment(deps(), principal([r]), {
        customerId: 'ACME',
        customerName: '某公司',
        subject: { kind: 'product', name: '电饭煲' },
        type: 'quality',
        content: '一年包换',
        validFrom: '2026-01-01',
        validUntil: '2026-12-31',
        ownerId: 'mgr-1',
      }),
  ],
  [
    'expire a commitment',
    'manageCommitments',
    (r) => expireCommitment(deps(), principal([r]), 'ACME.01ABCDEFGHJK', { reason: 'replaced' }),
  ],
];

describe('staff permissions the console shows match what the use cases enforce', () => {
  for (const [what, permission, run] of checks) {
    for (const role of STAFF_ROLES) {
      const allowed = mayDo(permission, [role]);
      it(`${role} ${allowed ? 'may' : 'may not'} ${what}`, async () => {
        const outcome = await run(role).then(
          () => 'done',
          (e: unknown) =>
            e instanceof ForbiddenError ? 'forbidden' : e instanceof NotFoundError ? 'not found' : e,
        );
        if (allowed) expect(['done', 'not found']).toContain(outcome);
        else expect(outcome).toBe('forbidden');
      });
    }
  }
});
