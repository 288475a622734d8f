import { describe, expect, it } from 'vitest';
import { TOP_PRODUCTS, intakeCounters, topProducts } from '../../../shared/domain/sla/statistics.js';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { intakeInput, testDependencies } from '../../support/fixtures.js';

describe('top products and the other-products bucket (issue 22)', () => {
  it('names the top 20 by claims and sums the rest as other products', () => {
    const keyed = Array.from({ length: 30 }, (_, i) => ({ key: `p${i}`, label: `P${i}`, count: i + 1 }));
    const volume = keyed.reduce((sum, c) => sum + c.count, 0); // 465
    const { top, other } = topProducts(volume, {}, keyed);
    expect(Object.keys(top)).toHaveLength(TOP_PRODUCTS);
    expect(top['P29']).toBe(30);
    expect(top['P9']).toBeUndefined(); // count 10: the 21st
    // The ten smallest (1 … 10) are the other products.
    expect(other).toBe(55);
    expect(Object.values(top).reduce((a, b) => a + b, 0) + other).toBe(volume);
  });

  it("merges a pre-upgrade month's shard counters with the per-product ones, by key", () => {
    const { top, other } = topProducts(
      10,
      { kettle: 3, radio: 2 },
      [{ key: 'kettle', label: 'Kettle', count: 4 }],
      1,
    );
    expect(top).toEqual({ Kettle: 7 });
    expect(other).toBe(3);
  });

  it('never answers a negative other bucket', () => {
    expect(topProducts(0, {}, [{ key: 'a', label: 'A', count: 2 }]).other).toBe(0);
  });

  it('intake moves no customer-chosen name into the shard items', async () => {
    const deps = testDependencies(new InMemoryClaimStore());
    const { claim } = await fileClaim(deps, {
      input: intakeInput({ product: { name: `${'长'.repeat(199)}x` } }),
      channel: 'web',
      actor: { type: 'customer' },
    });
    const writes = intakeCounters(claim);
    const shardNames = writes.flatMap((w) => (w.type === 'stats' ? Object.keys(w.add) : []));
    expect(shardNames.sort()).toEqual(['volume', 'volume.category.product_quality', 'volume.unit.HQ']);
    expect(writes.filter((w) => w.type === 'stats_key')).toEqual([
      {
        type: 'stats_key',
        month: '2026-11',
        family: 'product',
        key: `${'长'.repeat(199)}x`,
        label: `${'长'.repeat(199)}x`,
        n: 1,
      },
    ]);
  });
});
