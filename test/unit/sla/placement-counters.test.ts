import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryClaimStore } from '../../../shared/adapters/memory/claim-store.js';
import { editFacts } from '../../../shared/domain/use-cases/edit-facts.js';
import { fileClaim } from '../../../shared/domain/use-cases/file-claim.js';
import { monthlyStatistics } from '../../../shared/domain/use-cases/statistics.js';
import { applyTriageAction } from '../../../shared/domain/use-cases/triage.js';
import { intakeInput, principal, testDependencies } from '../../support/fixtures.js';

/** Issue 25: a claim is counted under its current unit and its corrected facts, at HQ and below. */
describe('statistics follow a claim’s unit and corrected facts', () => {
  let deps: ReturnType<typeof testDependencies>;
  const hq = principal(['manager'], 'HQ');
  const east = principal(['manager'], 'EAST');
  const volume = async (who = hq) => (await monthlyStatistics(deps, who, '2026-11')).volume;

  beforeEach(() => {
    deps = testDependencies(new InMemoryClaimStore());
  });

  it('moves category and product counts when staff correct them, in the organisation and the unit', async () => {
    const { claim } = await fileClaim(deps, {
      input: intakeInput({ unitId: 'EAST-SH01', category: 'other', product: { name: '待确认产品' } }),
      channel: 'web',
      actor: { type: 'customer' },
    });
    await editFacts(
      deps,
      claim.id,
      { category: 'product_quality', product: { name: '电热水壶 K1' } },
      principal(['agent'], 'EAST-SH01'),
    );
    for (const who of [hq, east]) {
      const v = await volume(who);
      expect(v.total).toBe(1);
      expect(v.byCategory).toEqual({ other: 0, product_quality: 1 });
      expect(v.byProduct).toEqual({ '电热水壶 K1': 1 });
    }
  });

  it('moves a dispatched claim’s figures to its new unit and counts a staff refusal', async () => {
    const { claim } = await fileClaim(deps, {
      input: intakeInput(),
      channel: 'web',
      actor: { type: 'customer' },
    });
    expect((await volume(east)).total).toBe(0);
    await applyTriageAction(deps, {
      ref: claim.id,
      action: 'assign',
      payload: { unitId: 'EAST-SH01' },
      principal: hq,
    });
    expect(await volume(east)).toMatchObject({
      total: 1,
      byUnit: { 'EAST-SH01': 1 },
      byProduct: { '电热水壶 K1': 1 },
    });
    expect((await volume()).byUnit).toEqual({ HQ: 0, 'EAST-SH01': 1 });
    await applyTriageAction(deps, {
      ref: claim.id,
      action: 'not_admit',
      payload: { reason: 'groundless', explanation: '不属质量问题' },
      principal: principal(['agent'], 'EAST-SH01'),
    });
    expect((await monthlyStatistics(deps, east, '2026-11')).notAdmitted).toBe(1);
    expect((await monthlyStatistics(deps, hq, '2026-11')).notAdmitted).toBe(1);
  });
});
