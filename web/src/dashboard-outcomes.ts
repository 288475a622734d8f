import { html } from 'htm/preact';
import type { Money, RootCauses, Satisfaction } from './stats-csv.js';
import { BarTable, percent } from './bar-table.js';
import { ROOT_CAUSE_LABELS, label, t, yuan, type Lang } from './i18n.js';

/** Amounts paid, paid in advance (先行赔付) and recovered (追偿), in yuan; bars by fen. */
export function MoneyPanel({ money, lang }: { money: Money; lang: Lang }) {
  const rows = [
    { key: t('amountPaid', lang), value: money.paidFen, shown: yuan(money.paidFen) },
    { key: t('amountAdvanced', lang), value: money.advancedFen, shown: yuan(money.advancedFen) },
    { key: t('amountRecovered', lang), value: money.recoveredFen, shown: yuan(money.recoveredFen) },
  ];
  return html`<div class="card">
    <${BarTable}
      caption=${t('moneyThisMonth', lang)}
      keyLabel=${t('moneyKind', lang)}
      valueLabel=${t('amountYuanColumn', lang)}
      rows=${rows}
      lang=${lang}
      testId="money"
    />
    <p class="hint">
      ${t('moneyCounts', lang, {
        payouts: String(money.payoutsPaid),
        recoveries: String(money.recoveries),
      })}
    </p>
  </div>`;
}

/** Survey answers by rating, and the share satisfied or mostly satisfied. */
export function SatisfactionPanel({ satisfaction, lang }: { satisfaction: Satisfaction; lang: Lang }) {
  const rows =
    satisfaction.answers === 0
      ? []
      : [
          { key: t('satisfied', lang), value: satisfaction.satisfied },
          { key: t('basically_satisfied', lang), value: satisfaction.basicallySatisfied },
          { key: t('unsatisfied', lang), value: satisfaction.unsatisfied },
        ];
  return html`<div class="card">
    <p>
      ${t('satisfiedRate', lang)}:
      <strong data-testid="satisfied-rate">${percent(satisfaction.satisfiedRate)}</strong>
      (${t('surveyAnswers', lang, { n: String(satisfaction.answers) })})
    </p>
    <${BarTable}
      caption=${t('satisfactionTitle', lang)}
      keyLabel=${t('rating', lang)}
      rows=${rows}
      lang=${lang}
      testId="satisfaction"
    />
  </div>`;
}

/** Root causes of this month's findings, most frequent first. */
export function RootCausePanel({ causes, lang }: { causes: RootCauses; lang: Lang }) {
  return html`<div class="card">
    <${BarTable}
      caption=${t('topRootCauses', lang)}
      keyLabel=${t('rootCause', lang)}
      rows=${causes.map((c) => ({ key: label(ROOT_CAUSE_LABELS, c.rootCause, lang), value: c.claims }))}
      lang=${lang}
      testId="root-causes"
    />
  </div>`;
}
