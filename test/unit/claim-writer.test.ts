import { InMemoryClaimStore } from '../../shared/adapters/memory/claim-store.js';
import { InMemoryMoneyStore } from '../../shared/adapters/memory/money-store.js';
import { writerContract } from '../support/contracts/claim-writer.js';
import { writerFor } from '../support/fixtures.js';

writerContract('in memory', () => {
  const store = new InMemoryClaimStore();
  const money = new InMemoryMoneyStore(store);
  return Promise.resolve({ store, money, writer: writerFor(store, money) });
});
