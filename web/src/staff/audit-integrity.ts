import { html } from 'htm/preact';
import * as z from '../../../shared/zod.js';
import { BROKEN_REASONS, brokenLinkWords } from '../../../shared/domain/audit-integrity-words.js';
import type { Lang } from '../i18n.js';

/** The detail's `auditIntegrity` as the console reads it: whether the hash chain holds, and where not. */
export const AuditIntegrityViewSchema = z.object({
  intact: z.boolean(),
  brokenAt: z.optional(z.object({ index: z.int(), reason: z.enum(BROKEN_REASONS) })),
});
type AuditIntegrityView = z.infer<typeof AuditIntegrityViewSchema>;

/**
 * The warning above the timeline when the claim's audit trail fails its hash chain (issue 21): nothing at
 * all while it holds, so a sound trail adds no noise to the view.
 */
export function AuditIntegrityWarning({
  integrity,
  lang,
}: {
  integrity: AuditIntegrityView | undefined;
  lang: Lang;
}) {
  if (integrity === undefined || integrity.intact || integrity.brokenAt === undefined) return null;
  return html`<p class="error" role="alert" data-testid="audit-integrity">
    ${brokenLinkWords(integrity.brokenAt, lang)}
  </p>`;
}
