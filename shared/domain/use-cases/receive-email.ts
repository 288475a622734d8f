import { createHash } from 'node:crypto';
import { claimUpdate } from '../claim-change.js';
import { ConflictError } from '../errors.js';
import { RelatedWriteRefusedError } from '../../ports/claim-writer.js';
import { IntakeInputSchema, type Claim, type Evidence } from '../claim.js';
import { isOpen } from '../lifecycle.js';
import {
  automaticMailDecision,
  claimNumberInSubject,
  intakeFromMail,
  noAnswerNote,
  rateLimitNote,
  senderAddress,
  type Envelope,
  type ParsedMail,
} from '../mail/inbound.js';
import type { SesReceivedNotification } from '../mail/ses-notification.js';
import type { BlobStore } from '../../ports/blob-store.js';
import {
  normalizeMessageId,
  type InboundOutcome,
  type InboundRecord,
  type MailStore,
} from '../../ports/mail-store.js';
import { fileClaim, type IntakeDeps } from './file-claim.js';

export type ParseOutcome = { ok: true; mail: ParsedMail } | { ok: false; reason: string };

export interface ReceiveEmailDeps extends IntakeDeps {
  readonly mailStore: MailStore;
  /** Where SES (or the local SMTP listener) stored the raw message. */
  readonly rawMail: BlobStore;
  /** Where attachments are kept as evidence. */
  readonly evidence: BlobStore;
  /** The MIME parser with its limits (an adapter: mailparser). */
  readonly parse: (raw: Uint8Array) => Promise<ParseOutcome>;
}

export type ReceiveEmailResult = InboundOutcome | { readonly kind: 'duplicate'; readonly sha256: string };

/**
 * Turn one stored inbound message into a claim, a reply on a claim, or a quarantine record.
 * 1. Read the raw message; a message already recorded (same bytes delivered again) is left alone.
 * 2. Parse it within limits; a message that cannot be parsed is recorded as such (its raw bytes stay).
 * 3. Machine-written mail (auto-replies, bounces, abuse reports, loops of our own mail, junk, failed
 *    scans), list or bulk mail that does not read as a complaint, and mail with no usable sender is
 *    recorded as quarantined: no claim, no acknowledgment. List, bulk and noreply-type mail that reads
 *    as a complaint goes on, marked to get no automatic answer.
 * 4. Find the claim it answers: In-Reply-To/References against ids of mail we sent, else the claim
 *    number in the subject when the sender is the claim's contact.
 * 5. Save the attachments as evidence (keys derived from the message hash, so a retry overwrites).
 * 6. A reply: the claim's next version with the new evidence, its audit event (the text as the note)
 *    and the inbound record in one transaction.
 * 7. A new message counts against its sender's claim allowance (settings.mail); over it, the message
 *    is added to the sender's latest open claim as in 6, or quarantined when there is none.
 * 8. Otherwise file a claim through `fileClaim` (channel email; the message hash is the idempotency
 *    key, unknown fields are asked for as missing material; mail marked in 3 without an
 *    acknowledgment, the timeline saying why), then record the outcome.
 */
export async function receiveEmail(
  deps: ReceiveEmailDeps,
  notification: SesReceivedNotification,
): Promise<ReceiveEmailResult> {
  const rawKey = notification.receipt.action.objectKey;
  const raw = await deps.rawMail.get(rawKey);
  if (raw === null) throw new Error(`raw message ${rawKey} is not in the raw-mail store`);
  const sha256 = createHash('sha256').update(raw).digest('hex');
  if ((await deps.mailStore.getInbound(sha256)) !== null) return { kind: 'duplicate', sha256 };

  const receivedAt = new Date(notification.mail.timestamp);
  const base = { sha256, rawKey, receivedAt: receivedAt.toISOString() };
  const parsed = await deps.parse(raw);
  if (!parsed.ok) {
    return record(deps, {
      ...base,
      messageId: null,
      from: notification.mail.source || null,
      subject: null,
      outcome: { kind: 'unparseable', reason: parsed.reason },
    });
  }
  const mail = parsed.mail;
  const envelope: Envelope = {
    returnPath: notification.mail.source,
    spamVerdict: notification.receipt.spamVerdict?.status ?? 'GRAY',
    virusVerdict: notification.receipt.virusVerdict?.status ?? 'GRAY',
    recipients: notification.receipt.recipients,
  };
  const sender = senderAddress(mail, envelope);
  const header = { ...base, messageId: mail.messageId, from: sender, subject: mail.subject.slice(0, 500) };
  const threadClaimId = await deps.mailStore.claimForMessageIds(
    [...mail.inReplyTo, ...mail.references].map(normalizeMessageId),
  );

  const decision = automaticMailDecision(mail, envelope);
  const reasons = [...decision.quarantine];
  if (sender === null) reasons.push('no_sender_address');
  if (reasons.length > 0) {
    return record(deps, {
      ...header,
      outcome: { kind: 'quarantined', reasons, ...(threadClaimId ? { claimId: threadClaimId } : {}) },
    });
  }
  const from = sender ?? '';

  const claim = await threadOf(deps, threadClaimId, mail, from);
  const evidence = await saveAttachments(deps, mail, sha256, receivedAt);
  if (claim)
    return reply(deps, claim, mail, evidence, {
      ...header,
      outcome: { kind: 'reply', claimId: claim.id, claimNumber: claim.number },
    });

  const { maxClaimsPerSenderPerWindow: max, claimWindowMinutes } = deps.settings.mail;
  if (!(await deps.mailStore.takeClaimAllowance(from, sha256, receivedAt, claimWindowMinutes, max))) {
    const latest = await latestOpenClaim(deps, from);
    if (latest === null)
      return record(deps, {
        ...header,
        outcome: { kind: 'quarantined', reasons: ['sender_claim_rate_limit'] },
      });
    return reply(deps, latest, mail, evidence, {
      ...header,
      outcome: { kind: 'reply', claimId: latest.id, claimNumber: latest.number, rateLimited: true },
    });
  }

  const intake = intakeFromMail(mail, from, receivedAt);
  const noAnswer = decision.noAnswer;
  const filed = await fileClaim(deps, {
    input: IntakeInputSchema.parse(intake.input),
    channel: 'email',
    actor: { type: 'customer' },
    idempotencyKey: sha256,
    missingMaterial: intake.missing,
    evidence,
    ...(noAnswer.length > 0 ? { withoutAcknowledgment: noAnswerNote(noAnswer) } : {}),
  });
  return record(deps, {
    ...header,
    outcome: {
      kind: 'claim',
      claimId: filed.claim.id,
      claimNumber: filed.claim.number,
      ...(noAnswer.length > 0 ? { noAnswer } : {}),
    },
  });
}

/** The sender's newest open claim (by the email index), for mail over the per-sender claim limit. */
async function latestOpenClaim(deps: ReceiveEmailDeps, sender: string): Promise<Claim | null> {
  const page = await deps.store.findByContact({ email: sender }, { limit: 20, order: 'newest' });
  const open = page.items.find((summary) => isOpen(summary.status));
  return open ? deps.store.getById(open.id) : null;
}

async function record(deps: ReceiveEmailDeps, inbound: InboundRecord): Promise<ReceiveEmailResult> {
  const fresh = await deps.mailStore.recordInbound(inbound);
  return fresh ? inbound.outcome : { kind: 'duplicate', sha256: inbound.sha256 };
}

/** The claim a message answers, by our Message-IDs, else by number when the sender is its contact. */
async function threadOf(
  deps: ReceiveEmailDeps,
  threadClaimId: string | null,
  mail: ParsedMail,
  sender: string,
): Promise<Claim | null> {
  if (threadClaimId !== null) {
    const claim = await deps.store.getById(threadClaimId);
    if (claim) return claim;
  }
  const number = claimNumberInSubject(mail.subject);
  if (number === null) return null;
  const claim = await deps.store.getByNumber(number);
  // A claim number alone proves nothing: only its own contact may add to it by subject.
  if (!claim || claim.claimant.email?.toLowerCase() !== sender) return null;
  return claim;
}

async function saveAttachments(
  deps: ReceiveEmailDeps,
  mail: ParsedMail,
  sha256: string,
  at: Date,
): Promise<Evidence[]> {
  const evidence: Evidence[] = [];
  for (const [n, attachment] of mail.attachments.entries()) {
    const key = `email/${sha256}/${n + 1}-${attachment.sha256.slice(0, 16)}`;
    await deps.evidence.put(key, attachment.content, attachment.contentType);
    evidence.push({
      key,
      name: attachment.name,
      contentType: attachment.contentType,
      size: attachment.size,
      sha256: attachment.sha256,
      source: `email:${mail.messageId ?? sha256}`.slice(0, 1000),
      addedAt: at.toISOString(),
    });
  }
  return evidence;
}

async function reply(
  deps: ReceiveEmailDeps,
  claim: Claim,
  mail: ParsedMail,
  evidence: Evidence[],
  inbound: InboundRecord,
): Promise<ReceiveEmailResult> {
  const now = deps.clock.now();
  const { change } = claimUpdate(
    claim,
    { ...claim, ...(evidence.length > 0 ? { evidence: [...(claim.evidence ?? []), ...evidence] } : {}) },
    {
      eventId: deps.ids.newId(now),
      at: now.toISOString(),
      actor: { type: 'customer' },
      action: 'customer_email',
      channel: 'email',
      note: [
        inbound.outcome.kind === 'reply' && inbound.outcome.rateLimited === true
          ? rateLimitNote(
              deps.settings.mail.maxClaimsPerSenderPerWindow,
              deps.settings.mail.claimWindowMinutes,
            )
          : '',
        `${mail.subject}\n\n${mail.text}`.trim(),
      ]
        .join('\n\n')
        .trim()
        .slice(0, 4000),
    },
    { related: [{ type: 'inbound_record', record: inbound }] },
  );
  try {
    await deps.writer.commit(change);
  } catch (error) {
    if (error instanceof RelatedWriteRefusedError) return { kind: 'duplicate', sha256: inbound.sha256 };
    if (error instanceof ConflictError)
      throw new ConflictError('the claim changed while a reply was attached; the message will be retried');
    throw error;
  }
  return inbound.outcome;
}
