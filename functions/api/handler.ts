import { buildDependencies } from '../../shared/runtime/composition.js';
import { loadConfig } from '../../shared/runtime/config.js';
import { reportStore } from '../../shared/runtime/report-store.js';
import { createApi } from './app.js';

/**
 * The claims HTTP API (API Gateway HTTP API, payload v2): public intake and tracking, and /staff/.
 * Configuration is checked and clients are built once per cold start, before the first request.
 */
const config = loadConfig();
// The reports store is built here, not in buildDependencies, so only the API and report bundles carry S3.
export const handler = createApi({ ...buildDependencies(config), reports: reportStore(config) });
