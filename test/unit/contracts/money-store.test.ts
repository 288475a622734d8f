import { inMemoryStores } from '../../contracts/stores.js';
import { moneyStoreContract } from '../../contracts/money-store.js';

moneyStoreContract(inMemoryStores);
