import { policyStoreContract } from '../../contracts/policy-store.js';
import { dynamoStores } from '../../support/dynamo.js';

policyStoreContract(dynamoStores);
