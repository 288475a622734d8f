import { beforeEach, describe, expect, it } from 'vitest';
import { partyKey } from '../../shared/domain/payout.js';
import { confirmPayout, recordRecovery } from '../../shared/domain/use-cases/payouts.js';
import { acceptedMoneyClaim, finance } from '../support/money.js';
import { depsOver } from './claim-store-reads.js';
import type { StoreSet, StoreSubject } from './stores.js';

/**
 * What every MoneyStore promises its readers (and its one write outside a claim change, transitionPayout),
 * run against the in-memory fake and DynamoDB. Money is moved through the real use cases.
 */
export function moneyStoreContract(subject: StoreSubject): void {
  describe(`MoneyStore reads (${subject.name})`, () => {
    let stores: StoreSet;
    let deps: ReturnType<typeof depsOver>;
    beforeEach(async () => {
      stores = await subject.fresh();
      deps = depsOver(stores);
    });

    it('reads the payout an accepted offer requested, by id and by claim', async () => {
      const { claim, payoutId } = await acceptedMoneyClaim(deps);
      const payout = await stores.money.getPayout(payoutId);
      expect(payout).toMatchObject({
        id: payoutId,
        claimId: claim.id,
        claimNumber: claim.number,
        status: 'requested',
        amountFen: 8_000,
        currency: 'CNY',
      });
      expect(await stores.money.listPayouts(claim.id)).toEqual([payout]);
      expect(await stores.money.listPayouts('nope')).toEqual([]);
      expect(await stores.money.getPayout(`${claim.id}:payout:9`)).toBeNull();
      expect(await stores.money.getPayout('not-a-payout-id')).toBeNull();
    });

    it('moves a payout alone only from the status it expects', async () => {
      const { payoutId } = await acceptedMoneyClaim(deps);
      const payout = await stores.money.getPayout(payoutId);
      if (!payout) throw new Error('no payout');
      const submitted = {
        ...payout,
        status: 'submitting' as const,
        attempts: payout.attempts + 1,
        submittingAt: '2026-11-23T05:00:00.000Z',
      };
      expect(await stores.money.transitionPayout(submitted, 'requested')).toBe(true);
      expect(await stores.money.transitionPayout({ ...submitted, attempts: 99 }, 'requested')).toBe(false);
      expect(await stores.money.getPayout(payoutId)).toEqual(submitted);
    });

    it('reads recoveries and the ledger by party (oldest first, a month narrows) and by month', async () => {
      const { claim, payoutId } = await acceptedMoneyClaim(deps);
      await confirmPayout(deps, { payoutId, voucherNumber: 'PZ-1', principal: finance });
      const [recovery] = await stores.money.listRecoveries(claim.id);
      if (!recovery) throw new Error('no recovery');
      expect(await stores.money.getRecovery(recovery.id)).toEqual(recovery);
      expect(recovery).toMatchObject({ claimId: claim.id, status: 'open', version: 1 });
      await recordRecovery(deps, {
        recoveryId: recovery.id,
        principal: finance,
        input: { method: 'deposit_deduction', amountFen: 8_000, reference: 'D-1' },
      });
      const key = partyKey('supplier', '甲供应商');
      const ledger = await stores.money.ledgerByParty(key);
      expect(ledger.map((e) => [e.kind, e.amountFen, e.balanceAfterFen])).toEqual([
        ['advance', 8_000, 8_000],
        ['deposit_deduction', 8_000, 0],
      ]);
      expect(await stores.money.ledgerByParty(key, '2026-11')).toEqual(ledger);
      expect(await stores.money.ledgerByParty(key, '2026-12')).toEqual([]);
      expect(await stores.money.ledgerByParty(partyKey('supplier', '乙'))).toEqual([]);
      expect(await stores.money.ledgerByMonth('2026-11')).toEqual(ledger);
      expect(await stores.money.ledgerByMonth('2026-10')).toEqual([]);
      expect(await stores.money.getRecovery(recovery.id)).toMatchObject({ status: 'settled', version: 2 });
      expect(await stores.money.getRecovery('nope')).toBeNull();
    });

    it('lists executed claims recorded strictly before an instant, oldest first, up to a limit', async () => {
      const first = await acceptedMoneyClaim(deps);
      await confirmPayout(deps, { payoutId: first.payoutId, voucherNumber: 'PZ-1', principal: finance });
      deps.clock.advanceDays(1);
      const second = await acceptedMoneyClaim(deps);
      await confirmPayout(deps, { payoutId: second.payoutId, voucherNumber: 'PZ-2', principal: finance });
      const executedAt = async (id: string) => (await stores.claims.getById(id))?.execution?.at ?? '';
      const [at1, at2] = [await executedAt(first.claim.id), await executedAt(second.claim.id)];
      expect(at1 < at2).toBe(true);
      const ids = async (before: string, limit: number) =>
        (await stores.money.executedBefore(new Date(before), limit)).map((c) => c.id);
      expect(await ids('2100-01-01T00:00:00Z', 10)).toEqual([first.claim.id, second.claim.id]);
      expect(await ids('2100-01-01T00:00:00Z', 1)).toEqual([first.claim.id]);
      expect(await ids(at2, 10)).toEqual([first.claim.id]);
      expect(await ids(at1, 10)).toEqual([]);
      const [claim] = await stores.money.executedBefore(new Date(at2), 10);
      expect(claim).toEqual(await stores.claims.getById(first.claim.id));
    });
  });
}
