import { beforeAll, describe, expect, it } from 'vitest';
import { summarize, type Claim, type ClaimSummary } from '../../shared/domain/claim.js';
import { ValidationError } from '../../shared/domain/errors.js';
import type { StaffPrincipal } from '../../shared/domain/principal.js';
import { addMaterialAsCustomer } from '../../shared/domain/use-cases/customer-claim.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import {
  WorkQueueQuerySchema,
  workQueue,
  type WorkQueuePage,
} from '../../shared/domain/use-cases/staff-queries.js';
import { applyTriageAction } from '../../shared/domain/use-cases/triage.js';
import { intakeInput, principal } from '../support/fixtures.js';
import { agent, areaManager, deptHead, investigatingClaim, proposeCompensation } from '../support/money.js';
import { depsOver } from './claim-store-reads.js';
import type { StoreSubject } from './stores.js';

type Deps = ReturnType<typeof depsOver>;

/**
 * The work queue's sorts, filters, total and paging (issue 17) through the use case, over a subject's stores:
 * run on DynamoDB Local (integration) and on the in-memory fake (unit), so both read the queue alike.
 */
export function workQueueContract(subject: StoreSubject): void {
  describe(`work queue: sort, filters, total (${subject.name})`, () => {
    let deps: Deps;
    /** Filed an hour apart, oldest first; `paused` waits for material the customer then sent. */
    let quality: Claim;
    let packaging: Claim;
    let grave: Claim;
    let paused: Claim;
    /** Proposed plans: ¥80 by an agent, ¥600 by an agent, ¥200 by the area manager. */
    let small: Claim;
    let large: Claim;
    let own: Claim;
    const manager = principal(['manager'], 'HQ', { id: 'mgr-hq', approvalLimitFen: 3_000_000 });

    const file = async (overrides: Record<string, unknown> = {}) => {
      const filed = await fileClaim(deps, {
        input: intakeInput(overrides),
        channel: 'web',
        actor: { type: 'customer' },
      });
      deps.clock.advanceMs(3_600_000);
      return filed;
    };
    const propose = async (totalFen: number, by: StaffPrincipal) => {
      const { claim } = await investigatingClaim(deps, { product: { name: `提案 ${totalFen}` } });
      await proposeCompensation(deps, claim, by, totalFen);
      deps.clock.advanceMs(3_600_000);
      return (await deps.store.getById(claim.id)) as Claim;
    };
    const read = (query: Record<string, string>, who: StaffPrincipal = manager) =>
      workQueue(deps, who, WorkQueueQuerySchema.parse({ limit: '50', ...query }), deps.clock.now());
    const numbers = (page: WorkQueuePage) => page.items.map((s) => s.number);
    const current = async (c: Claim) => summarize((await deps.store.getById(c.id)) as Claim);

    beforeAll(async () => {
      deps = depsOver(await subject.fresh());
      quality = (await file()).claim;
      packaging = (await file({ category: 'packaging_damage' })).claim;
      // ¥4,000 claimed: level 2, the gravest here.
      grave = (await file({ claimedAmountFen: 400_000 })).claim;
      const waiting = await file();
      paused = waiting.claim;
      await applyTriageAction(deps, {
        ref: paused.id,
        action: 'request_material',
        payload: { items: ['发票'] },
        principal: agent,
      });
      await addMaterialAsCustomer(deps, paused.number, waiting.accessToken, { message: '发票已上传' });
      small = await propose(8_000, agent);
      large = await propose(60_000, agent);
      own = await propose(20_000, areaManager);
    }, 60_000);

    it('sorts by next deadline by default: running clocks by due time, paused after, with the total', async () => {
      const page = await read({});
      const rows = await Promise.all(
        [quality, packaging, grave, paused, small, large, own].map((c) => current(c)),
      );
      const running = rows.filter((s) => s.sla?.dueAt !== undefined);
      expect(running.length).toBeGreaterThanOrEqual(3);
      const dueOrder = [...running]
        .sort((a, b) => (a.sla?.dueAt ?? '').localeCompare(b.sla?.dueAt ?? ''))
        .map((s) => s.number);
      const pausedRow = rows.find((s) => s.number === paused.number) as ClaimSummary;
      expect(pausedRow.sla).toMatchObject({ paused: true });
      expect(pausedRow.sla?.dueAt).toBeUndefined();
      expect(numbers(page).slice(0, running.length)).toEqual(dueOrder);
      expect(numbers(page).indexOf(paused.number)).toBeGreaterThanOrEqual(running.length);
      expect(page.total).toBe(7);
      expect(page.cursor).toBeUndefined();
      expect(page.capped).toBeUndefined();
      expect(await read({ sort: 'deadline' })).toEqual(page);
    });

    it('sorts by severity, gravest first, then by next deadline', async () => {
      const page = await read({ sort: 'severity' });
      expect(page.items[0]?.number).toBe(grave.number);
      expect(page.items[0]?.severity).toBe(2);
      const rest = (await read({})).items.filter((s) => s.number !== grave.number).map((s) => s.number);
      expect(numbers(page).slice(1)).toEqual(rest);
    });

    it('sorts by received time, newest or oldest first', async () => {
      const filedOrder = [quality, packaging, grave, paused, small, large, own].map((c) => c.number);
      expect(numbers(await read({ sort: 'received' }))).toEqual([...filedOrder].reverse());
      expect(numbers(await read({ sort: 'received', order: 'oldest' }))).toEqual(filedOrder);
    });

    it('filters by category and by "customer responded", counting only what matches', async () => {
      const byCategory = await read({ category: 'packaging_damage' });
      expect(numbers(byCategory)).toEqual([packaging.number]);
      expect(byCategory.total).toBe(1);
      const responded = await read({ responded: 'true' });
      expect(numbers(responded)).toEqual([paused.number]);
      expect(responded.items[0]?.customerResponse).toMatchObject({ what: 'material' });
      expect(responded.total).toBe(1);
      expect((await read({ category: 'packaging_damage', responded: 'true' })).total).toBe(0);
    });

    it('shows "awaiting my approval": within the limit, never above it, never one’s own proposal', async () => {
      // Area manager (¥500 limit): the ¥80 plan; not the ¥600 one (above the limit), not their own ¥200 one.
      const mine = await read({ approval: 'mine' }, areaManager);
      expect(numbers(mine)).toEqual([small.number]);
      expect(mine.total).toBe(1);
      // A department head's limit covers all three, none of them theirs.
      const head = await read({ approval: 'mine', sort: 'received', order: 'oldest' }, deptHead);
      expect(numbers(head)).toEqual([small.number, large.number, own.number]);
      // The agent may approve their own plan at the agent tier (SPEC §8), nothing above it.
      expect(numbers(await read({ approval: 'mine' }, agent))).toEqual([small.number]);
      // Finance approves nothing; and only a proposed plan awaits approval.
      expect((await read({ approval: 'mine' }, principal(['finance']))).total).toBe(0);
      expect((await read({ approval: 'mine', status: 'investigating' }, deptHead)).total).toBe(0);
      expect((await read({ approval: 'mine', status: 'proposed' }, deptHead)).total).toBe(3);
    });

    it('pages the sorted rows with a cursor bound to the query and the caller', async () => {
      const first = await read({ sort: 'received', limit: '3' });
      expect(first.items).toHaveLength(3);
      expect(first.total).toBe(7);
      const second = await read({ sort: 'received', limit: '3', cursor: first.cursor ?? '' });
      const third = await read({ sort: 'received', limit: '3', cursor: second.cursor ?? '' });
      expect(third.cursor).toBeUndefined();
      expect([...numbers(first), ...numbers(second), ...numbers(third)]).toEqual(
        numbers(await read({ sort: 'received' })),
      );
      const refused = [
        read({ sort: 'deadline', limit: '3', cursor: first.cursor ?? '' }),
        read({ sort: 'received', category: 'other', limit: '3', cursor: first.cursor ?? '' }),
        read({ sort: 'received', limit: '3', cursor: first.cursor ?? '' }, deptHead),
        read({ sort: 'received', limit: '3', cursor: 'garbage' }),
      ];
      for (const attempt of refused) await expect(attempt).rejects.toThrow(ValidationError);
    });
  });
}
