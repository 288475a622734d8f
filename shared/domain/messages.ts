import * as z from '../zod.js';
import { LanguageSchema } from './categories.js';

/**
 * Messages other functions act on, written in the same transaction as the change that caused them
 * (a transactional outbox) and then relayed to their queue. Ids are deterministic, so a relayed-twice
 * message is recognised by its consumer and acted on once.
 */
export const QUEUE_NAMES = ['notify', 'payout', 'email-in'] as const;
export const QueueNameSchema = z.enum(QUEUE_NAMES);
export type QueueName = z.infer<typeof QueueNameSchema>;

/** SPEC §Notifications: every notification the system sends. */
export const NOTIFICATION_KINDS = [
  'acknowledgment',
  'material_request',
  'deadline_extension',
  'decision_offer',
  'payout_done',
  'reconsideration_received',
  'reconsideration_decided',
  'closure_survey',
  'assignment',
  'approval_needed',
  'deadline_warning',
  'breach_escalation',
  'overdue_report',
] as const;
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

/** Who a notification is for: the claim's customer, or staff picked by unit and role or by id. */
export const RecipientSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('customer') }),
  z.strictObject({ type: z.literal('staff'), staffId: z.string().check(z.minLength(1)) }),
  z.strictObject({
    type: z.literal('unit_role'),
    unitId: z.string().check(z.minLength(1)),
    role: z.string().check(z.minLength(1)),
  }),
]);
export type Recipient = z.infer<typeof RecipientSchema>;

/** A notification intent: what to tell whom; rendering and sending belong to the notify function. */
export const NotificationIntentSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  kind: NotificationKindSchema,
  claimId: z.optional(z.string()),
  claimNumber: z.optional(z.string()),
  recipient: RecipientSchema,
  language: LanguageSchema,
  /** Template values: plain strings and numbers only, so rendering never runs code. */
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  createdAt: z.iso.datetime({ offset: true }),
});
export type NotificationIntent = z.infer<typeof NotificationIntentSchema>;

export interface OutboxMessage {
  readonly queue: QueueName;
  /** Deterministic (business id), used as the consumer's idempotency key. */
  readonly id: string;
  readonly body: NotificationIntent | Record<string, unknown>;
}

export function notification(intent: NotificationIntent): OutboxMessage {
  return { queue: 'notify', id: intent.id, body: intent };
}
