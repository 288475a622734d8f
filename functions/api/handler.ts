import { buildDependencies } from '../../shared/runtime/composition.js';
import { loadConfig } from '../../shared/runtime/config.js';
import { createApi } from './app.js';

/**
 * The claims HTTP API (API Gateway HTTP API, payload v2): public intake and tracking, and /staff/.
 * Configuration is checked and clients are built once per cold start, before the first request.
 */
export const handler = createApi(buildDependencies(loadConfig()));
