import { staffDirectoryContract } from '../../contracts/staff-directory.js';
import { dynamoStores } from '../../support/dynamo.js';

staffDirectoryContract(dynamoStores);
