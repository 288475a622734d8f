import * as z from '../../zod.js';
import { nonEmptyText } from '../text.js';
import {
  approvalRefusal,
  checkApprover,
  legalReviewReasons,
  requiredTier,
  tierRole,
} from '../approval-policy.js';
import type { Claim } from '../claim.js';
import { isQualityCase } from '../category-policy.js';
import { ForbiddenError, InvalidTransitionError, ValidationError } from '../errors.js';
import { notificationMessage, type OutboxMessage } from '../messages.js';
import { FenSchema, formatFen } from '../money.js';
import {
  LEGAL_TRACKS,
  MONEY_TYPES,
  NAMED_PARTIES,
  PlanItemsSchema,
  storedPlanItems,
  RESPONSIBLE_PARTIES,
  ROOT_CAUSES,
  RECOVERABLE_PARTIES,
  ReconsiderationOutcomeSchema,
  ResolutionTypeSchema,
  type ApprovalRecord,
  type ApprovalStep,
  type Offer,
  reconsiderationDeadline,
  type PlanItem,
  type ResolutionPlan,
} from '../resolution.js';
import { loadVisibleClaim } from '../claim-lookup.js';
import { planFlags, statutoryLegalReasons, statutoryReviewOf } from '../statutory/claim-remedies.js';
import { staffActor, type StaffPrincipal } from '../principal.js';
import { applyChange, staffChange, type EffectContext, type MoneyDeps } from './money-change.js';
import { payoutsSettled, releasedPayoutMessages } from './payouts.js';

const reason = nonEmptyText(2000);
const expectedVersion = z.optional(z.int().check(z.gte(1)));

/** Payloads of the staff money actions, strict: status, totals, approvers and ids are server-owned. */
export const FindingsInputSchema = z
  .strictObject({
    summary: nonEmptyText(5000),
    evidenceRefs: z._default(z.array(nonEmptyText(500)).check(z.maxLength(50)), []),
    rootCause: z.enum(ROOT_CAUSES),
    responsibility: z.enum([...RESPONSIBLE_PARTIES, 'unclear']),
    partyName: z.optional(nonEmptyText(200)),
    expectedVersion,
  })
  .check(
    z.refine(
      (f) => !(NAMED_PARTIES as readonly string[]).includes(f.responsibility) || f.partyName !== undefined,
      { message: 'name the responsible party', path: ['partyName'] },
    ),
  );

export const ProposalInputSchema = z.strictObject({
  type: ResolutionTypeSchema,
  items: z._default(PlanItemsSchema, []),
  executingDepartment: nonEmptyText(100),
  dueOn: z.iso.date(),
  /** For the quality default (1:1 of the product value) when no amount is proposed. */
  productValueFen: z.optional(FenSchema),
  /** HQ pays first and recovers from the responsible supplier or franchisee (先行赔付). */
  advancePayment: z.optional(z.strictObject({ basis: reason, dueOn: z.iso.date() })),
  note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
  /**
   * Issue 24: why the plan offers less than the customer's statutory entitlement (or not their statutory
   * choice); required when the plan is flagged, which sends it to legal review first.
   */
  statutoryReason: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
  expectedVersion,
});

export const ReasonInputSchema = z.strictObject({ reason, expectedVersion });
export const ApproveInputSchema = z.strictObject({
  note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
  expectedVersion,
});
export const DecideReconsiderationInputSchema = z
  .strictObject({
    outcome: ReconsiderationOutcomeSchema,
    reason,
    items: z.optional(PlanItemsSchema.check(z.minLength(1))),
    expectedVersion,
  })
  .check(
    z.refine((d) => (d.outcome === 'amended') === (d.items !== undefined), {
      message: 'an amended outcome gives the new items; an upheld one gives none',
      path: ['items'],
    }),
  );
export const HandToLegalInputSchema = z.strictObject({
  track: z.enum(LEGAL_TRACKS),
  reason,
  expectedVersion,
});
export const ExecutionInputSchema = z.strictObject({
  kind: z.enum(['shipping', 'work_order', 'other']),
  reference: nonEmptyText(200),
  expectedVersion,
});

interface Cmd<T> {
  readonly ref: string;
  readonly principal: StaffPrincipal;
  readonly input: T;
}

const sumFen = (items: readonly PlanItem[]): number => items.reduce((sum, i) => sum + i.amountFen, 0);

/**
 * Record investigation findings (SPEC §6).
 * 1. Load the visible claim; the table allows it while investigating (agent, manager).
 * 2. A finding of "unclear" becomes the company's responsibility when the policy flag is on.
 * 3. Save claim + audit event.
 */
export function recordFindings(deps: MoneyDeps, cmd: Cmd<z.infer<typeof FindingsInputSchema>>) {
  const { input } = cmd;
  const policy = input.responsibility === 'unclear' && deps.settings.money.companyPaysWhenUnclear;
  return staffChange(
    deps,
    cmd.ref,
    cmd.principal,
    'record_findings',
    (claim, { at }) => ({
      claim: {
        ...claim,
        findings: {
          summary: input.summary,
          evidenceRefs: input.evidenceRefs,
          rootCause: input.rootCause,
          responsibility: policy ? 'company' : input.responsibility,
          ...(input.partyName !== undefined ? { partyName: input.partyName } : {}),
          companyPaysPolicyApplied: policy,
          recordedAt: at,
          recordedBy: cmd.principal.id,
        },
      },
      note: policy ? `${input.summary} — 责任不清，按公司承担 (company pays when unclear)` : input.summary,
    }),
    input.expectedVersion,
  );
}

/**
 * Propose a resolution plan (SPEC §7–8).
 * 1. Needs findings; the table allows it from investigating or negotiating.
 * 2. Itemised amounts in fen; a quality claim with no amount gets the product value × the setting's percentage.
 * 3. An advance payment needs a supplier or franchisee found responsible.
 * 4. Check the plan against the customer's statutory entitlements (issue 24, the rules of the policy in
 *    force): a plan below an amount the law owes, or without the remedy the law lets the customer choose, is
 *    flagged; it needs the proposer's reason (400 in words without it) and is kept with the flags on the plan.
 * 5. Work out the approval tier and whether legal must review first (the amount, litigation, or a statutory
 *    flag); if so, go on to legal_review.
 * 6. Save with an approval_needed intent for the tier's role (or legal) in the claim's unit.
 */
export function proposeResolution(deps: MoneyDeps, cmd: Cmd<z.infer<typeof ProposalInputSchema>>) {
  const { input } = cmd;
  const s = deps.settings.money;
  return staffChange(
    deps,
    cmd.ref,
    cmd.principal,
    'propose_resolution',
    (claim, ctx) => {
      const findings = claim.findings;
      if (!findings)
        throw new InvalidTransitionError('record the investigation findings before proposing', {
          'zh-CN': '请先记录调查结论，再提出方案。',
          en: 'Record the investigation findings before proposing a plan.',
        });
      // A settlement equal to the type's default is not stored (`storedPlanItems`).
      let items = storedPlanItems(input.items, input.type);
      let defaulted = false;
      if (
        items.length === 0 &&
        isQualityCase(claim.category, deps.settings.categories) &&
        MONEY_TYPES.includes(input.type)
      ) {
        const value = input.productValueFen ?? claim.claimedAmountFen;
        items = [
          {
            kind: 'direct_loss',
            // The customer reads this item on the offer: in the claim's language, no developer words.
            description:
              claim.language === 'en'
                ? `${s.qualityCompensationPercent}% of the product's value`
                : `产品价值的 ${s.qualityCompensationPercent}%`,
            amountFen: Math.round((value * s.qualityCompensationPercent) / 100),
          },
        ];
        defaulted = true;
      }
      const totalFen = sumFen(items);
      if ((input.type === 'apology' || input.type === 'none') && totalFen > 0)
        throw new ValidationError('an apology or "none" carries no amounts', [
          { path: 'items', message: 'no amounts for this type' },
        ]);
      let advancePayment: ResolutionPlan['advancePayment'];
      if (input.advancePayment) {
        const party = findings.responsibility;
        if (!(RECOVERABLE_PARTIES as readonly string[]).includes(party) || findings.partyName === undefined)
          throw new ValidationError('an advance payment needs a supplier or franchisee found responsible', [
            { path: 'advancePayment', message: 'responsible party is not a supplier or franchisee' },
          ]);
        advancePayment = {
          partyType: party === 'supplier' ? 'supplier' : 'franchisee',
          partyName: findings.partyName,
          basis: input.advancePayment.basis,
          dueOn: input.advancePayment.dueOn,
        };
      }
      const statutory = planFlags(claim, { type: input.type, totalFen }, deps.settings.statutory);
      const statutoryReview = statutoryReviewOf(statutory.flags, input.statutoryReason);
      const revision = (claim.resolution?.revision ?? 0) + 1;
      const plan: ResolutionPlan = {
        revision,
        type: input.type,
        items,
        totalFen,
        executingDepartment: input.executingDepartment,
        dueOn: input.dueOn,
        defaultedFromProductValue: defaulted,
        ...(advancePayment ? { advancePayment } : {}),
        ...(statutoryReview ? { statutoryReview } : {}),
        ...(statutory.rules.length > 0 ? { statutoryRules: statutory.rules } : {}),
        proposedBy: cmd.principal.id,
        proposedAt: ctx.at,
        status: 'proposed',
      };
      const tier = requiredTier(totalFen, claim.severity, s);
      const amountReasons = legalReviewReasons(claim, totalFen, s);
      const legalReasons = [...amountReasons, ...statutoryLegalReasons(plan)];
      const approval: ApprovalRecord = {
        revision,
        requiredTier: tier,
        policyVersion: deps.policyVersion,
        legalReviewRequired: legalReasons.length > 0,
        legalReviewReasons: legalReasons,
        steps: claim.approval?.steps ?? [],
      };
      const toLegal = legalReasons.length > 0;
      return {
        claim: { ...claim, resolution: plan, approval },
        ...(toLegal ? { status: 'legal_review' as const } : {}),
        note:
          `${input.type} ${formatFen(totalFen)}, approval tier ${tier}` +
          (amountReasons.length > 0 ? `; legal review first: ${amountReasons.join('; ')}` : '') +
          // The flags are on the plan, in words; the note keeps the proposer's reason, for the timeline.
          (statutoryReview
            ? `；低于法定标准，须法务审核 (below the statute, legal review first)：${statutoryReview.reason}`
            : '') +
          (input.note ? ` — ${input.note}` : ''),
        outbox: [
          approvalNeeded(claim, ctx, plan, toLegal ? 'legal' : tierRole(tier), cmd.principal.name ?? null),
        ],
      };
    },
    input.expectedVersion,
  );
}

/** The approver (or legal, first, when the plan needs legal review) is told what awaits them. */
function approvalNeeded(
  claim: Claim,
  ctx: EffectContext,
  plan: ResolutionPlan,
  role: string,
  proposerName: string | null,
): OutboxMessage {
  return notificationMessage(
    'approval_needed',
    {
      revision: plan.revision,
      type: plan.type,
      totalFen: plan.totalFen,
      proposedBy: { id: plan.proposedBy, name: proposerName },
      legalReview: role === 'legal',
    },
    {
      id: `${claim.id}:approval_needed:${ctx.eventId}`,
      claim,
      recipient: { type: 'unit_role', unitId: claim.unitId, role },
      createdAt: ctx.at,
    },
  );
}

function step(
  cmd: Cmd<unknown>,
  kind: ApprovalStep['step'],
  revision: number,
  at: string,
  why?: string,
): ApprovalStep {
  return {
    step: kind,
    revision,
    by: cmd.principal.id,
    roles: [...cmd.principal.roles],
    at,
    ...(why !== undefined ? { reason: why } : {}),
  };
}

function planOf(claim: Claim): { plan: ResolutionPlan; approval: ApprovalRecord } {
  if (!claim.resolution || !claim.approval)
    throw new InvalidTransitionError('the claim has no proposed plan', {
      'zh-CN': '这项索赔还没有提出方案。',
      en: 'No plan has been proposed for this claim yet.',
    });
  return { plan: claim.resolution, approval: claim.approval };
}

/**
 * Legal clears the plan (SPEC §8): legal_review → proposed, then the tier's approver is told.
 * 1. Load; 2. table: legal only, from legal_review; 3. record the step; 4. save + approval_needed intent.
 */
export function clearLegalReview(deps: MoneyDeps, cmd: Cmd<z.infer<typeof ReasonInputSchema>>) {
  return staffChange(
    deps,
    cmd.ref,
    cmd.principal,
    'clear_legal_review',
    (claim, ctx) => {
      const { plan, approval } = planOf(claim);
      return {
        claim: {
          ...claim,
          approval: {
            ...approval,
            legalClearedAt: ctx.at,
            steps: [...approval.steps, step(cmd, 'legal_cleared', plan.revision, ctx.at, cmd.input.reason)],
          },
        },
        note: cmd.input.reason,
        outbox: [approvalNeeded(claim, ctx, plan, tierRole(approval.requiredTier), null)],
      };
    },
    cmd.input.expectedVersion,
  );
}

/**
 * Approve the plan (SPEC §8) and send the offer (SPEC §9). The tier and legal review are decided now, from
 * the plan's amount and the claim's severity and facts as they are today, not as they were at the proposal.
 * 1. Load; table: agent/manager/executive from proposed.
 * 2. Legal review needed now and not yet given (litigation filed since, say) → the plan goes to legal review
 *    instead (its own audited action, legal told), and nothing is approved.
 * 3. The approver's role covers today's tier, their limit (token ∧ role) covers the amount, and above the
 *    agent tier it is not their own proposal.
 * 4. Record the step, the tier it was approved at, and the offer (its time starts the reconsideration window).
 * 5. Save with the decision_offer intent for the customer.
 */
export async function approveResolution(deps: MoneyDeps, cmd: Cmd<z.infer<typeof ApproveInputSchema>>) {
  const s = deps.settings.money;
  const current = await loadVisibleClaim(deps.store, cmd.ref, cmd.principal);
  const expected = cmd.input.expectedVersion ?? current.version;
  const { plan, approval } = planOf(current);
  const legalReasons = [...legalReviewReasons(current, plan.totalFen, s), ...statutoryLegalReasons(plan)];
  if (legalReasons.length > 0 && approval.legalClearedAt === undefined) {
    return applyChange(
      deps,
      current,
      'send_to_legal_review',
      staffActor(cmd.principal),
      cmd.principal.roles,
      (claim, ctx) => ({
        claim: {
          ...claim,
          approval: { ...approval, legalReviewRequired: true, legalReviewReasons: legalReasons },
        },
        note: `legal review first: ${legalReasons.join('; ')}`,
        outbox: [approvalNeeded(claim, ctx, plan, 'legal', null)],
      }),
      expected,
    );
  }
  return applyChange(
    deps,
    current,
    'approve',
    staffActor(cmd.principal),
    cmd.principal.roles,
    (claim, ctx) => {
      const tier = requiredTier(plan.totalFen, claim.severity, s);
      checkApprover(cmd.principal, plan, tier, s);
      const offer: Offer = {
        revision: plan.revision,
        type: plan.type,
        items: plan.items,
        totalFen: plan.totalFen,
        decidedAt: ctx.at,
        decidedBy: cmd.principal.id,
      };
      return {
        claim: {
          ...claim,
          resolution: { ...plan, status: 'approved' },
          approval: {
            ...approval,
            requiredTier: tier,
            policyVersion: deps.policyVersion,
            steps: [...approval.steps, step(cmd, 'approved', plan.revision, ctx.at, cmd.input.note)],
          },
          offer,
        },
        note: `approved ${plan.type} ${formatFen(plan.totalFen)} at tier ${tier}`,
        outbox: [decisionOffer(claim, ctx, offer, s.reconsiderationWindowDays)],
      };
    },
    expected,
  );
}

/** SPEC §9: the offer in full, with how to answer it and until when a reconsideration may be asked for. */
function decisionOffer(claim: Claim, ctx: EffectContext, offer: Offer, windowDays: number): OutboxMessage {
  return notificationMessage(
    'decision_offer',
    {
      revision: offer.revision,
      type: offer.type,
      items: offer.items,
      totalFen: offer.totalFen,
      decidedAt: offer.decidedAt,
      reconsiderationDeadline: reconsiderationDeadline(offer, windowDays).toISOString(),
    },
    {
      id: `${claim.id}:decision_offer:${ctx.eventId}`,
      claim,
      recipient: { type: 'customer' },
      createdAt: ctx.at,
    },
  );
}

/**
 * Reject the plan with a reason. 1. Load; table: manager, executive, legal from proposed or legal_review;
 * 2. mark the plan rejected and record the step; 3. save (→ investigating).
 */
export function rejectProposal(deps: MoneyDeps, cmd: Cmd<z.infer<typeof ReasonInputSchema>>) {
  return closeProposal(deps, cmd, 'reject_proposal', 'rejected');
}

/**
 * Send the plan back for rework with a reason. 1. Load; table: manager, executive from proposed;
 * 2. mark the plan sent back and record the step; 3. save (→ investigating).
 */
export function sendBack(deps: MoneyDeps, cmd: Cmd<z.infer<typeof ReasonInputSchema>>) {
  return closeProposal(deps, cmd, 'send_back', 'sent_back');
}

function closeProposal(
  deps: MoneyDeps,
  cmd: Cmd<z.infer<typeof ReasonInputSchema>>,
  action: 'reject_proposal' | 'send_back',
  outcome: 'rejected' | 'sent_back',
) {
  return staffChange(
    deps,
    cmd.ref,
    cmd.principal,
    action,
    (claim, ctx) => {
      const { plan, approval } = planOf(claim);
      return {
        claim: {
          ...claim,
          resolution: { ...plan, status: outcome },
          approval: {
            ...approval,
            steps: [...approval.steps, step(cmd, outcome, plan.revision, ctx.at, cmd.input.reason)],
          },
        },
        note: cmd.input.reason,
      };
    },
    cmd.input.expectedVersion,
  );
}

/**
 * Decide a reconsideration (SPEC §9): a different handler from the original decision; the outcome is final.
 * 1. Load; table: manager/executive from reconsideration.
 * 2. Refuse anyone who proposed or approved the original decision.
 * 3. Upheld keeps the offer: back at offer_sent with the offer sent again.
 * 4. Amended replaces the items as a new revision proposed by the decider, which goes through the same
 *    tiers and legal review as any plan (SPEC §8): legal first when the amount, the facts or a statutory
 *    flag (issue 24, the decider's reason recorded with it) need it; the
 *    decider approves it at once only when their role and limit cover today's tier and, above the agent
 *    tier, never (nobody approves their own proposal there); otherwise it waits for the tier's approver.
 * 5. Save with the reconsideration_decided intent (saying when the amended plan awaits approval), and the
 *    decision_offer intent when there is an offer to send now.
 */
export function decideReconsideration(
  deps: MoneyDeps,
  cmd: Cmd<z.infer<typeof DecideReconsiderationInputSchema>>,
) {
  const s = deps.settings.money;
  return staffChange(
    deps,
    cmd.ref,
    cmd.principal,
    'decide_reconsideration',
    (claim, ctx) => {
      const request = claim.reconsideration;
      const { plan, approval } = planOf(claim);
      if (!request || !claim.offer)
        throw new InvalidTransitionError('no reconsideration request to decide', {
          'zh-CN': '没有待决定的复议申请，请刷新查看。',
          en: 'There is no reconsideration request to decide; reload to see where it stands.',
        });
      if (request.excludedHandlerIds.includes(cmd.principal.id))
        throw new ForbiddenError('a reconsideration is decided by someone other than the original handlers', {
          'zh-CN': '您处理过这项索赔，复议须由其他同事决定。',
          en: 'You handled this claim before, so a colleague must decide the reconsideration.',
        });
      const decided = {
        ...request,
        decidedAt: ctx.at,
        decidedBy: cmd.principal.id,
        outcome: cmd.input.outcome,
        reason: cmd.input.reason,
      };
      const decidedStep = (revision: number) =>
        step(cmd, 'reconsideration_decided', revision, ctx.at, cmd.input.reason);
      const told = (totalFen: number, pendingApproval: boolean) =>
        notificationMessage(
          'reconsideration_decided',
          { outcome: cmd.input.outcome, reason: cmd.input.reason, totalFen, pendingApproval },
          {
            id: `${claim.id}:reconsideration_decided:${ctx.eventId}`,
            claim,
            recipient: { type: 'customer' },
            createdAt: ctx.at,
          },
        );

      if (cmd.input.outcome === 'amended' && cmd.input.items) {
        const totalFen = sumFen(cmd.input.items);
        const revision = plan.revision + 1;
        // Issue 24: the amended plan is checked against the statute afresh; the decider's reason (required)
        // is the recorded one, and a flagged plan goes to legal first like any proposal.
        const { statutoryReview: _was, statutoryRules: _rules, ...kept } = plan;
        const statutory = planFlags(claim, { type: plan.type, totalFen }, deps.settings.statutory);
        const statutoryReview = statutoryReviewOf(statutory.flags, cmd.input.reason);
        const amended: ResolutionPlan = {
          ...kept,
          revision,
          items: storedPlanItems(cmd.input.items, plan.type),
          totalFen,
          ...(statutoryReview ? { statutoryReview } : {}),
          ...(statutory.rules.length > 0 ? { statutoryRules: statutory.rules } : {}),
          proposedBy: cmd.principal.id,
          proposedAt: ctx.at,
          status: 'proposed',
        };
        const tier = requiredTier(totalFen, claim.severity, s);
        const legalReasons = [...legalReviewReasons(claim, totalFen, s), ...statutoryLegalReasons(amended)];
        const selfApproves =
          legalReasons.length === 0 && approvalRefusal(cmd.principal, amended, tier, s) === null;
        if (!selfApproves) {
          // A new revision: the approval record starts over (no legal clearance carried from the old one).
          const record: ApprovalRecord = {
            revision,
            requiredTier: tier,
            policyVersion: deps.policyVersion,
            legalReviewRequired: legalReasons.length > 0,
            legalReviewReasons: legalReasons,
            steps: [...approval.steps, decidedStep(revision)],
          };
          const toLegal = legalReasons.length > 0;
          return {
            claim: { ...claim, resolution: amended, approval: record, reconsideration: decided },
            status: toLegal ? ('legal_review' as const) : ('proposed' as const),
            // The customer reads this note on the tracking page: the reason only (the tier is on the record).
            note: cmd.input.reason,
            outbox: [
              told(totalFen, true),
              approvalNeeded(
                claim,
                ctx,
                amended,
                toLegal ? 'legal' : tierRole(tier),
                cmd.principal.name ?? null,
              ),
            ],
          };
        }
        const offer: Offer = {
          revision,
          type: amended.type,
          items: amended.items,
          totalFen,
          decidedAt: ctx.at,
          decidedBy: cmd.principal.id,
        };
        return {
          claim: {
            ...claim,
            resolution: { ...amended, status: 'approved' },
            approval: {
              revision,
              requiredTier: tier,
              policyVersion: deps.policyVersion,
              legalReviewRequired: false,
              legalReviewReasons: [],
              steps: [...approval.steps, decidedStep(revision)],
            },
            offer,
            reconsideration: decided,
          },
          note: cmd.input.reason,
          outbox: [told(totalFen, false), decisionOffer(claim, ctx, offer, s.reconsiderationWindowDays)],
        };
      }
      const offer: Offer = { ...claim.offer, decidedAt: ctx.at, decidedBy: cmd.principal.id };
      return {
        claim: {
          ...claim,
          resolution: { ...plan, status: 'approved' },
          approval: { ...approval, steps: [...approval.steps, decidedStep(plan.revision)] },
          offer,
          reconsideration: decided,
        },
        note: cmd.input.reason,
        outbox: [told(offer.totalFen, false), decisionOffer(claim, ctx, offer, s.reconsiderationWindowDays)],
      };
    },
    cmd.input.expectedVersion,
  );
}

/**
 * Mark for mediation, arbitration or litigation and hand to legal (SPEC §9); closure is frozen until
 * legal concludes. 1. Load; 2. table: legal/manager; 3. record the track; 4. save.
 */
export function handToLegal(deps: MoneyDeps, cmd: Cmd<z.infer<typeof HandToLegalInputSchema>>) {
  return staffChange(
    deps,
    cmd.ref,
    cmd.principal,
    'hand_to_legal',
    (claim, { at }) => ({
      claim: {
        ...claim,
        legalProceedings: { track: cmd.input.track, reason: cmd.input.reason, at, by: cmd.principal.id },
      },
      note: `${cmd.input.track}: ${cmd.input.reason}`,
    }),
    cmd.input.expectedVersion,
  );
}

/**
 * Legal concludes the proceedings and closes the claim, for good: a later survey is recorded but never
 * reopens it. 1. Load; 2. table: legal only; 3. close; 4. send on the payouts held while it ran; 5. save.
 */
export function concludeLegal(deps: MoneyDeps, cmd: Cmd<z.infer<typeof ReasonInputSchema>>) {
  return staffChange(
    deps,
    cmd.ref,
    cmd.principal,
    'conclude_legal',
    (claim, { at, eventId }) => ({
      claim: { ...claim, closure: { reason: 'legal_concluded', explanation: cmd.input.reason, at } },
      note: cmd.input.reason,
      outbox: releasedPayoutMessages(claim, eventId),
    }),
    cmd.input.expectedVersion,
  );
}

/**
 * Record the execution of a replacement, repair, apology or other non-money resolution (SPEC §10):
 * shipping or work-order number. Money resolutions are executed by their payouts instead.
 * 1. Load; 2. table: executing; 3. refuse money plans; 4. record the reference; 5. save (→ executed, or
 *    still executing while the plan's compensation payouts are not all paid: the last one executes it).
 */
export function recordExecution(deps: MoneyDeps, cmd: Cmd<z.infer<typeof ExecutionInputSchema>>) {
  return staffChange(
    deps,
    cmd.ref,
    cmd.principal,
    'record_execution',
    (claim, { at }) => {
      const plan = claim.resolution;
      if (plan && MONEY_TYPES.includes(plan.type) && plan.totalFen > 0)
        throw new InvalidTransitionError(
          'a money resolution is executed by its payout; finance confirms it with the voucher number',
          {
            'zh-CN': '涉及付款的方案由付款完成执行：请财务凭付款凭证号确认付款。',
            en: 'A plan with money is carried out by its payout: finance confirms the payout with its voucher number.',
          },
        );
      const paid = payoutsSettled(claim.payouts ?? []);
      return {
        claim: { ...claim, execution: { kind: cmd.input.kind, reference: cmd.input.reference, at } },
        ...(paid ? {} : { status: 'executing' as const }),
        note: `${cmd.input.kind} ${cmd.input.reference}` + (paid ? '' : '; its payout is not paid yet'),
      };
    },
    cmd.input.expectedVersion,
  );
}
