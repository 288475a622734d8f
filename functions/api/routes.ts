import type { BlobStore } from '../../shared/ports/blob-store.js';
import type { Dependencies } from '../../shared/runtime/composition.js';
import type { EvidenceStorage } from '../../shared/runtime/evidence-storage.js';
import type { Route } from '../../shared/runtime/http/router.js';
import { customerRoutes } from './routes/customer.js';
import { customerDecisionRoutes } from './routes/customer-decision.js';
import { payoutRoutes } from './routes/payouts.js';
import { resolutionRoutes } from './routes/resolution.js';
import { staffRoutes } from './routes/staff.js';
import { slaRoutes } from './routes/sla.js';
import { commitmentRoutes } from './routes/commitments.js';
import { evidenceDownloadRoutes, uploadRoutes } from './routes/evidence.js';
import { reportRoutes } from './routes/reports.js';
import { policyRoutes } from './routes/policy.js';
import { staffAdminRoutes } from './routes/staff-admin.js';
import { heldMailRoutes } from './routes/held-mail.js';
import type { HeldMailReading } from '../../shared/domain/use-cases/held-mail.js';
import type { MailStore } from '../../shared/ports/mail-store.js';
import type { SecretSource } from '../../shared/ports/secret.js';

/**
 * What the API's routes need: the shared dependencies, the evidence store and its URL signer, the
 * reports store (only the API and email-in take evidence; only the API reads reports), and stored
 * inbound mail for the held-mail routes (built on their first request: the parser is a large chunk).
 */
export type ApiDependencies = Dependencies &
  EvidenceStorage & {
    readonly reports: BlobStore;
    /** Inbound records, notification records and SMS opt-outs (the held-mail routes, resending a link). */
    readonly mailStore: MailStore;
    readonly heldMail: () => Promise<HeldMailReading>;
    /** The key of the form's proof-of-work challenges (issue 18). */
    readonly formChallengeSecret: SecretSource;
    /** The key payee details are sealed with (AES-256-GCM, issue 18). */
    readonly customerDataSecret: SecretSource;
  };

/** Every route of the API, one module per area under routes/. */
export const routes: readonly Route<ApiDependencies>[] = [
  ...uploadRoutes,
  ...customerRoutes,
  ...staffRoutes,
  ...evidenceDownloadRoutes,
  ...customerDecisionRoutes,
  ...resolutionRoutes,
  ...payoutRoutes,
  ...slaRoutes,
  ...commitmentRoutes,
  ...reportRoutes,
  ...policyRoutes,
  ...staffAdminRoutes,
  ...heldMailRoutes,
];
