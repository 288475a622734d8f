import { buildDependencies } from '../../shared/runtime/composition.js';
import { loadConfig } from '../../shared/runtime/config.js';
import { evidenceStorage } from '../../shared/runtime/evidence-storage.js';
import { reportStore } from '../../shared/runtime/report-store.js';
import { createApi } from './app.js';

/**
 * The claims HTTP API (API Gateway HTTP API, payload v2): public intake and tracking, and /staff/.
 * Configuration is checked and clients are built once per cold start, before the first request.
 */
const config = loadConfig();
// Evidence and reports stores are built here, not in buildDependencies, so the sweep and payout bundles
// carry no S3 client.
export const handler = createApi({
  ...buildDependencies(config),
  ...evidenceStorage(config),
  reports: reportStore(config),
});
