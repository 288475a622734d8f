import {
  latestOverdueReport,
  overdueReportCsv,
} from '../../../shared/domain/use-cases/read-overdue-report.js';
import type { Route } from '../../../shared/runtime/http/router.js';
import { HttpError, json } from '../../../shared/runtime/http/types.js';
import type { ApiDependencies } from '../routes.js';
import { principalOf } from './helpers.js';

/**
 * A Lambda response is at most 6 MB as JSON, CSV quotes escaped included; 4 MiB of CSV (about 25,000
 * overdue clocks) leaves room. A larger report stays in the reports bucket for operators.
 */
export const MAX_CSV_RESPONSE_BYTES = 4 * 1024 * 1024;

/** The nightly overdue report, read back: its summary for the dashboard and its CSV as a download. */
export const reportRoutes: readonly Route<ApiDependencies>[] = [
  {
    method: 'GET',
    path: '/staff/reports/overdue/latest',
    async handle(event, _params, deps) {
      const summary = await latestOverdueReport(deps, principalOf(event, deps));
      // Before the first night there is simply no report yet: 200 with null, so the page shows that
      // without a failed request in the browser's console.
      return json(200, {
        report:
          summary === null ? null : { ...summary, csvPath: `/staff/reports/overdue/${summary.date}.csv` },
      });
    },
  },
  {
    method: 'GET',
    path: '/staff/reports/overdue/{date}.csv',
    async handle(event, params, deps) {
      const date = params['date'] ?? '';
      const csv = await overdueReportCsv(deps, principalOf(event, deps), date);
      if (csv.byteLength > MAX_CSV_RESPONSE_BYTES)
        throw new HttpError(
          413,
          'REPORT_TOO_LARGE',
          `the report of ${date} is ${csv.byteLength} bytes, more than the API returns; it is in the reports bucket under reports/overdue/${date}/`,
        );
      return {
        statusCode: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="overdue-${date}.csv"`,
          'cache-control': 'no-store',
        },
        // ignoreBOM keeps the byte-order mark the report starts with (spreadsheets need it for UTF-8).
        body: new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv),
      };
    },
  },
];
