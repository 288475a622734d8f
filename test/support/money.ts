import type { Claim } from '../../shared/domain/claim.js';
import type { PaymentGateway, PaymentOutcome, PaymentRequest } from '../../shared/ports/payment-gateway.js';
import type { MoneyDeps } from '../../shared/domain/use-cases/money-change.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { applyTriageAction, type TriageDeps } from '../../shared/domain/use-cases/triage.js';
import {
  approveResolution,
  proposeResolution,
  recordFindings,
} from '../../shared/domain/use-cases/resolution.js';
import { acceptOffer } from '../../shared/domain/use-cases/customer-decision.js';
import { intakeInput, principal } from './fixtures.js';
import type { IntakeDeps } from '../../shared/domain/use-cases/file-claim.js';
import type { StaffPrincipal } from '../../shared/domain/principal.js';

export const agent: StaffPrincipal = principal(['agent'], 'HQ', { id: 'agent-7', approvalLimitFen: 10_000 });
export const areaManager: StaffPrincipal = principal(['manager'], 'HQ', {
  id: 'area-mgr',
  approvalLimitFen: 50_000,
});
export const deptHead: StaffPrincipal = principal(['manager'], 'HQ', {
  id: 'dept-head',
  approvalLimitFen: 3_000_000,
});
export const executive: StaffPrincipal = principal(['executive'], 'HQ', {
  id: 'exec-1',
  approvalLimitFen: 100_000_000,
});
export const legal: StaffPrincipal = principal(['legal'], 'HQ', { id: 'legal-1' });
export const finance: StaffPrincipal = principal(['finance'], 'HQ', { id: 'finance-1' });

/** A filed claim under investigation, with its customer token. */
export async function investigatingClaim(
  deps: MoneyDeps & IntakeDeps & Pick<TriageDeps, 'staff'>,
  overrides: Record<string, unknown> = {},
): Promise<{ claim: Claim; token: string }> {
  const filed = await fileClaim(deps, {
    input: intakeInput(overrides),
    channel: 'web',
    actor: { type: 'customer' },
  });
  const token = filed.accessToken ?? '';
  for (const action of ['mark_material_complete', 'start_investigation'] as const) {
    await applyTriageAction(deps, { ref: filed.claim.id, action, payload: {}, principal: agent });
  }
  const claim = await deps.store.getById(filed.claim.id);
  if (!claim) throw new Error('claim vanished');
  return { claim, token };
}

/**
 * A claim whose ¥80 compensation (agent tier, advance payment against a supplier) the customer accepted:
 * executing, with one requested payout. Returns the payout id.
 */
export async function acceptedMoneyClaim(
  deps: MoneyDeps & IntakeDeps & Pick<TriageDeps, 'staff'>,
): Promise<{ claim: Claim; token: string; payoutId: string }> {
  const { claim, token } = await offeredMoneyClaim(deps);
  const accepted = await acceptOffer(deps, claim.number, token);
  const payoutId = accepted.payouts?.[0]?.id;
  if (payoutId === undefined) throw new Error('no payout created');
  return { claim: accepted, token, payoutId };
}

/** The same claim one step earlier: the approved ¥80 offer sent, waiting for the customer's answer. */
export async function offeredMoneyClaim(
  deps: MoneyDeps & IntakeDeps & Pick<TriageDeps, 'staff'>,
): Promise<{ claim: Claim; token: string }> {
  const { claim, token } = await investigatingClaim(deps);
  await proposeCompensation(deps, claim, agent, 8_000, {
    advancePayment: { basis: '采购合同质量条款', dueOn: '2027-01-31' },
  });
  await approveResolution(deps, { ref: claim.id, principal: agent, input: {} });
  return { claim, token };
}

/** Findings (a supplier's batch defect) and a compensation plan of `amountFen`, both by `by`. */
export async function proposeCompensation(
  deps: MoneyDeps,
  claim: Claim,
  by: StaffPrincipal,
  amountFen: number,
  extra: { advancePayment?: { basis: string; dueOn: string } } = {},
): Promise<void> {
  await recordFindings(deps, {
    ref: claim.id,
    principal: by,
    input: {
      summary: '批次缺陷',
      evidenceRefs: ['QC-1'],
      rootCause: 'supplier_material',
      responsibility: 'supplier',
      partyName: '甲供应商',
    },
  });
  await proposeResolution(deps, {
    ref: claim.id,
    principal: by,
    input: {
      type: 'compensation',
      items: [{ kind: 'direct_loss', description: '配件', amountFen }],
      executingDepartment: 'finance',
      dueOn: '2026-12-10',
      ...extra,
    },
  });
}

/**
 * A payment provider that is NOT idempotent: every submit that reaches it pays, so counting `payments`
 * counts money sent. Faults are scripted per call.
 */
export class CountingGateway implements PaymentGateway {
  readonly name = 'simulated';
  /** Every payment made (one per submit that reached the provider). */
  readonly payments: PaymentRequest[] = [];
  submits = 0;
  lookups = 0;
  /** What the provider knows per payout id. */
  private readonly known = new Map<string, PaymentOutcome>();
  /** The next submit pays, then the answer is lost (worker crash / timeout). */
  loseNextAnswer = false;
  /** The next submit times out before the provider settles; it settles after `settleAfterLookups` lookups. */
  timeoutAndSettleAfterLookups: number | undefined;
  /** Delay inside submit, so concurrent deliveries overlap. */
  submitDelayMs = 20;

  async submit(request: PaymentRequest): Promise<PaymentOutcome> {
    this.submits++;
    await new Promise((resolve) => setTimeout(resolve, this.submitDelayMs));
    this.payments.push(request);
    const outcome: PaymentOutcome = { status: 'paid', reference: `GW-${this.payments.length}` };
    if (this.timeoutAndSettleAfterLookups !== undefined) {
      this.known.set(request.payoutId, { status: 'pending' });
      this.pendingLookupsLeft = this.timeoutAndSettleAfterLookups;
      this.settleTo = outcome;
      this.timeoutAndSettleAfterLookups = undefined;
      throw Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    }
    this.known.set(request.payoutId, outcome);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new Error('worker crashed before recording the answer');
    }
    return outcome;
  }

  private pendingLookupsLeft = 0;
  private settleTo: PaymentOutcome | undefined;

  lookup(payoutId: string): Promise<PaymentOutcome> {
    this.lookups++;
    const known = this.known.get(payoutId);
    if (known?.status === 'pending') {
      if (this.pendingLookupsLeft > 0) {
        this.pendingLookupsLeft--;
        return Promise.resolve(known);
      }
      if (this.settleTo) this.known.set(payoutId, this.settleTo);
    }
    return Promise.resolve(this.known.get(payoutId) ?? { status: 'not_found' });
  }
}
