import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { InvalidTransitionError, NotFoundError } from '../../../shared/domain/errors.js';
import {
  addMaterialAsCustomer,
  viewClaimAsCustomer,
  withdrawAsCustomer,
} from '../../../shared/domain/use-cases/customer-claim.js';
import { fileClaim, type FiledClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { applyTriageAction } from '../../../shared/domain/use-cases/triage.js';
import { intakeInput, principal, testDependencies } from '../../support/fixtures.js';

describe('the customer’s side', () => {
  let store: InMemoryClaimStore;
  let deps: ReturnType<typeof testDependencies>;
  let filed: FiledClaim;

  beforeEach(async () => {
    store = new InMemoryClaimStore();
    deps = testDependencies(store);
    filed = await fileClaim(deps, { input: intakeInput(), channel: 'web', actor: { type: 'customer' } });
  });

  it('reads the claim with its token, with a timeline and no staff internals', async () => {
    await applyTriageAction(deps, {
      ref: filed.claim.id,
      action: 'assign',
      payload: { assigneeId: 'agent-7' },
      principal: principal(['manager']),
    });
    await applyTriageAction(deps, {
      ref: filed.claim.id,
      action: 'request_material',
      payload: { items: ['发票'] },
      principal: principal(['agent']),
    });
    const view = await viewClaimAsCustomer(deps, filed.claim.number, filed.accessToken);
    expect(view).toMatchObject({
      number: filed.claim.number,
      status: 'needs_material',
      materialRequest: { items: ['发票'] },
    });
    expect(view.timeline.map((t) => t.action)).toEqual(['file_claim', 'request_material']);
    expect(JSON.stringify(view)).not.toMatch(/agent-7|accessTokenHashes|unitPath/);
  });

  it('answers a wrong, missing or foreign token exactly like an unknown number', async () => {
    const other = await fileClaim(deps, {
      input: intakeInput({ product: { name: 'Y' } }),
      channel: 'web',
      actor: { type: 'customer' },
    });
    const attempts = [
      viewClaimAsCustomer(deps, filed.claim.number, 'wrong'),
      viewClaimAsCustomer(deps, filed.claim.number, undefined),
      viewClaimAsCustomer(deps, filed.claim.number, other.accessToken),
      viewClaimAsCustomer(deps, 'CLM-2026-999999', filed.accessToken),
    ];
    const errors = await Promise.all(
      attempts.map((p) =>
        p.then(
          () => null,
          (e: unknown) => e,
        ),
      ),
    );
    for (const error of errors) expect(error).toBeInstanceOf(NotFoundError);
  });

  it('adds material as an audit event and counts it on the claim', async () => {
    const claim = await addMaterialAsCustomer(deps, filed.claim.number, filed.accessToken, {
      message: '已补发票照片',
      items: ['发票'],
    });
    expect(claim).toMatchObject({ materialSubmissions: 1, version: 2, status: 'received' });
    const event = (await store.listEvents(claim.id)).at(-1);
    expect(event).toMatchObject({
      action: 'add_material',
      actor: { type: 'customer' },
      note: '已补发票照片\n[发票]',
    });
  });

  it('withdraws with a reason, after which material is refused', async () => {
    const claim = await withdrawAsCustomer(deps, filed.claim.number, filed.accessToken, '已和门店协商解决');
    expect(claim.status).toBe('withdrawn');
    await expect(
      addMaterialAsCustomer(deps, filed.claim.number, filed.accessToken, { message: 'x' }),
    ).rejects.toThrow(InvalidTransitionError);
  });
});
