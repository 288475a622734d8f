import { calendarStoreContract } from '../../contracts/calendar-store.js';
import { dynamoStores } from '../../support/dynamo.js';

calendarStoreContract(dynamoStores);
