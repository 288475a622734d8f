import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { request } from './api.js';
import { SessionExpiredBanner, SignInCard, useStaffSession } from './auth.js';
import { BarTable, percent, sorted } from './bar-table.js';
import { MoneyPanel, RootCausePanel, SatisfactionPanel } from './dashboard-outcomes.js';
import { StatsSchema, productRows, statsCsv, type Stats } from './stats-csv.js';
import { OverdueReportPanel } from './dashboard-overdue.js';
import { StatutoryPanel } from './dashboard-statutory.js';
import { MeSchema } from './staff/schemas.js';
import { OperatorBanner, type Notices } from './operator-notices.js';
import { valueOf } from './dom.js';
import { categoryLabel, useCategories } from './staff/categories.js';
import { saveFile } from './download.js';
import { CLOCK_LABELS, currentLang, label, switchLangHref, t, thisMonth, type Lang } from './i18n.js';

const hours = (h: number | null) => (h === null ? '—' : h.toFixed(1));

function Dashboard({ token, lang }: { token: string; lang: Lang }) {
  const [month, setMonth] = useState(thisMonth());
  const [stats, setStats] = useState<Stats | null | 'refused'>(null);
  const auth = useMemo(() => ({ authorization: `Bearer ${token}` }), [token]);
  // The policy's category names (retired ones too: last month's claims may carry one).
  const categories = useCategories(auth);
  const load = (which: string) => {
    void request('GET', `/staff/stats?month=${encodeURIComponent(which)}`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => {
      const parsed = StatsSchema.safeParse(r.body);
      setStats(r.status === 200 && parsed.success ? parsed.data : 'refused');
    });
  };
  const [notices, setNotices] = useState<Notices | undefined>(undefined);
  useEffect(() => {
    load(month);
    void request('GET', '/staff/me', { headers: { authorization: `Bearer ${token}` } }).then((r) => {
      const parsed = MeSchema.safeParse(r.body);
      if (parsed.success) setNotices(parsed.data.notices);
    });
  }, []);
  const download = () => {
    if (stats === null || stats === 'refused') return;
    saveFile(
      `claims-stats-${stats.month}.csv`,
      new Blob([statsCsv(stats, (code) => categoryLabel(categories, code, lang))], {
        type: 'text/csv;charset=utf-8',
      }),
    );
  };
  return html`<section>
    <${OperatorBanner} notices=${notices} lang=${lang} />
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
                rows=${sorted(stats.volume.byCategory).map((r) => ({ ...r, key: categoryLabel(categories, r.key, lang) }))}
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
                caption=${t('topProductsCaption', lang)}
                keyLabel=${t('byProduct', lang)}
                rows=${productRows(stats, lang)}
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
                    <th scope="col">${t('misses', lang)}</th>
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
                        <td class="amount">${c.misses}</td>
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
            <${RootCausePanel} causes=${stats.topRootCauses} lang=${lang} />
            <${StatutoryPanel} stats=${stats.statutory} lang=${lang} />`
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
      session.token && !session.popup
        ? html`<${SessionExpiredBanner} session=${session} lang=${lang} />
            <${Dashboard} token=${session.token} lang=${lang} />`
        : html`<${SignInCard} session=${session} lang=${lang} />`
    }
  </main>`;
}

const root = document.getElementById('app');
if (root) render(html`<${Page} />`, root);
