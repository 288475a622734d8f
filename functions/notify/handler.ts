import { loadConfig } from '../../shared/runtime/config.js';
import { loadMailConfig } from '../../shared/runtime/mail-config.js';
import { buildNotifyDependencies } from '../../shared/runtime/mail-composition.js';
import { createNotify } from './app.js';

/** Notifications out (SQS consumer of the notify queue): render, build MIME once, send, record. */
export const handler = createNotify(buildNotifyDependencies(loadConfig(), loadMailConfig()));
