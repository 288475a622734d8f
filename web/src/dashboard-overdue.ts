import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import * as z from '../../shared/zod.js';
import { OverdueReportSummarySchema } from '../../shared/domain/use-cases/overdue-report.js';
import { apiUrl, request } from './api.js';
import { saveFile } from './download.js';
import { shortDate, t, type Lang } from './i18n.js';

/** GET /staff/reports/overdue/latest: the stored summary (the very schema the report writes) and its CSV path. */
const LatestReportSchema = z.extend(OverdueReportSummarySchema, { csvPath: z.string() });
type LatestReport = z.infer<typeof LatestReportSchema>;
const LatestAnswerSchema = z.object({ report: z.nullable(LatestReportSchema) });

type State =
  { kind: 'loading' } | { kind: 'none' } | { kind: 'refused' } | { kind: 'report'; report: LatestReport };

/** The latest nightly overdue report: totals, one row per unit and owner, and its CSV to download. */
export function OverdueReportPanel({ token, lang }: { token: string; lang: Lang }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [failed, setFailed] = useState(false);
  const auth = { authorization: `Bearer ${token}` };
  useEffect(() => {
    void request('GET', '/staff/reports/overdue/latest', { headers: auth }).then((r) => {
      const parsed = LatestAnswerSchema.safeParse(r.body);
      if (r.status !== 200 || !parsed.success) setState({ kind: 'refused' });
      else if (parsed.data.report === null) setState({ kind: 'none' });
      else setState({ kind: 'report', report: parsed.data.report });
    });
  }, [token]);
  const downloadCsv = async (date: string, path: string) => {
    setFailed(false);
    const response = await fetch(await apiUrl(path), { headers: auth });
    if (!response.ok) {
      setFailed(true);
      return;
    }
    saveFile(`overdue-${date}.csv`, await response.blob());
  };
  const download = (report: LatestReport) => downloadCsv(report.date, report.csvPath);
  // The managers' nightly mail links here with #overdue-csv=<date>: once signed in, that CSV downloads.
  useEffect(() => {
    const date = /^#overdue-csv=(\d{4}-\d{2}-\d{2})$/.exec(location.hash)?.[1];
    if (date !== undefined) void downloadCsv(date, `/staff/reports/overdue/${date}.csv`);
  }, [token]);
  return html`<section
    class="card"
    id="overdue-report"
    aria-labelledby="overdue-title"
    data-testid="overdue-report"
  >
    <h2 id="overdue-title">${t('overdueReport', lang)}</h2>
    ${state.kind === 'loading' ? html`<p aria-busy="true">…</p>` : null}
    ${state.kind === 'none' ? html`<p data-testid="no-report">${t('noOverdueReport', lang)}</p>` : null}
    ${state.kind === 'refused' ? html`<p class="error" role="alert">${t('overdueRefused', lang)}</p>` : null}
    ${state.kind === 'report' ? html`<${ReportBody} report=${state.report} lang=${lang} onDownload=${download} />` : null}
    ${failed ? html`<p class="error" role="alert">${t('overdueDownloadFailed', lang)}</p>` : null}
  </section>`;
}

function ReportBody({
  report,
  lang,
  onDownload,
}: {
  report: LatestReport;
  lang: Lang;
  onDownload: (report: LatestReport) => Promise<void>;
}) {
  return html`<p>
      ${t('reportDate', lang)}: <strong data-testid="report-date">${report.date}</strong> ·
      ${t('generatedAt', lang)}: ${shortDate(report.generatedAt, lang)} · ${t('overdueCount', lang)}:
      <strong data-testid="report-overdue">${report.overdue}</strong> · ${t('dueSoonCount', lang)}:
      ${report.dueSoon}
    </p>
    <div class="scroll" tabindex="0" role="region" aria-label=${t('overdueByOwner', lang)}>
      <table data-testid="overdue-by-owner">
        <caption>
          ${t('overdueByOwner', lang)}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('unit', lang)}</th>
            <th scope="col">${t('owner', lang)}</th>
            <th scope="col">${t('overdueCount', lang)}</th>
            <th scope="col">${t('dueSoonCount', lang)}</th>
          </tr>
        </thead>
        <tbody>
          ${
            report.byOwner.length === 0
              ? html`<tr>
                  <td colspan="4">${t('nothingOverdue', lang)}</td>
                </tr>`
              : report.byOwner.map(
                  (row) =>
                    html`<tr>
                      <th scope="row">${row.unitId}</th>
                      <td>${row.owner === '(unassigned)' ? t('unassigned', lang) : row.owner}</td>
                      <td class="amount">${row.overdue}</td>
                      <td class="amount">${row.dueSoon}</td>
                    </tr>`,
                )
          }
        </tbody>
      </table>
    </div>
    <p class="actions">
      <button type="button" class="secondary" onClick=${() => void onDownload(report)}>
        ${t('downloadOverdueCsv', lang)}
      </button>
    </p>`;
}
