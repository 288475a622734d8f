import { moneyStoreContract } from '../../contracts/money-store.js';
import { dynamoStores } from '../../support/dynamo.js';

moneyStoreContract(dynamoStores);
