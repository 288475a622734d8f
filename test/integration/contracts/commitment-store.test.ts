import { commitmentStoreContract } from '../../contracts/commitment-store.js';
import { dynamoStores } from '../../support/dynamo.js';

commitmentStoreContract(dynamoStores);
