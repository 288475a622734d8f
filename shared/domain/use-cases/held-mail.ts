import type * as z from '../../zod.js';
import type { Claim } from '../claim.js';
import type { Language } from '../categories.js';
import { loadVisibleClaim } from '../claim-lookup.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { answerableOnRelease, mailReasonWords } from '../mail/held-reasons.js';
import type { ParsedMail } from '../mail/inbound.js';
import { canSee, staffActor, type StaffPrincipal } from '../principal.js';
import { formatInstant } from '../shanghai-time.js';
import { mayDo } from '../staff-permissions.js';
import { RelatedWriteRefusedError, type RelatedWrite } from '../../ports/claim-writer.js';
import {
  isHeld,
  type HeldMailAction,
  type HeldMailSettlement,
  type InboundRecord,
} from '../../ports/mail-store.js';
import type {
  AttachHeldMailSchema,
  HeldMailDetail,
  HeldMailQuery,
  HeldMailRow,
} from '../mail/held-mail-view.js';
import { commitChange } from './money-change.js';
import {
  fileMailedClaim,
  mailOnClaimChange,
  replyResponse,
  saveAttachments,
  type ReceiveEmailDeps,
} from './receive-email.js';

/** What the held-mail actions need: email-in's dependencies but the reply-address key. */
export type HeldMailDeps = Omit<ReceiveEmailDeps, 'replyAddressSecret'>;
/** Stored raw mail and how to read it: what a caller adds to the intake dependencies and the mail store. */
export type HeldMailReading = Pick<ReceiveEmailDeps, 'rawMail' | 'parse'>;

const TEXT_SHOWN = 20_000;

/**
 * The held-mail list: messages the rules quarantined or could not read and no one has settled, newest
 * first, for staff who take in claims.
 * 1. Refuse roles without `reviewHeldMail`.
 * 2. Read a page of the held-mail index.
 * 3. Staff covering the intake unit (where mailed claims land) see every message; others only those
 *    naming a claim they may see.
 * 4. Each row in the reader's language: reasons and the rules' note in words, the named claim's number.
 */
export async function listHeldMail(
  deps: Pick<HeldMailDeps, 'mailStore' | 'store' | 'orgTree' | 'settings'>,
  principal: StaffPrincipal,
  query: HeldMailQuery,
  language: Language,
): Promise<{ readonly items: readonly HeldMailRow[]; readonly cursor?: string }> {
  requireReviewer(principal);
  const page = await deps.mailStore.listHeldMail({ limit: query.limit, cursor: query.cursor });
  const intake = coversIntake(deps, principal);
  const named = await Promise.all(page.items.map((record) => namedClaim(deps, record)));
  const rows = page.items.flatMap((record, i) => {
    const claim = named[i] ?? null;
    return maySee(principal, intake, claim) ? [rowOf(record, claim, principal, language)] : [];
  });
  return { items: rows, ...(page.cursor !== undefined ? { cursor: page.cursor } : {}) };
}

/**
 * One held message with its text and attachments, read from the stored raw message.
 * 1. Find the record the reader may see (else 404, the same as for no such message).
 * 2. Parse the raw message within the mail limits; unreadable mail has no text.
 */
export async function heldMailDetail(
  deps: HeldMailDeps,
  principal: StaffPrincipal,
  sha256: string,
  language: Language,
): Promise<HeldMailDetail> {
  const { record, named } = await visibleRecord(deps, principal, sha256);
  const mail = await parsedOf(deps, record);
  return {
    ...rowOf(record, named, principal, language),
    text: mail === null ? null : mail.text.slice(0, TEXT_SHOWN),
    attachments: (mail?.attachments ?? []).map((a) => ({
      name: a.name,
      contentType: a.contentType,
      size: a.size,
    })),
  };
}

/**
 * Release a held message as a new claim, as email-in would have filed it.
 * 1. Find the record the reader may see, still held (settled → 409 naming who settled it).
 * 2. Parse it (unreadable → 400 in words: it can only be dismissed) and save its attachments as evidence
 *    (keys from the message hash, so a retry overwrites).
 * 3. File the claim through `fileMailedClaim`, as email-in files new mail, by the staff member and with the
 *    settlement in the same transaction. The customer is acknowledged unless a reason says a machine or a
 *    list wrote it (`answerableOnRelease`); the filing event says who released it and when it came.
 */
export async function releaseHeldMail(
  deps: HeldMailDeps,
  principal: StaffPrincipal,
  sha256: string,
): Promise<{ readonly claimNumber: string }> {
  const { record } = await visibleRecord(deps, principal, sha256);
  requireHeld(record);
  const mail = await readableMail(deps, record);
  const from = record.from ?? mail.from?.address ?? null;
  if (from === null)
    throw refused('no sender', {
      'zh-CN': '这封邮件没有发件地址，无法建为索赔；请在电话或门店登记中录入。',
      en: 'This mail has no sender address, so it cannot become a claim; register it as a phone or walk-in claim.',
    });
  const reasons = heldReasons(record);
  const at = deps.clock.now().toISOString();
  const who = principal.name ?? principal.id;
  const settlement = (claim: Claim): HeldMailSettlement => ({
    action: 'released',
    by: by(principal),
    at,
    claimId: claim.id,
    claimNumber: claim.number,
  });
  try {
    const filed = await fileMailedClaim(
      deps,
      mail,
      { sha256, from, receivedAt: new Date(record.receivedAt) },
      {
        actor: staffActor(principal),
        noAnswer: answerableOnRelease(reasons) ? [] : reasons,
        // In the claim's language, as the rest of its timeline.
        filingNote: (language) => {
          const came = formatInstant(record.receivedAt, language);
          return language === 'en'
            ? `Released from held mail by ${who} (the mail came on ${came}).`
            : `${who} 从待核实邮件中放行（邮件于 ${came} 收到）。`;
        },
        alsoWrite: (claim) => [settle(sha256, settlement(claim))],
      },
    );
    // A replay (the message was filed before): settle the record on its own if it is still held.
    if (filed.replayed) await deps.mailStore.settleHeldMail(sha256, settlement(filed.claim));
    return { claimNumber: filed.claim.number };
  } catch (error) {
    throw await settledMeanwhile(deps, error, sha256);
  }
}

/**
 * Add a held message to a claim, as if it had come as the customer's reply.
 * 1. Find the record the reader may see, still held, and the claim by number (one the reader may see, else
 *    404 in words).
 * 2. Parse it (unreadable → 400 in words) and save its attachments as evidence.
 * 3. `mailOnClaimChange`, as for a customer's reply: the claim's next version with the evidence, marked
 *    "customer responded" (its owner is told), its audit event (who added it, the mail's text as the note)
 *    and the settlement in one transaction.
 */
export async function attachHeldMail(
  deps: HeldMailDeps,
  principal: StaffPrincipal,
  sha256: string,
  input: z.infer<typeof AttachHeldMailSchema>,
): Promise<{ readonly claimNumber: string }> {
  const { record } = await visibleRecord(deps, principal, sha256);
  requireHeld(record);
  const claim = await loadVisibleClaim(deps.store, input.claimNumber.toUpperCase(), principal);
  const mail = await readableMail(deps, record);
  const evidence = await saveAttachments(deps, mail, sha256, new Date(record.receivedAt));
  const who = principal.name ?? principal.id;
  const now = deps.clock.now();
  const change = mailOnClaimChange(
    deps,
    claim,
    {
      actor: staffActor(principal),
      action: 'mail_attached',
      ...replyResponse(claim, mail),
      evidence,
      note: [
        claim.language === 'en'
          ? `${who} added the mail from ${record.from ?? 'an unknown sender'} from held mail to this claim.`
          : `${who} 将 ${record.from ?? '未知发件人'} 的邮件从待核实邮件加入本索赔。`,
        '',
        `${mail.subject}\n\n${mail.text}`.trim(),
      ]
        .join('\n')
        .slice(0, 4000),
      related: [
        settle(sha256, {
          action: 'attached',
          by: by(principal),
          at: now.toISOString(),
          claimId: claim.id,
          claimNumber: claim.number,
        }),
      ],
    },
    now,
  );
  try {
    await commitChange(deps, change);
  } catch (error) {
    throw await settledMeanwhile(deps, error, sha256);
  }
  return { claimNumber: claim.number };
}

/**
 * Dismiss a held message: it stays recorded (and its raw bytes kept) but leaves the list.
 * 1. Find the record the reader may see, still held.
 * 2. Settle it on condition it is still held (one conditional write); lost to someone else → 409 in words.
 */
export async function dismissHeldMail(
  deps: HeldMailDeps,
  principal: StaffPrincipal,
  sha256: string,
): Promise<{ readonly dismissed: true }> {
  const { record } = await visibleRecord(deps, principal, sha256);
  requireHeld(record);
  const settlement: HeldMailSettlement = {
    action: 'dismissed',
    by: by(principal),
    at: deps.clock.now().toISOString(),
  };
  if (!(await deps.mailStore.settleHeldMail(sha256, settlement))) throw await alreadySettled(deps, sha256);
  return { dismissed: true };
}

function requireReviewer(principal: StaffPrincipal): void {
  if (!mayDo('reviewHeldMail', principal.roles))
    throw new ForbiddenError('your role may not review held mail', {
      'zh-CN': '您的角色不能处理待核实邮件。',
      en: 'Your role may not review held mail.',
    });
}

/** Mailed claims land in the intake unit: those who cover it take in mail. */
function coversIntake(deps: Pick<HeldMailDeps, 'orgTree' | 'settings'>, principal: StaffPrincipal): boolean {
  return canSee(principal, deps.orgTree.pathOf(deps.settings.intakeUnitId));
}

/** Who covers the intake unit sees all held mail; anyone else only mail naming a claim they may see. */
function maySee(principal: StaffPrincipal, coversIntake: boolean, named: Claim | null): boolean {
  return coversIntake || (named !== null && canSee(principal, named.unitPath));
}

async function namedClaim(deps: Pick<HeldMailDeps, 'store'>, record: InboundRecord): Promise<Claim | null> {
  const claimId = record.outcome.kind === 'quarantined' ? record.outcome.claimId : undefined;
  return claimId === undefined ? null : deps.store.getById(claimId);
}

/** The record, when the reader may review held mail and see this one (else 404, as for none at all). */
async function visibleRecord(
  deps: HeldMailDeps,
  principal: StaffPrincipal,
  sha256: string,
): Promise<{ readonly record: InboundRecord; readonly named: Claim | null }> {
  requireReviewer(principal);
  const notFound = new NotFoundError(`held mail ${sha256} not found`, {
    'zh-CN': '找不到这封邮件，或您无权查看。',
    en: 'This mail was not found, or you may not see it.',
  });
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw notFound;
  const record = await deps.mailStore.getInbound(sha256);
  if (record === null || (record.outcome.kind !== 'quarantined' && record.outcome.kind !== 'unparseable'))
    throw notFound;
  const named = await namedClaim(deps, record);
  if (!maySee(principal, coversIntake(deps, principal), named)) throw notFound;
  return { record, named };
}

function requireHeld(record: InboundRecord): void {
  if (!isHeld(record)) throw settledError(record);
}

function heldReasons(record: InboundRecord): readonly string[] {
  if (record.outcome.kind === 'quarantined') return record.outcome.reasons;
  if (record.outcome.kind === 'unparseable') return [record.outcome.reason];
  return [];
}

function rowOf(
  record: InboundRecord,
  named: Claim | null,
  principal: StaffPrincipal,
  language: Language,
): HeldMailRow {
  const note = record.outcome.kind === 'quarantined' ? record.outcome.note : undefined;
  // Notes are written zh-CN then en, one line each.
  const lines = note?.split('\n') ?? [];
  return {
    sha256: record.sha256,
    from: record.from,
    subject: record.subject,
    receivedAt: record.receivedAt,
    reasons: [...new Set(heldReasons(record))].map((code) => ({
      code,
      words: mailReasonWords(code, language),
    })),
    note: (language === 'en' ? lines[1] : lines[0]) ?? null,
    claimNumber: named !== null && canSee(principal, named.unitPath) ? named.number : null,
    readable: record.outcome.kind !== 'unparseable',
  };
}

async function parsedOf(deps: HeldMailDeps, record: InboundRecord): Promise<ParsedMail | null> {
  if (record.outcome.kind === 'unparseable') return null;
  const raw = await deps.rawMail.get(record.rawKey);
  if (raw === null) return null;
  const parsed = await deps.parse(raw);
  return parsed.ok ? parsed.mail : null;
}

async function readableMail(deps: HeldMailDeps, record: InboundRecord): Promise<ParsedMail> {
  const mail = await parsedOf(deps, record);
  if (mail === null)
    throw refused('unreadable', {
      'zh-CN': '这封邮件无法读取（或原件已不在），不能建为索赔或加入索赔，只能忽略。',
      en: 'This mail cannot be read (or its original is gone), so it can only be dismissed.',
    });
  return mail;
}

function refused(reason: string, words: Readonly<Record<Language, string>>): ValidationError {
  return new ValidationError(`held mail: ${reason}`, [{ path: 'mail', message: reason, words }], reason);
}

function settle(sha256: string, settlement: HeldMailSettlement): RelatedWrite {
  return { type: 'held_mail_settled', sha256, settlement };
}

function by(principal: StaffPrincipal): HeldMailSettlement['by'] {
  return { id: principal.id, ...(principal.name !== undefined ? { name: principal.name } : {}) };
}

const SETTLED_WORDS: Readonly<Record<HeldMailAction, readonly [string, string]>> = {
  released: ['放行为索赔', 'released it as claim'],
  attached: ['加入了索赔', 'added it to claim'],
  dismissed: ['忽略了这封邮件', 'dismissed it'],
};

/** A message no longer held, when the record does not say who settled it. */
function notHeld(): ConflictError {
  return new ConflictError('the mail is not held', {
    'zh-CN': '这封邮件已经处理过了。',
    en: 'This mail has already been dealt with.',
  });
}

function settledError(record: InboundRecord): ConflictError {
  const s = record.settled;
  if (s === undefined) return notHeld();
  const who = s.by.name ?? s.by.id;
  const [zh, en] = SETTLED_WORDS[s.action];
  const number = s.claimNumber ?? '';
  return new ConflictError(`held mail already ${s.action}`, {
    'zh-CN': `${who} 已于 ${formatInstant(s.at, 'zh-CN')} ${zh}${number ? ` ${number}` : ''}。`,
    en: `${who} already ${en}${number ? ` ${number}` : ''} on ${formatInstant(s.at, 'en')}.`,
  });
}

async function alreadySettled(deps: HeldMailDeps, sha256: string): Promise<ConflictError> {
  const record = await deps.mailStore.getInbound(sha256);
  return record === null ? notHeld() : settledError(record);
}

/** A settlement refused in the transaction: someone else settled the message first. */
async function settledMeanwhile(deps: HeldMailDeps, error: unknown, sha256: string): Promise<unknown> {
  if (error instanceof RelatedWriteRefusedError && error.write.type === 'held_mail_settled')
    return alreadySettled(deps, sha256);
  return error;
}
