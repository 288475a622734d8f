import { describe, expect, it } from 'vitest';
import { claimFromItem, claimToItem } from '../../shared/adapters/dynamodb/claim-items.js';
import { claimKey, ENTITY, SCHEMA_VERSION } from '../../shared/adapters/dynamodb/keys.js';
import type { Claim } from '../../shared/domain/claim.js';
import { NO_SEVERITY_RULE } from '../../shared/domain/severity.js';
import { acceptedMoneyClaim } from '../support/money.js';
import { testDependencies } from '../support/fixtures.js';
import { InMemoryClaimStore } from '../../shared/adapters/memory/claim-store.js';

/** The claim as items were written before the stored form left defaults out: every field, the id too. */
function fullFormItem(claim: Claim): Record<string, unknown> {
  return { ...claim, ...claimKey(claim.id), entityType: ENTITY.claim, schemaVersion: SCHEMA_VERSION };
}

describe('the claim item leaves out what defaults say and reads back the same claim', () => {
  it('round-trips a claim with clocks, findings, an approved plan, its offer and a payout', async () => {
    const { claim } = await acceptedMoneyClaim(testDependencies(new InMemoryClaimStore()));
    expect(claim.clocks?.decision).toBeDefined();
    expect(claim.offer?.items).toEqual(claim.resolution?.items);
    const item = claimToItem(claim);
    expect(claimFromItem(item)).toEqual(claim);
    expect(claimFromItem(fullFormItem(claim))).toEqual(claim);
  });

  it('stores no id, no null instants or empty lists in the clocks, no false flags, the offer once', async () => {
    const { claim } = await acceptedMoneyClaim(testDependencies(new InMemoryClaimStore()));
    const item = claimToItem(claim);
    expect(item).not.toHaveProperty('id');
    expect(item['PK']).toBe(`CLAIM#${claim.id}`);
    const clocks = Object.values(item['clocks'] as Record<string, Record<string, unknown>>);
    expect(clocks.length).toBeGreaterThan(0);
    for (const clock of clocks)
      for (const value of Object.values(clock)) {
        expect(value).not.toBeNull();
        expect(value).not.toEqual([]);
      }
    expect(item['facts']).toEqual({});
    expect(item['possibleDuplicateOf']).toBeUndefined();
    expect(item['severityReasons']).toBeUndefined();
    expect(item['offer']).toEqual({
      revision: claim.offer?.revision,
      decidedAt: claim.offer?.decidedAt,
      decidedBy: claim.offer?.decidedBy,
    });
    // The same item with the claim's fields in full, as written before: several hundred bytes more.
    const before = JSON.stringify({ ...item, ...claim }).length;
    expect(before - JSON.stringify(item).length).toBeGreaterThan(300);
  });

  it('keeps what differs from a default: true flags, other reasons, an offer that is not the plan', async () => {
    const { claim } = await acceptedMoneyClaim(testDependencies(new InMemoryClaimStore()));
    const offer = claim.offer;
    const plan = claim.resolution;
    if (!offer || !plan) throw new Error('the fixture has an offer and its plan');
    const amended: Claim = {
      ...claim,
      facts: { ...claim.facts, involvesSafety: true },
      severity: 2,
      severityReasons: ['3 same-kind complaints within 30 days'],
      possibleDuplicateOf: ['CLM-2026-000009'],
      // The plan moved on after the offer (a new revision): the offer keeps its own items.
      resolution: { ...plan, revision: plan.revision + 1, totalFen: plan.totalFen + 100 },
    };
    const item = claimToItem(amended);
    expect(item['facts']).toEqual({ involvesSafety: true });
    expect(item['severityReasons']).toEqual(['3 same-kind complaints within 30 days']);
    expect(item['possibleDuplicateOf']).toEqual(['CLM-2026-000009']);
    expect(item['offer']).toEqual(offer);
    expect(claimFromItem(item)).toEqual(amended);
  });

  it('reads the default severity reason back for a level-3 claim', async () => {
    const { claim } = await acceptedMoneyClaim(testDependencies(new InMemoryClaimStore()));
    expect(claim.severityReasons).toEqual([NO_SEVERITY_RULE]);
    expect(claimFromItem(claimToItem(claim)).severityReasons).toEqual([NO_SEVERITY_RULE]);
  });
});
