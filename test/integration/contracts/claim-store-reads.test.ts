import { claimStoreReadContract } from '../../contracts/claim-store-reads.js';
import { dynamoStores } from '../../support/dynamo.js';

claimStoreReadContract(dynamoStores);
