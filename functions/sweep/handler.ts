import { sweepDeadlines } from '../../shared/domain/use-cases/sweep.js';
import { buildDependencies } from '../../shared/runtime/composition.js';
import { loadConfig } from '../../shared/runtime/config.js';
import { logger } from '../../shared/runtime/logger.js';
import { scheduledHandler } from '../../shared/runtime/sqs.js';

const deps = buildDependencies(loadConfig());

/**
 * The deadline sweep (EventBridge Scheduler, every 15 minutes). It sweeps as of the schedule's own time,
 * so a retried delivery of the same event does the same, already-done work: nothing.
 */
export const handler = scheduledHandler(async (event) => {
  const summary = await sweepDeadlines(deps, new Date(event.scheduledTime), (message) =>
    logger.info(message),
  );
  logger.info('deadline sweep done', { ...summary, executionId: event.executionId });
  return summary;
});
