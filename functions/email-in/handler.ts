import { documentClientFor } from '../../shared/runtime/composition.js';
import { loadConfig } from '../../shared/runtime/config.js';
import { loadMailConfig } from '../../shared/runtime/mail-config.js';
import { buildEmailInDependencies } from '../../shared/runtime/email-in-composition.js';
import { s3ClientFor } from '../../shared/runtime/s3-client.js';
import { lambdaTracing, traceClients } from '../../shared/runtime/tracing.js';
import { createEmailIn } from './app.js';

/**
 * Email in (SQS consumer of the email-in queue): each record is SES's "Received" notification for a
 * message stored in the raw-mail bucket; it becomes a claim, a reply on one, or a quarantine record.
 */
const config = loadConfig();
const deps = buildEmailInDependencies(config, loadMailConfig());
// Reading a raw message from S3, storing its attachments and the claim writes: the time a large or
// many-part mail takes shows per call in X-Ray.
traceClients(documentClientFor(config), s3ClientFor(config));
export const handler = createEmailIn(deps).use(lambdaTracing());
