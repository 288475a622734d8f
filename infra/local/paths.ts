import { resolve } from 'node:path';

/** Where local state lives (git-ignored): DynamoDB Local's files, the local signing keys, later the outbox. */
export const DATA_DIR = resolve(process.env['CLAIMS_DATA_DIR'] ?? '.data');
export const DYNAMO_DATA_DIR = resolve(DATA_DIR, 'dynamodb');
export const LOCAL_KEYS_FILE = resolve(DATA_DIR, 'local-auth', 'keys.json');
export const LOCAL_TABLE_NAME = 'claims-local';
