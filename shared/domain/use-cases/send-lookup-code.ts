import { hashLookupCode, lookupCodeMail, lookupCodeSms, type LookupCodeIntent } from '../claim-finder.js';
import { toE164 } from '../phone.js';
import { MailRejectedError } from '../../ports/mailer.js';
import { normalizeMessageId } from '../../ports/mail-store.js';
import { SMS_NOT_CONFIGURED, TextRejectedError } from '../../ports/text-messages.js';
import { claimEvent } from './send-text.js';
import { signatureFor } from '../sms/texts.js';
import {
  PermanentNotificationFailure,
  NotificationInProgress,
  type NotifyDeps,
} from './send-notification.js';

/** What became of a code's message. */
export type LookupCodeResult = 'sent' | 'already_done' | 'suppressed';

/**
 * The message of a "find my claim" code, once per intent, recorded like every notification:
 * 1. The record: sent / suppressed → nothing more; failed → fail again; `sending` → the same bytes again
 *    (the same code: its hash is already on the challenge).
 * 2. The address from the claim (the intent names only the channel the customer typed); none, or a phone
 *    that opted out of texts → suppressed.
 * 3. Mint the code; write the record as `sending` with the prepared message and the code's hash on the
 *    challenge in one transaction. A newer request replaced the challenge meanwhile → suppressed (that
 *    request sends its own code).
 * 4. Send by mail or SMS; a rejection is recorded as failed, any other error is retried by the queue.
 */
export async function sendLookupCode(deps: NotifyDeps, intent: LookupCodeIntent): Promise<LookupCodeResult> {
  const ref = { id: intent.id, claimId: intent.claimId };
  const existing = await deps.mailStore.getNotification(intent.id, intent.claimId);
  if (existing?.state === 'sent' || existing?.state === 'suppressed') return 'already_done';
  if (existing?.state === 'failed')
    throw new PermanentNotificationFailure(
      `lookup code ${intent.id} failed earlier: ${existing.reason ?? ''}`,
    );
  if (existing?.state === 'sending') {
    if (existing.raw === undefined) throw new NotificationInProgress(`${intent.id} has no prepared message`);
    return deliver(deps, intent, existing.to, existing.raw, existing.ourMessageId ?? intent.id);
  }

  const at = deps.clock.now().toISOString();
  const claim = await deps.store.getById(intent.claimId);
  const to =
    claim === null
      ? null
      : intent.via === 'email'
        ? (claim.claimant.email ?? null)
        : claim.claimant.phone === undefined
          ? null
          : toE164(claim.claimant.phone);
  const final = { ...ref, kind: intent.kind, to: to === null ? [] : [to] };
  if (to === null) {
    await deps.mailStore.markFinal(final, 'suppressed', 'no_address', at, null);
    return 'suppressed';
  }
  if (intent.via === 'sms' && (await deps.mailStore.isTextOptedOut(to))) {
    await deps.mailStore.markFinal(final, 'suppressed', 'opted_out', at, null);
    return 'suppressed';
  }

  const code = deps.ids.newLookupCode();
  const ourMessageId = `${intent.id.replace(/[^A-Za-z0-9._-]/g, '.')}@${deps.mailDomain}`;
  const raw =
    intent.via === 'sms'
      ? new TextEncoder().encode(
          `${signatureFor(to, deps.smsSignature) ?? ''}${lookupCodeSms(intent.language, intent.claimNumber, code)}`,
        )
      : await composeCodeMail(deps, intent, to, code, ourMessageId);
  const prepared = await deps.mailStore.prepareNotification({
    id: intent.id,
    claimId: intent.claimId,
    kind: intent.kind,
    to: [to],
    raw,
    ourMessageId,
    at,
    lookupCode: {
      claimNumber: intent.claimNumber,
      challengeId: intent.challengeId,
      hash: hashLookupCode(intent.claimId, intent.challengeId, code),
    },
  });
  if (prepared === 'exists')
    throw new NotificationInProgress(`${intent.id} is being sent by another delivery`);
  if (prepared === 'superseded') {
    await deps.mailStore.markFinal(final, 'suppressed', 'superseded', at, null);
    return 'suppressed';
  }
  return deliver(deps, intent, [to], raw, ourMessageId);
}

async function composeCodeMail(
  deps: NotifyDeps,
  intent: LookupCodeIntent,
  to: string,
  code: string,
  messageId: string,
): Promise<Uint8Array> {
  const { subject, body } = lookupCodeMail(intent.language, intent.claimNumber, code, intent.codeExpiresAt);
  return deps.compose({
    from: deps.mailFrom,
    to: [to],
    subject,
    text: body,
    messageId,
    date: deps.clock.now(),
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
  });
}

async function deliver(
  deps: NotifyDeps,
  intent: LookupCodeIntent,
  to: readonly string[],
  raw: Uint8Array,
  ourMessageId: string,
): Promise<LookupCodeResult> {
  const ref = { id: intent.id, claimId: intent.claimId };
  const channel = intent.via === 'sms' ? 'SMS' : 'mail';
  // The audit event names the channel, never the code.
  const sentEvent = () =>
    claimEvent(
      deps,
      intent.claimId,
      'notification_sent',
      `find-my-claim code by ${channel} to ${to.join(', ')}`,
    );
  try {
    if (intent.via === 'sms') {
      await deps.texts.send({
        to: to[0] ?? '',
        text: new TextDecoder().decode(raw),
        idempotencyKey: intent.id,
      });
      await deps.mailStore.markSent(ref, [], deps.clock.now().toISOString(), sentEvent());
    } else {
      const sent = await deps.mailer.send({ from: deps.mailFrom, to, raw, messageId: ourMessageId });
      await deps.mailStore.markSent(
        ref,
        [...new Set([normalizeMessageId(ourMessageId), normalizeMessageId(sent.messageId)])],
        deps.clock.now().toISOString(),
        sentEvent(),
      );
    }
    return 'sent';
  } catch (error) {
    const at = deps.clock.now().toISOString();
    const final = { ...ref, kind: intent.kind, to };
    if (error instanceof TextRejectedError && error.code === SMS_NOT_CONFIGURED) {
      await deps.mailStore.markFinal(final, 'suppressed', 'sms_not_configured', at, null);
      return 'suppressed';
    }
    if (error instanceof TextRejectedError || error instanceof MailRejectedError) {
      await deps.mailStore.markFinal(
        final,
        'failed',
        `${error.code}: ${error.message}`.slice(0, 1000),
        at,
        claimEvent(
          deps,
          intent.claimId,
          'notification_failed',
          `find-my-claim code by ${channel}: ${error.code}`,
        ),
      );
      throw new PermanentNotificationFailure(`lookup code ${intent.id} rejected: ${error.code}`);
    }
    await deps.mailStore.countAttempt(ref, at);
    throw error;
  }
}
