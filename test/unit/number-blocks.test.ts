import { describe, expect, it } from 'vitest';
import { MAX_NUMBER_BLOCK, NumberBlocks } from '../../shared/adapters/dynamodb/number-blocks.js';

/** A counter behind the reserve callback, recording each reservation's size. */
function counter() {
  const values = new Map<number, number>();
  const reservations: number[] = [];
  return {
    reservations,
    reserve: (year: number, count: number) => {
      reservations.push(count);
      const value = (values.get(year) ?? 0) + count;
      values.set(year, value);
      return Promise.resolve(value);
    },
  };
}

describe('NumberBlocks', () => {
  it('reserves one number at a time while quiet, so numbers stay dense', async () => {
    const c = counter();
    let now = 0;
    const blocks = new NumberBlocks(c.reserve, () => now);
    const numbers = [];
    for (let i = 0; i < 4; i++) {
      numbers.push(await blocks.next(2026));
      now += 60_000;
    }
    expect(numbers).toEqual([1, 2, 3, 4]);
    expect(c.reservations).toEqual([1, 1, 1, 1]);
    expect(blocks.inHand(2026)).toBeNull();
  });

  it('doubles the block while busy, up to the maximum, with one reservation per block', async () => {
    const c = counter();
    const blocks = new NumberBlocks(c.reserve, () => 0);
    const numbers = [];
    for (let i = 0; i < 100; i++) numbers.push(await blocks.next(2026));
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(c.reservations.slice(0, 6)).toEqual([1, 2, 4, 8, 16, MAX_NUMBER_BLOCK]);
    expect(Math.max(...c.reservations)).toBe(MAX_NUMBER_BLOCK);
    expect(c.reservations.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(100);
  });

  it('hands out what it holds without a round trip, per year', async () => {
    const c = counter();
    const blocks = new NumberBlocks(c.reserve, () => 0);
    await blocks.next(2026);
    await blocks.next(2026); // busy: a block of two, 2 and 3
    expect(blocks.inHand(2026)).toBe(3);
    expect(blocks.inHand(2026)).toBeNull();
    expect(blocks.inHand(2027)).toBeNull();
    expect(await blocks.next(2027)).toBe(1);
    expect(c.reservations).toHaveLength(3);
  });

  it('gives concurrent callers distinct numbers, sharing reservations', async () => {
    const c = counter();
    const blocks = new NumberBlocks(c.reserve, () => 0);
    const numbers = await Promise.all(Array.from({ length: 30 }, () => blocks.next(2026)));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(c.reservations.length).toBeLessThan(30);
  });

  it('passes a failed reservation on and reserves afresh on the next call', async () => {
    let fail = true;
    const c = counter();
    const blocks = new NumberBlocks(
      (year, count) => (fail ? Promise.reject(new Error('throttled')) : c.reserve(year, count)),
      () => 0,
    );
    await expect(blocks.next(2026)).rejects.toThrow('throttled');
    fail = false;
    expect(await blocks.next(2026)).toBe(1);
  });
});
