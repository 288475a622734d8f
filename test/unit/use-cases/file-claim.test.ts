import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { accessTokenMatches } from '../../../shared/domain/access-token.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../../shared/domain/errors.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { intakeInput, principal, testDependencies } from '../../support/fixtures.js';

const customer = { type: 'customer' } as const;

/** A web-form submission of the default input under an Idempotency-Key. */
function keyedWebCommand(idempotencyKey: string) {
  return { input: intakeInput(), channel: 'web' as const, actor: customer, idempotencyKey };
}

describe('fileClaim', () => {
  let store: InMemoryClaimStore;
  let deps: ReturnType<typeof testDependencies>;
  beforeEach(() => {
    store = new InMemoryClaimStore();
    deps = testDependencies(store);
  });

  it('numbers, routes, grades and records a new claim with its first audit event', async () => {
    const filed = await fileClaim(deps, { input: intakeInput(), channel: 'web', actor: customer });
    expect(filed.claim).toMatchObject({
      number: 'CLM-2026-000001',
      status: 'received',
      version: 1,
      department: 'quality',
      severity: 3,
      urgency: 'normal',
      unitId: 'HQ',
      unitPath: ['HQ'],
      channel: 'web',
      possibleDuplicateOf: [],
    });
    expect(filed.accessToken).toBeDefined();
    expect(accessTokenMatches(filed.accessToken, filed.claim.accessTokenHashes)).toBe(true);
    expect(JSON.stringify(store.claims.get(filed.claim.id))).not.toContain(filed.accessToken);
    const events = await store.listEvents(filed.claim.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'file_claim',
      toStatus: 'received',
      channel: 'web',
      actor: customer,
    });
    expect(events[0]?.changes.map((c) => c.field)).toContain('status');
  });

  it('numbers claims in sequence per year', async () => {
    const a = await fileClaim(deps, { input: intakeInput(), channel: 'web', actor: customer });
    const b = await fileClaim(deps, {
      input: intakeInput({ product: { name: 'X' } }),
      channel: 'web',
      actor: customer,
    });
    expect([a.claim.number, b.claim.number]).toEqual(['CLM-2026-000001', 'CLM-2026-000002']);
    deps.clock.set('2027-01-02T02:00:00Z');
    const c = await fileClaim(deps, {
      input: intakeInput({ foundOn: '2027-01-01' }),
      channel: 'web',
      actor: customer,
    });
    expect(c.claim.number).toBe('CLM-2027-000001');
  });

  it('records a late claim as not admitted, with the reason, instead of dropping it', async () => {
    const filed = await fileClaim(deps, {
      input: intakeInput({ foundOn: '2026-10-01' }),
      channel: 'web',
      actor: customer,
    });
    expect(filed.claim.status).toBe('not_admitted');
    expect(filed.claim.closure?.reason).toBe('filing_window');
    expect(filed.claim.closure?.explanation).toBe(
      '问题发现于 2026年10月1日，距提出索赔已 53 天，超过了 30 天的提出期限。',
    );
    // An English claim is told why in English only.
    const english = await fileClaim(deps, {
      input: intakeInput({
        foundOn: '2026-10-01',
        language: 'en',
        product: { name: 'Kettle', orderNumber: 'SO-EN-1' },
      }),
      channel: 'web',
      actor: customer,
    });
    expect(english.claim.closure?.explanation).toBe(
      'The problem was found on 2026-10-01, 53 days before the claim was filed; claims must be filed within 30 days of finding the problem.',
    );
  });

  it('flags, but does not merge, a second claim by the same contact on the same order', async () => {
    const first = await fileClaim(deps, { input: intakeInput(), channel: 'web', actor: customer });
    deps.clock.advanceDays(2);
    const second = await fileClaim(deps, {
      input: intakeInput({
        claimant: { name: '王芳', phone: '+86 138 0013 8000' },
        product: { name: '电热水壶 K1', orderNumber: 'so-1001' },
      }),
      channel: 'web',
      actor: customer,
    });
    expect(second.claim.id).not.toBe(first.claim.id);
    expect(second.claim.possibleDuplicateOf).toEqual([first.claim.number]);
    const other = await fileClaim(deps, {
      input: intakeInput({ claimant: { name: '李雷', phone: '13900000000' } }),
      channel: 'web',
      actor: customer,
    });
    expect(other.claim.possibleDuplicateOf).toEqual([]);
  });

  it('raises severity to 2 at the third same-kind complaint from different customers', async () => {
    const phones = ['13900000001', '13900000002', '13900000003'];
    const severities = [];
    for (const phone of phones) {
      const filed = await fileClaim(deps, {
        input: intakeInput({ claimant: { name: 'C', phone }, product: { name: '电热水壶 K1' } }),
        channel: 'web',
        actor: customer,
      });
      severities.push(filed.claim.severity);
    }
    expect(severities).toEqual([3, 3, 2]);
  });

  it('grades urgency from the facts', async () => {
    const filed = await fileClaim(deps, {
      input: intakeInput({ facts: { involvesSafety: true } }),
      channel: 'web',
      actor: customer,
    });
    expect(filed.claim.urgency).toBe('urgent');
    expect(filed.claim.urgencyReasons).toEqual(['safety involved']);
  });

  it('replays a repeated Idempotency-Key: same claim, a fresh working token, no second claim', async () => {
    const cmd = keyedWebCommand('key-00000001');
    const first = await fileClaim(deps, cmd);
    const again = await fileClaim(deps, cmd);
    expect(again.replayed).toBe(true);
    expect(again.claim.id).toBe(first.claim.id);
    expect(store.claims.size).toBe(1);
    const stored = await store.getById(first.claim.id);
    expect(accessTokenMatches(first.accessToken, stored?.accessTokenHashes ?? [])).toBe(true);
    expect(accessTokenMatches(again.accessToken, stored?.accessTokenHashes ?? [])).toBe(true);
  });

  it('stops issuing tokens on replay once the claim holds the maximum', async () => {
    const cmd = keyedWebCommand('key-00000002');
    await fileClaim(deps, cmd);
    const replies = [];
    for (let i = 0; i < deps.settings.maxAccessTokensPerClaim; i++) replies.push(await fileClaim(deps, cmd));
    expect(replies.filter((r) => r.accessToken !== undefined)).toHaveLength(
      deps.settings.maxAccessTokensPerClaim - 1,
    );
    expect(replies.at(-1)?.accessToken).toBeUndefined();
  });

  it('refuses an Idempotency-Key reused for a different submission', async () => {
    await fileClaim(deps, {
      input: intakeInput(),
      channel: 'web',
      actor: customer,
      idempotencyKey: 'key-00000003',
    });
    await expect(
      fileClaim(deps, {
        input: intakeInput({ description: 'other' }),
        channel: 'web',
        actor: customer,
        idempotencyKey: 'key-00000003',
      }),
    ).rejects.toThrow(ConflictError);
  });

  it('with a claim number in hand, lets the transaction check the key: same replay, same refusal, nothing written', async () => {
    // A store that, like a busy DynamoDB container, holds numbers drawn earlier (here 500, 501, …).
    let held = 500;
    let keyReads = 0;
    const holding = Object.assign(Object.create(store) as InMemoryClaimStore, {
      claimSequenceInHand: () => held++,
      getIdempotencyRecord: (key: string) => {
        keyReads++;
        return store.getIdempotencyRecord(key);
      },
    });
    const busy = testDependencies(holding);
    const cmd = keyedWebCommand('key-in-hand-1');
    const first = await fileClaim(busy, cmd);
    expect(first.claim.number).toBe('CLM-2026-000500');
    expect(keyReads).toBe(0);
    const again = await fileClaim(busy, cmd);
    expect(again).toMatchObject({ replayed: true, claim: { id: first.claim.id, number: 'CLM-2026-000500' } });
    expect(keyReads).toBe(1); // only after the transaction refused the key
    const before = JSON.stringify([...store.claims.values()]);
    await expect(fileClaim(busy, { ...cmd, input: intakeInput({ description: 'other' }) })).rejects.toThrow(
      ConflictError,
    );
    expect(JSON.stringify([...store.claims.values()])).toBe(before);
    expect(store.claims.size).toBe(1);
  });

  it('places staff-registered claims in the staff member’s unit, never outside it', async () => {
    const store1 = principal(['agent'], 'EAST-SH01');
    const filed = await fileClaim(deps, {
      input: intakeInput(),
      channel: 'phone',
      actor: customer,
      staff: store1,
    });
    expect(filed.claim.unitPath).toEqual(['HQ', 'EAST', 'EAST-SH01']);
    await expect(
      fileClaim(deps, {
        input: intakeInput({ unitId: 'EAST' }),
        channel: 'phone',
        actor: customer,
        staff: store1,
      }),
    ).rejects.toThrow(ForbiddenError);
  });

  it('lets only those who take in claims register one, and says who may', async () => {
    const error = await fileClaim(deps, {
      input: intakeInput(),
      channel: 'phone',
      actor: customer,
      staff: principal(['finance'], 'HQ'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error instanceof ForbiddenError ? error.words : undefined).toEqual({
      'zh-CN': '您的角色不能执行此操作：需要客服专员、经理或系统管理员角色。',
      en: 'Your role may not do this: it takes the Agent, Manager or Administrator role.',
    });
    expect(store.claims.size).toBe(0);
  });

  it('refuses an unknown unit as an input error', async () => {
    await expect(
      fileClaim(deps, { input: intakeInput({ unitId: 'MARS' }), channel: 'web', actor: customer }),
    ).rejects.toThrow(ValidationError);
    expect(store.claims.size).toBe(0);
  });
});
