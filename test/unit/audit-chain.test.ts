import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/domain/audit.js';
import {
  chainEvent,
  eventHash,
  genesisHash,
  tombstoneOf,
  verifyChain,
} from '../../shared/domain/audit-chain.js';

const CLAIM = 'claim-1';

function bare(n: number, extra: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: `ev-${String(n).padStart(2, '0')}`,
    claimId: CLAIM,
    at: `2026-12-0${Math.min(n, 9)}T08:00:00.000Z`,
    actor: { type: 'customer' },
    channel: 'web',
    action: 'file_claim',
    changes: [{ field: 'claimant', before: null, after: { name: '张三', phone: '13800138000' } }],
    note: `note ${n}`,
    ...extra,
  };
}

/** Events linked one after the other, as the writers link them, and the claim's head. */
function chainOf(count: number): { events: AuditEvent[]; head: string | undefined } {
  const events: AuditEvent[] = [];
  for (let n = 1; n <= count; n++) events.push(chainEvent(bare(n), events.at(-1)?.hash));
  return { events, head: events.at(-1)?.hash };
}

describe('the audit hash chain', () => {
  it('links the first event to the genesis value of its claim and each next one to the previous hash', () => {
    const { events } = chainOf(3);
    expect(events[0]?.prevHash).toBe(genesisHash(CLAIM));
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(events[2]?.prevHash).toBe(events[1]?.hash);
    expect(events[0]?.hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(genesisHash('claim-2')).not.toBe(genesisHash(CLAIM));
  });

  it('holds for an untouched trail, whatever order the list comes in', () => {
    const { events, head } = chainOf(4);
    expect(verifyChain(CLAIM, events, head)).toEqual({ intact: true, unchained: 0 });
    expect(verifyChain(CLAIM, [...events].reverse(), head)).toEqual({ intact: true, unchained: 0 });
  });

  it('hashes the same event the same whatever order its keys were stored in', () => {
    const [event] = chainOf(1).events;
    if (!event) throw new Error('no event');
    const shuffled = Object.fromEntries(Object.entries(event).reverse()) as AuditEvent;
    expect(eventHash(shuffled)).toBe(event.hash);
  });

  it('reports a changed field at that event, with the hash expected and the one found', () => {
    const { events, head } = chainOf(4);
    const tampered = events.map((e, i) =>
      i === 2 ? { ...e, changes: [{ field: 'claimant', before: null, after: { name: '李四' } }] } : e,
    );
    const result = verifyChain(CLAIM, tampered, head);
    expect(result).toMatchObject({
      intact: false,
      brokenAt: { index: 3, eventId: 'ev-03', reason: 'altered', found: events[2]?.hash },
    });
    if (result.intact) throw new Error('intact');
    expect(result.brokenAt.expected).toBe(eventHash(tampered[2] as AuditEvent));
  });

  it('reports a changed note or time, and a hash recomputed over changed content at the next event', () => {
    const { events, head } = chainOf(3);
    const noted = events.map((e, i) => (i === 1 ? { ...e, note: '改过的说明' } : e));
    expect(verifyChain(CLAIM, noted, head)).toMatchObject({ brokenAt: { index: 2, reason: 'altered' } });
    const moved = events.map((e, i) => (i === 0 ? { ...e, at: '2026-11-30T08:00:00.000Z' } : e));
    expect(verifyChain(CLAIM, moved, head)).toMatchObject({ brokenAt: { index: 1, reason: 'altered' } });
    // A forger who also recomputes the changed event's hash breaks the link of the event after it.
    const forged = events.map((e, i) => (i === 1 ? chainEvent({ ...e, note: '伪造' }, e.prevHash) : e));
    expect(verifyChain(CLAIM, forged, head)).toMatchObject({
      brokenAt: { index: 3, eventId: 'ev-03', reason: 'unlinked', found: events[1]?.hash },
    });
  });

  it('reports a dropped event at the one after it, and dropped latest events against the head', () => {
    const { events, head } = chainOf(4);
    const dropped = events.filter((_, i) => i !== 1);
    expect(verifyChain(CLAIM, dropped, head)).toMatchObject({
      intact: false,
      brokenAt: { index: 2, eventId: 'ev-03', reason: 'unlinked', expected: events[0]?.hash },
    });
    expect(verifyChain(CLAIM, events.slice(0, 3), head)).toMatchObject({
      intact: false,
      brokenAt: { index: 3, reason: 'missing_latest', expected: head, found: events[2]?.hash },
    });
    // Dropping the first breaks the second's link to the genesis value.
    expect(verifyChain(CLAIM, events.slice(1), head)).toMatchObject({
      brokenAt: { index: 1, eventId: 'ev-02', reason: 'unlinked', expected: genesisHash(CLAIM) },
    });
  });

  it('reports events reordered by relinking them, and an event linked beside another', () => {
    const { events, head } = chainOf(3);
    const [first, second, third] = events as [AuditEvent, AuditEvent, AuditEvent];
    // Third moved before second, each relinked and rehashed: the chain no longer ends at the head.
    const third2 = chainEvent(third, first.hash);
    const second2 = chainEvent(second, third2.hash);
    expect(verifyChain(CLAIM, [first, third2, second2], head)).toMatchObject({
      intact: false,
      brokenAt: { reason: 'missing_latest' },
    });
    // Without rehashing, swapping the links of two events changes their hashes: the walk meets the
    // third one (now linked after the first) and finds it altered.
    const swapped = [first, { ...second, prevHash: third.prevHash }, { ...third, prevHash: second.prevHash }];
    expect(verifyChain(CLAIM, swapped, head)).toMatchObject({
      intact: false,
      brokenAt: { index: 3, eventId: 'ev-03', reason: 'altered' },
    });
    const beside = chainEvent(bare(9), first.hash);
    expect(verifyChain(CLAIM, [...events, beside], head)).toMatchObject({
      brokenAt: { index: 4, eventId: 'ev-09', reason: 'unlinked' },
    });
  });

  it('verifies events stored before the chain as "not chained before" the first chained one', () => {
    const old = [bare(1), bare(2)];
    const first = chainEvent(bare(3), undefined);
    const next = chainEvent(bare(4), first.hash);
    expect(verifyChain(CLAIM, [...old, first, next], next.hash)).toEqual({
      intact: true,
      unchained: 2,
      notChainedBefore: first.at,
    });
    expect(verifyChain(CLAIM, old)).toEqual({ intact: true, unchained: 2 });
    // Stripping an event's links after the chain started is no "old" event.
    const { hash: _h, prevHash: _p, ...stripped } = next;
    expect(verifyChain(CLAIM, [...old, first, stripped], next.hash)).toMatchObject({
      intact: false,
      brokenAt: { index: 4, reason: 'altered' },
    });
  });

  it('still verifies an event whose personal values erasure replaced by tombstones', () => {
    const { events, head } = chainOf(3);
    const erased = events.map((e, i) =>
      i === 1
        ? {
            ...e,
            changes: e.changes.map((c) => ({ ...c, after: tombstoneOf(c.after) })),
          }
        : e,
    );
    expect(verifyChain(CLAIM, erased, head)).toEqual({ intact: true, unchained: 0 });
    // Deeper too: only the phone erased, the name kept.
    const phoneOnly = events.map((e, i) =>
      i === 0
        ? {
            ...e,
            changes: [
              { field: 'claimant', before: null, after: { name: '张三', phone: tombstoneOf('13800138000') } },
            ],
          }
        : e,
    );
    expect(verifyChain(CLAIM, phoneOnly, head)).toEqual({ intact: true, unchained: 0 });
    // A tombstone over another value does not pass for the original.
    const wrong = events.map((e, i) =>
      i === 0 ? { ...e, changes: e.changes.map((c) => ({ ...c, after: tombstoneOf('x') })) } : e,
    );
    expect(verifyChain(CLAIM, wrong, head)).toMatchObject({ brokenAt: { index: 1, reason: 'altered' } });
  });
});
