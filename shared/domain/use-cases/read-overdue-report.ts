import * as z from '../../zod.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { StaffPrincipal } from '../principal.js';
import type { BlobStore } from '../../ports/blob-store.js';
import {
  LATEST_REPORT_KEY,
  readReportSummary,
  reportBase,
  type OverdueReportSummary,
} from './overdue-report.js';
import { requireReportReader } from './statistics.js';

const ReportDateSchema = z.iso.date();

/**
 * The most recent overdue report's summary, for the dashboard (SPEC §15).
 * 1. Managers, executives and admins only.
 * 2. Read the latest.json pointer the report writes (one GetObject, no listing).
 * 3. None yet → null: an ordinary state of a new installation, not an error (the dashboard says so).
 */
export async function latestOverdueReport(
  deps: { readonly reports: BlobStore },
  principal: StaffPrincipal,
): Promise<OverdueReportSummary | null> {
  requireReportReader(principal);
  return readReportSummary(deps.reports, LATEST_REPORT_KEY);
}

/**
 * One day's overdue.csv as stored. 1. Same roles; 2. the date must be YYYY-MM-DD (400);
 * 3. no report that day → 404.
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
  if (csv === null) throw new NotFoundError(`no overdue report for ${date}`);
  return csv;
}
