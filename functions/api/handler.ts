import { DynamoMailStore } from '../../shared/adapters/dynamodb/mail-store.js';
import { buildDependencies, documentClientFor } from '../../shared/runtime/composition.js';
import { loadConfig } from '../../shared/runtime/config.js';
import { lazyBlobStore, lazyEvidenceStorage, once } from '../../shared/runtime/lazy-stores.js';
import { secretSourceOf, secretsManager } from '../../shared/runtime/secrets.js';
import { createApi } from './app.js';

/**
 * The claims HTTP API (API Gateway HTTP API, payload v2): public intake and tracking, and /staff/.
 * Configuration is checked and clients are built once per cold start, before the first request.
 */
const config = loadConfig();
// Files (evidence uploads and downloads, the overdue report) are a few routes among many, so their S3
// client is loaded on the first request that needs it: the other requests' cold starts do not pay for it.
const base = buildDependencies(config);
export const handler = createApi(
  {
    ...base,
    ...lazyEvidenceStorage(async () =>
      (await import('../../shared/runtime/evidence-storage.js')).evidenceStorage(config),
    ),
    reports: lazyBlobStore(async () =>
      (await import('../../shared/runtime/report-store.js')).reportStore(config),
    ),
    mailStore: new DynamoMailStore(documentClientFor(config), config.tableName),
    // Held mail (a few staff routes): the raw-mail store and the mail parser load on first use.
    heldMail: once(async () =>
      (await import('../../shared/runtime/email-in-composition.js')).heldMailReading(config, base.policy),
    ),
    formChallengeSecret: secretSourceOf(config.formChallengeSecret, 'FORM_CHALLENGE_SECRET'),
    customerDataSecret: secretSourceOf(config.customerDataSecret, 'CUSTOMER_DATA_SECRET'),
  },
  // In AWS every request must come through the API's CloudFront distribution (X-Origin-Verify).
  { originSecret: originSecretOf(config.originVerifySecretId) },
);

/** Reads the origin secret on demand (Secrets Manager's client is a chunk loaded on the first read). */
function originSecretOf(secretId: string | undefined): (() => Promise<string>) | undefined {
  return secretId === undefined ? undefined : () => secretsManager(secretId);
}
