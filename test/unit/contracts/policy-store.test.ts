import { inMemoryStores } from '../../contracts/stores.js';
import { policyStoreContract } from '../../contracts/policy-store.js';

policyStoreContract(inMemoryStores);
