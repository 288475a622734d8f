// The cold-start baseline: a function that only creates the DynamoDB client (the least any handler loads).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const client = new DynamoDBClient({});
