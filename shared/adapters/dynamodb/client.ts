import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoClientOptions {
  /** Set for DynamoDB Local; absent in AWS. */
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
}

/** Built once per cold start by the composition root; undefined values are dropped, never stored. */
export function createDocumentClient(options: DynamoClientOptions = {}): DynamoDBDocumentClient {
  const base = new DynamoDBClient({
    ...(options.region ? { region: options.region } : {}),
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          // DynamoDB Local accepts any credentials; these keep the SDK from searching for real ones.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          region: options.region ?? 'local',
        }
      : {}),
    maxAttempts: 4,
  });
  return DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
