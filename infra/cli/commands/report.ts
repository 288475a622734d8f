import { parseArgs } from 'node:util';
import { z } from 'zod';
import { overdueReport } from '../../../shared/domain/use-cases/overdue-report.js';
import { buildDependencies } from '../../../shared/runtime/composition.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import { REPORTS_PREFIX, reportStore } from '../../../shared/runtime/report-store.js';
import { DATA_DIR } from '../../local/paths.js';
import { UsageError, type Command } from './command.js';
import { useLocalStackUnlessConfigured } from './environment.js';
import { withCurrentPolicy } from '../../../shared/runtime/current-policy.js';

/** `report`: write the overdue report now (as the 02:00 schedule does). */
export const reportCommand: Command = {
  name: 'report',
  usage: `report  write the overdue report (claims overdue or due within 2 working days) and notify managers
          --date <YYYY-MM-DD>         report as of 02:00 Shanghai that day (default: now, today's date)`,
  run: report,
};

async function report(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { date: { type: 'string' } } });
  const date = z.iso.date().optional().safeParse(values.date);
  if (!date.success) throw new UsageError('--date must be YYYY-MM-DD');
  useLocalStackUnlessConfigured();
  process.env['BLOB_DIR'] ??= `${DATA_DIR}/blobs`;
  const config = loadConfig();
  const deps = await withCurrentPolicy({ ...buildDependencies(config), reports: reportStore(config) });
  const now = date.data === undefined ? deps.clock.now() : new Date(`${date.data}T02:00:00+08:00`);
  console.error(`Writing the overdue report as of ${now.toISOString()}…`);
  const result = await overdueReport(deps, now);
  const where = config.reportsBucket
    ? `s3://${config.reportsBucket}/${REPORTS_PREFIX}`
    : `${config.blobDir ?? ''}/${REPORTS_PREFIX}`;
  console.error(
    `${result.rows} rows: ${result.overdue} overdue, ${result.dueSoon} due soon, ${result.units.length} units told`,
  );
  console.log(`${where}${result.key}`);
}
