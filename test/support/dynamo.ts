import { randomUUID } from 'node:crypto';
import { localDynamoClient } from '../../infra/local/dynamodb-local.js';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoClaimStore } from '../../shared/adapters/dynamodb/claim-store.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { DynamoMoneyStore } from '../../shared/adapters/dynamodb/money-store.js';
import { DynamoCommitmentStore } from '../../shared/adapters/dynamodb/commitment-store.js';
import { DynamoCalendarStore } from '../../shared/adapters/dynamodb/calendar-store.js';
import { DynamoMailStore } from '../../shared/adapters/dynamodb/mail-store.js';
import { DynamoPolicyStore } from '../../shared/adapters/dynamodb/policy-store.js';
import { DynamoStaffDirectory } from '../../shared/adapters/dynamodb/staff-directory.js';
import type { StoreSubject } from '../contracts/stores.js';

export interface TestTable {
  readonly tableName: string;
  readonly endpoint: string;
  readonly client: DynamoDBDocumentClient;
  readonly store: DynamoClaimStore;
  readonly money: DynamoMoneyStore;
  /** Every item in the table. Tests only: proving what was (not) written is the one place a Scan belongs. */
  allItems(): Promise<Record<string, unknown>[]>;
}

/** A fresh table from the shared definition in the run's DynamoDB Local. */
export async function createTestTable(): Promise<TestTable> {
  const endpoint = inject('dynamoEndpoint');
  // Only the integration project starts DynamoDB Local (vitest.config.ts): anywhere else this is a mistake.
  if (!endpoint)
    throw new Error(
      'this run has no DynamoDB Local: a test that needs a table belongs under test/integration/',
    );
  const tableName = `test-${randomUUID()}`;
  const admin = localDynamoClient(endpoint);
  await ensureTable(admin, tableName);
  admin.destroy();
  const client = createDocumentClient({ endpoint });
  return {
    tableName,
    endpoint,
    client,
    store: new DynamoClaimStore(client, tableName),
    money: new DynamoMoneyStore(client, tableName),
    async allItems() {
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
        );
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return items;
    },
  };
}

/** The contract suites' DynamoDB subject: every store over one fresh table, as production wires them. */
export const dynamoStores: StoreSubject = {
  name: 'DynamoDB Local',
  hasMail: true,
  async fresh() {
    const table = await createTestTable();
    return {
      claims: table.store,
      money: table.money,
      commitments: new DynamoCommitmentStore(table.client, table.tableName),
      calendar: new DynamoCalendarStore(table.client, table.tableName),
      policy: new DynamoPolicyStore(table.client, table.tableName),
      mail: new DynamoMailStore(table.client, table.tableName),
      staff: new DynamoStaffDirectory(table.client, table.tableName),
    };
  },
};
