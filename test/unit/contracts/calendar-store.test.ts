import { inMemoryStores } from '../../contracts/stores.js';
import { calendarStoreContract } from '../../contracts/calendar-store.js';

calendarStoreContract(inMemoryStores);
