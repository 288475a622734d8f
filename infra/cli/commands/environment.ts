import { LOCAL_TABLE_NAME } from '../../local/paths.js';

/**
 * Commands that reach the table run against the local stack (`npm start`) unless TABLE_NAME is set,
 * in which case the environment says where (AWS credentials and region as usual).
 */
export function useLocalStackUnlessConfigured(): void {
  if (process.env['TABLE_NAME'] !== undefined) return;
  process.env['TABLE_NAME'] = LOCAL_TABLE_NAME;
  process.env['DYNAMODB_ENDPOINT'] ??= `http://127.0.0.1:${process.env['DYNAMODB_PORT'] ?? '8000'}`;
  process.env['AWS_REGION'] ??= 'local';
}
