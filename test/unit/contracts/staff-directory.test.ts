import { inMemoryStores } from '../../contracts/stores.js';
import { staffDirectoryContract } from '../../contracts/staff-directory.js';

staffDirectoryContract(inMemoryStores);
