import type { Remedy } from '../categories.js';
import { RESOLUTION_TYPE_LABELS } from '../labels.js';
import { formatFen } from '../money.js';
import { MONEY_TYPES, type ResolutionPlan, type ResolutionType } from '../resolution.js';
import type { Entitlement } from './entitlements.js';
import type { StatutoryRuleCode } from './remedy-rules.js';
import {
  CHOICE_LABELS,
  inSentence,
  listWords,
  type LocalizedText,
  type StatutoryChoice,
} from './remedy-words.js';

/** Why a proposed plan falls short of the law: too little cash, or not the remedy the customer may choose. */
export interface PlanFlag {
  readonly ruleCode: StatutoryRuleCode;
  readonly reason: 'below_minimum' | 'lacks_choice';
  readonly words: LocalizedText;
}

/** The goods remedies a customer may choose, strongest first: a return undoes the sale, a repair only mends. */
const GOODS_CHOICES: readonly StatutoryChoice[] = ['return', 'replace', 'repair'];

/** The goods remedy a plan type or a customer's request stands for; a refund is the money side of a return. */
const GOODS_CHOICE_OF: Partial<Record<ResolutionType, StatutoryChoice>> = {
  refund: 'return',
  replacement: 'replace',
  repair: 'repair',
};

/**
 * Checks a proposed plan against the customer's statutory entitlements (issue 24, from
 * `assessStatutoryRemedies`); pure, and not wired into proposing yet. Its steps:
 * 1. The plan's cash total: its `totalFen` when its type pays money (`MONEY_TYPES`), otherwise nothing.
 * 2. Each entitlement with an amount the law owes (fraud, food safety): a flag when the cash total is below
 *    it. A ceiling (`up_to`, art. 55(2)) is the most the law allows to be claimed, not a minimum: no flag.
 * 3. Each entitlement that lets the customer choose a return, replacement or repair: when the customer asked
 *    for one of its choices (`requested`, the claim's remedy), a flag when the plan offers anything else;
 *    otherwise a flag when the plan offers less than the strongest choice (return, then replacement, then
 *    repair; a refund counts as the return, money types other than a refund as none of them).
 * 4. The flags in the entitlements' order, each in zh-CN and en, naming the rule and its source.
 */
export function checkPlanAgainstStatute(
  plan: Pick<ResolutionPlan, 'type' | 'totalFen'>,
  entitlements: readonly Entitlement[],
  requested?: Remedy,
): PlanFlag[] {
  const cashFen = MONEY_TYPES.includes(plan.type) ? plan.totalFen : 0;
  const offered = GOODS_CHOICE_OF[plan.type];
  const asked = requested === undefined ? undefined : GOODS_CHOICE_OF[requested];
  const planWords = inSentence(RESOLUTION_TYPE_LABELS[plan.type]);
  const flags: PlanFlag[] = [];
  for (const e of entitlements) {
    const rule = { 'zh-CN': `${e.name['zh-CN']}，${e.source['zh-CN']}`, en: `${e.name.en}, ${e.source.en}` };
    if (e.amountKind === 'owed' && e.amountFen !== undefined && cashFen < e.amountFen) {
      const [cash, owed] = [formatFen(cashFen), formatFen(e.amountFen)];
      flags.push({
        ruleCode: e.ruleCode,
        reason: 'below_minimum',
        words: {
          'zh-CN': `方案现金合计 ${cash}，低于法定金额 ${owed}（${rule['zh-CN']}）`,
          en: `The plan pays ${cash} in cash, below the statutory amount of ${owed} (${rule.en})`,
        },
      });
    }
    const goods = GOODS_CHOICES.filter((c) => e.choices.includes(c));
    const strongest = goods[0];
    if (strongest === undefined) continue;
    if (asked !== undefined && goods.includes(asked)) {
      if (offered === asked) continue;
      const [askedZh, askedEn] = inSentence(CHOICE_LABELS[asked]);
      flags.push({
        ruleCode: e.ruleCode,
        reason: 'lacks_choice',
        words: {
          'zh-CN': `客户要求${askedZh}，依法可由客户选择，方案却是${planWords[0]}（${rule['zh-CN']}）`,
          en: `The customer asked for ${askedEn}, which the law lets them choose, but the plan offers ${planWords[1]} (${rule.en})`,
        },
      });
      continue;
    }
    const reaches =
      offered !== undefined && GOODS_CHOICES.indexOf(offered) <= GOODS_CHOICES.indexOf(strongest);
    if (reaches) continue;
    const choices = listWords(goods.map((c) => inSentence(CHOICE_LABELS[c])));
    flags.push({
      ruleCode: e.ruleCode,
      reason: 'lacks_choice',
      words: {
        'zh-CN': `客户依法可选择${choices['zh-CN']}，方案却是${planWords[0]}（${rule['zh-CN']}）`,
        en: `The customer may by law choose ${choices.en}, but the plan offers ${planWords[1]} (${rule.en})`,
      },
    });
  }
  return flags;
}
