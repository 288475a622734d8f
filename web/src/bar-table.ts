import { html } from 'htm/preact';
import { t, type Lang } from './i18n.js';

export interface BarRow {
  readonly key: string;
  /** What the bar's length is proportional to. */
  readonly value: number;
  /** The figure as shown, when not the value itself (a percentage, an amount in yuan). */
  readonly shown?: string;
}

/** A bar chart that is a table: screen readers read the numbers, the bars are decoration. */
export function BarTable({
  caption,
  keyLabel,
  rows,
  lang,
  testId,
  valueLabel,
}: {
  caption: string;
  keyLabel: string;
  valueLabel?: string;
  rows: readonly BarRow[];
  lang: Lang;
  testId: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return html`<table class="bars" data-testid=${testId}>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${keyLabel}</th>
        <th scope="col">${valueLabel ?? t('count', lang)}</th>
        <th scope="col" aria-hidden="true"></th>
      </tr>
    </thead>
    <tbody>
      ${
        rows.length === 0
          ? html`<tr>
              <td colspan="3">${t('noData', lang)}</td>
            </tr>`
          : rows.map(
              (r) =>
                html`<tr>
                  <th scope="row">${r.key}</th>
                  <td class="amount">${r.shown ?? r.value}</td>
                  <td aria-hidden="true" class="bar-cell">
                    <span class="bar-fill" style=${`width: ${(r.value / max) * 100}%`}></span>
                  </td>
                </tr>`,
            )
      }
    </tbody>
  </table>`;
}

/** Counts as bar rows, largest first. */
export const sorted = (counts: Record<string, number>): BarRow[] =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([key, value]) => ({ key, value }));

/** A share as a whole percentage, or a dash when there is nothing to divide. */
export const percent = (share: number | null): string =>
  share === null ? '—' : `${Math.round(share * 100)}%`;
