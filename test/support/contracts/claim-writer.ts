import { beforeAll, describe, expect, it } from 'vitest';
import { claimCreation, claimUpdate } from '../../../shared/domain/claim-change.js';
import type { Claim } from '../../../shared/domain/claim.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import type { Payout } from '../../../shared/domain/payout.js';
import { counters, mergeCounters, productCounters } from '../../../shared/domain/sla/statistics.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { monthlyStatistics } from '../../../shared/domain/use-cases/statistics.js';
import type { ClaimStore, KeyedCounter } from '../../../shared/ports/claim-store.js';
import { RelatedWriteRefusedError, type ClaimWriter } from '../../../shared/ports/claim-writer.js';
import type { MoneyStore } from '../../../shared/ports/money-store.js';
import { intakeInput, principal, testDependencies } from '../fixtures.js';

interface Subject {
  readonly store: ClaimStore;
  readonly money: MoneyStore;
  readonly writer: ClaimWriter;
}

const SYSTEM = { type: 'system', id: 'test' } as const;
const ctx = (eventId: string, at = '2026-11-23T03:00:00.000Z') =>
  ({ eventId, at, actor: SYSTEM, action: 'assign' }) as const;

/**
 * The ClaimWriter contract, run against the in-memory writer and the DynamoDB writer on DynamoDB Local,
 * so the fake used by the use-case tests cannot drift from the adapter.
 */
export function writerContract(name: string, make: () => Promise<Subject>) {
  describe(`ClaimWriter contract: ${name}`, () => {
    let s: Subject;
    let deps: ReturnType<typeof testDependencies>;
    beforeAll(async () => {
      s = await make();
      deps = { ...testDependencies(s.store, undefined, s.money), writer: s.writer };
    });
    const file = async (): Promise<Claim> =>
      (await fileClaim(deps, { input: intakeInput(), channel: 'web', actor: { type: 'customer' } })).claim;

    it('writes an update only over the expected version, together with its audit event', async () => {
      const claim = await file();
      const first = claimUpdate(claim, { ...claim, assigneeId: 'x' }, ctx('EVT-A'));
      await s.writer.commit(first.change);
      const stale = claimUpdate(claim, { ...claim, assigneeId: 'y' }, ctx('EVT-B'));
      await expect(s.writer.commit(stale.change)).rejects.toBeInstanceOf(ConflictError);
      const stored = await s.store.getById(claim.id);
      expect(stored).toMatchObject({ assigneeId: 'x', version: 2 });
      const events = await s.store.listEvents(claim.id);
      expect(events.map((e) => e.id)).toEqual([expect.any(String), 'EVT-A']);
      expect(events[1]?.changes).toEqual([{ field: 'assigneeId', before: null, after: 'x' }]);
    });

    it('keeps a token appended after a change was read, so a token already mailed is never dropped', async () => {
      const claim = await file();
      const hash = 'a'.repeat(64);
      const appended = await s.store.addAccessTokenHash(claim.id, hash, 5, {
        id: 'EVT-TOKEN',
        claimId: claim.id,
        at: '2026-11-23T03:00:00.000Z',
        actor: SYSTEM,
        channel: 'system',
        action: 'reissue_access_token',
        changes: [],
      });
      expect(appended).toBe(true);
      // Computed from the claim as read before the append (a notification minted a link meanwhile).
      await s.writer.commit(claimUpdate(claim, { ...claim, assigneeId: 'x' }, ctx('EVT-STALE')).change);
      expect(await s.store.getById(claim.id)).toMatchObject({
        assigneeId: 'x',
        version: claim.version + 1,
        accessTokenHashes: [...claim.accessTokenHashes, hash],
      });
      // A change read before another change is still a conflict.
      const stale = claimUpdate(claim, { ...claim, assigneeId: 'y' }, ctx('EVT-STALE2'));
      await expect(s.writer.commit(stale.change)).rejects.toBeInstanceOf(ConflictError);
    });

    it('lets exactly one of concurrent edits of one version win', async () => {
      const claim = await file();
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          s.writer.commit(
            claimUpdate(claim, { ...claim, assigneeId: `agent-${i}` }, ctx(`EVT-C${i}`)).change,
          ),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
      expect(await s.store.listEvents(claim.id)).toHaveLength(2);
    });

    it('refuses a second claim under a used idempotency key, naming the write, and writes none of it', async () => {
      const first = await file();
      const key = { type: 'idempotency', key: `web:k-${first.id}`, requestHash: 'h' } as const;
      const expiresAt = new Date(Date.now() + 3_600_000);
      const a = { ...first, id: `${first.id}-A`, number: 'CLM-2026-999997' };
      await s.writer.commit(
        claimCreation(
          a,
          { ...ctx('EVT-K1'), action: 'file_claim' },
          {
            related: [{ ...key, claimId: a.id, expiresAt }],
          },
        ),
      );
      const b = { ...first, id: `${first.id}-B`, number: 'CLM-2026-999998' };
      const refused = s.writer.commit(
        claimCreation(
          b,
          { ...ctx('EVT-K2'), action: 'file_claim' },
          {
            outbox: [{ queue: 'notify', id: `${b.id}:acknowledgment`, body: {} }],
            related: [{ ...key, claimId: b.id, expiresAt }],
          },
        ),
      );
      await expect(refused).rejects.toBeInstanceOf(RelatedWriteRefusedError);
      await expect(refused).rejects.toMatchObject({ write: { type: 'idempotency', key: key.key } });
      expect(await s.store.getIdempotencyRecord(key.key)).toEqual({ claimId: a.id, requestHash: 'h' });
      expect(await s.store.getById(b.id)).toBeNull();
      expect(await s.store.listEvents(b.id)).toEqual([]);
      const pending = await s.store.pendingOutbox(1000, new Date('2100-01-01'));
      expect(pending.filter((m) => m.claimId === b.id)).toEqual([]);
    });

    it('refuses a claim id that exists as a conflict', async () => {
      const claim = await file();
      await expect(
        s.writer.commit(claimCreation(claim, { ...ctx('EVT-D'), action: 'file_claim' })),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    it('writes a payout with its claim, and a payout update only from the status it expects', async () => {
      const claim = await file();
      const payout: Payout = {
        id: `${claim.id}:payout:1`,
        claimId: claim.id,
        claimNumber: claim.number,
        sequence: 1,
        amountFen: 19_900,
        currency: 'CNY',
        payeeName: claim.claimant.name,
        planRevision: 1,
        status: 'requested',
        attempts: 0,
        requestedAt: claim.receivedAt,
      };
      const created = claimUpdate(claim, claim, ctx('EVT-P1'), {
        related: [{ type: 'payout_new', payout }],
      });
      await s.writer.commit(created.change);
      expect(await s.money.getPayout(payout.id)).toMatchObject({ status: 'requested', amountFen: 19_900 });
      const paid = { ...payout, status: 'paid' as const, voucherNumber: 'V1' };
      const wrongFrom = claimUpdate(created.claim, created.claim, ctx('EVT-P2'), {
        related: [{ type: 'payout_update', next: paid, expectedStatus: 'submitting' }],
      });
      await expect(s.writer.commit(wrongFrom.change)).rejects.toBeInstanceOf(ConflictError);
      expect(await s.money.getPayout(payout.id)).toMatchObject({ status: 'requested' });
      expect((await s.store.getById(claim.id))?.version).toBe(created.claim.version);
    });

    it('keeps a unit’s counters beside the organisation’s, read by subtree, products per unit', async () => {
      const filed = await file();
      const store = { id: filed.id, unitPath: ['HQ', 'EAST', 'EAST-SH01'] };
      const at = '2027-01-05T03:00:00.000Z';
      const writes = mergeCounters([
        ...counters(store, at, { volume: 1, 'volume.unit.EAST-SH01': 1 }),
        ...counters({ id: 'other', unitPath: ['HQ', 'WEST'] }, at, { volume: 1 }),
        ...productCounters('Kettle', at, store.unitPath, 1),
      ]);
      await s.writer.commit(claimUpdate(filed, filed, ctx('EVT-U1', at), { related: writes }).change);
      expect(await s.store.monthlyCounters('2027-01')).toEqual({ volume: 2, 'volume.unit.EAST-SH01': 1 });
      expect(await s.store.monthlyCounters('2027-01', ['HQ', 'EAST'])).toEqual({
        volume: 1,
        'volume.unit.EAST-SH01': 1,
      });
      expect(await s.store.monthlyCounters('2027-01', ['HQ', 'EAST', 'EAST-SH01'])).toEqual({
        volume: 1,
        'volume.unit.EAST-SH01': 1,
      });
      // A path prefix is a unit, not a string prefix: EAST-SH0 is not EAST-SH01's parent.
      expect(await s.store.monthlyCounters('2027-01', ['HQ', 'EAST', 'EAST-SH0'])).toEqual({});
      expect(await s.store.monthlyCounters('2027-01', ['HQ', 'WEST'])).toEqual({ volume: 1 });
      const kettle = [{ key: 'kettle', label: 'Kettle', count: 1 }];
      for (const unitId of [undefined, 'EAST', 'EAST-SH01'])
        expect(await s.store.keyedCounters('2027-01', 'product', { top: 5, keys: [] }, unitId)).toEqual(
          kettle,
        );
      expect(await s.store.keyedCounters('2027-01', 'product', { top: 5, keys: [] }, 'WEST')).toEqual([]);
    });

    it('counts each product in its own counter: top by count, named keys, first label kept, legacy merged', async () => {
      let claim = await file();
      const at = '2026-12-02T03:00:00.000Z';
      const writes = [
        ...productCounters('  Big   Kettle ', at, ['HQ'], 1),
        ...productCounters('BIG KETTLE', at, ['HQ'], 1),
        ...productCounters('big kettle', at, ['HQ'], 1),
        ...productCounters('big kettle', at, ['HQ'], 1),
        ...productCounters('Toaster', at, ['HQ'], 1),
        ...productCounters('Toaster', at, ['HQ'], 1),
        ...productCounters('Fan', at, ['HQ'], 1),
        // A month written before issue 22: products in the shard items, beside the volume.
        ...counters(claim, at, { volume: 14, 'volume.product.fan': 2, 'volume.product.old radio': 5 }),
      ];
      for (const [i, write] of writes.entries()) {
        const next = claimUpdate(claim, claim, ctx(`EVT-K${i}`, at), { related: mergeCounters([write]) });
        await s.writer.commit(next.change);
        claim = next.claim;
      }
      const byKey = (list: KeyedCounter[]) => [...list].sort((a, b) => a.key.localeCompare(b.key));
      const kettle = { key: 'big kettle', label: 'Big Kettle', count: 4 };
      const toaster = { key: 'toaster', label: 'Toaster', count: 2 };
      const fan = { key: 'fan', label: 'Fan', count: 1 };
      expect(await s.store.keyedCounters('2026-12', 'product', { top: 2, keys: [] })).toEqual([
        kettle,
        toaster,
      ]);
      const named = await s.store.keyedCounters('2026-12', 'product', {
        top: 2,
        keys: ['fan', 'old radio', 'toaster'],
      });
      expect(byKey(named)).toEqual([kettle, fan, toaster]);
      expect(byKey(await s.store.keyedCounters('2026-12', 'product', { top: 10, keys: [] }))).toEqual([
        kettle,
        fan,
        toaster,
      ]);
      expect(await s.store.keyedCounters('2026-10', 'product', { top: 10, keys: ['fan'] })).toEqual([]);
      const stats = await monthlyStatistics(deps, principal(['manager']), '2026-12');
      expect(stats.volume.byProduct).toEqual({ 'old radio': 5, 'Big Kettle': 4, Fan: 3, Toaster: 2 });
      expect(stats.volume.otherProducts).toBe(0);
      expect(stats.volume.total).toBe(14);
    });

    it('puts the outbox messages of a change in the pending outbox, stamped with the event time', async () => {
      const claim = await file();
      const at = '2026-11-23T04:00:00.000Z';
      const { change } = claimUpdate(claim, claim, ctx('EVT-O', at), {
        outbox: [{ queue: 'payout', id: `${claim.id}:m1`, body: { a: 1 } }],
      });
      await s.writer.commit(change);
      const pending = await s.store.pendingOutbox(1000, new Date('2100-01-01'));
      expect(pending.filter((m) => m.id === `${claim.id}:m1`)).toEqual([
        { claimId: claim.id, id: `${claim.id}:m1`, queue: 'payout', body: { a: 1 }, createdAt: at },
      ]);
    });
  });
}
