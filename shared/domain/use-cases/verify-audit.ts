import { verifyChain, type AuditIntegrity } from '../audit-chain.js';
import type { AuditEvent } from '../audit.js';
import type { Claim } from '../claim.js';
import type { ClaimStore } from '../../ports/claim-store.js';

/** Whether a claim's audit trail (as listed) still holds against the claim's head. */
export function trailIntegrity(
  claim: Pick<Claim, 'id' | 'auditHead'>,
  trail: readonly AuditEvent[],
): AuditIntegrity {
  return verifyChain(claim.id, trail, claim.auditHead);
}

/** The operator's check of one claim by number: its trail and whether it holds, or null for no such claim. */
export async function verifyClaimAudit(
  store: Pick<ClaimStore, 'getByNumber' | 'listEvents'>,
  number: string,
): Promise<{ readonly claim: Claim; readonly events: number; readonly integrity: AuditIntegrity } | null> {
  const claim = await store.getByNumber(number.trim().toUpperCase());
  if (!claim) return null;
  const trail = await store.listEvents(claim.id);
  return { claim, events: trail.length, integrity: trailIntegrity(claim, trail) };
}
