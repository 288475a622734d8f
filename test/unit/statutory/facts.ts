import { assessStatutoryRemedies } from '../../../shared/domain/statutory/entitlements.js';
import type { StatutoryFacts } from '../../../shared/domain/statutory/remedy-facts.js';
import { DEFAULT_STATUTORY_RULES } from '../../../shared/domain/statutory/remedy-rules.js';
import { sh } from '../calendar/shanghai.js';

/** Facts under which no statutory rule applies: a test turns on the one it is about. */
export const NOTHING_OWED: StatutoryFacts = {
  purchaseChannel: 'in_store',
  purchaseDate: '2026-12-01',
  receiptDate: '2026-12-01',
  pricePaidFen: 199_00,
  qualityDefect: false,
  isFood: false,
  threeGuaranteesCovered: false,
  exclusions: [],
  fraudFound: false,
  knowinglyDefectiveSeriousHarm: false,
};

/** The default rules on NOTHING_OWED with `facts` over it, reported at Shanghai time `reported` ("2026-12-08 10:00"). */
export function assess(facts: Partial<StatutoryFacts>, reported: string) {
  return assessStatutoryRemedies(
    DEFAULT_STATUTORY_RULES,
    { ...NOTHING_OWED, ...facts },
    new Date(sh(reported)),
  );
}
