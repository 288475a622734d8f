import { InMemoryCalendarStore } from '../../shared/adapters/memory/calendar-store.js';
import { InMemoryClaimStore } from '../../shared/adapters/memory/claim-store.js';
import { InMemoryCommitmentStore } from '../../shared/adapters/memory/commitment-store.js';
import { InMemoryMoneyStore } from '../../shared/adapters/memory/money-store.js';
import { InMemoryStaffDirectory } from '../../shared/adapters/memory/staff-directory.js';
import type { StaffDirectory } from '../../shared/ports/staff-directory.js';
import type { CalendarStore } from '../../shared/ports/calendar-store.js';
import type { ClaimStore } from '../../shared/ports/claim-store.js';
import type { CommitmentStore } from '../../shared/ports/commitment-store.js';
import type { MailStore } from '../../shared/ports/mail-store.js';
import type { MoneyStore } from '../../shared/ports/money-store.js';
import type { PolicyStore } from '../../shared/ports/policy-store.js';
import { InMemoryPolicyStore } from '../../shared/adapters/memory/policy-store.js';

/**
 * One set of stores over one storage, as production wires them: a change written through one of them
 * (a breach landing on a commitment, a money change moving the claim) is read back through the others.
 */
export interface StoreSet {
  readonly claims: ClaimStore;
  readonly money: MoneyStore;
  readonly commitments: CommitmentStore;
  readonly calendar: CalendarStore;
  readonly policy: PolicyStore;
  readonly staff: StaffDirectory;
  /** Only where an implementation exists (DynamoDB): there is no in-memory mail store. */
  readonly mail?: MailStore;
}

/** A contract suite's subject: a name for the test titles and a factory of fresh, empty stores. */
export interface StoreSubject {
  readonly name: string;
  /** Whether `fresh()` includes a mail store. */
  readonly hasMail: boolean;
  /** Fresh stores that share nothing with any earlier call. */
  fresh(): Promise<StoreSet>;
}

export const inMemoryStores: StoreSubject = {
  name: 'in memory',
  hasMail: false,
  fresh() {
    const claims = new InMemoryClaimStore();
    const commitments = new InMemoryCommitmentStore();
    claims.commitments = commitments;
    return Promise.resolve({
      claims,
      money: new InMemoryMoneyStore(claims),
      commitments,
      calendar: new InMemoryCalendarStore(),
      policy: new InMemoryPolicyStore(),
      staff: new InMemoryStaffDirectory(),
    });
  },
};
