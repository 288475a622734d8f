/** Largest block a busy container reserves: at most this many numbers are skipped when it stops. */
export const MAX_NUMBER_BLOCK = 16;
/** A block used up within this time since it was reserved means the container is busy: the next one doubles. */
const BUSY_MS = 10_000;

/**
 * Claim numbers handed out from blocks reserved on the per-year counter, one atomic ADD per block instead of
 * one UpdateItem per claim. A quiet container reserves one number at a time, so a quiet system keeps its
 * numbers dense; a busy one doubles its block each time it runs out within `BUSY_MS`, up to
 * `MAX_NUMBER_BLOCK`. Numbers stay unique (each block is its own ADD); what a container does not use when it
 * stops is a gap, as a failed intake already leaves. Across containers, numbers are unique but not in
 * filing order.
 */
export class NumberBlocks {
  private readonly blocks = new Map<number, { next: number; last: number }>();
  private readonly refills = new Map<number, Promise<void>>();
  private size = 0;
  private reservedAt = Number.NEGATIVE_INFINITY;

  constructor(
    /** Adds `count` to the year's counter atomically and returns the new value (the block's last number). */
    private readonly reserve: (year: number, count: number) => Promise<number>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The next number of the current block, or null when the block is used up (no round trip either way). */
  inHand(year: number): number | null {
    const block = this.blocks.get(year);
    return block && block.next <= block.last ? block.next++ : null;
  }

  async next(year: number): Promise<number> {
    for (;;) {
      const number = this.inHand(year);
      if (number !== null) return number;
      // Concurrent requests share one reservation; whoever finds the new block empty again reserves the next.
      await (this.refills.get(year) ?? this.refill(year));
    }
  }

  private refill(year: number): Promise<void> {
    const now = this.now();
    this.size = now - this.reservedAt < BUSY_MS ? Math.min(this.size * 2, MAX_NUMBER_BLOCK) : 1;
    this.reservedAt = now;
    const size = this.size;
    const refill = this.reserve(year, size)
      .then((last) => {
        this.blocks.set(year, { next: last - size + 1, last });
      })
      .finally(() => this.refills.delete(year));
    this.refills.set(year, refill);
    return refill;
  }
}
