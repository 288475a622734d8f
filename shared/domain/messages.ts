import * as z from '../zod.js';
import { LanguageSchema } from './categories.js';
import type { Claim } from './claim.js';
import { NOTIFICATION_PAYLOADS, type NotificationPayloads } from './notification-payloads.js';

/**
 * Messages other functions act on, written in the same transaction as the change that caused them
 * (a transactional outbox) and then relayed to their queue. Ids are deterministic, so a relayed-twice
 * message is recognised by its consumer and acted on once.
 */
export const QUEUE_NAMES = ['notify', 'payout', 'email-in'] as const;
export const QueueNameSchema = z.enum(QUEUE_NAMES);
export type QueueName = z.infer<typeof QueueNameSchema>;

/** Kinds sent to the claim's customer, in the claim's language. */
export const CUSTOMER_NOTIFICATION_KINDS = [
  'acknowledgment',
  'material_request',
  'deadline_extension',
  'deadline_moved',
  'decision_offer',
  'payout_done',
  'reconsideration_received',
  'reconsideration_decided',
  'closure_survey',
  'not_admitted',
  'withdrawn',
  'tracking_link',
  'staff_reply',
] as const;
export type CustomerNotificationKind = (typeof CUSTOMER_NOTIFICATION_KINDS)[number];

/** SPEC §Notifications: every notification the system sends; the rest go to staff. */
export const NOTIFICATION_KINDS = [
  ...CUSTOMER_NOTIFICATION_KINDS,
  'assignment',
  'moved_to_hq',
  'approval_needed',
  'note_mention',
  'customer_responded',
  'deadline_warning',
  'breach_escalation',
  'overdue_report',
] as const;
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;
/** Kinds about one claim; the overdue report is about a unit's claims. */
export type ClaimNotificationKind = Exclude<NotificationKind, 'overdue_report'>;

/**
 * Kinds that carry a fresh tracking link (the notify function issues its token as it sends): the receipt,
 * the offer to accept or dispute, and the survey. Other customer messages point to the earlier link.
 */
export const TRACKING_LINK_KINDS: readonly NotificationKind[] = [
  'acknowledgment',
  'decision_offer',
  'closure_survey',
  'tracking_link',
  'staff_reply',
];

/**
 * Link kinds whose point is what the customer does through the link (the offer, the survey, a resent link,
 * a reply to read and answer).
 * At the claim's token cap their token replaces the oldest one instead of the message going out without a
 * link: the newest message always works, and the claim still holds no more tokens than its cap. The receipt
 * keeps the cap (it is the first link, so the cap is only reached when an admin sets it very low).
 */
const LINK_KINDS_REPLACING_OLDEST: readonly NotificationKind[] = [
  'decision_offer',
  'closure_survey',
  'tracking_link',
  'staff_reply',
];

/** The token hashes a fresh link of `kind` may replace the oldest of, at the cap (see above). */
export function tokensToRotate(
  kind: NotificationKind,
  held: readonly string[],
): { readonly replacingOldestOf: readonly string[] } | Record<string, never> {
  return LINK_KINDS_REPLACING_OLDEST.includes(kind) ? { replacingOldestOf: held } : {};
}

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

const intentFields = {
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  recipient: RecipientSchema,
  language: LanguageSchema,
  createdAt: z.iso.datetime({ offset: true }),
};

function claimIntent<K extends ClaimNotificationKind>(kind: K) {
  return z.strictObject({
    ...intentFields,
    kind: z.literal(kind),
    claimId: z.string().check(z.minLength(1)),
    claimNumber: z.string().check(z.minLength(1)),
    data: NOTIFICATION_PAYLOADS[kind],
  });
}

/**
 * A notification intent: what to tell whom, as the facts of its kind (see notification-payloads.ts);
 * rendering and sending belong to the notify function, which parses queue bodies with this schema.
 */
export const NotificationIntentSchema = z.discriminatedUnion('kind', [
  claimIntent('acknowledgment'),
  claimIntent('material_request'),
  claimIntent('deadline_extension'),
  claimIntent('deadline_moved'),
  claimIntent('decision_offer'),
  claimIntent('payout_done'),
  claimIntent('reconsideration_received'),
  claimIntent('reconsideration_decided'),
  claimIntent('closure_survey'),
  claimIntent('not_admitted'),
  claimIntent('withdrawn'),
  claimIntent('tracking_link'),
  claimIntent('staff_reply'),
  claimIntent('assignment'),
  claimIntent('moved_to_hq'),
  claimIntent('approval_needed'),
  claimIntent('note_mention'),
  claimIntent('customer_responded'),
  claimIntent('deadline_warning'),
  claimIntent('breach_escalation'),
  z.strictObject({
    ...intentFields,
    kind: z.literal('overdue_report'),
    data: NOTIFICATION_PAYLOADS.overdue_report,
  }),
]);
export type NotificationIntent = z.infer<typeof NotificationIntentSchema>;
/** A kind added to NOTIFICATION_KINDS but not to the union above fails tsc here, not in the notify queue. */
const _EVERY_KIND_PARSES: Record<Exclude<NotificationKind, NotificationIntent['kind']>, never> = {};
void _EVERY_KIND_PARSES;
export type IntentOf<K extends NotificationKind> = Extract<NotificationIntent, { kind: K }>;
export type PayloadOf<K extends NotificationKind> = NotificationPayloads[K];

export interface OutboxMessage {
  readonly queue: QueueName;
  /** Deterministic (business id), used as the consumer's idempotency key. */
  readonly id: string;
  readonly body: NotificationIntent | Record<string, unknown>;
}

/**
 * The outbox message for one notification about a claim: the kind's facts, typed by the kind, checked
 * against the kind's schema here so a producer's mistake fails where it is made, not in the notify queue.
 */
export function notificationMessage<K extends ClaimNotificationKind>(
  kind: K,
  data: PayloadOf<K>,
  about: {
    readonly id: string;
    readonly claim: Pick<Claim, 'id' | 'number' | 'language'>;
    readonly recipient: Recipient;
    readonly createdAt: string;
  },
): OutboxMessage {
  const intent = NotificationIntentSchema.parse({
    id: about.id,
    kind,
    claimId: about.claim.id,
    claimNumber: about.claim.number,
    recipient: about.recipient,
    language: about.claim.language,
    data,
    createdAt: about.createdAt,
  });
  return { queue: 'notify', id: intent.id, body: intent };
}
