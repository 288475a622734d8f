import { overdueReport } from '../../shared/domain/use-cases/overdue-report.js';
import { buildDependencies, documentClientFor } from '../../shared/runtime/composition.js';
import { loadConfig } from '../../shared/runtime/config.js';
import { logger } from '../../shared/runtime/logger.js';
import { BUSINESS_METRICS, recordMetric } from '../../shared/runtime/metrics.js';
import { reportStore } from '../../shared/runtime/report-store.js';
import { s3ClientFor } from '../../shared/runtime/s3-client.js';
import { scheduledHandler } from '../../shared/runtime/sqs.js';
import { lambdaTracing, traceClients } from '../../shared/runtime/tracing.js';
import { withCurrentPolicy } from '../../shared/runtime/current-policy.js';

const config = loadConfig();
// Read-only on the table (least privilege): in a table without a policy yet it uses POLICY_SETTINGS unsaved.
const coldStart = { ...buildDependencies(config, { readOnly: true }), reports: reportStore(config) };
// The report's time grows with the overdue clocks it reads and the files it writes: trace both.
traceClients(documentClientFor(config), s3ClientFor(config));

/**
 * The nightly overdue report (EventBridge Scheduler, 02:00 Asia/Shanghai). Named by the schedule's date,
 * so a retried delivery rewrites the same files and its summary intents carry the same ids.
 */
export const handler = scheduledHandler(async (event) => {
  const report = await overdueReport(await withCurrentPolicy(coldStart), new Date(event.scheduledTime));
  logger.info('overdue report written', { ...report, executionId: event.executionId });
  // The heartbeat the missing-report alarm watches.
  recordMetric(BUSINESS_METRICS.overdueReportWritten);
  return report;
}).use(lambdaTracing());
