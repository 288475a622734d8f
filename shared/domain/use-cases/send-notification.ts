import { trackingPagePath, trackingSectionOf } from '../tracking-link.js';
import { hashAccessToken } from '../access-token.js';
import type { AuditEvent, RecordAction } from '../audit.js';
import type { Claim } from '../claim.js';
import { TRACKING_LINK_KINDS, tokensToRotate, type NotificationIntent, type Recipient } from '../messages.js';
import { replyAddress } from '../mail/reply-address.js';
import { render, type MailLinks } from '../mail/templates.js';
import type { PolicySettings } from '../settings.js';
import type { ClaimStore } from '../../ports/claim-store.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/ids.js';
import { MailRejectedError, type Mailer, type MailToCompose } from '../../ports/mailer.js';
import { normalizeMessageId, type MailStore } from '../../ports/mail-store.js';
import type { SecretSource } from '../../ports/secret.js';
import type { StaffDirectory } from '../../ports/staff-directory.js';
import type { TextMessages } from '../../ports/text-messages.js';
import { claimEvent, isIntakeReply, sendText, type TextResult } from './send-text.js';
import { buildOrgTree } from '../org-units.js';
import { staffAddresses } from '../staff-routing.js';

export interface NotifyDeps {
  readonly store: ClaimStore;
  readonly mailStore: MailStore;
  readonly mailer: Mailer;
  /** SMS to customers with a phone (issue 16): End User Messaging in AWS, the outbox folder locally. */
  readonly texts: TextMessages;
  /** Builds raw MIME (MailComposer); the use case calls it once per notification. */
  readonly compose: (mail: MailToCompose) => Promise<Uint8Array>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly settings: PolicySettings;
  /** Where internal notices go: the staff directory's addresses (issue 15). */
  readonly staff: Pick<StaffDirectory, 'list'>;
  /** Our sender address and the base of tracking links (the public web origin). */
  readonly mailFrom: string;
  readonly mailDomain: string;
  readonly publicBaseUrl: string;
  /** The registered 【signature】 mainland texts open with (SMS_SIGNATURE); null: none. */
  readonly smsSignature: string | null;
  /** The key of the per-claim reply addresses, shared with email-in (`reply-address.ts`). */
  readonly replyAddressSecret: SecretSource;
}

/** Sending again cannot help: the record says why; the message goes to the DLQ for an operator. */
export class PermanentNotificationFailure extends Error {
  override name = 'PermanentNotificationFailure';
}

/** Another delivery of the same intent is sending right now; retry later. */
export class NotificationInProgress extends Error {
  override name = 'NotificationInProgress';
}

export type NotifyResult = 'sent' | 'already_done' | 'suppressed';

/**
 * Render and send one notification, exactly once per notification id: its SMS (`send-text.ts`) when
 * the customer has a phone, then its mail as follows.
 * 1. Look up the notification record: sent or suppressed → nothing to do; failed → fail again (DLQ);
 *    sending (an earlier attempt failed transiently) → send the very same prepared bytes again.
 * 2. Resolve the recipients (the claim's customer, or staff from the directory: `staff-routing.ts`);
 *    none → suppressed.
 * 3. Intake replies (receipt or refusal) to mailed-in claims count against the sender's hourly allowance;
 *    over it → suppressed.
 * 4. Kinds that carry a tracking link issue a fresh token (the intent carries none: tokens are stored as
 *    hashes); at the claim's token cap the message points to the earlier link instead.
 * 5. Render the template (facts in words, links, names) and build the MIME once; mail to a claim's
 *    customer has the claim's reply address as Reply-To, so the answer is attached whatever SES
 *    can verify of the customer's domain.
 * 6. Write the record as `sending` with those bytes and the token hash on the claim, in one transaction.
 * 7. Send. A rejection is recorded as failed (with an audit event) and thrown as permanent; any other
 *    error counts an attempt and is thrown, so the queue retries.
 * 8. Mark sent with the Message-IDs replies will cite, and an audit event on the claim.
 */
export async function sendNotification(deps: NotifyDeps, intent: NotificationIntent): Promise<NotifyResult> {
  // The SMS first (its own record, `<id>#sms`): a transient mail failure retries the mail only.
  const text = await sendText(deps, intent);
  if (text === 'in_progress')
    throw new NotificationInProgress(`SMS of notification ${intent.id} is being sent by another delivery`);
  return sendMail(deps, intent, text);
}

/**
 * The mail of a notification. A customer without an email but with a phone was texted instead:
 * the mail record is then `suppressed` as `sms_only` (no audit event: the SMS has its own).
 */
async function sendMail(
  deps: NotifyDeps,
  intent: NotificationIntent,
  text: TextResult,
): Promise<NotifyResult> {
  const claimId = claimIdOf(intent);
  const ref = { id: intent.id, claimId };
  const existing = await deps.mailStore.getNotification(intent.id, claimId);
  if (existing?.state === 'sent' || existing?.state === 'suppressed') return 'already_done';
  if (existing?.state === 'failed')
    throw new PermanentNotificationFailure(
      `notification ${intent.id} failed earlier: ${existing.reason ?? ''}`,
    );
  if (existing?.state === 'sending') {
    if (existing.raw === undefined || existing.ourMessageId === undefined)
      throw new NotificationInProgress(`notification ${intent.id} has no prepared message`);
    return deliver(deps, intent, existing.to, existing.raw, existing.ourMessageId);
  }

  const claim = claimId === null ? null : await deps.store.getById(claimId);
  const now = deps.clock.now();
  const at = now.toISOString();
  const to = await recipientsOf(deps, intent.recipient, claim);
  const final = { ...ref, kind: intent.kind, to };
  if (claimId !== null && claim === null) {
    await deps.mailStore.markFinal(final, 'suppressed', 'claim_not_found', at, null);
    return 'suppressed';
  }
  if (to.length === 0 && (text === 'sent' || text === 'already_done')) {
    await deps.mailStore.markFinal(final, 'suppressed', 'sms_only', at, null);
    return text;
  }
  if (to.length === 0 && text === 'failed')
    throw new PermanentNotificationFailure(
      `notification ${intent.id}: its SMS was rejected and there is no email`,
    );
  if (to.length === 0) {
    await deps.mailStore.markFinal(
      final,
      'suppressed',
      'no_address',
      at,
      auditEvent(deps, claimId, 'notification_suppressed', `${intent.kind}: no address`),
    );
    return 'suppressed';
  }
  if (isIntakeReply(intent) && intent.recipient.type === 'customer' && claim?.channel === 'email') {
    const allowed = await deps.mailStore.takeAcknowledgmentAllowance(
      to[0] ?? '',
      now,
      deps.settings.mail.maxAcknowledgmentsPerSenderPerHour,
    );
    if (!allowed) {
      await deps.mailStore.markFinal(
        final,
        'suppressed',
        'sender_rate_limit',
        at,
        auditEvent(
          deps,
          claimId,
          'notification_suppressed',
          `${intent.kind}: more than ${deps.settings.mail.maxAcknowledgmentsPerSenderPerHour} acknowledgments to this sender in an hour`,
        ),
      );
      return 'suppressed';
    }
  }

  const ourMessageId = `${intent.id.replace(/[^A-Za-z0-9._-]/g, '.')}@${deps.mailDomain}`;
  const wantsToken = TRACKING_LINK_KINDS.includes(intent.kind) && claim !== null;
  const token = wantsToken ? deps.ids.newAccessToken() : null;
  let raw = await composeFor(deps, intent, claim, to, ourMessageId, token);
  let prepared = await deps.mailStore.prepareNotification({
    id: intent.id,
    claimId,
    kind: intent.kind,
    to,
    raw,
    ourMessageId,
    at,
    ...(token !== null && claim !== null
      ? {
          tokenHash: {
            hash: hashAccessToken(token),
            maxTokens: deps.settings.maxAccessTokensPerClaim,
            event: {
              ...claimEvent(deps, claim.id, 'reissue_access_token', `tracking link for ${intent.kind}`),
              changes: [{ field: 'accessTokenHashes', before: 'tokens', after: 'one more token' }],
            },
            ...tokensToRotate(intent.kind, claim.accessTokenHashes),
          },
        }
      : {}),
  });
  if (prepared === 'token_limit') {
    // The claim holds its maximum of tokens: send without a link (pointing to the earlier one) rather
    // than not at all.
    raw = await composeFor(deps, intent, claim, to, ourMessageId, null);
    prepared = await deps.mailStore.prepareNotification({
      id: intent.id,
      claimId,
      kind: intent.kind,
      to,
      raw,
      ourMessageId,
      at,
    });
  }
  if (prepared === 'exists')
    throw new NotificationInProgress(`notification ${intent.id} is being sent by another delivery`);
  if (prepared === 'token_limit') throw new Error('unreachable: no token was asked for');
  return deliver(deps, intent, to, raw, ourMessageId);
}

async function deliver(
  deps: NotifyDeps,
  intent: NotificationIntent,
  to: readonly string[],
  raw: Uint8Array,
  ourMessageId: string,
): Promise<NotifyResult> {
  const claimId = claimIdOf(intent);
  const ref = { id: intent.id, claimId };
  try {
    const sent = await deps.mailer.send({ from: deps.mailFrom, to, raw, messageId: ourMessageId });
    const at = deps.clock.now().toISOString();
    await deps.mailStore.markSent(
      ref,
      [...new Set([normalizeMessageId(ourMessageId), normalizeMessageId(sent.messageId)])],
      at,
      auditEvent(deps, claimId, 'notification_sent', `${intent.kind} to ${to.join(', ')}`),
    );
    return 'sent';
  } catch (error) {
    const at = deps.clock.now().toISOString();
    if (error instanceof MailRejectedError) {
      await deps.mailStore.markFinal(
        { ...ref, kind: intent.kind, to },
        'failed',
        `${error.code}: ${error.message}`.slice(0, 1000),
        at,
        auditEvent(deps, claimId, 'notification_failed', `${intent.kind} to ${to.join(', ')}: ${error.code}`),
      );
      throw new PermanentNotificationFailure(`notification ${intent.id} rejected: ${error.code}`);
    }
    await deps.mailStore.countAttempt(ref, at);
    throw error;
  }
}

async function composeFor(
  deps: NotifyDeps,
  intent: NotificationIntent,
  claim: Claim | null,
  to: readonly string[],
  messageId: string,
  token: string | null,
): Promise<Uint8Array> {
  const { subject, body } = mailOf(deps, intent, claim, token);
  const claimNumber = intent.kind === 'overdue_report' ? undefined : intent.claimNumber;
  const replyTo =
    claimNumber !== undefined && intent.recipient.type === 'customer'
      ? replyAddress(deps.mailFrom, claimNumber, await deps.replyAddressSecret())
      : undefined;
  return deps.compose({
    from: deps.mailFrom,
    to,
    ...(replyTo !== undefined ? { replyTo } : {}),
    subject,
    text: body,
    messageId,
    date: deps.clock.now(),
    headers: {
      // RFC 3834: an acknowledgment of mail answers it; everything else is generated. Either way no
      // well-behaved responder answers back, and Exchange is asked not to send out-of-office replies.
      'Auto-Submitted':
        isIntakeReply(intent) && claim?.channel === 'email' ? 'auto-replied' : 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      ...(claimNumber !== undefined ? { 'X-Claim-Number': claimNumber } : {}),
    },
  });
}

function claimIdOf(intent: NotificationIntent): string | null {
  return intent.kind === 'overdue_report' ? null : intent.claimId;
}

/**
 * The intent's mail: its facts, plus the links (the public origin's pages) and names the templates add.
 * A fresh token makes the tracking link; without one the templates point to the earlier link.
 */
export function mailOf(
  deps: Pick<NotifyDeps, 'publicBaseUrl' | 'settings'>,
  intent: NotificationIntent,
  claim: Claim | null,
  token: string | null,
) {
  const origin = deps.publicBaseUrl.replace(/\/$/, '');
  const links: MailLinks = {
    claimInConsole: (number) => `${origin}/staff.html#${encodeURIComponent(number)}`,
    overdueReport: () => `${origin}/dashboard.html#overdue-report`,
    overdueReportCsv: (date) => `${origin}/dashboard.html#overdue-csv=${date}`,
  };
  const units = new Map(deps.settings.units.map((u) => [u.id, u.name]));
  // The unit's name in the mail's language (both names are in the policy since issue 15).
  const unitName = (unitId: string) => units.get(unitId)?.[intent.language] ?? unitId;
  if (intent.kind === 'overdue_report')
    return render(intent.kind, intent.language, { data: intent.data, links, unitName });
  const trackingUrl =
    token === null
      ? null
      : `${origin}${trackingPagePath(intent.claimNumber, token, intent.language, trackingSectionOf(intent.kind))}`;
  return render(intent.kind, intent.language, {
    data: intent.data,
    links,
    unitName,
    claimNumber: intent.claimNumber,
    claimantName: claim?.claimant.name ?? '',
    trackingUrl,
  });
}

/**
 * Addresses of a recipient: the claim's email, or staff from the directory (the assignee, their deputy or
 * the unit's managers; a unit's role, up the chain when a unit has nobody): `staffAddresses`.
 */
export async function recipientsOf(
  deps: Pick<NotifyDeps, 'settings' | 'staff'>,
  recipient: Recipient,
  claim: Claim | null,
): Promise<string[]> {
  if (recipient.type === 'customer') return claim?.claimant.email ? [claim.claimant.email] : [];
  return staffAddresses(recipient, claim, await deps.staff.list(), buildOrgTree(deps.settings.units));
}

function auditEvent(
  deps: NotifyDeps,
  claimId: string | null,
  action: RecordAction,
  note: string,
): AuditEvent | null {
  return claimId === null ? null : claimEvent(deps, claimId, action, note);
}
