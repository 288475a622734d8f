import { hashAccessToken } from '../access-token.js';
import type { AuditEvent, RecordAction } from '../audit.js';
import type { Claim } from '../claim.js';
import { tokensToRotate, type NotificationIntent } from '../messages.js';
import { toE164 } from '../phone.js';
import { isSmsKind, signatureFor, smsText, type SmsKind } from '../sms/texts.js';
import { trackingPagePath, trackingSectionOf } from '../tracking-link.js';
import type { ClaimStore } from '../../ports/claim-store.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/ids.js';
import type { MailStore } from '../../ports/mail-store.js';
import type { PolicySettings } from '../settings.js';
import { SMS_NOT_CONFIGURED, TextRejectedError, type TextMessages } from '../../ports/text-messages.js';

export interface TextDeps {
  readonly store: Pick<ClaimStore, 'getById'>;
  /** The notification records of mail hold the texts' records too (id `<intent id>#sms`). */
  readonly mailStore: MailStore;
  readonly texts: TextMessages;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly settings: Pick<PolicySettings, 'maxAccessTokensPerClaim'>;
  readonly publicBaseUrl: string;
  /** The registered 【signature】 mainland texts open with (SMS_SIGNATURE); null: none. */
  readonly smsSignature: string | null;
}

/** What became of an intent's SMS; `none` when the intent has none (no phone, not a texted kind). */
export type TextResult = 'sent' | 'already_done' | 'suppressed' | 'failed' | 'in_progress' | 'none';

const SYSTEM = { type: 'system', id: 'notify' } as const;

/** The record id of an intent's SMS, beside the intent's mail record. */
export function textRecordId(intentId: string): string {
  return `${intentId}#sms`;
}

/**
 * The SMS of a customer notification, once per intent id, recorded like mail (the same record states):
 * 1. Only customer intents of the texted kinds (`SMS_KINDS`) to a claim with a phone; not the intake
 *    reply to a mailed-in claim (mail is answered by mail: no automatic mail is answered by SMS).
 * 2. The record: sent / suppressed / failed → nothing more; `sending` → the same text again.
 *    A number that opted out (`text-opt-out.ts`) gets nothing: recorded as suppressed.
 * 3. A fresh tracking token (its hash on the claim in the same transaction as the record); at the token
 *    cap the text points to the earlier link.
 * 4. Send; without an SMS sender configured the text is recorded as suppressed and the channel counts as
 *    absent; a rejection is recorded as failed (audit event) and reported as `failed`; any other error
 *    counts an attempt and is thrown, so the queue retries with the same text and key.
 */
export async function sendText(deps: TextDeps, intent: NotificationIntent): Promise<TextResult> {
  if (intent.kind === 'overdue_report' || intent.recipient.type !== 'customer' || !isSmsKind(intent.kind))
    return 'none';
  const kind: SmsKind = intent.kind;
  const id = textRecordId(intent.id);
  const existing = await deps.mailStore.getNotification(id, intent.claimId);
  if (existing?.state === 'sent' || existing?.state === 'suppressed') return 'already_done';
  if (existing?.state === 'failed') return 'failed';
  if (existing?.state === 'sending') {
    const [to] = existing.to;
    if (existing.raw === undefined || to === undefined) return 'none';
    return deliver(deps, intent, to, new TextDecoder().decode(existing.raw));
  }

  const claim = await deps.store.getById(intent.claimId);
  const to = claim === null ? null : phoneOf(claim);
  if (claim === null || to === null) return 'none';
  if (isIntakeReply(intent) && claim.channel === 'email') return 'none';

  const at = deps.clock.now().toISOString();
  if (await deps.mailStore.isTextOptedOut(to)) {
    await deps.mailStore.markFinal(
      { id, claimId: claim.id, kind, to: [to] },
      'suppressed',
      'opted_out',
      at,
      claimEvent(deps, claim.id, 'notification_suppressed', `${kind} SMS: ${to} opted out of texts`),
    );
    return 'suppressed';
  }
  const token = deps.ids.newAccessToken();
  const signature = signatureFor(to, deps.smsSignature);
  const text = smsText(
    kind,
    intent.language,
    intent.claimNumber,
    trackingUrl(deps, intent, kind, token),
    signature,
  );
  const base = { id, claimId: claim.id, kind, to: [to], ourMessageId: id, at };
  let prepared = await deps.mailStore.prepareNotification({
    ...base,
    raw: new TextEncoder().encode(text),
    tokenHash: {
      hash: hashAccessToken(token),
      maxTokens: deps.settings.maxAccessTokensPerClaim,
      event: {
        ...claimEvent(deps, claim.id, 'reissue_access_token', `tracking link for ${kind} SMS`),
        changes: [{ field: 'accessTokenHashes', before: 'tokens', after: 'one more token' }],
      },
      ...tokensToRotate(kind, claim.accessTokenHashes),
    },
  });
  let sending = text;
  if (prepared === 'token_limit') {
    sending = smsText(kind, intent.language, intent.claimNumber, null, signature);
    prepared = await deps.mailStore.prepareNotification({ ...base, raw: new TextEncoder().encode(sending) });
  }
  if (prepared === 'exists') return 'in_progress';
  if (prepared === 'token_limit') throw new Error('unreachable: no token was asked for');
  return deliver(deps, intent, to, sending);
}

async function deliver(
  deps: TextDeps,
  intent: { readonly id: string; readonly kind: string; readonly claimId: string },
  to: string,
  text: string,
): Promise<TextResult> {
  const id = textRecordId(intent.id);
  const ref = { id, claimId: intent.claimId };
  try {
    await deps.texts.send({ to, text, idempotencyKey: id });
    await deps.mailStore.markSent(
      ref,
      [],
      deps.clock.now().toISOString(),
      claimEvent(deps, intent.claimId, 'notification_sent', `${intent.kind} SMS to ${to}`),
    );
    return 'sent';
  } catch (error) {
    const at = deps.clock.now().toISOString();
    // A deployment without an SMS sender has the channel off: the text is not sent, and nothing failed
    // (the mail, or its "no address", goes on as without SMS).
    if (error instanceof TextRejectedError && error.code === SMS_NOT_CONFIGURED) {
      await deps.mailStore.markFinal(
        { ...ref, kind: intent.kind, to: [to] },
        'suppressed',
        'sms_not_configured',
        at,
        null,
      );
      return 'none';
    }
    if (error instanceof TextRejectedError) {
      await deps.mailStore.markFinal(
        { ...ref, kind: intent.kind, to: [to] },
        'failed',
        `${error.code}: ${error.message}`.slice(0, 1000),
        at,
        claimEvent(deps, intent.claimId, 'notification_failed', `${intent.kind} SMS to ${to}: ${error.code}`),
      );
      return 'failed';
    }
    await deps.mailStore.countAttempt(ref, at);
    throw error;
  }
}

/** The claim's phone in E.164, or null when it has none (or none a text can reach). */
function phoneOf(claim: Claim): string | null {
  return claim.claimant.phone === undefined ? null : toE164(claim.claimant.phone);
}

function trackingUrl(
  deps: TextDeps,
  intent: { claimNumber: string; language: NotificationIntent['language'] },
  kind: SmsKind,
  token: string,
): string {
  const origin = deps.publicBaseUrl.replace(/\/$/, '');
  return `${origin}${trackingPagePath(intent.claimNumber, token, intent.language, trackingSectionOf(kind))}`;
}

/** The answer to a claim as it arrives: its receipt, or its refusal on receipt (the filing window). */
export function isIntakeReply(intent: NotificationIntent): boolean {
  return intent.kind === 'acknowledgment' || (intent.kind === 'not_admitted' && intent.data.atIntake);
}

/** An audit event of the notify function on a claim. */
export function claimEvent(
  deps: Pick<TextDeps, 'clock' | 'ids'>,
  claimId: string,
  action: RecordAction,
  note: string,
): AuditEvent {
  const now = deps.clock.now();
  return {
    id: deps.ids.newId(now),
    claimId,
    at: now.toISOString(),
    actor: SYSTEM,
    channel: 'system',
    action,
    changes: [],
    note,
  };
}
