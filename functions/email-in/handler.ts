import { loadConfig } from '../../shared/runtime/config.js';
import { loadMailConfig } from '../../shared/runtime/mail-config.js';
import { buildEmailInDependencies } from '../../shared/runtime/email-in-composition.js';
import { createEmailIn } from './app.js';

/**
 * Email in (SQS consumer of the email-in queue): each record is SES's "Received" notification for a
 * message stored in the raw-mail bucket; it becomes a claim, a reply on one, or a quarantine record.
 */
export const handler = createEmailIn(buildEmailInDependencies(loadConfig(), loadMailConfig()));
