import { beforeEach, describe, expect, it } from 'vitest';
import type { Commitment } from '../../shared/domain/commitments.js';
import { ConflictError } from '../../shared/domain/errors.js';
import type { StoreSet, StoreSubject } from './stores.js';

/** A valid, active commitment of `customerId`; `n` makes its id. */
export function commitment(customerId: string, n: number, overrides: Partial<Commitment> = {}): Commitment {
  return {
    id: `${customerId}.01JD00000000000000000000${String(n).padStart(2, '0')}`,
    version: 1,
    customerId,
    customerName: '甲客户',
    subject: { kind: 'product', name: '电热水壶 K1' },
    type: 'quality',
    content: '一年质保',
    validFrom: '2026-01-01',
    validUntil: '2026-12-31',
    ownerId: 'owner-1',
    approval: { approvedBy: 'mgr-1', approvedAt: '2026-01-01T00:00:00.000Z' },
    status: 'active',
    breaches: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** What every CommitmentStore promises (SPEC §13), run against the in-memory fake and DynamoDB. */
export function commitmentStoreContract(subject: StoreSubject): void {
  describe(`CommitmentStore (${subject.name})`, () => {
    let stores: StoreSet;
    beforeEach(async () => {
      stores = await subject.fresh();
    });

    it('creates once and reads by id; a second create under the id is a conflict', async () => {
      const c = commitment('ACME', 1);
      await stores.commitments.create(c);
      expect(await stores.commitments.get(c.id)).toEqual(c);
      await expect(stores.commitments.create({ ...c, content: '另一个' })).rejects.toThrow(ConflictError);
      expect(await stores.commitments.get(c.id)).toEqual(c);
      expect(await stores.commitments.get('ACME.01JD0000000000000000000099')).toBeNull();
    });

    it('refuses a commitment that breaks its schema, writing nothing', async () => {
      const bad = { ...commitment('ACME', 2), validUntil: '2026-13-40' };
      await expect(stores.commitments.create(bad)).rejects.toThrow();
      expect(await stores.commitments.get(bad.id)).toBeNull();
    });

    it("lists a customer's commitments soonest expiry first, and no other customer's", async () => {
      const late = commitment('ACME', 3, { validUntil: '2027-06-30' });
      const soon = commitment('ACME', 4, { validUntil: '2026-12-01' });
      const other = commitment('BETA', 5);
      for (const c of [late, soon, other]) await stores.commitments.create(c);
      expect(await stores.commitments.byCustomer('ACME')).toEqual([soon, late]);
      expect(await stores.commitments.byCustomer('NOBODY')).toEqual([]);
    });

    it('lists active commitments ending by a date (inclusive), soonest first; expired ones never', async () => {
      const a = commitment('ACME', 6, { validUntil: '2026-12-10' });
      const b = commitment('BETA', 7, { validUntil: '2026-12-05' });
      const after = commitment('ACME', 8, { validUntil: '2026-12-11' });
      const gone = commitment('ACME', 9, {
        validUntil: '2026-12-01',
        status: 'expired',
        expired: { at: '2026-11-01T00:00:00.000Z', by: 'mgr-1', reason: '作废' },
      });
      for (const c of [a, b, after, gone]) await stores.commitments.create(c);
      expect(await stores.commitments.activeEndingBy('2026-12-10')).toEqual([b, a]);
      expect(await stores.commitments.activeEndingBy('2026-12-04')).toEqual([]);
    });

    it('saves a change over the expected version only; expiring one takes it out of the active list', async () => {
      const c = commitment('ACME', 10);
      await stores.commitments.create(c);
      const expired: Commitment = {
        ...c,
        version: 2,
        status: 'expired',
        expired: { at: '2026-11-02T00:00:00.000Z', by: 'mgr-1', reason: '作废' },
      };
      await stores.commitments.save(expired, 1);
      await expect(stores.commitments.save({ ...c, version: 2, content: '迟到的' }, 1)).rejects.toThrow(
        ConflictError,
      );
      expect(await stores.commitments.get(c.id)).toEqual(expired);
      expect(await stores.commitments.activeEndingBy('2100-01-01')).toEqual([]);
    });

    it('lists commitments with breaches, latest breach first', async () => {
      const early = commitment('ACME', 11, {
        breaches: [{ claimId: 'C1', at: '2026-11-20T00:00:00.000Z' }],
      });
      const late = commitment('BETA', 12, {
        breaches: [
          { claimId: 'C0', at: '2026-11-01T00:00:00.000Z' },
          { claimId: 'C2', at: '2026-11-22T00:00:00.000Z' },
        ],
      });
      const clean = commitment('ACME', 13);
      for (const c of [early, late, clean]) await stores.commitments.create(c);
      expect(await stores.commitments.breached()).toEqual([late, early]);
    });

    it('hands out copies: changing what was read changes nothing stored', async () => {
      const c = commitment('ACME', 14);
      await stores.commitments.create(c);
      const read = await stores.commitments.get(c.id);
      read?.breaches.push({ claimId: 'X', at: '2026-11-22T00:00:00.000Z' });
      c.breaches.push({ claimId: 'Y', at: '2026-11-22T00:00:00.000Z' });
      expect((await stores.commitments.get(c.id))?.breaches).toEqual([]);
    });
  });
}
