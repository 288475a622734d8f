import { Logger } from '@aws-lambda-powertools/logger';

/** One structured JSON logger per process (Powertools): request ids and cold starts come with every line. */
export const logger = new Logger({ serviceName: 'claims' });
