import * as z from '../../zod.js';
import { nonEmptyText } from '../text.js';
import type { Claim } from '../claim.js';
import { isQualityCase } from '../category-policy.js';
import { InvalidTransitionError, PolicyRefusalError } from '../errors.js';
import { notificationMessage } from '../messages.js';
import { customerResponded } from '../response-notice.js';
import { formatFen } from '../money.js';
import {
  MONEY_TYPES,
  SURVEY_RATINGS,
  cashFen,
  reconsiderationDeadline,
  settlementOf,
  type FollowUp,
} from '../resolution.js';
import { addDays, formatInstant } from '../shanghai-time.js';
import {
  applyChange,
  customerChange,
  loadWithToken,
  type EffectContext,
  type MoneyDeps,
} from './money-change.js';
import { payoutMessage, payoutsForAcceptedPlan } from './payouts.js';
import {
  PayeeInputSchema,
  checkedPayee,
  maskAccount,
  maskedPayee,
  type Payee,
  type PayeeInput,
} from '../payee.js';
import type { Sealer } from '../../ports/sealer.js';

/** Accepting: where the money goes (issue 18); absent, 原路退回 (back the way the customer paid). */
export const AcceptInputSchema = z.strictObject({ payee: z.optional(PayeeInputSchema) });
export const DisputeInputSchema = z.strictObject({
  reason: nonEmptyText(2000),
});
export const ReconsiderationInputSchema = z.strictObject({
  reasons: z.string().check(z.trim(), z.minLength(10), z.maxLength(5000)),
});
export const SurveyInputSchema = z.strictObject({
  rating: z.enum(SURVEY_RATINGS),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
});

/** Where the money goes (issue 18): the customer's choice, and the sealer its account is sealed with. */
export interface PayeeChoice {
  readonly payee: PayeeInput;
  readonly sealer: Sealer;
}

/**
 * The customer accepts the offer (SPEC §9–10).
 * 1. Load with the token; table: offer_sent → executing. Check the payee (issue 18; none given: 原路退回).
 * 2. Money plans create their payout (deterministic id) for what is not yet paid or in flight — refused for
 *    a plan that is not approved; when everything is already paid the claim is executed at once. The payout
 *    carries the payee, its account sealed with the claim id as context (stored once, on the payout only:
 *    the claim item does not grow); the audit event records it masked.
 * 3. Write claim + event + payout + payout message in one transaction; relay the message to the payout queue.
 */
export function acceptOffer(
  deps: MoneyDeps,
  number: string,
  token: string | undefined,
  choice?: PayeeChoice,
): Promise<Claim> {
  const checked = checkedPayee(choice?.payee ?? { method: 'original_route' });
  return customerChange(deps, number, token, 'accept_offer', async (claim, { at }) => {
    const payee = await payeeFor(checked, claim.id, choice?.sealer);
    const payouts = payoutsForAcceptedPlan(claim, at).map((p) => ({ ...p, payee }));
    const plan = claim.resolution;
    // Re-accepted after a reconsideration with everything already paid: nothing left to execute.
    const refs = claim.payouts ?? [];
    const latest = refs.at(-1);
    const alreadyPaid =
      payouts.length === 0 &&
      plan !== undefined &&
      MONEY_TYPES.includes(plan.type) &&
      latest?.status === 'paid' &&
      refs.every((r) => r.status === 'paid' || r.status === 'failed');
    return {
      ...(alreadyPaid ? { status: 'executed' as const } : {}),
      claim: {
        ...claim,
        ...(alreadyPaid
          ? { execution: { kind: 'payout' as const, reference: latest.voucherNumber ?? latest.id, at } }
          : {}),
        ...(plan ? { resolution: { ...plan, status: 'accepted' as const } } : {}),
        ...(payouts.length > 0
          ? {
              payouts: [
                ...(claim.payouts ?? []),
                ...payouts.map((p) => ({ id: p.id, amountFen: p.amountFen, status: p.status })),
              ],
            }
          : {}),
      },
      note:
        payouts.length > 0 ? `accepted; payout ${payouts.map((p) => p.id).join(', ')} requested` : 'accepted',
      outbox: payouts.map(payoutMessage),
      related: payouts.map((payout) => ({ type: 'payout_new' as const, payout })),
      ...(payouts.length > 0
        ? { changes: [{ field: 'payee', before: null, after: maskedPayee(payee) }] }
        : {}),
    };
  });
}

/** The payee as the payout keeps it: the account sealed under the claim id and masked for every reader. */
async function payeeFor(
  checked: ReturnType<typeof checkedPayee>,
  claimId: string,
  sealer: Sealer | undefined,
): Promise<Payee> {
  const { account, ...rest } = checked;
  if (account === undefined) return rest;
  if (!sealer) throw new Error('a payee account needs the customer-data sealer');
  return {
    ...rest,
    accountMasked: maskAccount(checked.method, account),
    accountSealed: await sealer.seal(account, claimId),
  };
}

/**
 * The customer disputes the offer: a second negotiation opens (SPEC §9).
 * 1. Load with the token; 2. table: offer_sent → negotiating; 3. record the reason and mark the claim
 * "customer responded"; 4. save with the owner's notice.
 */
export function disputeOffer(deps: MoneyDeps, number: string, token: string | undefined, reason: string) {
  return customerChange(deps, number, token, 'dispute_offer', (claim, { at, eventId }) => {
    if (claim.reconsideration?.decidedAt !== undefined) throw finalReconsideration();
    const { claim: marked, notice } = customerResponded(
      {
        ...claim,
        ...(claim.resolution ? { resolution: { ...claim.resolution, status: 'disputed' as const } } : {}),
      },
      { what: 'dispute', at, eventId, text: reason, files: 0 },
    );
    return { claim: marked, note: reason, outbox: [notice] };
  });
}

/** After the reconsideration's decision only mediation, arbitration or litigation remain (SPEC §9). */
function finalReconsideration(): PolicyRefusalError {
  return new PolicyRefusalError(
    'the reconsideration was decided and is final inside the company; what remains is mediation, arbitration or litigation',
    'reconsideration_final',
    {
      'zh-CN': '复议已经作出决定，公司内部不再复议；如仍有异议，可申请调解、仲裁或提起诉讼。',
      en: 'The reconsideration has been decided and is final within the company; if you still disagree, mediation, arbitration or a court remain open to you.',
    },
  );
}

/**
 * A formal reconsideration request (复议, SPEC §9).
 * 1. Load with the token; table: from offer_sent, negotiating, executing or executed.
 * 2. Refuse after the window (days after the decision, a setting) and after a reconsideration was decided
 *    (its outcome is final inside the company).
 * 3. Record the request time (the SLA clock starts from it) and who may not handle it (the original handlers).
 * 4. Save with a reconsideration_received intent, the claim marked "customer responded" and its owner told.
 */
export function requestReconsideration(
  deps: MoneyDeps,
  number: string,
  token: string | undefined,
  reasons: string,
) {
  const windowDays = deps.settings.money.reconsiderationWindowDays;
  return customerChange(deps, number, token, 'request_reconsideration', (claim, ctx) => {
    if (!claim.offer)
      throw new InvalidTransitionError('there is no decision to reconsider', {
        'zh-CN': '目前还没有可以申请复议的决定。',
        en: 'There is no decision to ask to reconsider yet.',
      });
    if (claim.reconsideration?.decidedAt !== undefined) throw finalReconsideration();
    const deadline = reconsiderationDeadline(claim.offer, windowDays);
    if (ctx.now.getTime() > deadline.getTime())
      throw new PolicyRefusalError(
        `reconsideration may be requested within ${windowDays} days of the decision (until ${deadline.toISOString()})`,
        'reconsideration_window',
        {
          'zh-CN': `复议须在决定后 ${windowDays} 天内申请（截至 ${formatInstant(deadline.toISOString(), 'zh-CN')}），现已超过期限。`,
          en: `Reconsideration may be asked for within ${windowDays} days of the decision (until ${formatInstant(deadline.toISOString(), 'en')}); that time has passed.`,
        },
      );
    const excluded = new Set<string>(claim.resolution ? [claim.resolution.proposedBy] : []);
    for (const s of claim.approval?.steps ?? []) if (s.step !== 'legal_cleared') excluded.add(s.by);
    const { claim: next, notice } = customerResponded(
      { ...claim, reconsideration: { requestedAt: ctx.at, reasons, excludedHandlerIds: [...excluded] } },
      { what: 'reconsideration', at: ctx.at, eventId: ctx.eventId, text: reasons, files: 0 },
    );
    return {
      claim: next,
      note: reasons,
      outbox: (saved: Claim) => [
        notice,
        notificationMessage(
          'reconsideration_received',
          { requestedAt: ctx.at, decisionDue: reconsiderationDue(saved) },
          {
            id: `${claim.id}:reconsideration_received:${ctx.eventId}`,
            claim,
            recipient: { type: 'customer' },
            createdAt: ctx.at,
          },
        ),
      ],
    };
  });
}

/** When the reconsideration will be decided: the deadline its SLA clock got as the request was saved. */
function reconsiderationDue(saved: Claim): string {
  const due = saved.clocks?.reconsideration?.dueAt;
  if (due === undefined) throw new Error('unreachable: a reconsideration request starts its clock');
  return due;
}

/** Return visits after closure (SPEC §11): N working days, and quality cases again after M months. */
function followUpsAfterClosure(deps: MoneyDeps, claim: Claim, ctx: EffectContext): FollowUp[] {
  const s = deps.settings.money;
  const n = (claim.followUps?.length ?? 0) + 1;
  const visits: FollowUp[] = [
    {
      id: `${claim.id}:return_visit:${n}`,
      kind: 'return_visit',
      // The calendar in force, operator schedules included (one calendar for every working-day date).
      dueAt: ctx.calendar.addWorkingDays(ctx.now, s.returnVisitWorkingDays).at,
      status: 'scheduled',
    },
  ];
  if (isQualityCase(claim.category, deps.settings.categories)) {
    const later = new Date(ctx.now.getTime());
    later.setUTCMonth(later.getUTCMonth() + s.qualityRevisitMonths);
    visits.push({
      id: `${claim.id}:quality_revisit:${n + 1}`,
      kind: 'quality_revisit',
      dueAt: later.toISOString(),
      status: 'scheduled',
    });
  }
  return [...(claim.followUps ?? []), ...visits];
}

function closed(deps: MoneyDeps, claim: Claim, ctx: EffectContext, reason: string, explanation: string) {
  return {
    claim: {
      ...claim,
      closure: { reason, explanation, at: ctx.at },
      followUps: followUpsAfterClosure(deps, claim, ctx),
    },
    note: explanation,
    outbox: [
      notificationMessage(
        'closure_survey',
        { closedAt: ctx.at },
        {
          id: `${claim.id}:closure_survey:${ctx.eventId}`,
          claim,
          recipient: { type: 'customer' },
          createdAt: ctx.at,
        },
      ),
    ],
  };
}

/**
 * The complainant confirms closure (谁投诉谁关闭, SPEC §11).
 * 1. Load with the token; 2. table: executed → closed (refused while in legal proceedings: closure is frozen);
 * 3. schedule return visits as tasks; 4. save with the closure_survey intent.
 */
export function confirmClosure(deps: MoneyDeps, number: string, token: string | undefined) {
  return customerChange(deps, number, token, 'confirm_closure', (claim, ctx) =>
    closed(
      deps,
      claim,
      ctx,
      'confirmed_by_customer',
      claim.language === 'en' ? 'Closed on the customer’s confirmation' : '客户确认关闭',
    ),
  );
}

/**
 * Close executed claims after the quiet period (SPEC §11); the SLA sweep calls this, and the CLI's close-quiet.
 * 1. Nothing when the policy switches it off; else read executed claims whose execution is older than the
 *    quiet period (GSI15, oldest first).
 * 2. Close each as the system (table: auto_close), scheduling return visits, with the closure_survey intent.
 * 3. A claim that changed meanwhile (version conflict or a new state) is skipped, not forced.
 */
export async function autoCloseQuietClaims(
  deps: MoneyDeps,
  now: Date,
  limit = 100,
): Promise<{ closed: string[]; skipped: string[] }> {
  const result = { closed: [] as string[], skipped: [] as string[] };
  const quietDays = deps.settings.money.autoCloseQuietDays;
  if (quietDays === null) return result; // switched off in the policy: staff or the customer close
  const due = await deps.money.executedBefore(addDays(now, -quietDays), limit);
  for (const claim of due) {
    try {
      await applyChange(
        deps,
        claim,
        'auto_close',
        { type: 'system', id: 'auto-close' },
        ['system'],
        (c, ctx) =>
          closed(
            deps,
            c,
            ctx,
            'auto_closed',
            c.language === 'en'
              ? `Closed automatically: no objection in the ${quietDays} days after execution`
              : `执行后 ${quietDays} 天无异议，自动关闭`,
          ),
      );
      result.closed.push(claim.number);
    } catch (error) {
      if (!(error instanceof Error) || !['CONFLICT', 'INVALID_TRANSITION'].includes(codeOf(error)))
        throw error;
      result.skipped.push(claim.number);
    }
  }
  return result;
}

function codeOf(error: Error): string {
  return 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/**
 * The satisfaction survey through the tracking link (满意 / 基本满意 / 不满意, SPEC §11).
 * 1. Load with the token; only a closed claim, once per closure.
 * 2. "unsatisfied" reopens a negotiation (table: reopen_unsatisfied), except after a closure through legal,
 *    which is final; otherwise it is recorded (record_survey).
 * 3. Save claim + event; a reopened claim is marked "customer responded" and its owner told.
 */
export async function recordSurvey(
  deps: MoneyDeps,
  number: string,
  token: string | undefined,
  input: z.infer<typeof SurveyInputSchema>,
): Promise<Claim> {
  const claim = await loadWithToken(deps.store, number, token);
  if (claim.survey && claim.closure && claim.survey.at >= claim.closure.at)
    throw new InvalidTransitionError('this closure has already been rated', {
      'zh-CN': '您已经评价过这次处理结果，感谢您的反馈。',
      en: 'You have already rated how this was resolved; thank you.',
    });
  // A closure through legal (a ruling, an arbitral award, a mediated settlement) is final: rated, not reopened.
  const reopens = input.rating === 'unsatisfied' && claim.closure?.reason !== 'legal_concluded';
  const action = reopens ? 'reopen_unsatisfied' : 'record_survey';
  return applyChange(deps, claim, action, { type: 'customer' }, ['customer'], (c, { at, eventId }) => {
    const { closure: _closure, ...rest } = c;
    const survey = { rating: input.rating, ...(input.comment ? { comment: input.comment } : {}), at };
    const note = `${input.rating}${input.comment ? ` — ${input.comment}` : ''}`;
    if (action === 'record_survey') return { claim: { ...c, survey }, note };
    const { claim: reopened, notice } = customerResponded(
      { ...rest, survey },
      { what: 'unsatisfied', at, eventId, text: input.comment ?? '', files: 0 },
    );
    return { claim: reopened, note, outbox: [notice] };
  });
}

/**
 * What the customer is offered, for the tracking page: each item with its settlement (cash, goods or a
 * service), the cash part, who carries it out by when (the plan the offer is of), and why (the findings).
 */
export function offerView(claim: Claim) {
  const offer = claim.offer;
  if (!offer) return undefined;
  const plan = claim.resolution?.revision === offer.revision ? claim.resolution : undefined;
  return {
    type: offer.type,
    items: offer.items.map((item) => ({ ...item, settlement: settlementOf(item, offer.type) })),
    totalFen: offer.totalFen,
    total: formatFen(offer.totalFen),
    /** What is paid in money (the rest is given as goods or a service). */
    cashFen: cashFen(offer),
    decidedAt: offer.decidedAt,
    ...(plan ? { executingDepartment: plan.executingDepartment, dueOn: plan.dueOn } : {}),
    ...(claim.findings ? { findingsSummary: claim.findings.summary } : {}),
  };
}
