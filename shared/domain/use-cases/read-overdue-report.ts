import * as z from '../../zod.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { formatDate } from '../shanghai-time.js';
import { CSV_BOM, csvRecords } from '../csv.js';
import type { OrgTree } from '../org-units.js';
import { canSee, seesWholeOrganisation, type StaffPrincipal } from '../principal.js';
import type { BlobStore } from '../../ports/blob-store.js';
import {
  LATEST_REPORT_KEY,
  REPORT_COLUMNS,
  readReportSummary,
  reportBase,
  type OverdueReportSummary,
} from './overdue-report.js';
import { requireReportReader } from './statistics.js';

const ReportDateSchema = z.iso.date();

const UNIT_PATH_COLUMN = REPORT_COLUMNS.indexOf('unit_path');

/**
 * The most recent overdue report's summary, for the dashboard (SPEC §15).
 * 1. Managers, executives and admins only.
 * 2. Read the latest.json pointer the report writes (one GetObject, no listing).
 * 3. None yet → null: an ordinary state of a new installation, not an error (the dashboard says so).
 * 4. Below HQ, keep the rows of the caller's units and recount the totals from them.
 */
export async function latestOverdueReport(
  deps: { readonly reports: BlobStore; readonly orgTree: OrgTree },
  principal: StaffPrincipal,
): Promise<OverdueReportSummary | null> {
  requireReportReader(principal);
  const summary = await readReportSummary(deps.reports, LATEST_REPORT_KEY);
  if (summary === null || seesWholeOrganisation(principal)) return summary;
  // A unit since removed from the settings has no place in the tree: only HQ still sees its rows.
  const byOwner = summary.byOwner.filter(
    (row) => deps.orgTree.has(row.unitId) && canSee(principal, deps.orgTree.pathOf(row.unitId)),
  );
  const overdue = byOwner.reduce((n, row) => n + row.overdue, 0);
  const dueSoon = byOwner.reduce((n, row) => n + row.dueSoon, 0);
  return { ...summary, byOwner, overdue, dueSoon, rows: overdue + dueSoon };
}

/**
 * One day's overdue.csv. 1. Same roles; 2. the date must be YYYY-MM-DD (400);
 * 3. no report that day → 404; 4. below HQ, only the header and the rows whose unit path holds the
 * caller's unit (the file names its unit path in every row, so no other read is needed).
 */
export async function overdueReportCsv(
  deps: { readonly reports: BlobStore },
  principal: StaffPrincipal,
  date: string,
): Promise<Uint8Array> {
  requireReportReader(principal);
  if (!ReportDateSchema.safeParse(date).success)
    throw new ValidationError('the report date is written YYYY-MM-DD', [
      { path: 'date', message: 'invalid date' },
    ]);
  const csv = await deps.reports.get(`${reportBase(date)}/overdue.csv`);
  if (csv === null)
    throw new NotFoundError(`no overdue report for ${date}`, {
      'zh-CN': `${formatDate(date, 'zh-CN')}的超时报告还没有生成。`,
      en: `There is no overdue report for ${formatDate(date, 'en')} yet.`,
    });
  if (seesWholeOrganisation(principal)) return csv;
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv);
  let kept = '';
  let header = true;
  for (const record of csvRecords(text.startsWith(CSV_BOM) ? text.slice(CSV_BOM.length) : text)) {
    const unitPath = record.cells[UNIT_PATH_COLUMN]?.split('/') ?? [];
    if (header || canSee(principal, unitPath)) kept += record.raw;
    header = false;
  }
  return new TextEncoder().encode(CSV_BOM + kept);
}
