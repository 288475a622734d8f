import { beforeAll, describe, expect, it } from 'vitest';
import { requestFingerprint } from '../../shared/domain/access-token.js';
import { summarize, type Claim } from '../../shared/domain/claim.js';
import { ValidationError } from '../../shared/domain/errors.js';
import { deadlineOf } from '../../shared/domain/sla/deadline.js';
import { intakeCounters } from '../../shared/domain/sla/statistics.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { applyTriageAction } from '../../shared/domain/use-cases/triage.js';
import type { DeadlineIndexEntry, Page, PageRequest } from '../../shared/ports/claim-store.js';
import type { ClaimSummary } from '../../shared/domain/claim.js';
import { intakeInput, principal, settings, testDependencies } from '../support/fixtures.js';
import type { StoreSet, StoreSubject } from './stores.js';

type Deps = ReturnType<typeof testDependencies>;

/** Use-case dependencies over a subject's stores, so claims are exactly what production writes. */
export function depsOver(stores: StoreSet): Deps {
  return { ...testDependencies(stores.claims, undefined, stores.money), commitments: stores.commitments };
}

export async function file(deps: Deps, overrides: Record<string, unknown> = {}): Promise<Claim> {
  const filed = await fileClaim(deps, {
    input: intakeInput(overrides),
    channel: 'web',
    actor: { type: 'customer' },
  });
  return filed.claim;
}

/** Follows cursors to the end; every page but the last is full. */
async function allPages(
  read: (page: PageRequest) => Promise<Page<ClaimSummary>>,
  limit: number,
): Promise<Page<ClaimSummary>[]> {
  const pages: Page<ClaimSummary>[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit, cursor });
    pages.push(page);
    cursor = page.cursor;
  } while (cursor !== undefined && pages.length < 50);
  return pages;
}

const manager = principal(['manager']);
/** A whole queue read, newest first (these tests hold far fewer claims than the cap). */
const NEWEST = { from: 'newest', cap: 50 } as const;

/**
 * What every ClaimStore promises its readers, run against the in-memory fake (unit) and the DynamoDB adapter
 * (integration). Claims are written through the real use cases, so this suite does not depend on how the
 * write side is shaped.
 */
export function claimStoreReadContract(subject: StoreSubject): void {
  describe(`ClaimStore reads (${subject.name})`, () => {
    let stores: StoreSet;
    let deps: Deps;
    beforeAll(async () => {
      stores = await subject.fresh();
      deps = depsOver(stores);
    });

    it('reads a claim by id and by number, and null for one it does not hold', async () => {
      const claim = await file(deps);
      // As filed, plus the audit head the DynamoDB writer keeps on the claim item (the in-memory store keeps
      // it with the trail).
      const asFiled = (read: Claim | null) => read && { ...read, auditHead: claim.auditHead };
      expect(asFiled(await stores.claims.getById(claim.id))).toEqual(claim);
      expect(asFiled(await stores.claims.getByNumber(claim.number))).toEqual(claim);
      expect(await stores.claims.getByNumber('CLM-1999-000001')).toBeNull();
      expect(await stores.claims.getById('nope')).toBeNull();
    });

    it('lists the audit trail oldest first, one event per change', async () => {
      const claim = await file(deps);
      await applyTriageAction(deps, {
        ref: claim.id,
        action: 'assign',
        payload: { assigneeId: 'agent-1' },
        principal: manager,
      });
      await applyTriageAction(deps, {
        ref: claim.id,
        action: 'request_material',
        payload: { items: ['发票'] },
        principal: manager,
      });
      const events = await stores.claims.listEvents(claim.id);
      expect(events.map((e) => e.action)).toEqual(['file_claim', 'assign', 'request_material']);
      expect(events.every((e) => e.claimId === claim.id)).toBe(true);
      expect(await stores.claims.listEvents('nope')).toEqual([]);
    });

    it('finds claims by phone (however typed) and by email, newest first, as their summaries', async () => {
      const a = await file(deps, {
        claimant: { name: 'A', phone: '13700000001', email: 'Ming@Example.com' },
      });
      deps.clock.advanceDays(1);
      const b = await file(deps, { claimant: { name: 'A', phone: '+86 137-0000-0001' } });
      const byPhone = await stores.claims.findByContact({ phone: '137 0000 0001' }, { limit: 10 });
      expect(byPhone).toEqual({ items: [summarize(b), summarize(a)] });
      const oldest = await stores.claims.findByContact(
        { phone: '13700000001' },
        { limit: 10, order: 'oldest' },
      );
      expect(oldest.items.map((s) => s.number)).toEqual([a.number, b.number]);
      const byEmail = await stores.claims.findByContact({ email: 'ming@example.COM' }, { limit: 10 });
      expect(byEmail).toEqual({ items: [summarize(a)] });
      expect(await stores.claims.findByContact({ email: 'nobody@example.com' }, { limit: 10 })).toEqual({
        items: [],
      });
    });

    it('finds claims by order number (case and spaces ignored) and lists order siblings since a date', async () => {
      const claim = await file(deps, { product: { name: 'P', orderNumber: 'ord-77' } });
      expect(await stores.claims.findByOrder(' ORD-77', { limit: 10 })).toEqual({
        items: [summarize(claim)],
      });
      const since = (ms: number) => new Date(Date.parse(claim.receivedAt) + ms);
      expect(await stores.claims.orderSiblings('ORD-77', since(-1000), 10)).toEqual([
        { number: claim.number, contactKeys: { phone: '13800138000' }, receivedAt: claim.receivedAt },
      ]);
      // `since` is inclusive: a claim received at that very instant is a sibling.
      expect(await stores.claims.orderSiblings('ord-77', since(0), 10)).toHaveLength(1);
      expect(await stores.claims.orderSiblings('ORD-77', since(1000), 10)).toEqual([]);
    });

    it('lists same-kind siblings by category and product key since a date', async () => {
      const claim = await file(deps, { product: { name: 'Kind Test' }, category: 'packaging_damage' });
      expect(await stores.claims.kindSiblings('packaging_damage', 'kind test', new Date(0), 10)).toEqual([
        { contactKeys: { phone: '13800138000' }, receivedAt: claim.receivedAt },
      ]);
      expect(await stores.claims.kindSiblings('product_quality', 'kind test', new Date(0), 10)).toEqual([]);
      const later = new Date(Date.parse(claim.receivedAt) + 1000);
      expect(await stores.claims.kindSiblings('packaging_damage', 'kind test', later, 10)).toEqual([]);
    });

    it('reads siblings newest first and no more than the limit asks', async () => {
      const own = await subject.fresh();
      const d = depsOver(own);
      const filed: Claim[] = [];
      for (let i = 0; i < 4; i++) {
        filed.push(await file(d, { product: { name: 'Bound Kind', orderNumber: 'ORD-B' } }));
        d.clock.advanceMs(1000);
      }
      const newest = filed.slice(-2).reverse();
      const order = await own.claims.orderSiblings('ORD-B', new Date(0), 2);
      expect(order.map((s) => s.number)).toEqual(newest.map((c) => c.number));
      const kind = await own.claims.kindSiblings('product_quality', 'bound kind', new Date(0), 2);
      expect(kind.map((s) => s.receivedAt)).toEqual(newest.map((c) => c.receivedAt));
    });

    it('pages by cursor: each claim once, a full page carries a cursor, a short one ends the list', async () => {
      const claims: Claim[] = [];
      for (let i = 0; i < 4; i++) {
        claims.push(await file(deps, { claimant: { name: 'P', phone: '13900000004' } }));
        deps.clock.advanceMs(60_000);
      }
      const read = (page: PageRequest) => stores.claims.findByContact({ phone: '13900000004' }, page);
      const newestFirst = claims.map((c) => c.number).reverse();
      const byThree = await allPages(read, 3);
      expect(byThree.map((p) => p.items.map((s) => s.number))).toEqual([
        newestFirst.slice(0, 3),
        newestFirst.slice(3),
      ]);
      expect(byThree[1]?.cursor).toBeUndefined();
      // DynamoDB cannot know a full page was the last: its cursor then leads to one empty page.
      const byTwo = await allPages(read, 2);
      expect(byTwo.map((p) => p.items.map((s) => s.number))).toEqual([
        newestFirst.slice(0, 2),
        newestFirst.slice(2),
        [],
      ]);
      await expect(read({ limit: 2, cursor: 'garbage' })).rejects.toThrow(ValidationError);
    });

    describe('work queues and assignees', () => {
      let queued: StoreSet;
      let d: Deps;
      const claims: Claim[] = [];
      beforeAll(async () => {
        queued = await subject.fresh();
        d = depsOver(queued);
        for (const unitId of ['HQ', 'EAST', 'EAST-SH01', 'EAST-SH01', 'HQ']) {
          claims.push(await file(d, { unitId }));
          d.clock.advanceDays(0.01);
        }
      });

      it('show a unit its own open claims and those below it, newest or oldest first', async () => {
        const hq = await queued.claims.workQueue({ unitPath: ['HQ'], ...NEWEST });
        expect(hq).toEqual({ items: claims.map(summarize).reverse(), capped: false });
        const east = await queued.claims.workQueue({ unitPath: ['HQ', 'EAST'], from: 'oldest', cap: 50 });
        expect(east.items.map((s) => s.number)).toEqual(
          [claims[1], claims[2], claims[3]].map((c) => c?.number),
        );
        const shop = await queued.claims.workQueue({ unitPath: ['HQ', 'EAST', 'EAST-SH01'], ...NEWEST });
        expect(shop.items.map((s) => s.number)).toEqual([claims[3], claims[2]].map((c) => c?.number));
        expect(await queued.claims.workQueue({ unitPath: ['HQ', 'WEST'], ...NEWEST })).toEqual({
          items: [],
          capped: false,
        });
      });

      it('read at most the cap, from the end asked for, and say when there were more', async () => {
        const newest = await queued.claims.workQueue({ unitPath: ['HQ'], from: 'newest', cap: 2 });
        expect(newest).toEqual({ items: [claims[4], claims[3]].map((c) => c && summarize(c)), capped: true });
        const oldest = await queued.claims.workQueue({ unitPath: ['HQ'], from: 'oldest', cap: 2 });
        expect(oldest.items.map((s) => s.number)).toEqual([claims[0], claims[1]].map((c) => c?.number));
        expect((await queued.claims.workQueue({ unitPath: ['HQ'], from: 'oldest', cap: 5 })).capped).toBe(
          false,
        );
      });

      it('read claims by id in one call, leaving out ids it does not hold', async () => {
        const [a, b] = claims as [Claim, Claim];
        const got = await queued.claims.getManyById([a.id, b.id, 'nope', a.id]);
        // As stored (with the audit chain's head), the same as one read each.
        const each = await Promise.all([a, b].map((c) => queued.claims.getById(c.id)));
        expect(got.sort((x, y) => x.number.localeCompare(y.number))).toEqual(
          each.sort((x, y) => (x?.number ?? '').localeCompare(y?.number ?? '')),
        );
        expect(got.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
        expect(await queued.claims.getManyById([])).toEqual([]);
      });

      it('filter by status', async () => {
        const target = claims[0] as Claim;
        await applyTriageAction(d, {
          ref: target.id,
          action: 'request_material',
          payload: { items: ['发票'] },
          principal: principal(['agent']),
        });
        const waiting = await queued.claims.workQueue({
          unitPath: ['HQ'],
          status: 'needs_material',
          ...NEWEST,
        });
        expect(waiting.items).toEqual([summarize((await queued.claims.getById(target.id)) as Claim)]);
        const received = await queued.claims.workQueue({ unitPath: ['HQ'], status: 'received', ...NEWEST });
        expect(received.items).toHaveLength(4);
      });

      it('drop closed claims and list open claims by assignee, newest first', async () => {
        const [, second, third] = claims as [Claim, Claim, Claim];
        for (const c of [second, third]) {
          await applyTriageAction(d, {
            ref: c.id,
            action: 'assign',
            payload: { assigneeId: 'agent-9' },
            principal: manager,
          });
        }
        const assigned = await queued.claims.byAssignee('agent-9', { limit: 10 });
        expect(assigned.items.map((s) => s.number)).toEqual([third.number, second.number]);
        expect(assigned.items[0]).toEqual(summarize((await queued.claims.getById(third.id)) as Claim));
        await applyTriageAction(d, {
          ref: third.id,
          action: 'withdraw',
          payload: { reason: 'x' },
          principal: manager,
        });
        expect((await queued.claims.byAssignee('agent-9', { limit: 10 })).items.map((s) => s.number)).toEqual(
          [second.number],
        );
        const hq = await queued.claims.workQueue({ unitPath: ['HQ'], ...NEWEST });
        expect(hq.items.map((s) => s.number)).not.toContain(third.number);
        expect(await queued.claims.byAssignee('nobody', { limit: 10 })).toEqual({ items: [] });
      });

      it('count the open claims of a unit and the units below it (closed ones not)', async () => {
        // Filed at HQ, EAST, EAST-SH01 twice and HQ; one EAST-SH01 claim was withdrawn above.
        expect(await queued.claims.countOpenInUnit(['HQ'])).toBe(4);
        expect(await queued.claims.countOpenInUnit(['HQ', 'EAST'])).toBe(2);
        expect(await queued.claims.countOpenInUnit(['HQ', 'EAST', 'EAST-SH01'])).toBe(1);
        expect(await queued.claims.countOpenInUnit(['HQ', 'WEST'])).toBe(0);
      });
    });

    describe('work-queue filters (issue 17)', () => {
      let q: StoreSet;
      let d: Deps;
      let east: Claim;
      let eastAssigned: Claim;
      let hqPaused: Claim;
      beforeAll(async () => {
        q = await subject.fresh();
        d = depsOver(q);
        east = await file(d, { unitId: 'EAST' });
        d.clock.advanceDays(0.01);
        eastAssigned = await file(d, { unitId: 'EAST-SH01' });
        d.clock.advanceDays(0.01);
        hqPaused = await file(d, { unitId: 'HQ' });
        await applyTriageAction(d, {
          ref: eastAssigned.id,
          action: 'assign',
          payload: { assigneeId: 'agent-9' },
          principal: manager,
        });
        await applyTriageAction(d, {
          ref: hqPaused.id,
          action: 'request_material',
          payload: { items: ['发票'] },
          principal: principal(['agent']),
        });
      });
      const numbers = (page: Page<ClaimSummary>) => page.items.map((s) => s.number);
      const sla = async (c: Claim) => summarize((await q.claims.getById(c.id)) as Claim).sla;

      it('carry each row its next deadline and warning (running clocks) or that it is paused', async () => {
        const page = await q.claims.workQueue({ unitPath: ['HQ'], ...NEWEST });
        const row = page.items.find((s) => s.number === east.number);
        expect(row?.sla).toMatchObject({ clock: 'first_reply', dueAt: east.clocks?.first_reply?.dueAt });
        expect(row?.sla?.warnAt).toBe(east.clocks?.first_reply?.warningAt);
        const paused = page.items.find((s) => s.number === hqPaused.number);
        expect(paused?.sla?.paused).toBe(true);
      });

      it('filter by SLA state at the instant given: breached, due soon, paused', async () => {
        const s = await sla(east);
        const dueAt = s?.dueAt ?? '';
        const warnAt = s?.warnAt ?? '';
        expect(warnAt < dueAt).toBe(true);
        const read = (state: 'breached' | 'due_soon' | 'paused', now: string) =>
          q.claims.workQueue({ unitPath: ['HQ'], ...NEWEST, sla: state, now }).then(numbers);
        const justAfter = (iso: string) => new Date(Date.parse(iso) + 1000).toISOString();
        const filedAt = east.receivedAt;
        expect(await read('paused', filedAt)).toEqual([hqPaused.number]);
        expect(await read('breached', filedAt)).toEqual([]);
        expect(await read('due_soon', filedAt)).toEqual([]);
        // Past the east claim's warning (the other running claim was filed later, so it warns later).
        expect(await read('due_soon', justAfter(warnAt))).toContain(east.number);
        expect(await read('breached', justAfter(warnAt))).toEqual([]);
        // Past every running deadline: both running claims breached; the paused one waits, not breached.
        const late = new Date(Date.parse(dueAt) + 86_400_000).toISOString();
        expect(await read('breached', late)).toEqual([eastAssigned.number, east.number]);
        expect(await read('due_soon', late)).toEqual([]);
        expect(await read('paused', late)).toEqual([hqPaused.number]);
      });

      it('filter by category and by a customer response not yet opened', async () => {
        const other = await file(d, { unitId: 'HQ', category: 'packaging_damage' });
        const read = (query: { category?: string; customerResponded?: boolean }) =>
          q.claims.workQueue({ unitPath: ['HQ'], ...NEWEST, ...query }).then(numbers);
        expect(await read({ category: 'packaging_damage' })).toEqual([other.number]);
        expect(await read({ category: 'product_quality' })).toEqual(
          [hqPaused, eastAssigned, east].map((c) => c.number),
        );
        // The use-case suite (test/contracts/work-queue.ts) makes a response through the customer's page.
        expect(await read({ customerResponded: true })).toEqual([]);
        await applyTriageAction(d, {
          ref: other.id,
          action: 'withdraw',
          payload: { reason: 'x' },
          principal: manager,
        });
      });

      it('filter by assignee within the unit, unassigned, and with status together', async () => {
        const read = (unitPath: string[], assigneeId: string | null, status?: 'needs_material') =>
          q.claims.workQueue({ unitPath, ...NEWEST, assigneeId, status }).then(numbers);
        expect(await read(['HQ'], 'agent-9')).toEqual([eastAssigned.number]);
        expect(await read(['HQ', 'EAST'], 'agent-9')).toEqual([eastAssigned.number]);
        expect(await read(['HQ', 'WEST'], 'agent-9')).toEqual([]);
        expect(await read(['HQ'], null)).toEqual([hqPaused.number, east.number]);
        expect(await read(['HQ'], null, 'needs_material')).toEqual([hqPaused.number]);
      });
    });

    it('yields the deadline index up to an instant: open claims only, at the boundary included', async () => {
      const own = await subject.fresh();
      const d = depsOver(own);
      const early = await file(d);
      d.clock.advanceDays(1);
      const late = await file(d);
      const closed = await file(d);
      await applyTriageAction(d, {
        ref: closed.id,
        action: 'withdraw',
        payload: { reason: 'x' },
        principal: manager,
      });
      const collect = async (until: string) => {
        const entries: DeadlineIndexEntry[] = [];
        for await (const entry of own.claims.deadlinesUntil(until)) entries.push(entry);
        return entries.sort((a, b) => a.deadline.indexAt.localeCompare(b.deadline.indexAt));
      };
      const expected = (claim: Claim) => {
        const deadline = deadlineOf(claim, settings.severity);
        if (!deadline) throw new Error(`no deadline for ${claim.number}`);
        return { claimId: claim.id, deadline, summary: summarize(claim) };
      };
      const [first, second] = [expected(early), expected(late)];
      expect(await collect('2100-01-01T00:00:00.000Z')).toEqual([first, second]);
      expect(await collect(first.deadline.indexAt)).toEqual([first]);
      const justBefore = new Date(Date.parse(first.deadline.indexAt) - 1).toISOString();
      expect(await collect(justBefore)).toEqual([]);
    });

    it("sums the month's statistics counters over what intake added; an untouched month is empty", async () => {
      const own = await subject.fresh();
      const d = depsOver(own);
      const filed = [await file(d), await file(d, { category: 'packaging_damage' })];
      const expected: Record<string, number> = {};
      for (const write of filed.flatMap(intakeCounters)) {
        if (write.type !== 'stats') continue;
        for (const [name, n] of Object.entries(write.add)) expected[name] = (expected[name] ?? 0) + n;
      }
      expect(expected['volume']).toBe(2);
      expect(await own.claims.monthlyCounters('2026-11')).toEqual(expected);
      expect(await own.claims.monthlyCounters('2026-10')).toEqual({});
      // Products are not in the shard items: each has its own counter, labelled as first typed.
      expect(Object.keys(expected).some((name) => name.startsWith('volume.product.'))).toBe(false);
      expect(await own.claims.keyedCounters('2026-11', 'product', { top: 20, keys: [] })).toEqual([
        { key: '电热水壶 k1', label: '电热水壶 K1', count: 2 },
      ]);
    });

    it('keeps outbox messages pending, oldest first and bounded by age, until they are marked relayed', async () => {
      const own = await subject.fresh();
      const d = depsOver(own);
      const one = await file(d);
      d.clock.advanceMs(1000);
      const two = await file(d);
      const ack = (c: Claim) => `${c.id}:acknowledgment`;
      const far = new Date('2100-01-01T00:00:00Z');
      const pending = await own.claims.pendingOutbox(100, far);
      expect(pending.map((m) => [m.claimId, m.id, m.queue])).toEqual([
        [one.id, ack(one), 'notify'],
        [two.id, ack(two), 'notify'],
      ]);
      expect(pending[0]).toMatchObject({ createdAt: one.receivedAt, body: { claimId: one.id } });
      expect(await own.claims.pendingOutbox(1, far)).toHaveLength(1);
      // The age bound is exclusive: a message created at `createdBefore` is not yet due.
      expect(await own.claims.pendingOutbox(100, new Date(two.receivedAt))).toHaveLength(1);

      await own.claims.markRelayed([{ claimId: one.id, id: ack(one) }], new Date('2026-11-23T03:00:00Z'));
      // Again, and for a message that has no row: harmless.
      await own.claims.markRelayed(
        [
          { claimId: one.id, id: ack(one) },
          { claimId: 'NO-SUCH-CLAIM', id: 'report:2026-11-23:HQ' },
        ],
        new Date('2026-11-23T04:00:00Z'),
      );
      expect((await own.claims.pendingOutbox(100, far)).map((m) => m.id)).toEqual([ack(two)]);
    });

    it('keeps the idempotency record intake wrote, and none for a key never used', async () => {
      const filed = await fileClaim(deps, {
        input: intakeInput(),
        channel: 'web',
        actor: { type: 'customer' },
        idempotencyKey: 'contract-key-1',
      });
      const record = await stores.claims.getIdempotencyRecord('web:contract-key-1');
      expect(record).toEqual({ claimId: filed.claim.id, requestHash: requestFingerprint(intakeInput()) });
      expect(await stores.claims.getIdempotencyRecord('web:never-used')).toBeNull();
    });

    it('adds access-token hashes up to the limit, each with its audit event, without a new version', async () => {
      const claim = await file(deps);
      const event = (id: string) => ({
        id,
        claimId: claim.id,
        at: claim.updatedAt,
        actor: { type: 'system' as const, id: 'test' },
        channel: 'system' as const,
        action: 'reissue_access_token' as const,
        changes: [],
      });
      const hash = (n: number) => n.toString(16).padStart(64, '0');
      expect(await stores.claims.addAccessTokenHash(claim.id, hash(1), 2, event('EVT-T1'))).toBe(true);
      expect(await stores.claims.addAccessTokenHash(claim.id, hash(2), 2, event('EVT-T2'))).toBe(false);
      expect(await stores.claims.addAccessTokenHash('nope', hash(3), 2, event('EVT-T3'))).toBe(false);
      const stored = await stores.claims.getById(claim.id);
      expect(stored?.accessTokenHashes).toEqual([...claim.accessTokenHashes, hash(1)]);
      expect(stored?.version).toBe(claim.version);
      const ids = (await stores.claims.listEvents(claim.id)).map((e) => e.id);
      expect(ids).toContain('EVT-T1');
      expect(ids).not.toContain('EVT-T2');
    });

    it('hands out claim-number sequences once each, per year, and a number in hand is never drawn again', async () => {
      const own = await subject.fresh();
      const values = await Promise.all(Array.from({ length: 20 }, () => own.claims.nextClaimSequence(2031)));
      expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await own.claims.nextClaimSequence(2032)).toBe(1);
      const inHand = own.claims.claimSequenceInHand(2031);
      const next = await own.claims.nextClaimSequence(2031);
      expect(next).toBeGreaterThan(20);
      if (inHand !== null) expect(next).not.toBe(inHand);
    });
  });
}
