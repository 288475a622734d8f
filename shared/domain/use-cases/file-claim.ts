import { statutoryFactsFromIntake } from '../statutory/intake-facts.js';
import { hashAccessToken, requestFingerprint } from '../access-token.js';
import type { AuditChannel } from '../audit.js';
import { claimCreation, pendingOf } from '../claim-change.js';
import type { Channel } from '../categories.js';
import {
  kindConfirmed,
  type Actor,
  type Claim,
  type Evidence,
  type IntakeInput,
  type ToConfirmField,
} from '../claim.js';
import { formatClaimNumber } from '../claim-number.js';
import { contactKeysOf, productKey, sameContact, type ContactKeys } from '../contact-keys.js';
import { findPossibleDuplicates } from '../duplicates.js';
import { ConflictError } from '../errors.js';
import { claimNotFound } from '../claim-lookup.js';
import { lacksPermission, outsideUnit } from '../refusals.js';
import { mayDo } from '../staff-permissions.js';
import { checkFilingWindow } from '../filing-window.js';
import { unitCovers, type OrgTree } from '../org-units.js';
import type { StaffPrincipal } from '../principal.js';
import { departmentFor, requireOfferedCategory } from '../category-policy.js';
import { gradeSeverity, gradeUrgency } from '../severity.js';
import type { PolicySettings } from '../settings.js';
import { addDays, shanghaiDate, shanghaiYear } from '../shanghai-time.js';
import type { ClaimStore } from '../../ports/claim-store.js';
import { RelatedWriteRefusedError, type ClaimWriter, type RelatedWrite } from '../../ports/claim-writer.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/ids.js';
import type { QueueSender } from '../../ports/queue-sender.js';
import { notificationMessage, type OutboxMessage } from '../messages.js';
import { relayOutbox } from './relay-outbox.js';
import type { CalendarSource } from '../../ports/calendar-store.js';
import { intakeClocks } from '../sla/claim-clocks.js';
import { intakeCounters } from '../sla/statistics.js';
import type { CommitmentStore } from '../../ports/commitment-store.js';
import { citedPromise } from './commitments.js';
import type { BlobStore } from '../../ports/blob-store.js';
import { keepUploads, receiveUploads } from './evidence-uploads.js';

export interface IntakeDeps {
  readonly store: ClaimStore;
  readonly writer: ClaimWriter;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly settings: PolicySettings;
  readonly orgTree: OrgTree;
  /** The version of the policy `settings` is: recorded on the claim as the one that set its clocks. */
  readonly policyVersion: number;
  readonly queues: QueueSender;
  readonly calendars: CalendarSource;
  /** The commitments registry, for claims that cite a commitment (SPEC §13). */
  readonly commitments: CommitmentStore;
  /** Evidence files: uploads the input names are checked and hashed here. */
  readonly evidence: BlobStore;
}

export interface FileClaimCommand {
  readonly input: IntakeInput;
  readonly channel: Channel;
  readonly actor: Actor;
  /** Staff registering a phone or walk-in claim: the claim must land in a unit they cover. */
  readonly staff?: StaffPrincipal | undefined;
  /** Client-chosen key; a second submission with it returns the first claim. */
  readonly idempotencyKey?: string | undefined;
  /**
   * Fields the channel could not fill (email): the claim starts as needs_material with this list, and the
   * acknowledgment asks for them.
   */
  readonly missingMaterial?: readonly string[] | undefined;
  /** Attachments already stored (email). */
  readonly evidence?: readonly Evidence[] | undefined;
  /**
   * Mail that must get no automatic answer (list or bulk mail, noreply senders): no acknowledgment is
   * written, and this note on the filing event tells staff why.
   */
  readonly withoutAcknowledgment?: string | undefined;
  /**
   * Fields the channel filled with a stand-in (email): staff confirm them. A day found still to confirm
   * defers the filing-window check to the facts edit; a product or category still to confirm keeps the
   * claim out of the same-kind count, both ways.
   */
  readonly toConfirm?: readonly ToConfirmField[] | undefined;
  /** A line for the filing event, after the others (who released a held mail, and when it came). */
  readonly filingNote?: string | undefined;
  /** Writes of the caller's that belong in the filing transaction (a held mail settled as this claim). */
  readonly alsoWrite?: ((claim: Claim) => readonly RelatedWrite[]) | undefined;
}

export interface FiledClaim {
  readonly claim: Claim;
  /** Shown once. Absent only when a replay found the claim already holding its maximum of tokens. */
  readonly accessToken?: string;
  /** True when an earlier submission with the same Idempotency-Key created the claim. */
  readonly replayed: boolean;
  /** When the first substantive reply is due (ISO instant), for the confirmation page. */
  readonly firstReplyDue: string;
}

/**
 * File a claim from any channel (web form, email, staff for phone and walk-in).
 * 1. Place the claim in its organisation unit (the one named, the staff member's, or the intake unit).
 * 2. Check the filing window; a late claim is recorded as not admitted with the reason, never dropped.
 *    A channel that could not fill every field (email) starts the claim as needs_material with the list.
 * 3. In parallel: look up the Idempotency-Key (unless a claim number is already in hand: then the
 *    transaction checks it) and a cited commitment (unknown → refused), find possible duplicates (same
 *    contact + order within the window), count same-kind complaints, and check and hash the uploads the
 *    input names (a missing or mismatched one → 400). A key already used returns that claim (same request,
 *    with a fresh token) or refuses (different request), before anything is written.
 * 4. Keep the uploads (copies under kept/), then take the next number: the one in hand, or the next
 *    from the year's counter (atomic; a failed or replayed intake leaves a gap, never a duplicate).
 * 5. Grade severity and urgency, route the category to its department; start the SLA clocks (first reply,
 *    and the on-site visit where the category needs one), a cited commitment's promise setting the target.
 * 6. Write claim + audit event + idempotency record + the acknowledgment intent (none for mail that
 *    must get no automatic answer) + the month's volume counters in one transaction; a key already used
 *    (a concurrent submission that committed first, or any earlier one when step 3 did not read it)
 *    makes this one its replay.
 * 7. Relay the acknowledgment to the notify queue (a failure leaves it pending for the sweep's catch-up).
 */
export async function fileClaim(deps: IntakeDeps, cmd: FileClaimCommand): Promise<FiledClaim> {
  const { store, clock, ids, settings } = deps;
  // The policy in force decides which categories are offered (issue 15): unknown or retired → 400 in words.
  requireOfferedCategory(settings.categories, cmd.input.category);
  const idempotencyKey =
    cmd.idempotencyKey === undefined ? undefined : `${cmd.channel}:${cmd.idempotencyKey}`;
  const requestHash = requestFingerprint(cmd.input);
  const receivedAt = clock.now();
  const at = receivedAt.toISOString();
  const unitPath = placeClaim(deps.orgTree, settings, cmd);
  const toConfirm = [...new Set(cmd.toConfirm ?? [])];
  // The window counts from the day found: with only a stand-in for it, staff check it once they know it.
  const window = toConfirm.includes('foundOn')
    ? ({ admitted: true, daysSinceFound: 0 } as const)
    : checkFilingWindow(cmd.input.foundOn, receivedAt, settings.filingWindowDays, cmd.input.language);
  // Issue 24: the purchase facts the customer gave (none given: none stored); a date after today is a 400.
  const statutoryFacts = statutoryFactsFromIntake(cmd.input.statutoryFacts, receivedAt);
  const contact = contactKeysOf(cmd.input.claimant);
  const year = shanghaiYear(receivedAt);
  // With a number already in hand (no write to draw it), the transaction's condition on the key is the
  // check and the record is read only if it fails. Otherwise the key is read first, so that a repeated or
  // refused submission writes nothing, not even the counter. Either way a refusal writes nothing.
  const inHand = idempotencyKey === undefined ? null : store.claimSequenceInHand(year);
  const [earlier, promise, possibleDuplicateOf, sameKindFromOthers, received] = await Promise.all([
    idempotencyKey === undefined || inHand !== null ? null : store.getIdempotencyRecord(idempotencyKey),
    cmd.input.commitmentId === undefined
      ? null
      : citedPromise(deps.commitments, cmd.input.commitmentId, receivedAt),
    duplicatesOf(store, cmd.input, contact, receivedAt, settings),
    kindConfirmed({ toConfirm })
      ? countSameKindFromOthers(store, cmd.input, contact, receivedAt, settings)
      : 0,
    receiveUploads(
      deps,
      cmd.input.uploads ?? [],
      { claimId: null, existing: cmd.evidence },
      `${cmd.channel}:form`,
      at,
    ),
  ]);
  if (earlier) return replay(deps, earlier, requestHash, cmd);
  const uploaded = await keepUploads(deps, received);
  const number = formatClaimNumber(year, inHand ?? (await store.nextClaimSequence(year)));

  const { input } = cmd;
  const severity = gradeSeverity(
    {
      claimedAmountFen: input.claimedAmountFen,
      complainantCount: input.claimant.complainantCount,
      litigationFiled: input.facts.litigationFiled,
      mediaOrRegulator: input.facts.mediaOrRegulator,
      sameKindFromOthers,
      unresolvedDays: 0,
      companyAtFault: false,
    },
    settings.severity,
  );
  // The calendar in force, operator overrides included, for the urgency test and the clocks alike.
  const calendar = await deps.calendars.current();
  const normalReplyDue = new Date(calendar.addWorkingDays(receivedAt, settings.firstReplyWorkingDays).at);
  const urgency = gradeUrgency(input.facts, shanghaiDate(normalReplyDue));
  const accessToken = ids.newAccessToken();
  const missing = cmd.missingMaterial ?? [];

  const claim: Claim = {
    id: ids.newId(receivedAt),
    number,
    version: 1,
    status: !window.admitted ? 'not_admitted' : missing.length > 0 ? 'needs_material' : 'received',
    channel: cmd.channel,
    language: input.language,
    claimant: {
      name: input.claimant.name,
      ...(input.claimant.phone !== undefined ? { phone: input.claimant.phone } : {}),
      ...(input.claimant.email !== undefined ? { email: input.claimant.email } : {}),
      complainantCount: input.claimant.complainantCount,
    },
    product: {
      name: input.product.name,
      ...(input.product.model !== undefined ? { model: input.product.model } : {}),
      quantity: input.product.quantity,
      ...(input.product.orderNumber !== undefined ? { orderNumber: input.product.orderNumber } : {}),
    },
    foundOn: input.foundOn,
    receivedAt: at,
    updatedAt: at,
    description: input.description,
    category: input.category,
    department: departmentFor(input.category, settings.categories),
    requestedRemedy: input.requestedRemedy,
    claimedAmountFen: input.claimedAmountFen,
    facts: input.facts,
    ...(statutoryFacts ? { statutoryFacts } : {}),
    severity: severity.value,
    severityReasons: [...severity.reasons],
    urgency: urgency.value,
    urgencyReasons: [...urgency.reasons],
    unitId: unitPath[unitPath.length - 1] ?? settings.intakeUnitId,
    unitPath: [...unitPath],
    materialSubmissions: 0,
    possibleDuplicateOf,
    ...(window.admitted ? {} : { closure: { reason: 'filing_window', explanation: window.reason, at } }),
    accessTokenHashes: [hashAccessToken(accessToken)],
    createdBy: cmd.actor,
    ...(window.admitted && missing.length > 0
      ? { materialRequest: { items: missing.slice(0, 20), requestedAt: at } }
      : {}),
  };
  const evidence = [...(cmd.evidence ?? []), ...uploaded];
  if (evidence.length > 0) claim.evidence = evidence;
  const clocks = intakeClocks({ calendar, settings }, claim, receivedAt, promise ?? undefined);
  if (clocks) claim.clocks = clocks;
  claim.policyVersion = deps.policyVersion;
  if (input.commitmentId !== undefined) claim.commitmentId = input.commitmentId;
  if (toConfirm.length > 0) claim.toConfirm = toConfirm;
  // The consent line of the form (checked at the edge, requireConsent), given with this submission.
  if (input.privacyConsent !== undefined)
    claim.privacyConsent = { noticeVersion: input.privacyConsent.noticeVersion, at };
  // Mail that must get no automatic answer gets none: neither the acknowledgment nor the refusal.
  const outbox =
    cmd.withoutAcknowledgment !== undefined
      ? []
      : [
          window.admitted
            ? acknowledgment(claim, claim.clocks?.first_reply?.dueAt ?? normalReplyDue.toISOString())
            : refusal(claim, window.reason),
        ];
  const notes = [
    window.admitted ? undefined : window.reason,
    cmd.withoutAcknowledgment,
    cmd.filingNote,
  ].filter((note) => note !== undefined);
  const change = claimCreation(
    claim,
    {
      eventId: ids.newId(receivedAt),
      at,
      actor: cmd.actor,
      action: 'file_claim',
      channel: cmd.channel satisfies AuditChannel,
      note: notes.length > 0 ? notes.join('\n') : undefined,
    },
    {
      outbox,
      related: [
        ...(idempotencyKey === undefined
          ? []
          : [
              {
                type: 'idempotency' as const,
                key: idempotencyKey,
                claimId: claim.id,
                requestHash,
                expiresAt: new Date(receivedAt.getTime() + settings.idempotencyTtlHours * 3_600_000),
              },
            ]),
        ...intakeCounters(claim),
        ...(cmd.alsoWrite?.(claim) ?? []),
      ],
    },
  );
  try {
    await deps.writer.commit(change);
  } catch (error) {
    if (!(error instanceof RelatedWriteRefusedError) || error.write.type !== 'idempotency') throw error;
    // A concurrent submission with this key committed first: answer as its replay.
    const winner = await store.getIdempotencyRecord(error.write.key);
    if (!winner)
      throw new ConflictError('the submission with this Idempotency-Key is still being processed; retry', {
        'zh-CN': '您刚才提交的索赔还在处理中，请稍等片刻再试。',
        en: 'The claim you just sent is still being processed; wait a moment and try again.',
      });
    return replay(deps, winner, requestHash, cmd);
  }
  await relayOutbox(deps, pendingOf(change));
  return {
    claim,
    accessToken,
    replayed: false,
    firstReplyDue: claim.clocks?.first_reply?.dueAt ?? normalReplyDue.toISOString(),
  };
}

/**
 * SPEC §2 受理回执: number, time received, the next deadline and how to track the claim. The intent carries
 * no token (tokens are never stored); the notify function issues one for the tracking link as it sends.
 */
function acknowledgment(claim: Claim, firstReplyDue: string): OutboxMessage {
  return notificationMessage(
    'acknowledgment',
    {
      receivedAt: claim.receivedAt,
      firstReplyDue,
      missingMaterial: claim.materialRequest?.items ?? [],
    },
    {
      id: `${claim.id}:acknowledgment`,
      claim,
      recipient: { type: 'customer' },
      createdAt: claim.receivedAt,
    },
  );
}

/** SPEC §3: filed after the filing window, the claim is not admitted and the customer is told why at once. */
function refusal(claim: Claim, explanation: string): OutboxMessage {
  return notificationMessage(
    'not_admitted',
    { receivedAt: claim.receivedAt, reason: 'filing_window', explanation, atIntake: true },
    {
      id: `${claim.id}:not_admitted`,
      claim,
      recipient: { type: 'customer' },
      createdAt: claim.receivedAt,
    },
  );
}

function placeClaim(tree: OrgTree, settings: PolicySettings, cmd: FileClaimCommand): readonly string[] {
  const unitId = cmd.input.unitId ?? cmd.staff?.unitId ?? settings.intakeUnitId;
  const path = tree.pathOf(unitId);
  if (cmd.staff && !mayDo('registerClaim', cmd.staff.roles))
    throw lacksPermission('registerClaim', `roles ${cmd.staff.roles.join(', ')} do not register claims`);
  if (cmd.staff && !unitCovers(cmd.staff.unitId, path)) {
    throw outsideUnit(`unit ${unitId} is outside your organisation unit ${cmd.staff.unitId}`);
  }
  return path;
}

/**
 * Intake reads a bounded number of earlier claims, newest first, whatever the history (issue 22): the
 * duplicate check the newest claims under the order number, the same-kind rule the newest claims of the
 * category and product. One Query each with `Limit`, so an intake reads at most 22 index items, with 30
 * siblings as with 10,000 (test/bench/intake-siblings.ts). Normal volumes are far below the bounds, so the decisions are the same as with a full read;
 * past them, only the newest are compared (docs/design.md, "Intake reads are bounded").
 */
export const DUPLICATE_CANDIDATES = 10;
/** At least this many, and four claims per complaint the same-kind rule needs (room for repeat filers). */
export const SAME_KIND_CANDIDATES = 12;
export function sameKindReadLimit(settings: PolicySettings): number {
  return Math.max(SAME_KIND_CANDIDATES, 4 * settings.severity.level2SameKindComplaints);
}

async function duplicatesOf(
  store: ClaimStore,
  input: IntakeInput,
  contact: ContactKeys,
  receivedAt: Date,
  settings: PolicySettings,
): Promise<string[]> {
  const orderNumber = input.product.orderNumber;
  if (orderNumber === undefined) return [];
  const since = addDays(receivedAt, -settings.duplicateWindowDays);
  const siblings = await store.orderSiblings(orderNumber, since, DUPLICATE_CANDIDATES);
  return findPossibleDuplicates(contact, receivedAt, siblings, settings.duplicateWindowDays);
}

/**
 * Distinct other customers who filed the same category about the same product within the window (claims
 * whose kind is still to be confirmed are not in the kind index, so they never count).
 */
export async function countSameKindFromOthers(
  store: ClaimStore,
  input: Pick<IntakeInput, 'category' | 'product'>,
  contact: ContactKeys,
  receivedAt: Date,
  settings: PolicySettings,
): Promise<number> {
  const since = addDays(receivedAt, -settings.severity.level2SameKindWindowDays);
  const siblings = await store.kindSiblings(
    input.category,
    productKey(input.product.name),
    since,
    sameKindReadLimit(settings),
  );
  const others: ContactKeys[] = [];
  for (const sibling of siblings) {
    if (sameContact(contact, sibling.contactKeys)) continue;
    if (others.some((o) => sameContact(o, sibling.contactKeys))) continue;
    others.push(sibling.contactKeys);
  }
  return others.length;
}

/**
 * A repeated submission: the same request gets the same claim and a fresh token (added beside the first,
 * so whichever response the browser keeps works); a different request under the same key is refused.
 */
async function replay(
  deps: IntakeDeps,
  earlier: { claimId: string; requestHash: string },
  requestHash: string,
  cmd: FileClaimCommand,
): Promise<FiledClaim> {
  if (earlier.requestHash !== requestHash) {
    throw new ConflictError('this Idempotency-Key was already used for a different submission', {
      'zh-CN': '这次提交与之前的一次提交冲突，请刷新页面后重新提交。',
      en: 'This submission clashes with an earlier one; reload the page and send it again.',
    });
  }
  const claim = await deps.store.getById(earlier.claimId);
  if (!claim) throw claimNotFound(earlier.claimId);
  const accessToken = deps.ids.newAccessToken();
  const tokenHash = hashAccessToken(accessToken);
  const now = deps.clock.now();
  const added = await deps.store.addAccessTokenHash(
    claim.id,
    tokenHash,
    deps.settings.maxAccessTokensPerClaim,
    {
      id: deps.ids.newId(now),
      claimId: claim.id,
      at: now.toISOString(),
      actor: cmd.actor,
      channel: cmd.channel,
      action: 'reissue_access_token',
      changes: [{ field: 'accessTokenHashes', before: 'replayed submission', after: 'one more token' }],
      note: 'the same submission arrived again with its Idempotency-Key',
    },
  );
  const firstReplyDue =
    claim.clocks?.first_reply?.dueAt ??
    (await deps.calendars.current()).addWorkingDays(claim.receivedAt, deps.settings.firstReplyWorkingDays).at;
  if (!added) return { claim, replayed: true, firstReplyDue };
  return {
    firstReplyDue,
    claim: { ...claim, accessTokenHashes: [...claim.accessTokenHashes, tokenHash] },
    accessToken,
    replayed: true,
  };
}
