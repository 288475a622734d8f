import { S3Client } from '@aws-sdk/client-s3';
import type { RuntimeConfig } from './config.js';

const clients = new WeakMap<RuntimeConfig, S3Client>();

/**
 * One S3 client per configuration, shared by every bucket a function reads or writes (email-in's raw mail
 * and evidence, the API's evidence and reports), as `documentClientFor` does for DynamoDB. Its own module,
 * so that only the functions that touch S3 carry the client.
 */
export function s3ClientFor(config: RuntimeConfig): S3Client {
  let client = clients.get(config);
  if (!client) {
    client = new S3Client(config.region ? { region: config.region } : {});
    clients.set(config, client);
  }
  return client;
}
