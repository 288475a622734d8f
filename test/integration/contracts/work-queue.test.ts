import { workQueueContract } from '../../contracts/work-queue.js';
import { dynamoStores } from '../../support/dynamo.js';

workQueueContract(dynamoStores);
