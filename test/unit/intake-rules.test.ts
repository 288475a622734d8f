import { describe, expect, it } from 'vitest';
import { accessTokenMatches, hashAccessToken, requestFingerprint } from '../../shared/domain/access-token.js';
import { formatClaimNumber, isClaimNumber } from '../../shared/domain/claim-number.js';
import { contactKeysOf, phoneKey } from '../../shared/domain/contact-keys.js';
import { findPossibleDuplicates } from '../../shared/domain/duplicates.js';
import { ValidationError } from '../../shared/domain/errors.js';
import { checkFilingWindow } from '../../shared/domain/filing-window.js';
import { buildOrgTree, unitCovers } from '../../shared/domain/org-units.js';
import { departmentFor } from '../../shared/domain/category-policy.js';
import { defaultPolicySettings } from '../../shared/domain/settings.js';
import { formatFen, yuanToFen } from '../../shared/domain/money.js';

describe('claim numbers', () => {
  it('are CLM-<year>-<6 digits>', () => {
    expect(formatClaimNumber(2026, 123)).toBe('CLM-2026-000123');
    expect(formatClaimNumber(2027, 1)).toBe('CLM-2027-000001');
    expect(isClaimNumber('CLM-2026-000123')).toBe(true);
    expect(isClaimNumber('01HXYZ')).toBe(false);
  });
  it('grow a digit past 999,999 instead of wrapping', () => {
    expect(formatClaimNumber(2026, 1_000_000)).toBe('CLM-2026-1000000');
  });
  it('refuse a sequence below 1', () => {
    expect(() => formatClaimNumber(2026, 0)).toThrow(RangeError);
  });
});

describe('filing window (default 30 days)', () => {
  // 2026-11-23T02:00Z is 10:00 on 23 November in Shanghai.
  const receivedAt = new Date('2026-11-23T02:00:00Z');
  it('admits a claim filed on day 30', () => {
    expect(checkFilingWindow('2026-10-24', receivedAt, 30)).toEqual({ admitted: true, daysSinceFound: 30 });
  });
  it('refuses day 31 with the reason in the claim’s language only', () => {
    const result = checkFilingWindow('2026-10-23', receivedAt, 30);
    expect(result.admitted).toBe(false);
    if (result.admitted) return;
    expect(result.daysSinceFound).toBe(31);
    expect(result.reason).toBe('问题发现于 2026年10月23日，距提出索赔已 31 天，超过了 30 天的提出期限。');
    const english = checkFilingWindow('2026-10-23', receivedAt, 30, 'en');
    expect(english.admitted ? '' : english.reason).toBe(
      'The problem was found on 2026-10-23, 31 days before the claim was filed; claims must be filed within 30 days of finding the problem.',
    );
  });
  it('counts Shanghai dates: 23:30 UTC on the 22nd is already the 23rd there', () => {
    expect(checkFilingWindow('2026-10-24', new Date('2026-11-22T23:30:00Z'), 30).admitted).toBe(true);
    expect(checkFilingWindow('2026-10-23', new Date('2026-11-22T23:30:00Z'), 30).admitted).toBe(false);
  });
  it('follows the setting', () => {
    expect(checkFilingWindow('2026-11-10', receivedAt, 7).admitted).toBe(false);
  });
  it('treats a future date as an input error', () => {
    expect(() => checkFilingWindow('2026-11-24', receivedAt, 30)).toThrow(ValidationError);
  });
});

describe('duplicate flagging', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  const mine = contactKeysOf({ phone: '+86 138-0013-8000' });
  it('flags the same contact on the same order within the window, by either phone or email', () => {
    const flagged = findPossibleDuplicates(
      mine,
      now,
      [
        {
          number: 'CLM-2026-000002',
          contactKeys: { phone: '13800138000' },
          receivedAt: '2026-11-01T00:00:00.000Z',
        },
        {
          number: 'CLM-2026-000001',
          contactKeys: { phone: '13900000000' },
          receivedAt: '2026-11-20T00:00:00.000Z',
        },
        {
          number: 'CLM-2026-000003',
          contactKeys: { phone: '13800138000' },
          receivedAt: '2026-10-23T00:00:00.000Z',
        },
      ],
      30,
    );
    expect(flagged).toEqual(['CLM-2026-000002']);
  });
  it('normalises phones: +86, spaces and dashes do not make a new customer', () => {
    expect(phoneKey('+86 138-0013-8000')).toBe('13800138000');
    expect(contactKeysOf({ email: ' Wang.Fang@Example.COM ' })).toEqual({ email: 'wang.fang@example.com' });
  });
});

describe('routing and units', () => {
  const settings = defaultPolicySettings();
  it('routes categories to departments by the setting', () => {
    expect(departmentFor('logistics', settings.categories)).toBe('logistics');
    expect(departmentFor('product_quality', settings.categories)).toBe('quality');
    const moved = settings.categories.map((c) =>
      c.code === 'product_quality' ? { ...c, department: 'qa-lab' } : c,
    );
    expect(departmentFor('product_quality', moved)).toBe('qa-lab');
  });
  it('builds HQ → region → store paths and lets a unit see its subtree only', () => {
    const tree = buildOrgTree(settings.units);
    expect(tree.pathOf('EAST-SH01')).toEqual(['HQ', 'EAST', 'EAST-SH01']);
    expect(unitCovers('HQ', tree.pathOf('EAST-SH01'))).toBe(true);
    expect(unitCovers('EAST', tree.pathOf('EAST-SH01'))).toBe(true);
    expect(unitCovers('EAST-SH01', tree.pathOf('EAST'))).toBe(false);
  });
  it('refuses trees deeper than three levels, with two roots, or with unknown parents', () => {
    const base = [
      { id: 'HQ', name: 'HQ' },
      { id: 'A', name: 'A', parentId: 'HQ' },
      { id: 'B', name: 'B', parentId: 'A' },
    ];
    expect(() => buildOrgTree([...base, { id: 'C', name: 'C', parentId: 'B' }])).toThrow('at most 3');
    expect(() => buildOrgTree([...base, { id: 'X', name: 'X' }])).toThrow('exactly one root');
    expect(() => buildOrgTree([...base, { id: 'Y', name: 'Y', parentId: 'NOPE' }])).toThrow('unknown parent');
  });
});

describe('money and tokens', () => {
  it('keeps money in integer fen', () => {
    expect(yuanToFen(199.99)).toBe(19_999);
    expect(formatFen(3_000_000)).toBe('¥30,000.00');
  });
  it('matches a token only against its own hash', () => {
    const hash = hashAccessToken('secret-token-value');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(accessTokenMatches('secret-token-value', [hash])).toBe(true);
    expect(accessTokenMatches('secret-token-valuf', [hash])).toBe(false);
    expect(accessTokenMatches(undefined, [hash])).toBe(false);
    expect(accessTokenMatches('', [hash])).toBe(false);
  });
  it('fingerprints requests independent of key order', () => {
    expect(requestFingerprint({ a: 1, b: { c: 2, d: 3 } })).toBe(
      requestFingerprint({ b: { d: 3, c: 2 }, a: 1 }),
    );
    expect(requestFingerprint({ a: 1 })).not.toBe(requestFingerprint({ a: 2 }));
  });
});
