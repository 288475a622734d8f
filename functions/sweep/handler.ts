import { autoCloseQuietClaims } from '../../shared/domain/use-cases/customer-decision.js';
import { sweepDeadlines } from '../../shared/domain/use-cases/sweep.js';
import { buildDependencies } from '../../shared/runtime/composition.js';
import { loadConfig } from '../../shared/runtime/config.js';
import { logger } from '../../shared/runtime/logger.js';
import { missingHolidayYears } from '../../shared/domain/calendar/holiday-coverage.js';
import { BUSINESS_METRICS, recordMetric } from '../../shared/runtime/metrics.js';
import { scheduledHandler } from '../../shared/runtime/sqs.js';
import { withCurrentPolicy } from '../../shared/runtime/current-policy.js';

const coldStart = buildDependencies(loadConfig());

/**
 * The deadline sweep (EventBridge Scheduler, every 15 minutes). It sweeps as of the schedule's own time,
 * so a retried delivery of the same event does the same, already-done work: nothing.
 * 1. Sweep the deadline index: warnings, breaches, escalations, severity by time, outbox catch-up.
 * 2. Close executed claims whose quiet period has passed (SPEC §11), as of the same time.
 * 3. Report breaches and the holiday years the calendar lacks as metrics (the alarms watch them).
 */
export const handler = scheduledHandler(async (event) => {
  const now = new Date(event.scheduledTime);
  const deps = await withCurrentPolicy(coldStart);
  const summary = await sweepDeadlines(deps, now, (message) => logger.info(message));
  const closure = await autoCloseQuietClaims(deps, now);
  const missingYears = missingHolidayYears((await deps.calendars.current()).scheduledYears, now);
  logger.info('deadline sweep done', {
    ...summary,
    autoClosed: closure.closed.length,
    missingHolidayYears: missingYears,
    executionId: event.executionId,
  });
  recordMetric(BUSINESS_METRICS.deadlineBreached, summary.breaches);
  recordMetric(BUSINESS_METRICS.holidayYearsMissing, missingYears.length);
  return { ...summary, autoClosed: closure.closed };
});
