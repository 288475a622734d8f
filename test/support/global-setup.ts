import type { TestProject } from 'vitest/node';
import { freePort, startDynamoLocal, type RunningDynamo } from '../../infra/local/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

let dynamo: RunningDynamo | undefined;

/** One in-memory DynamoDB Local per test run; each test file creates its own table in it. */
export async function setup(project: TestProject): Promise<void> {
  dynamo = await startDynamoLocal({ port: await freePort() });
  project.provide('dynamoEndpoint', dynamo.endpoint);
}

export async function teardown(): Promise<void> {
  await dynamo?.stop();
}
