import { ValidationError } from '../errors.js';
import { formatFen, type Fen } from '../money.js';
import { daysBetweenDates, formatDate, shanghaiDate } from '../shanghai-time.js';
import type { StatutoryFactName, StatutoryFacts } from './remedy-facts.js';
import {
  ruleEnabled,
  ruleInForce,
  type RuleOf,
  type StatutoryRule,
  type StatutoryRuleCode,
  type StatutoryRuleSet,
} from './remedy-rules.js';
import {
  CHOICE_LABELS,
  EXCLUSION_LABELS,
  FACT_LABELS,
  PURCHASE_CHANNEL_LABELS,
  dayWords,
  inSentence,
  listWords,
  sourceWords,
  type LocalizedText,
  type StatutoryChoice,
} from './remedy-words.js';

/** What the law owes the customer under one rule, in words for staff and legal. */
export interface Entitlement {
  readonly ruleCode: StatutoryRuleCode;
  /** The rule's name, as the rule set words it. */
  readonly name: LocalizedText;
  /** The remedies the customer may choose between (the choice is theirs, not the company's). */
  readonly choices: readonly StatutoryChoice[];
  /** The sum the rule sets, where it sets one. */
  readonly amountFen?: Fen;
  /** `owed`: the law's amount, a plan must pay at least it; `up_to`: a ceiling the law allows claiming. */
  readonly amountKind?: 'owed' | 'up_to';
  /** Why it applies: the facts and figures the rule matched. */
  readonly reason: LocalizedText;
  readonly source: LocalizedText;
  /** The entitlement itself, e.g. "退一赔三：¥597.00（3 × ¥199.00），不低于 ¥500.00 → ¥597.00". */
  readonly words: LocalizedText;
}

/** A rule that cannot be decided yet: the facts it needs first. */
export interface FactsNeeded {
  readonly ruleCode: StatutoryRuleCode;
  readonly missing: readonly StatutoryFactName[];
  readonly words: LocalizedText;
}

/** A rule whose subject matches but which a limit or an exclusion of the law rules out, and why. */
export interface RuledOut {
  readonly ruleCode: StatutoryRuleCode;
  readonly reason: LocalizedText;
  readonly source: LocalizedText;
  readonly words: LocalizedText;
}

export interface StatutoryAssessment {
  readonly entitlements: readonly Entitlement[];
  readonly factsNeeded: readonly FactsNeeded[];
  readonly ruledOut: readonly RuledOut[];
}

type Finding =
  | {
      readonly status: 'applies';
      readonly choices: readonly StatutoryChoice[];
      readonly amountFen?: Fen;
      readonly amountKind?: 'owed' | 'up_to';
      readonly reason: LocalizedText;
      /** The entitlement after the rule's name; absent: the choices in words. */
      readonly statement?: LocalizedText;
    }
  | { readonly status: 'needs'; readonly missing: readonly StatutoryFactName[] }
  | { readonly status: 'ruled_out'; readonly reason: LocalizedText };

/**
 * The statutory entitlements of a claim (issue 24), pure: the rule set, the facts and the instant the claim
 * was reported (or is decided) are all arguments. Days are whole Asia/Shanghai calendar days from the receipt
 * (art. 24, 25) or the sale (三包) to the report date: received on 1 Dec and reported on 8 Dec is day 7.
 * Each rule applies in the version in force on the purchase date (unless an admin switched it off); without one, no rule is decided and each
 * that could apply asks for it. Rules come back in the rule set's order. Facts dated after the report date
 * are refused (ValidationError).
 */
export function assessStatutoryRemedies(
  ruleSet: StatutoryRuleSet,
  facts: StatutoryFacts,
  reportedAt: Date,
): StatutoryAssessment {
  const today = shanghaiDate(reportedAt);
  const entitlements: Entitlement[] = [];
  const factsNeeded: FactsNeeded[] = [];
  const ruledOut: RuledOut[] = [];
  for (const code of new Set(ruleSet.rules.map((r) => r.code))) {
    // Without a purchase date the version in force today stands in, only to learn which other facts the
    // rule needs: nothing is decided on it.
    const rule = ruleInForce(ruleSet, code, facts.purchaseDate ?? today);
    // A rule switched off by an admin decides nothing (the entry in force is off: no older one stands in).
    if (!rule || !ruleEnabled(rule)) continue;
    const found = evaluate(rule, facts, today);
    if (!found) continue;
    const name = rule.name;
    if (found.status === 'needs' || facts.purchaseDate === undefined) {
      const open = found.status === 'needs' ? found.missing : [];
      const missing =
        facts.purchaseDate === undefined ? [...new Set(['purchaseDate' as const, ...open])] : open;
      const needed = listWords(
        missing.map((fact) => FACT_LABELS[fact]),
        ['和', 'and'],
      );
      factsNeeded.push({
        ruleCode: code,
        missing,
        words: {
          'zh-CN': `${name['zh-CN']}：需先确认${needed['zh-CN']}`,
          en: `${name.en}: needs ${needed.en} before it can be decided`,
        },
      });
    } else if (found.status === 'ruled_out') {
      ruledOut.push({
        ruleCode: code,
        reason: found.reason,
        source: sourceWords(rule.source),
        words: {
          'zh-CN': `${name['zh-CN']}不适用：${found.reason['zh-CN']}`,
          en: `${name.en} does not apply: ${found.reason.en}`,
        },
      });
    } else {
      const statement = found.statement ?? choiceWords(found.choices);
      entitlements.push({
        ruleCode: code,
        name,
        choices: found.choices,
        ...(found.amountFen === undefined
          ? {}
          : { amountFen: found.amountFen, amountKind: found.amountKind }),
        reason: found.reason,
        source: sourceWords(rule.source),
        words: { 'zh-CN': `${name['zh-CN']}：${statement['zh-CN']}`, en: `${name.en}: ${statement.en}` },
      });
    }
  }
  return { entitlements, factsNeeded, ruledOut };
}

function evaluate(rule: StatutoryRule, f: StatutoryFacts, today: string): Finding | null {
  switch (rule.code) {
    case 'quality_return':
      return qualityReturn(rule, f, today);
    case 'distance_return':
      return distanceReturn(rule, f, today);
    case 'fraud_compensation':
      return fraudCompensation(rule, f);
    case 'harm_punitive':
      return harmPunitive(rule, f);
    case 'food_safety':
      return foodSafety(rule, f);
    case 'three_guarantees':
      return threeGuarantees(rule, f, today);
  }
}

/** The named facts not known yet; null when all are. */
function needs(f: StatutoryFacts, names: readonly StatutoryFactName[]): Finding | null {
  const missing = names.filter((name) => f[name] === undefined);
  return missing.length > 0 ? { status: 'needs', missing } : null;
}

/** Calendar days from a fact's date to the report date; a fact dated after the report is an input error. */
function daysSince(date: string, today: string, fact: StatutoryFactName): number {
  const days = daysBetweenDates(date, today);
  if (days < 0)
    throw new ValidationError(`the ${fact} is after the report date`, [
      { path: fact, message: 'must not be later than the report date', code: 'future_date' },
    ]);
  return days;
}

function withinWords(days: number, since: 'receipt' | 'sale', limit: number): LocalizedText {
  const day = dayWords(days, since);
  return days <= limit
    ? { 'zh-CN': `${day['zh-CN']}，在 ${limit} 日内`, en: `${day.en}, within ${limit} days` }
    : { 'zh-CN': `${day['zh-CN']}，已过 ${limit} 日`, en: `${day.en}, past ${limit} days` };
}

function choiceWords(choices: readonly StatutoryChoice[]): LocalizedText {
  const listed = listWords(choices.map((c) => inSentence(CHOICE_LABELS[c])));
  return choices.length === 1
    ? { 'zh-CN': `可要求${listed['zh-CN']}`, en: `the customer may ask for ${listed.en}` }
    : { 'zh-CN': `可选择${listed['zh-CN']}`, en: `the customer may choose ${listed.en}` };
}

/** "¥597.00（3 × ¥199.00）" / "¥597.00 (3 × ¥199.00)"; of the loss: "（3 × 损失 ¥300.00）" / "(3 × the loss of ¥300.00)". */
function timesWords(
  multiplier: number,
  baseFen: Fen,
  base: 'price' | 'loss',
): { fen: Fen; words: LocalizedText } {
  const fen = multiplier * baseFen;
  const [product, of] = [formatFen(fen), formatFen(baseFen)];
  return {
    fen,
    words:
      base === 'price'
        ? { 'zh-CN': `${product}（${multiplier} × ${of}）`, en: `${product} (${multiplier} × ${of})` }
        : {
            'zh-CN': `${product}（${multiplier} × 损失 ${of}）`,
            en: `${product} (${multiplier} × the loss of ${of})`,
          },
  };
}

/** The law's sum raised to its minimum: "…，不低于 ¥500.00 → ¥500.00" / "…, at least ¥500.00 → ¥500.00". */
function owedAtLeast(
  computed: { fen: Fen; words: LocalizedText },
  minimumFen: Fen,
): { amountFen: Fen; amountKind: 'owed'; statement: LocalizedText } {
  const amountFen = Math.max(computed.fen, minimumFen);
  const [minimum, owed] = [formatFen(minimumFen), formatFen(amountFen)];
  return {
    amountFen,
    amountKind: 'owed',
    statement: {
      'zh-CN': `${computed.words['zh-CN']}，不低于 ${minimum} → ${owed}`,
      en: `${computed.words.en}, at least ${minimum} → ${owed}`,
    },
  };
}

function qualityReturn(rule: RuleOf<'quality_return'>, f: StatutoryFacts, today: string): Finding | null {
  if (f.qualityDefect === false) return null;
  const missing = needs(f, ['qualityDefect', 'receiptDate']);
  if (missing || !f.receiptDate) return missing;
  const { returnDays } = rule.params;
  const days = daysSince(f.receiptDate, today, 'receiptDate');
  const when = withinWords(days, 'receipt', returnDays);
  return days <= returnDays
    ? {
        status: 'applies',
        choices: ['return', 'replace', 'repair'],
        reason: {
          'zh-CN': `商品不符合质量要求，${when['zh-CN']}`,
          en: `The goods do not meet quality requirements; ${when.en}`,
        },
      }
    : {
        status: 'applies',
        choices: ['replace', 'repair'],
        reason: {
          'zh-CN': `商品不符合质量要求，${when['zh-CN']}：符合法定解除合同条件的，可要求更换、修理`,
          en: `The goods do not meet quality requirements; ${when.en}: replacement or repair where the legal conditions for ending the contract are met`,
        },
      };
}

function distanceReturn(rule: RuleOf<'distance_return'>, f: StatutoryFacts, today: string): Finding | null {
  if (f.purchaseChannel === 'in_store') return null;
  const missing = needs(f, ['purchaseChannel', 'receiptDate', 'exclusions']);
  if (missing || !f.purchaseChannel || !f.receiptDate || !f.exclusions) return missing;
  const excluded = rule.params.exclusions.filter((e) => f.exclusions?.includes(e));
  if (excluded.length > 0)
    return {
      status: 'ruled_out',
      reason: listWords(
        excluded.map((e) => EXCLUSION_LABELS[e]),
        ['、', 'and'],
      ),
    };
  const { returnDays } = rule.params;
  const days = daysSince(f.receiptDate, today, 'receiptDate');
  const when = withinWords(days, 'receipt', returnDays);
  if (days > returnDays) return { status: 'ruled_out', reason: when };
  const [zh, en] = PURCHASE_CHANNEL_LABELS[f.purchaseChannel];
  return {
    status: 'applies',
    choices: ['return'],
    reason: {
      'zh-CN': `${zh}，${when['zh-CN']}，且不属于除外商品`,
      en: `${en}; ${when.en}, and not goods the law excludes`,
    },
  };
}

function fraudCompensation(rule: RuleOf<'fraud_compensation'>, f: StatutoryFacts): Finding | null {
  if (f.fraudFound === false) return null;
  const missing = needs(f, ['fraudFound', 'pricePaidFen']);
  if (missing || f.pricePaidFen === undefined) return missing;
  const { priceMultiplier, minimumFen } = rule.params;
  const price = formatFen(f.pricePaidFen);
  return {
    status: 'applies',
    choices: ['refund', 'compensation'],
    reason: {
      'zh-CN': `经认定存在欺诈：除退还价款 ${price} 外，增加赔偿价款的 ${priceMultiplier} 倍`,
      en: `Fraud was found: besides refunding the price of ${price}, an increased compensation of ${priceMultiplier} times the price`,
    },
    ...owedAtLeast(timesWords(priceMultiplier, f.pricePaidFen, 'price'), minimumFen),
  };
}

function harmPunitive(rule: RuleOf<'harm_punitive'>, f: StatutoryFacts): Finding | null {
  if (f.knowinglyDefectiveSeriousHarm === false) return null;
  const missing = needs(f, ['knowinglyDefectiveSeriousHarm', 'lossFen']);
  if (missing || f.lossFen === undefined) return missing;
  const most = timesWords(rule.params.lossMultiplier, f.lossFen, 'loss');
  return {
    status: 'applies',
    choices: ['compensation'],
    amountFen: most.fen,
    amountKind: 'up_to',
    reason: {
      'zh-CN': '经营者明知商品存在缺陷仍然提供，造成死亡或健康严重损害：除赔偿损失外',
      en: 'Goods known to be defective were supplied and caused death or serious harm to health: besides compensating the loss',
    },
    statement: { 'zh-CN': `最高 ${most.words['zh-CN']}`, en: `up to ${most.words.en}` },
  };
}

function foodSafety(rule: RuleOf<'food_safety'>, f: StatutoryFacts): Finding | null {
  if (f.isFood === false || f.foodBelowSafetyStandard === false) return null;
  if (f.isFood && f.foodBelowSafetyStandard && f.labellingFlawOnly)
    return {
      status: 'ruled_out',
      reason: {
        'zh-CN': '仅为不影响食品安全且不会对消费者造成误导的标签、说明书瑕疵',
        en: 'the only flaw is in the label or instructions, and it neither affects food safety nor misleads',
      },
    };
  const missing = needs(f, ['isFood', 'foodBelowSafetyStandard', 'labellingFlawOnly', 'pricePaidFen']);
  if (missing || f.pricePaidFen === undefined) return missing;
  const { priceMultiplier, lossMultiplier, minimumFen } = rule.params;
  const byPrice = timesWords(priceMultiplier, f.pricePaidFen, 'price');
  const byLoss = f.lossFen === undefined ? undefined : timesWords(lossMultiplier, f.lossFen, 'loss');
  const computed =
    byLoss === undefined
      ? byPrice
      : {
          fen: Math.max(byPrice.fen, byLoss.fen),
          words: {
            'zh-CN': `${byPrice.words['zh-CN']}与 ${byLoss.words['zh-CN']}取高者`,
            en: `the higher of ${byPrice.words.en} and ${byLoss.words.en}`,
          },
        };
  const basis = `除赔偿损失外，可要求价款 ${priceMultiplier} 倍或损失 ${lossMultiplier} 倍的赔偿金`;
  const basisEn = `besides compensating the loss, ${priceMultiplier} times the price or ${lossMultiplier} times the loss`;
  return {
    status: 'applies',
    choices: ['compensation'],
    reason:
      byLoss === undefined
        ? {
            'zh-CN': `食品不符合食品安全标准：${basis}（损失尚未评估，按价款计算）`,
            en: `The food does not meet food safety standards: ${basisEn} (the loss is not assessed yet, so counted on the price)`,
          }
        : {
            'zh-CN': `食品不符合食品安全标准：${basis}`,
            en: `The food does not meet food safety standards: ${basisEn}`,
          },
    ...owedAtLeast(computed, minimumFen),
  };
}

function threeGuarantees(rule: RuleOf<'three_guarantees'>, f: StatutoryFacts, today: string): Finding | null {
  if (f.threeGuaranteesCovered === false || f.qualityDefect === false) return null;
  const missing = needs(f, ['threeGuaranteesCovered', 'qualityDefect', 'purchaseDate']);
  if (missing || !f.purchaseDate) return missing;
  const { returnDays, replaceDays, repairsBeforeReplacement } = rule.params;
  const days = daysSince(f.purchaseDate, today, 'purchaseDate');
  const failure = (when: LocalizedText): LocalizedText => ({
    'zh-CN': `三包商品发生性能故障，${when['zh-CN']}`,
    en: `A performance failure of a covered product; ${when.en}`,
  });
  if (days <= returnDays)
    return {
      status: 'applies',
      choices: ['return', 'replace', 'repair'],
      reason: failure(withinWords(days, 'sale', returnDays)),
    };
  if (days <= replaceDays)
    return {
      status: 'applies',
      choices: ['replace', 'repair'],
      reason: failure(withinWords(days, 'sale', replaceDays)),
    };
  if (!f.warrantyEndsOn) return { status: 'needs', missing: ['warrantyEndsOn'] };
  const [endZh, endEn] = [formatDate(f.warrantyEndsOn, 'zh-CN'), formatDate(f.warrantyEndsOn, 'en')];
  if (today > f.warrantyEndsOn)
    return {
      status: 'ruled_out',
      reason: { 'zh-CN': `三包有效期已于 ${endZh}届满`, en: `the warranty ended on ${endEn}` },
    };
  if (f.failedRepairsInWarranty === undefined)
    return { status: 'needs', missing: ['failedRepairsInWarranty'] };
  const repairs = f.failedRepairsInWarranty;
  return repairs >= repairsBeforeReplacement
    ? {
        status: 'applies',
        choices: ['replace', 'return'],
        reason: failure({
          'zh-CN': `三包有效期内已修理 ${repairs} 次仍不能正常使用`,
          en: `still not working after ${repairs} repairs within the warranty`,
        }),
      }
    : {
        status: 'applies',
        choices: ['repair'],
        reason: failure({
          'zh-CN': `在三包有效期内（至 ${endZh}）`,
          en: `within the warranty (until ${endEn})`,
        }),
      };
}
