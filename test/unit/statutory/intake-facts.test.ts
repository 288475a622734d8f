import { describe, expect, it } from 'vitest';
import { claimToItem } from '../../../shared/adapters/dynamodb/claim-items.js';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { editFacts } from '../../../shared/domain/use-cases/edit-facts.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import {
  statutoryFactsFromIntake,
  warrantyEndDate,
  withStaffStatutoryFacts,
} from '../../../shared/domain/statutory/intake-facts.js';
import { EMPTY_PURCHASE, purchaseBody, purchaseIssues } from '../../../web/src/purchase-facts.js';
import { intakeInput, principal, testDependencies } from '../../support/fixtures.js';

const now = new Date('2026-12-04T02:00:00Z'); // 4 December in Shanghai

describe('the statutory facts at intake and in the facts edit (issue 24)', () => {
  it('counts a warranty in months to its last day', () => {
    expect(warrantyEndDate('2026-01-15', 12)).toBe('2027-01-14');
    expect(warrantyEndDate('2026-12-01', 3)).toBe('2027-02-28');
    expect(warrantyEndDate('2026-01-31', 1)).toBe('2026-02-27');
  });

  it('keeps only the facts given, the warranty as its end date, and none when none is given', () => {
    expect(statutoryFactsFromIntake(undefined, now)).toBeUndefined();
    expect(statutoryFactsFromIntake({}, now)).toBeUndefined();
    expect(
      statutoryFactsFromIntake(
        {
          purchaseChannel: 'online',
          purchaseDate: '2026-12-01',
          threeGuaranteesCovered: true,
          warrantyMonths: 12,
        },
        now,
      ),
    ).toEqual({
      purchaseChannel: 'online',
      purchaseDate: '2026-12-01',
      threeGuaranteesCovered: true,
      warrantyEndsOn: '2027-11-30',
    });
  });

  it('refuses a purchase or receipt after today, at its path', () => {
    const refuse = () => statutoryFactsFromIntake({ receiptDate: '2026-12-05' }, now);
    expect(refuse).toThrow(ValidationError);
    try {
      refuse();
    } catch (error) {
      expect(error instanceof ValidationError && error.issues.map((i) => [i.path, i.code])).toEqual([
        ['statutoryFacts.receiptDate', 'future_date'],
      ]);
    }
  });

  it('merges a staff edit: findings added, null takes a fact back, a receipt before the purchase refused', () => {
    const current = { purchaseDate: '2026-12-01', pricePaidFen: 199_00 };
    expect(withStaffStatutoryFacts(current, { fraudFound: true, pricePaidFen: null }, now)).toEqual({
      purchaseDate: '2026-12-01',
      fraudFound: true,
    });
    expect(withStaffStatutoryFacts({ fraudFound: true }, { fraudFound: null }, now)).toBeUndefined();
    expect(() => withStaffStatutoryFacts(current, { receiptDate: '2026-11-30' }, now)).toThrow(
      ValidationError,
    );
  });

  it('stores nothing on a claim filed without them, and the facts given on one filed with them', async () => {
    const deps = testDependencies(new InMemoryClaimStore());
    const plain = await fileClaim(deps, {
      input: intakeInput(),
      channel: 'web',
      actor: { type: 'customer' },
    });
    expect(plain.claim.statutoryFacts).toBeUndefined();
    expect(claimToItem(plain.claim)).not.toHaveProperty('statutoryFacts');
    const given = await fileClaim(deps, {
      input: intakeInput({
        product: { name: '电热水壶 K2', orderNumber: 'SO-2002' },
        statutoryFacts: { purchaseChannel: 'online', receiptDate: '2026-11-20', pricePaidFen: 199_00 },
      }),
      channel: 'web',
      actor: { type: 'customer' },
    });
    expect(claimToItem(given.claim)['statutoryFacts']).toEqual({
      purchaseChannel: 'online',
      receiptDate: '2026-11-20',
      pricePaidFen: 199_00,
    });
    const edited = await editFacts(
      deps,
      given.claim.id,
      { statutoryFacts: { fraudFound: true } },
      principal(['agent']),
    );
    expect(edited.statutoryFacts).toEqual({
      purchaseChannel: 'online',
      receiptDate: '2026-11-20',
      pricePaidFen: 199_00,
      fraudFound: true,
    });
  });

  it('words the claim form group in zh-CN and en, and sends nothing when nothing was given', () => {
    expect(purchaseBody(EMPTY_PURCHASE)).toBeUndefined();
    const draft = { ...EMPTY_PURCHASE, priceYuan: '19.999', purchaseDate: '2026-12-05', noExclusion: true };
    expect(purchaseIssues(draft, 'zh-CN', '2026-12-04')).toEqual({
      priceYuan: '实付金额请填写以元为单位的数字，最多两位小数，例如 199 或 199.50。',
      purchaseDate: '购买日期不能晚于今天。',
    });
    expect(purchaseIssues(draft, 'en', '2026-12-04')['purchaseDate']).toBe(
      'Date of purchase cannot be later than today.',
    );
    expect(purchaseBody({ ...EMPTY_PURCHASE, priceYuan: '199', isFood: 'false', noExclusion: true })).toEqual(
      {
        pricePaidFen: 199_00,
        isFood: false,
        exclusions: [],
      },
    );
  });
});
