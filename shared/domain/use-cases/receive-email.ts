import { createHash } from 'node:crypto';
import { claimUpdate } from '../claim-change.js';
import type { CustomerResponseKind } from '../customer-response.js';
import { customerResponded } from '../response-notice.js';
import { commitChange } from './money-change.js';
import { ConflictError } from '../errors.js';
import { RelatedWriteRefusedError, type ClaimChange, type RelatedWrite } from '../../ports/claim-writer.js';
import { IntakeInputSchema, type Actor, type Claim, type Evidence } from '../claim.js';
import type { Language } from '../categories.js';
import { isOpen } from '../lifecycle.js';
import {
  automaticMailDecision,
  claimNumberInSubject,
  intakeFromMail,
  noAnswerNote,
  senderAddress,
  type Envelope,
  type ParsedMail,
} from '../mail/inbound.js';
import { rateLimitNote } from '../mail/rate-limit-note.js';
import { invalidReplyAddressNote, replyAddressAmong, type ReplyAddressCheck } from '../mail/reply-address.js';
import {
  unverifiedReplyNote,
  verifySender,
  type SenderEvidence,
  type SenderVerification,
} from '../mail/sender-verification.js';
import type { SesReceivedNotification } from '../mail/ses-notification.js';
import type { BlobStore } from '../../ports/blob-store.js';
import type { SecretSource } from '../../ports/secret.js';
import {
  normalizeMessageId,
  type InboundOutcome,
  type InboundRecord,
  type MailStore,
} from '../../ports/mail-store.js';
import { fileClaim, type FiledClaim, type IntakeDeps } from './file-claim.js';

export type ParseOutcome = { ok: true; mail: ParsedMail } | { ok: false; reason: string };

export interface ReceiveEmailDeps extends IntakeDeps {
  readonly mailStore: MailStore;
  /** Where SES (or the local SMTP listener) stored the raw message. */
  readonly rawMail: BlobStore;
  /** Where attachments are kept as evidence. */
  readonly evidence: BlobStore;
  /** The MIME parser with its limits (an adapter: mailparser). */
  readonly parse: (raw: Uint8Array) => Promise<ParseOutcome>;
  /** The key of the per-claim reply addresses (`reply-address.ts`), shared with notify. */
  readonly replyAddressSecret: SecretSource;
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
 * 4. Find the claim it answers: a recipient that is the claim's reply address with a valid token,
 *    else In-Reply-To/References against ids of mail we sent, else the claim number in the subject
 *    when the sender is the claim's contact.
 * 5. Matched by anything but the reply address, it is added only when SES's verdicts verify its From
 *    (`verifySender`); otherwise it is quarantined for staff with the claim it named and a note, and
 *    the claim is left as it was. A reply address with a wrong token is quarantined likewise.
 * 6. Save the attachments as evidence (keys derived from the message hash, so a retry overwrites).
 * 7. A reply: the claim's next version with the new evidence, its audit event (the text as the note)
 *    and the inbound record in one transaction.
 * 8. A new message counts against its sender's claim allowance (settings.mail); over it, the message
 *    is added to the sender's latest open claim as in 7 when its sender is verified, or quarantined
 *    when there is no such claim or the sender is not verified.
 * 9. Otherwise file a claim through `fileClaim` (channel email; the message hash is the idempotency
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
  const replyTo = replyAddressAmong(notification.receipt.recipients, await deps.replyAddressSecret());
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
  const verdicts: SenderEvidence = {
    spf: notification.receipt.spfVerdict?.status,
    dkim: notification.receipt.dkimVerdict?.status,
    dmarc: notification.receipt.dmarcVerdict?.status,
    envelopeFrom: notification.mail.source,
    headerFrom: mail.from?.address ?? null,
    sesFrom: notification.mail.commonHeaders?.from,
  };
  const verification = verifySender(verdicts);

  const match = await claimOf(deps, replyTo, threadClaimId, mail, from);
  if (match !== null) {
    // Only the reply address's token proves the writer had our mail; anything else rests on the From.
    if (match.by !== 'reply_address' && verification.kind === 'unverified')
      return held(deps, match.claim, mail, {
        ...header,
        outcome: heldReply(match.claim, ['unverified_sender'], verification, verdicts),
      });
    const attachments = await saveAttachments(deps, mail, sha256, receivedAt);
    return reply(deps, match.claim, mail, attachments, {
      ...header,
      outcome: {
        kind: 'reply',
        claimId: match.claim.id,
        claimNumber: match.claim.number,
        ...(match.by === 'reply_address' ? { replyAddress: true as const } : {}),
      },
    });
  }
  if (replyTo !== null) {
    // A claim's reply address with a token we never issued: a guess at the address, not a new claim.
    const named = await deps.store.getByNumber(replyTo.claimNumber);
    return record(deps, {
      ...header,
      outcome: {
        kind: 'quarantined',
        reasons: ['reply_address_invalid'],
        ...(named ? { claimId: named.id } : {}),
        note: invalidReplyAddressNote(replyTo.claimNumber),
      },
    });
  }

  const { maxClaimsPerSenderPerWindow: max, claimWindowMinutes } = deps.settings.mail;
  if (!(await deps.mailStore.takeClaimAllowance(from, sha256, receivedAt, claimWindowMinutes, max))) {
    const latest = await latestOpenClaim(deps, from);
    if (latest === null)
      return record(deps, {
        ...header,
        outcome: { kind: 'quarantined', reasons: ['sender_claim_rate_limit'] },
      });
    if (verification.kind === 'unverified')
      return held(deps, latest, mail, {
        ...header,
        outcome: heldReply(latest, ['sender_claim_rate_limit', 'unverified_sender'], verification, verdicts),
      });
    const attachments = await saveAttachments(deps, mail, sha256, receivedAt);
    return reply(deps, latest, mail, attachments, {
      ...header,
      outcome: { kind: 'reply', claimId: latest.id, claimNumber: latest.number, rateLimited: true },
    });
  }

  const noAnswer = decision.noAnswer;
  const filed = await fileMailedClaim(
    deps,
    mail,
    { sha256, from, receivedAt },
    { actor: { type: 'customer' }, noAnswer },
  );
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

/**
 * File a mail as a claim: its attachments saved as evidence, its fields read by `intakeFromMail` (what it
 * could not fill asked for as missing material, stand-ins to be confirmed), channel email with the message
 * hash as the idempotency key, and no acknowledgment when `noAnswer` gives reasons (the timeline says them,
 * in the claim's language). Email-in files new mail this way, and staff release held mail the same way.
 */
export async function fileMailedClaim(
  deps: Omit<ReceiveEmailDeps, 'replyAddressSecret' | 'mailStore' | 'rawMail' | 'parse'>,
  mail: ParsedMail,
  message: { readonly sha256: string; readonly from: string; readonly receivedAt: Date },
  options: {
    readonly actor: Actor;
    readonly noAnswer: readonly string[];
    /** A line for the filing event, in the claim's language. */
    readonly filingNote?: (language: Language) => string;
    readonly alsoWrite?: (claim: Claim) => readonly RelatedWrite[];
  },
): Promise<FiledClaim> {
  const evidence = await saveAttachments(deps, mail, message.sha256, message.receivedAt);
  const intake = intakeFromMail(mail, message.from, message.receivedAt);
  const language = intake.input.language;
  return fileClaim(deps, {
    input: IntakeInputSchema.parse(intake.input),
    channel: 'email',
    actor: options.actor,
    idempotencyKey: message.sha256,
    missingMaterial: intake.missing,
    toConfirm: intake.toConfirm,
    evidence,
    ...(options.noAnswer.length > 0
      ? { withoutAcknowledgment: noAnswerNote(options.noAnswer, language) }
      : {}),
    ...(options.filingNote ? { filingNote: options.filingNote(language) } : {}),
    ...(options.alsoWrite ? { alsoWrite: options.alsoWrite } : {}),
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

/** How a message was tied to a claim: only `reply_address` proves anything without SES's verdicts. */
interface ClaimMatch {
  readonly claim: Claim;
  readonly by: 'reply_address' | 'message_id' | 'subject';
}

/**
 * The claim a message answers: the claim of a reply address whose token checks, else by our
 * Message-IDs, else by the number in the subject when the sender is the claim's contact.
 */
async function claimOf(
  deps: ReceiveEmailDeps,
  replyTo: ReplyAddressCheck | null,
  threadClaimId: string | null,
  mail: ParsedMail,
  sender: string,
): Promise<ClaimMatch | null> {
  if (replyTo?.valid === true) {
    const claim = await deps.store.getByNumber(replyTo.claimNumber);
    if (claim) return { claim, by: 'reply_address' };
  }
  if (threadClaimId !== null) {
    const claim = await deps.store.getById(threadClaimId);
    if (claim) return { claim, by: 'message_id' };
  }
  const number = claimNumberInSubject(mail.subject);
  if (number === null) return null;
  const claim = await deps.store.getByNumber(number);
  // A claim number alone proves nothing: only its own contact may add to it by subject.
  if (!claim || claim.claimant.email?.toLowerCase() !== sender) return null;
  return { claim, by: 'subject' };
}

/** A reply held for staff instead of being added to `claim`: its sender could not be verified. */
function heldReply(
  claim: Claim,
  reasons: readonly string[],
  verification: Extract<SenderVerification, { kind: 'unverified' }>,
  verdicts: SenderEvidence,
): InboundOutcome {
  return {
    kind: 'quarantined',
    reasons: [...reasons, `sender:${verification.reason}`],
    claimId: claim.id,
    note: unverifiedReplyNote(claim.number, verification, verdicts),
  };
}

export async function saveAttachments(
  deps: Pick<ReceiveEmailDeps, 'evidence'>,
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

/**
 * A reply added to its claim: the claim's next version with the new evidence, marked "customer responded"
 * (an open claim's reply or one after closure), its audit event (the text as the note), the owner's notice
 * and the inbound record in one transaction.
 */
function reply(
  deps: ReceiveEmailDeps,
  claim: Claim,
  mail: ParsedMail,
  evidence: Evidence[],
  inbound: InboundRecord,
): Promise<ReceiveEmailResult> {
  const rateLimited = inbound.outcome.kind === 'reply' && inbound.outcome.rateLimited === true;
  const text = `${mail.subject}\n\n${mail.text}`.trim();
  return onClaim(deps, claim, inbound, {
    action: 'customer_email',
    ...replyResponse(claim, mail),
    evidence,
    note: [
      rateLimited
        ? rateLimitNote(
            deps.settings.mail.maxClaimsPerSenderPerWindow,
            deps.settings.mail.claimWindowMinutes,
            claim.language,
          )
        : '',
      text,
    ]
      .join('\n\n')
      .trim()
      .slice(0, 4000),
  });
}

/**
 * Mail naming a claim held because its sender could not be verified: the claim is left as it was but for
 * the "customer responded" mark, and its owner is told to check the held mail; the record and the mark are
 * one transaction. The mail's words are not quoted: nobody knows yet who wrote them. While the claim is
 * still marked for held mail, more held mail is only recorded: a forger cannot flood its owner's inbox.
 */
async function held(
  deps: ReceiveEmailDeps,
  claim: Claim,
  mail: ParsedMail,
  inbound: InboundRecord,
): Promise<ReceiveEmailResult> {
  if (claim.customerResponse?.what === 'quarantined_mail') return record(deps, inbound);
  return onClaim(deps, claim, inbound, {
    action: 'mail_held',
    what: 'quarantined_mail',
    evidence: [],
    text: '',
    note: `${mail.subject}`.slice(0, 500),
    files: mail.attachments.length,
  });
}

/** What a mail adds to its claim, and who adds it. */
export interface MailOnClaim {
  readonly actor: Actor;
  readonly action: 'customer_email' | 'mail_held' | 'mail_attached';
  readonly what: CustomerResponseKind;
  readonly evidence: readonly Evidence[];
  /** The customer's words, for the owner's notice ('' quotes nothing). */
  readonly text: string;
  readonly note: string;
  /** Files the notice counts; the evidence added unless said otherwise. */
  readonly files?: number;
  /** The writes that go with it (the inbound record, or a held mail's settlement). */
  readonly related: readonly RelatedWrite[];
}

/** A reply's mark on its claim: after closure or not, its text (the subject when the body is empty). */
export function replyResponse(
  claim: Claim,
  mail: ParsedMail,
): { readonly what: CustomerResponseKind; readonly text: string } {
  return {
    what: isOpen(claim.status) ? 'email_reply' : 'reply_after_closure',
    text: mail.text.trim() === '' ? mail.subject : mail.text,
  };
}

/**
 * The change a mail makes on its claim: the evidence added, the "customer responded" mark and its owner's
 * notice, the audit event (channel email) and the related writes, to commit as one transaction.
 */
export function mailOnClaimChange(
  deps: Pick<ReceiveEmailDeps, 'ids'>,
  claim: Claim,
  part: MailOnClaim,
  now: Date,
): ClaimChange {
  const at = now.toISOString();
  const eventId = deps.ids.newId(now);
  const withEvidence: Claim =
    part.evidence.length > 0 ? { ...claim, evidence: [...(claim.evidence ?? []), ...part.evidence] } : claim;
  const marked = customerResponded(withEvidence, {
    what: part.what,
    at,
    eventId,
    text: part.text,
    files: part.files ?? part.evidence.length,
  });
  return claimUpdate(
    claim,
    marked.claim,
    { eventId, at, actor: part.actor, action: part.action, channel: 'email', note: part.note },
    { related: part.related, outbox: [marked.notice] },
  ).change;
}

async function onClaim(
  deps: ReceiveEmailDeps,
  claim: Claim,
  inbound: InboundRecord,
  part: Omit<MailOnClaim, 'actor' | 'related'> & { readonly action: 'customer_email' | 'mail_held' },
): Promise<ReceiveEmailResult> {
  const change = mailOnClaimChange(
    deps,
    claim,
    { ...part, actor: { type: 'customer' }, related: [{ type: 'inbound_record', record: inbound }] },
    deps.clock.now(),
  );
  try {
    await commitChange(deps, change);
  } catch (error) {
    if (error instanceof RelatedWriteRefusedError) return { kind: 'duplicate', sha256: inbound.sha256 };
    if (error instanceof ConflictError)
      throw new ConflictError(
        'the claim changed while a mail was recorded on it; the message will be retried',
      );
    throw error;
  }
  return inbound.outcome;
}
