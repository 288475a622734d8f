import { writerContract } from '../support/contracts/claim-writer.js';
import { createTestTable } from '../support/dynamo.js';
import { writerFor } from '../support/fixtures.js';

writerContract('DynamoDB Local', async () => {
  const table = await createTestTable();
  return { store: table.store, money: table.money, writer: writerFor(table.store) };
});
