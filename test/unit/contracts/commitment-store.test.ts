import { inMemoryStores } from '../../contracts/stores.js';
import { commitmentStoreContract } from '../../contracts/commitment-store.js';

commitmentStoreContract(inMemoryStores);
