import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';

/**
 * One structured JSON logger per process (Powertools). Its service name is the function's own
 * (POWERTOOLS_SERVICE_NAME, set per function by the CDK construct): an explicit `serviceName` would
 * override that variable, so it is given only where the variable is unset (local runs, tests).
 */
export const logger = new Logger(process.env.POWERTOOLS_SERVICE_NAME ? {} : { serviceName: 'claims-local' });

/**
 * Middy middleware for every handler: adds the Lambda request id, function name and cold-start flag to
 * each log line, and clears keys a previous invocation appended (resetKeys).
 */
export function lambdaContextLogging() {
  return injectLambdaContext(logger, { resetKeys: true });
}
