import * as z from '../../zod.js';
import { nonEmptyText } from '../text.js';
import { claimUpdate, relatedChange } from '../claim-change.js';
import type { Actor, Claim } from '../claim.js';
import { claimNotFound, loadVisibleClaim } from '../claim-lookup.js';
import { ConflictError, InvalidTransitionError, NotFoundError, PolicyRefusalError } from '../errors.js';
import { lacksPermission } from '../refusals.js';
import { planTransition } from '../lifecycle.js';
import { notificationMessage, type OutboxMessage } from '../messages.js';
import { FenSchema, formatFen } from '../money.js';
import {
  RECOVERY_METHODS,
  partyKey,
  payoutId,
  recoveryId,
  type LedgerEntry,
  type Payout,
  type Recovery,
} from '../payout.js';
import { canSee, seesWholeOrganisation, staffActor, type StaffPrincipal } from '../principal.js';
import { mayDo } from '../staff-permissions.js';
import { MONEY_TYPES, cashFen } from '../resolution.js';
import type { PaymentGateway, PaymentOutcome } from '../../ports/payment-gateway.js';
import type { RelatedWrite } from '../../ports/claim-writer.js';
import { moneyCounters } from '../sla/outcome-counters.js';
import { commitChange, type MoneyDeps } from './money-change.js';

/**
 * The payouts an accepted offer creates: one for the approved plan's cash items, whatever its type (a
 * replacement pays its cash items, not the value of the goods: `cashFen`), none for a zero amount. Refuses (422) a
 * plan that is not approved, or an offer of another revision, so no payout can exist for an unapproved plan.
 */
export function payoutsForAcceptedPlan(claim: Claim, at: string): Payout[] {
  const plan = claim.resolution;
  const offer = claim.offer;
  if (!plan || plan.status !== 'approved' || !offer || offer.revision !== plan.revision) {
    throw new PolicyRefusalError('no payout for a plan that has not been approved', 'unapproved_plan', {
      'zh-CN': '方案尚未获批，不能付款。',
      en: 'The plan is not approved yet, so nothing can be paid.',
    });
  }
  // A plan's total is the whole amount for the claim: pay only what is not yet paid or in flight
  // (a claim re-accepted after reconsideration or reopening must not be paid twice).
  const owed = cashFen(plan) - committedFen(claim);
  if (owed <= 0) return [];
  const sequence = (claim.payouts?.length ?? 0) + 1;
  return [
    {
      id: payoutId(claim.id, sequence),
      claimId: claim.id,
      claimNumber: claim.number,
      sequence,
      amountFen: owed,
      currency: 'CNY',
      payeeName: claim.claimant.name,
      planRevision: plan.revision,
      status: 'requested',
      attempts: 0,
      requestedAt: at,
      ...(plan.advancePayment ? { advancePayment: plan.advancePayment } : {}),
    },
  ];
}

/**
 * Nothing in flight and the latest payout paid (a failed one retried is superseded); true when the claim has
 * no payouts at all.
 */
export function payoutsSettled(refs: readonly { readonly status: Payout['status'] }[]): boolean {
  if (refs.length === 0) return true;
  return refs.at(-1)?.status === 'paid' && refs.every((r) => r.status === 'paid' || r.status === 'failed');
}

/**
 * A replacement, repair or other plan done by hand is executed when its shipping or work order is recorded;
 * a money plan by its payouts alone.
 */
export function awaitsHandExecution(claim: Claim): boolean {
  const plan = claim.resolution;
  return plan !== undefined && !MONEY_TYPES.includes(plan.type) && claim.execution === undefined;
}

/** What the claim's payouts have paid or are paying (failed ones excluded). */
export function committedFen(claim: Claim): number {
  return (claim.payouts ?? []).filter((p) => p.status !== 'failed').reduce((sum, p) => sum + p.amountFen, 0);
}

/** The payout queue message for a payout (its id is the consumer's idempotency key). */
export function payoutMessage(payout: Payout): OutboxMessage {
  return { queue: 'payout', id: payout.id, body: { payoutId: payout.id, claimId: payout.claimId } };
}

/**
 * The payout messages legal's conclusion sends again for payouts held while it ran (their own ids, as the
 * first messages are already in the outbox); finance fails any the outcome does not support.
 */
export function releasedPayoutMessages(claim: Claim, eventId: string): OutboxMessage[] {
  return (claim.payouts ?? [])
    .filter((p) => p.status === 'requested')
    .map((p) => ({
      queue: 'payout' as const,
      id: `${p.id}:released:${eventId}`,
      body: { payoutId: p.id, claimId: claim.id },
    }));
}

/** The payout is being worked on by another delivery; the message is retried later. */
export class PayoutBusyError extends Error {}
/** The provider has no record of a payout we marked submitting: never resubmitted; retried, then the DLQ. */
export class PayoutOutcomeUnknownError extends Error {}

/** The provider accepted the payout but has not settled it; the message is retried to look it up again. */
export class PayoutPendingError extends Error {}

export type PayoutResult = 'paid' | 'failed' | 'awaiting_confirmation' | 'already_settled' | 'held';

/**
 * Mediation, arbitration or litigation is a hold (调解/仲裁/诉讼): nothing is paid until legal concludes, which
 * sends the payouts still requested on again (concludeLegal).
 */
export function onLegalHold(claim: Claim): boolean {
  return claim.status === 'legal_proceedings';
}

/**
 * Drive one payout (the payout worker, once per message delivery).
 * 1. Load the payout; paid or failed → nothing to do (a redelivery after "paid" never calls the provider).
 *    Requested while the claim is on legal hold → held: not submitted (legal's conclusion sends it again).
 * 2. requested → submitting with a conditional write; losing that race means another delivery has it → retry later.
 * 3. Submit to the provider with the payout id as idempotency key. A throw (timeout, crash) leaves it submitting.
 * 4. Found in submitting (an earlier attempt's outcome is unknown): LOOK UP by the id, never submit again.
 * 5. paid / failed → settle in one transaction; pending → finance confirms by hand (manual gateway) or the
 *    message is retried to look it up again (a provider still processing).
 */
export async function processPayout(
  deps: MoneyDeps & { readonly gateway: PaymentGateway },
  id: string,
): Promise<PayoutResult> {
  const payout = await deps.money.getPayout(id);
  if (!payout) throw payoutNotFound(id);
  if (payout.status === 'paid' || payout.status === 'failed') return 'already_settled';

  let outcome: PaymentOutcome;
  let current = payout;
  if (payout.status === 'requested') {
    // Not submitted while legal holds the claim; a payout already submitting is looked up and recorded.
    const claim = await deps.store.getById(payout.claimId);
    if (claim && onLegalHold(claim)) return 'held';
    current = {
      ...payout,
      status: 'submitting',
      attempts: payout.attempts + 1,
      submittingAt: deps.clock.now().toISOString(),
    };
    if (!(await deps.money.transitionPayout(current, 'requested')))
      throw new PayoutBusyError(`payout ${id} is being submitted by another delivery`);
    outcome = await deps.gateway.submit({
      payoutId: current.id,
      amountFen: current.amountFen,
      currency: current.currency,
      payeeName: current.payeeName,
      claimNumber: current.claimNumber,
    });
  } else {
    outcome = await deps.gateway.lookup(id);
  }

  switch (outcome.status) {
    case 'pending':
      // The manual gateway waits for finance's voucher; a real provider is asked again on redelivery.
      if (deps.gateway.name === 'manual') return 'awaiting_confirmation';
      throw new PayoutPendingError(`the provider is still processing payout ${id}; looked up again later`);
    case 'not_found':
      throw new PayoutOutcomeUnknownError(
        `the provider has no record of payout ${id}; it is not resubmitted (finance confirms or fails it by hand)`,
      );
    case 'paid':
      await settlePayout(
        deps,
        current,
        { status: 'paid', reference: outcome.reference },
        {
          type: 'system',
          id: `payout-${deps.gateway.name}`,
        },
      );
      return 'paid';
    case 'failed':
      await settlePayout(deps, current, outcome, { type: 'system', id: `payout-${deps.gateway.name}` });
      return 'failed';
  }
}

/** A payout finance may settle by hand: finance or admin, its claim visible to them (404 otherwise), not yet settled (409). */
async function unsettledPayoutForFinance(
  deps: MoneyDeps,
  payoutId: string,
  principal: StaffPrincipal,
): Promise<Payout> {
  requireFinance(principal);
  const payout = await deps.money.getPayout(payoutId);
  if (!payout) throw payoutNotFound(payoutId);
  await loadVisibleClaim(deps.store, payout.claimId, principal);
  if (payout.status === 'paid' || payout.status === 'failed')
    throw new InvalidTransitionError(`payout ${payout.id} is already ${payout.status}`, {
      'zh-CN':
        payout.status === 'paid' ? '这笔付款已确认到账，请刷新查看。' : '这笔付款已标记为失败，请刷新查看。',
      en:
        payout.status === 'paid'
          ? 'This payout is already confirmed as paid; reload to see it.'
          : 'This payout is already marked as failed; reload to see it.',
    });
  return payout;
}

export const ConfirmPayoutSchema = z.strictObject({
  voucherNumber: nonEmptyText(100),
});

/**
 * Finance confirms a payout by hand with the voucher number (the manual gateway, SPEC §10).
 * 1. Load the payout and its claim (404 outside the caller's units); finance or admin only.
 * 2. Only a requested or submitting payout can be confirmed; a settled one is a 409; none while the claim
 *    is on legal hold (422 legal_hold).
 * 3. Settle it as paid (one transaction with the claim, its audit event and payout_done).
 */
export async function confirmPayout(
  deps: MoneyDeps,
  cmd: { payoutId: string; voucherNumber: string; principal: StaffPrincipal },
): Promise<Payout> {
  const payout = await unsettledPayoutForFinance(deps, cmd.payoutId, cmd.principal);
  const claim = await deps.store.getById(payout.claimId);
  if (claim && onLegalHold(claim))
    throw new PolicyRefusalError(
      `claim ${claim.number} is in mediation, arbitration or litigation: nothing is paid until legal concludes it`,
      'legal_hold',
      {
        'zh-CN': `索赔 ${claim.number} 正在调解、仲裁或诉讼中，法务结案前不能付款。`,
        en: `Claim ${claim.number} is in mediation, arbitration or litigation; nothing is paid until legal concludes it.`,
      },
    );
  return settlePayout(
    deps,
    payout,
    { status: 'paid', reference: cmd.voucherNumber },
    staffActor(cmd.principal),
  );
}

export const FailPayoutSchema = z.strictObject({
  reason: nonEmptyText(2000),
});

/**
 * Finance records that a payout did not go through (a bounced transfer, or a payout stuck in
 * "submitting" that the provider never received). 1. Load; finance or admin only; 2. only requested or
 * submitting; 3. settle as failed (the claim stays executing until a retry is paid).
 */
export async function failPayout(
  deps: MoneyDeps,
  cmd: { payoutId: string; reason: string; principal: StaffPrincipal },
): Promise<Payout> {
  const payout = await unsettledPayoutForFinance(deps, cmd.payoutId, cmd.principal);
  return settlePayout(deps, payout, { status: 'failed', reason: cmd.reason }, staffActor(cmd.principal));
}

/**
 * Pay a failed payout again, as a NEW payout (next sequence, so a new idempotency key): the failed one
 * stays on record. 1. Load; finance or admin only; 2. only the claim's latest payout, only when failed,
 * only while the claim is executing; 3. write claim + event + new payout + payout message in one transaction.
 */
export async function retryPayout(
  deps: MoneyDeps,
  cmd: { payoutId: string; principal: StaffPrincipal },
): Promise<Payout> {
  requireFinance(cmd.principal);
  const failed = await deps.money.getPayout(cmd.payoutId);
  if (!failed) throw payoutNotFound(cmd.payoutId);
  const claim = await loadVisibleClaim(deps.store, failed.claimId, cmd.principal);
  const refs = claim.payouts ?? [];
  if (failed.status !== 'failed' || refs.at(-1)?.id !== failed.id || claim.status !== 'executing')
    throw new InvalidTransitionError(
      'only the latest payout of an executing claim, once failed, is retried',
      {
        'zh-CN': '只能重试执行中索赔最近一笔失败的付款，请刷新查看最新情况。',
        en: 'Only the latest failed payout of a claim being carried out can be retried; reload to see where it stands.',
      },
    );
  const now = deps.clock.now();
  const at = now.toISOString();
  const sequence = refs.length + 1;
  const { submittingAt: _s, settledAt: _t, failureReason: _f, voucherNumber: _v, ...base } = failed;
  const retry: Payout = {
    ...base,
    id: payoutId(claim.id, sequence),
    sequence,
    status: 'requested',
    attempts: 0,
    requestedAt: at,
  };
  const { change } = claimUpdate(
    claim,
    { ...claim, payouts: [...refs, { id: retry.id, amountFen: retry.amountFen, status: retry.status }] },
    {
      eventId: deps.ids.newId(now),
      at,
      actor: staffActor(cmd.principal),
      action: 'retry_payout',
      note: `payout ${failed.id} failed; retried as ${retry.id}`,
    },
    { outbox: [payoutMessage(retry)], related: [{ type: 'payout_new', payout: retry }] },
  );
  await commitChange(deps, change);
  return retry;
}

/** No such payout (404), the same whether it does not exist or its claim is out of reach. */
function payoutNotFound(id: string): NotFoundError {
  return new NotFoundError(`no payout ${id}`, {
    'zh-CN': '找不到这笔付款，或您无权查看。',
    en: 'This payout was not found, or you may not see it.',
  });
}

function requireFinance(principal: StaffPrincipal): void {
  if (!mayDo('recordMoney', principal.roles))
    throw lacksPermission('recordMoney', 'payouts and recoveries are recorded by finance');
}

/**
 * Settle a payout, in ONE transaction: the payout (conditional on its status), the claim (its payout list;
 * executing → executed once every payout is paid), the audit event, the payout_done intent, for an
 * advance payment the recovery record against the responsible party with its first ledger entry, and the
 * month's money counters (paid, advanced).
 */
async function settlePayout(
  deps: MoneyDeps,
  payout: Payout,
  outcome: { status: 'paid'; reference: string } | { status: 'failed'; reason: string },
  actor: Actor,
): Promise<Payout> {
  const claim = await deps.store.getById(payout.claimId);
  if (!claim) throw claimNotFound(payout.claimId);
  const now = deps.clock.now();
  const at = now.toISOString();
  const settled: Payout =
    outcome.status === 'paid'
      ? { ...payout, status: 'paid', settledAt: at, voucherNumber: outcome.reference }
      : { ...payout, status: 'failed', settledAt: at, failureReason: outcome.reason };
  const refs = (claim.payouts ?? []).map((r) =>
    r.id === payout.id
      ? {
          ...r,
          status: settled.status,
          ...(settled.voucherNumber !== undefined ? { voucherNumber: settled.voucherNumber } : {}),
        }
      : r,
  );
  // Executed once every payout is settled, and for a replacement or repair once it is also recorded done.
  const executes =
    outcome.status === 'paid' &&
    payoutsSettled(refs) &&
    claim.status === 'executing' &&
    !awaitsHandExecution(claim);
  const status = executes ? planTransition('record_execution', claim.status, ['system']) : claim.status;
  const eventId = deps.ids.newId(now);
  const changed: Claim = {
    ...claim,
    payouts: refs,
    ...(executes && claim.execution === undefined
      ? { execution: { kind: 'payout' as const, reference: outcome.reference, at } }
      : {}),
    status,
  };
  const outbox: OutboxMessage[] =
    outcome.status === 'paid'
      ? [
          notificationMessage(
            'payout_done',
            { amountFen: payout.amountFen, voucherNumber: outcome.reference },
            { id: `${payout.id}:payout_done`, claim, recipient: { type: 'customer' }, createdAt: at },
          ),
        ]
      : [];
  const related: RelatedWrite[] = [
    { type: 'payout_update', next: settled, expectedStatus: payout.status },
    ...(outcome.status === 'paid' && payout.advancePayment
      ? advanceRecovery(payout, claim, at, actor, eventId)
      : []),
  ];
  const { change } = claimUpdate(
    claim,
    changed,
    {
      eventId,
      at,
      actor,
      action: executes ? 'record_execution' : outcome.status === 'paid' ? 'record_payout' : 'payout_failed',
      note:
        outcome.status === 'paid'
          ? `payout ${payout.id} ${formatFen(payout.amountFen)} paid, voucher ${outcome.reference}`
          : `payout ${payout.id} failed: ${outcome.reason}`,
    },
    // Only a settle that wins the payout's status condition counts the money (a redelivery moves nothing).
    { outbox, related: [...related, ...moneyCounters(claim, at, related)] },
  );
  await commitChange(deps, change);
  return settled;
}

/** 先行赔付: HQ has paid; the responsible supplier or franchisee now owes the amount (追偿). */
function advanceRecovery(
  payout: Payout,
  claim: Claim,
  at: string,
  actor: Actor,
  eventId: string,
): RelatedWrite[] {
  const advance = payout.advancePayment;
  if (!advance) return [];
  const key = partyKey(advance.partyType, advance.partyName);
  const recovery: Recovery = {
    id: recoveryId(payout.id),
    claimId: claim.id,
    claimNumber: claim.number,
    payoutId: payout.id,
    partyType: advance.partyType,
    partyName: advance.partyName,
    partyKey: key,
    amountFen: payout.amountFen,
    recoveredFen: 0,
    basis: advance.basis,
    dueOn: advance.dueOn,
    status: 'open',
    openedAt: at,
    version: 1,
  };
  const entry: LedgerEntry = {
    id: `${eventId}-advance`,
    recoveryId: recovery.id,
    claimId: claim.id,
    claimNumber: claim.number,
    partyKey: key,
    partyName: advance.partyName,
    kind: 'advance',
    amountFen: payout.amountFen,
    balanceAfterFen: payout.amountFen,
    reference: payout.id,
    at,
    by: actor.type === 'customer' ? 'customer' : actor.id,
    unitPath: [...claim.unitPath],
  };
  return [
    { type: 'recovery_new', recovery },
    { type: 'ledger_entry', entry },
  ];
}

export const RecoveryEntryInputSchema = z.strictObject({
  method: z.enum(RECOVERY_METHODS),
  amountFen: FenSchema.check(z.gte(1)),
  reference: nonEmptyText(200),
  expectedVersion: z.optional(z.int().check(z.gte(1))),
});

/**
 * Record money recovered from the responsible party (deposit deduction 质保金扣除 or transfer).
 * 1. Load the recovery and its claim (404 outside the caller's units); finance or admin only.
 * 2. Refuse more than the balance, to the fen (422), and a settled recovery (409).
 * 3. Write the recovery (conditional on its version), its ledger entry, the claim's audit event and the
 *    month's recovered-money counters together.
 */
export async function recordRecovery(
  deps: MoneyDeps,
  cmd: { recoveryId: string; principal: StaffPrincipal; input: z.infer<typeof RecoveryEntryInputSchema> },
): Promise<Recovery> {
  requireFinance(cmd.principal);
  const recovery = await deps.money.getRecovery(cmd.recoveryId);
  if (!recovery)
    throw new NotFoundError(`no recovery ${cmd.recoveryId}`, {
      'zh-CN': '找不到这笔追偿记录，或您无权查看。',
      en: 'This recovery was not found, or you may not see it.',
    });
  const claim = await loadVisibleClaim(deps.store, recovery.claimId, cmd.principal);
  if (cmd.input.expectedVersion !== undefined && cmd.input.expectedVersion !== recovery.version)
    throw new ConflictError('the recovery changed since you read it; reload it and try again', {
      'zh-CN': '这笔追偿刚被其他人修改，请刷新后再试。',
      en: 'Someone else changed this recovery just now; reload it and try again.',
    });
  if (recovery.status === 'settled')
    throw new InvalidTransitionError('this recovery is already settled', {
      'zh-CN': '这笔追偿已经结清，无需再登记。',
      en: 'This recovery is already settled; there is nothing more to record.',
    });
  const balance = recovery.amountFen - recovery.recoveredFen;
  if (cmd.input.amountFen > balance)
    throw new PolicyRefusalError(
      `only ${formatFen(balance)} is still owed; ${formatFen(cmd.input.amountFen)} would over-recover`,
      'over_recovery',
      {
        'zh-CN': `尚欠金额只有 ${formatFen(balance)}，登记 ${formatFen(cmd.input.amountFen)} 会超出，请改为不超过尚欠金额。`,
        en: `Only ${formatFen(balance)} is still owed; ${formatFen(cmd.input.amountFen)} is more than that, so enter at most what is owed.`,
      },
    );
  const now = deps.clock.now();
  const at = now.toISOString();
  const recoveredFen = recovery.recoveredFen + cmd.input.amountFen;
  const next: Recovery = {
    ...recovery,
    recoveredFen,
    status: recoveredFen === recovery.amountFen ? 'settled' : 'open',
    version: recovery.version + 1,
  };
  const eventId = deps.ids.newId(now);
  const entry: LedgerEntry = {
    id: eventId,
    recoveryId: recovery.id,
    claimId: recovery.claimId,
    claimNumber: recovery.claimNumber,
    partyKey: recovery.partyKey,
    partyName: recovery.partyName,
    kind: cmd.input.method,
    amountFen: cmd.input.amountFen,
    balanceAfterFen: next.amountFen - next.recoveredFen,
    reference: cmd.input.reference,
    at,
    by: cmd.principal.id,
    unitPath: [...claim.unitPath],
  };
  const related: RelatedWrite[] = [
    { type: 'recovery_update', next, expectedVersion: recovery.version },
    { type: 'ledger_entry', entry },
  ];
  await deps.writer.commit(
    relatedChange(
      claim,
      {
        eventId,
        at,
        actor: staffActor(cmd.principal),
        action: 'record_recovery',
        note: `${cmd.input.method} ${formatFen(cmd.input.amountFen)} from ${recovery.partyName} (${cmd.input.reference})`,
      },
      [{ field: `recovery:${recovery.id}.recoveredFen`, before: recovery.recoveredFen, after: recoveredFen }],
      { related: [...related, ...moneyCounters(claim, at, related)] },
    ),
  );
  return next;
}

export const LedgerQuerySchema = z
  .strictObject({
    partyType: z.optional(z.enum(['supplier', 'franchisee'])),
    partyName: z.optional(nonEmptyText(200)),
    month: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'))),
  })
  .check(
    z.refine((q) => (q.partyType === undefined) === (q.partyName === undefined), {
      message: 'give partyType and partyName together',
      path: ['partyName'],
    }),
    z.refine((q) => q.partyType !== undefined || q.month !== undefined, {
      message: 'give a party, a month, or both',
      path: ['month'],
    }),
  );

/**
 * The recovery ledger per party and/or per month, from indexed reads (GSI13 by party, GSI14 by month).
 * 1. finance, executive or admin only; 2. read the entries; 3. below HQ, keep the entries of claims in the
 *    caller's units (by the unit path each entry records); 4. total what was advanced and recovered.
 */
export async function recoveryLedger(
  deps: MoneyDeps,
  principal: StaffPrincipal,
  query: z.infer<typeof LedgerQuerySchema>,
) {
  if (!mayDo('readLedger', principal.roles))
    throw lacksPermission('readLedger', 'the recovery ledger is for finance and executives');
  const read =
    query.partyType !== undefined && query.partyName !== undefined
      ? await deps.money.ledgerByParty(partyKey(query.partyType, query.partyName), query.month)
      : await deps.money.ledgerByMonth(query.month ?? '');
  const entries = seesWholeOrganisation(principal)
    ? read
    : read.filter((e) => e.unitPath !== undefined && canSee(principal, e.unitPath));
  const advancedFen = entries.filter((e) => e.kind === 'advance').reduce((s, e) => s + e.amountFen, 0);
  const recoveredFen = entries.filter((e) => e.kind !== 'advance').reduce((s, e) => s + e.amountFen, 0);
  return { entries, totals: { advancedFen, recoveredFen, netFen: advancedFen - recoveredFen } };
}
