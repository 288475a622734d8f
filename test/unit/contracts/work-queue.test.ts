import { inMemoryStores } from '../../contracts/stores.js';
import { workQueueContract } from '../../contracts/work-queue.js';

workQueueContract(inMemoryStores);
