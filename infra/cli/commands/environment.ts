import { LOCAL_TABLE_NAME } from '../../local/paths.js';
import { QUEUE_URL_VARIABLES, localQueueUrl } from '../../local/sqs-server.js';

/**
 * Commands that reach the table run against the local stack (`npm start`) unless TABLE_NAME is set,
 * in which case the environment says where (AWS credentials and region as usual). Locally they also send
 * to the stack's own SQS (SQS_PORT, as `npm start` reads it), so what they put on the notify queue (the
 * report's notices, the sweep's relayed outbox) reaches its consumer and the outbox at once, instead of
 * failing ("no URL configured") or waiting for the stack's catch-up relay.
 */
export function useLocalStackUnlessConfigured(): void {
  if (process.env['TABLE_NAME'] !== undefined) return;
  process.env['TABLE_NAME'] = LOCAL_TABLE_NAME;
  process.env['DYNAMODB_ENDPOINT'] ??= `http://127.0.0.1:${process.env['DYNAMODB_PORT'] ?? '8000'}`;
  process.env['AWS_REGION'] ??= 'local';
  const sqs = (process.env['SQS_ENDPOINT'] ??= `http://127.0.0.1:${process.env['SQS_PORT'] ?? '9324'}`);
  for (const [queue, variable] of Object.entries(QUEUE_URL_VARIABLES))
    process.env[variable] ??= localQueueUrl(sqs, queue);
}
