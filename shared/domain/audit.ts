import * as z from '../zod.js';
import { ActorSchema, IsoInstantSchema, type Actor, type Claim } from './claim.js';
import { CLAIM_ACTIONS, ClaimStatusSchema, type ClaimAction } from './lifecycle.js';

/** Where an action came from (SPEC §14: "from which channel"). */
export const AuditChannelSchema = z.enum(['web', 'email', 'phone', 'walk_in', 'staff_console', 'system']);
export type AuditChannel = z.infer<typeof AuditChannelSchema>;

/**
 * What the trail records that is not a lifecycle action: intake, the sweep, mail, money bookkeeping and
 * notification outcomes. With the lifecycle's actions, these are every action an audit event can name.
 */
export const RECORD_ACTIONS = [
  'file_claim',
  'deadline_sweep',
  'recompute_deadlines',
  'customer_email',
  /** Mail naming the claim was held: its sender could not be verified (the claim is only marked). */
  'mail_held',
  /** Staff added a held mail (quarantined for staff) to the claim, its attachments as evidence. */
  'mail_attached',
  'record_payout',
  'payout_failed',
  'retry_payout',
  'record_recovery',
  'reissue_access_token',
  /** Finance opened a payee's account in full (issue 18): each reveal is on the trail. */
  'reveal_payee',
  'notification_sent',
  'notification_failed',
  'notification_suppressed',
] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];
export type AuditAction = ClaimAction | RecordAction;
export const AuditActionSchema = z.enum<AuditAction[]>([...CLAIM_ACTIONS, ...RECORD_ACTIONS]);

const FieldChangeSchema = z.strictObject({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.infer<typeof FieldChangeSchema>;

/** One append-only audit event per change: who, when, from where, what changed (SPEC §14). */
export const AuditEventSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  claimId: z.string().check(z.minLength(1)),
  at: IsoInstantSchema,
  actor: ActorSchema,
  channel: AuditChannelSchema,
  action: AuditActionSchema,
  fromStatus: z.optional(ClaimStatusSchema),
  toStatus: z.optional(ClaimStatusSchema),
  changes: z.array(FieldChangeSchema),
  /** Free text the actor gave: a reason, the material list, the customer's message. */
  note: z.optional(z.string()),
  /**
   * The hash chain (audit-chain.ts): the previous event's `hash` (a genesis value for the first), and this
   * event's own. Absent on events stored before the chain.
   */
  prevHash: z.optional(z.string()),
  hash: z.optional(z.string()),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** Fields never copied into the audit trail in clear. */
const REDACTED_FIELDS = new Set<keyof Claim>(['accessTokenHashes']);

/** The top-level claim fields whose value differs, with before and after (version, updatedAt, auditHead aside). */
export function diffClaims(before: Claim | undefined, after: Claim): FieldChange[] {
  const changes: FieldChange[] = [];
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]) as Set<keyof Claim>;
  for (const key of keys) {
    // The chain head moves with every event: the event's own prevHash and hash say so.
    if (key === 'version' || key === 'updatedAt' || key === 'auditHead') continue;
    const a = before?.[key];
    const b = after[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (REDACTED_FIELDS.has(key)) {
      changes.push({ field: key, before: countOf(a), after: countOf(b) });
    } else {
      changes.push({ field: key, before: a ?? null, after: b ?? null });
    }
  }
  return changes;
}

function countOf(value: unknown): string {
  return Array.isArray(value) ? `${value.length} item(s)` : 'none';
}

export function auditChannelFor(actor: Actor, claimChannel: Claim['channel']): AuditChannel {
  if (actor.type === 'system') return 'system';
  if (actor.type === 'staff') return 'staff_console';
  return claimChannel;
}
