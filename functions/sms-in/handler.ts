import { clockFor } from '../../shared/runtime/composition.js';
import { loadConfig } from '../../shared/runtime/config.js';
import { mailStoreOf } from '../../shared/runtime/mail-composition.js';
import { lambdaTracing } from '../../shared/runtime/tracing.js';
import { createSmsIn } from './app.js';

/** SMS in: opt-out keywords customers text back to our number (End User Messaging two-way SMS). */
const config = loadConfig();
export const handler = createSmsIn({ mailStore: mailStoreOf(config), clock: clockFor(config) }).use(
  lambdaTracing(),
);
