import { inMemoryStores } from '../../contracts/stores.js';
import { claimStoreReadContract } from '../../contracts/claim-store-reads.js';

claimStoreReadContract(inMemoryStores);
