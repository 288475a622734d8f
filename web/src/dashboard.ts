import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import * as z from '../../shared/zod.js';
import type { MonthlyStatistics } from '../../shared/domain/use-cases/statistics.js';
import { request } from './api.js';
import { SignInCard, useStaffSession } from './auth.js';
import { BarTable, percent, sorted } from './bar-table.js';
import {
  MoneyPanel,
  MoneyStatsSchema,
  RootCausePanel,
  RootCausesSchema,
  SatisfactionPanel,
  SatisfactionStatsSchema,
  outcomeCsvRows,
} from './dashboard-outcomes.js';
import { OverdueReportPanel } from './dashboard-overdue.js';
import { valueOf } from './dom.js';
import { saveFile } from './download.js';
import {
  CATEGORY_LABELS,
  CLOCK_LABELS,
  currentLang,
  label,
  switchLangHref,
  t,
  thisMonth,
  type Lang,
} from './i18n.js';

const CountsSchema = z.record(z.string(), z.number());
const ClockStatsSchema = z.object({
  completed: z.number(),
  met: z.number(),
  missed: z.number(),
  attainment: z.nullable(z.number()),
  averageHours: z.nullable(z.number()),
  breaches: z.number(),
});
const StatsSchema = z.object({
  month: z.string(),
  volume: z.object({
    total: z.number(),
    byCategory: CountsSchema,
    byProduct: CountsSchema,
    byUnit: CountsSchema,
  }),
  repeatComplaints: z.number(),
  notAdmitted: z.number(),
  clocks: z.record(z.string(), ClockStatsSchema),
  money: MoneyStatsSchema,
  satisfaction: SatisfactionStatsSchema,
  topRootCauses: RootCausesSchema,
});
type Stats = z.infer<typeof StatsSchema>;
/** Compile-time check that what the API answers parses here (a field renamed there fails the build). */
export const statsShapeInSync: MonthlyStatistics extends Stats ? true : never = true;

const hours = (h: number | null) => (h === null ? '—' : h.toFixed(1));

/** RFC 4180 fields: quoted when they hold a comma, quote or line break. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Everything the page shows, as one CSV (section, key, value columns). */
export function statsCsv(stats: Stats): string {
  const rows: (string | number)[][] = [['month', 'section', 'key', 'measure', 'value']];
  const m = stats.month;
  rows.push([m, 'volume', 'total', 'claims', stats.volume.total]);
  rows.push([m, 'volume', 'repeat_complaints', 'claims', stats.repeatComplaints]);
  rows.push([m, 'volume', 'not_admitted', 'claims', stats.notAdmitted]);
  for (const [section, counts] of [
    ['category', stats.volume.byCategory],
    ['unit', stats.volume.byUnit],
    ['product', stats.volume.byProduct],
  ] as const)
    for (const [key, n] of Object.entries(counts)) rows.push([m, section, key, 'claims', n]);
  for (const [clock, c] of Object.entries(stats.clocks)) {
    rows.push([m, 'sla', clock, 'completed', c.completed]);
    rows.push([m, 'sla', clock, 'met', c.met]);
    rows.push([m, 'sla', clock, 'missed', c.missed]);
    rows.push([m, 'sla', clock, 'attainment', c.attainment === null ? '' : c.attainment.toFixed(4)]);
    rows.push([
      m,
      'sla',
      clock,
      'average_working_hours',
      c.averageHours === null ? '' : c.averageHours.toFixed(2),
    ]);
    rows.push([m, 'sla', clock, 'breaches', c.breaches]);
  }
  rows.push(...outcomeCsvRows(m, stats));
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function Dashboard({ token, lang }: { token: string; lang: Lang }) {
  const [month, setMonth] = useState(thisMonth());
  const [stats, setStats] = useState<Stats | null | 'refused'>(null);
  const load = (which: string) => {
    void request('GET', `/staff/stats?month=${encodeURIComponent(which)}`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => {
      const parsed = StatsSchema.safeParse(r.body);
      setStats(r.status === 200 && parsed.success ? parsed.data : 'refused');
    });
  };
  useEffect(() => load(month), []);
  const download = () => {
    if (stats === null || stats === 'refused') return;
    saveFile(
      `claims-stats-${stats.month}.csv`,
      new Blob([statsCsv(stats)], { type: 'text/csv;charset=utf-8' }),
    );
  };
  return html`<section>
    <form
      class="actions"
      onSubmit=${(e: Event) => {
        e.preventDefault();
        load(month);
      }}
    >
      <label for="month">${t('month', lang)}</label>
      <input id="month" type="month" value=${month} onInput=${(e: Event) => setMonth(valueOf(e))} />
      <button type="submit">${t('show', lang)}</button>
      ${
        stats && stats !== 'refused'
          ? html`<button type="button" class="secondary" onClick=${download}>
              ${t('downloadCsv', lang)}
            </button>`
          : null
      }
    </form>
    ${stats === null ? html`<p aria-busy="true">…</p>` : null}
    ${stats === 'refused' ? html`<p class="error" role="alert">${t('statsRefused', lang)}</p>` : null}
    ${
      stats && stats !== 'refused'
        ? html`<div class="card">
              <p>
                ${t('totalClaims', lang)}: <strong data-testid="total">${stats.volume.total}</strong> ·
                ${t('repeatComplaints', lang)}: ${stats.repeatComplaints} · ${t('notAdmittedCount', lang)}:
                ${stats.notAdmitted}
              </p>
            </div>
            <div class="card">
              <${BarTable}
                caption=${t('byCategory', lang)}
                keyLabel=${t('byCategory', lang)}
                rows=${sorted(stats.volume.byCategory).map((r) => ({ ...r, key: label(CATEGORY_LABELS, r.key, lang) }))}
                lang=${lang}
                testId="by-category"
              />
            </div>
            <div class="card">
              <${BarTable}
                caption=${t('byUnit', lang)}
                keyLabel=${t('byUnit', lang)}
                rows=${sorted(stats.volume.byUnit)}
                lang=${lang}
                testId="by-unit"
              />
            </div>
            <div class="card">
              <${BarTable}
                caption=${t('byProduct', lang)}
                keyLabel=${t('byProduct', lang)}
                rows=${sorted(stats.volume.byProduct)}
                lang=${lang}
                testId="by-product"
              />
            </div>
            <div class="card">
              <${BarTable}
                caption=${t('slaAttainment', lang)}
                keyLabel=${t('clock', lang)}
                rows=${Object.entries(stats.clocks).map(([clock, c]) => ({
                  key: label(CLOCK_LABELS, clock, lang),
                  value: c.attainment ?? 0,
                  shown: percent(c.attainment),
                }))}
                lang=${lang}
                testId="sla-attainment"
              />
            </div>
            <div class="card scroll" tabindex="0" role="region" aria-label=${t('timeToAnswer', lang)}>
              <table data-testid="clock-table">
                <caption>
                  ${t('timeToAnswer', lang)}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t('clock', lang)}</th>
                    <th scope="col">${t('completed', lang)}</th>
                    <th scope="col">${t('met', lang)}</th>
                    <th scope="col">${t('missed', lang)}</th>
                    <th scope="col">${t('attainment', lang)}</th>
                    <th scope="col">${t('averageHours', lang)}</th>
                    <th scope="col">${t('breaches', lang)}</th>
                  </tr>
                </thead>
                <tbody>
                  ${Object.entries(stats.clocks).map(
                    ([clock, c]) =>
                      html`<tr>
                        <th scope="row">${label(CLOCK_LABELS, clock, lang)}</th>
                        <td class="amount">${c.completed}</td>
                        <td class="amount">${c.met}</td>
                        <td class="amount">${c.missed}</td>
                        <td class="amount">${percent(c.attainment)}</td>
                        <td class="amount">${hours(c.averageHours)}</td>
                        <td class="amount">${c.breaches}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <${MoneyPanel} money=${stats.money} lang=${lang} />
            <${SatisfactionPanel} satisfaction=${stats.satisfaction} lang=${lang} />
            <${RootCausePanel} causes=${stats.topRootCauses} lang=${lang} />`
        : null
    }
    <${OverdueReportPanel} token=${token} lang=${lang} />
  </section>`;
}

function Page() {
  const lang = currentLang();
  document.documentElement.lang = lang;
  const session = useStaffSession();
  return html`<main class="wide">
    <header class="bar">
      <h1>${t('dashboard', lang)}</h1>
      <nav class="actions">
        <a href=${`/staff.html${lang === 'en' ? '?lang=en' : ''}`}>${t('backToConsole', lang)}</a>
        <a href=${switchLangHref(lang === 'en' ? 'zh-CN' : 'en')}>${t('switchTo', lang)}</a>
      </nav>
    </header>
    ${
      session.token
        ? html`<${Dashboard} token=${session.token} lang=${lang} />`
        : html`<${SignInCard} session=${session} />`
    }
  </main>`;
}

const root = document.getElementById('app');
if (root) render(html`<${Page} />`, root);
