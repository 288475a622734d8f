import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoClaimStore } from '../../shared/adapters/dynamodb/claim-store.js';
import { DynamoMoneyStore } from '../../shared/adapters/dynamodb/money-store.js';
import { claimKey, eventKey } from '../../shared/adapters/dynamodb/keys.js';
import { SimulatedGateway } from '../../shared/adapters/payments/simulated.js';
import type { AuditEvent } from '../../shared/domain/audit.js';
import type { Claim } from '../../shared/domain/claim.js';
import { addMaterialAsCustomer } from '../../shared/domain/use-cases/customer-claim.js';
import {
  acceptOffer,
  confirmClosure,
  recordSurvey,
} from '../../shared/domain/use-cases/customer-decision.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { processPayout } from '../../shared/domain/use-cases/payouts.js';
import {
  approveResolution,
  proposeResolution,
  recordFindings,
} from '../../shared/domain/use-cases/resolution.js';
import { applyTriageAction } from '../../shared/domain/use-cases/triage.js';
import { intakeInput, principal, testDependencies } from '../support/fixtures.js';
import { agent, areaManager } from '../support/money.js';
import { priceWrite, WriteUnitsMeter } from './write-units.js';

export interface StepCost {
  readonly step: string;
  /** Capacity units the step consumed (reads as reported, writes priced by the model), mean per claim. */
  readonly units: number;
  /** The least the design needs for the change: the bare claim item and its audit event in one transaction. */
  readonly minimum: number;
  readonly ratio: number;
  /** Write units by where they went (`table`, `GSI6`…), mean per claim. */
  readonly writes?: Readonly<Record<string, number>>;
}

/**
 * DynamoDB capacity per claim for every step of a claim's life, from intake to a rated closure, against the
 * minimum each change needs (claim + audit event in one transaction). Writes are priced from each item before
 * and after (`write-units.ts`), since DynamoDB Local misreports transactions; reads are Local's figures.
 * Steps:
 * 1. A fresh claim is filed on the web and taken through triage, investigation, a ¥199 compensation that the
 *    area manager approves, the customer's acceptance, the payout, the customer's confirmation and survey.
 * 2. Each step runs a minute after the last (a change's time is part of what it writes); its units are the
 *    meter's, its minimum the bare claim before and after plus the step's last audit event.
 */
export async function benchCost(endpoint: string, tableName: string, claims: number): Promise<StepCost[]> {
  const client = createDocumentClient({ endpoint });
  const images = createDocumentClient({ endpoint });
  const meter = new WriteUnitsMeter();
  meter.attach(client, images, tableName);
  const deps = testDependencies(
    new DynamoClaimStore(client, tableName),
    undefined,
    new DynamoMoneyStore(client, tableName),
  );
  const manager = principal(['manager']);
  const totals = new Map<string, { units: number; minimum: number; writes: Map<string, number> }>();
  let previous: Claim | undefined;

  const measure = async (step: string, action: () => Promise<unknown>, ref: () => string) => {
    deps.clock.advanceMs(60_000);
    meter.reset();
    await action();
    const units = meter.units;
    const writes = new Map(meter.byTarget);
    const claim = await deps.store.getById(ref());
    if (!claim) throw new Error(`no claim after ${step}`);
    const events = await deps.store.listEvents(claim.id);
    const event = events.at(-1);
    if (!event) throw new Error(`no audit event after ${step}`);
    const minimum = minimumUnits(previous, claim, event);
    previous = claim;
    const total = totals.get(step) ?? { units: 0, minimum: 0, writes: new Map<string, number>() };
    for (const [target, n] of writes) total.writes.set(target, (total.writes.get(target) ?? 0) + n);
    totals.set(step, { units: total.units + units, minimum: total.minimum + minimum, writes: total.writes });
  };

  for (let i = 0; i < claims; i++) {
    deps.clock.advanceDays(0.001);
    previous = undefined;
    let token = '';
    let ref = '';
    let number = '';
    const id = () => ref;
    await measure(
      'intake',
      async () => {
        const result = await fileClaim(deps, {
          input: intakeInput({ product: { name: `Kettle ${i}`, orderNumber: `SO-C${i}` } }),
          channel: 'web',
          actor: { type: 'customer' },
        });
        token = result.accessToken ?? '';
        ref = result.claim.id;
        number = result.claim.number;
      },
      id,
    );
    const triage = (action: Parameters<typeof applyTriageAction>[1]) => () => applyTriageAction(deps, action);
    await measure(
      'assign',
      triage({ ref, action: 'assign', payload: { assigneeId: 'agent-7' }, principal: manager }),
      id,
    );
    await measure(
      'request material',
      triage({ ref, action: 'request_material', payload: { items: ['发票'] }, principal: agent }),
      id,
    );
    await measure(
      'customer adds material',
      () => addMaterialAsCustomer(deps, number, token, { message: '发票已上传' }),
      id,
    );
    await measure(
      'material complete',
      triage({ ref, action: 'mark_material_complete', payload: {}, principal: agent }),
      id,
    );
    await measure(
      'start investigation',
      triage({ ref, action: 'start_investigation', payload: {}, principal: agent }),
      id,
    );
    await measure(
      'record findings',
      () =>
        recordFindings(deps, {
          ref,
          principal: agent,
          input: {
            summary: '壶底焊缝缺陷',
            evidenceRefs: ['QC-1'],
            rootCause: 'batch_defect',
            responsibility: 'company',
          },
        }),
      id,
    );
    await measure(
      'propose resolution',
      () =>
        proposeResolution(deps, {
          ref,
          principal: agent,
          input: {
            type: 'compensation',
            items: [{ kind: 'direct_loss', description: '电热水壶 K1', amountFen: 19_900 }],
            executingDepartment: 'finance',
            dueOn: '2026-12-10',
          },
        }),
      id,
    );
    await measure('approve', () => approveResolution(deps, { ref, principal: areaManager, input: {} }), id);
    let payoutId = '';
    await measure(
      'customer accepts',
      async () => {
        payoutId = (await acceptOffer(deps, number, token)).payouts?.at(-1)?.id ?? '';
      },
      id,
    );
    await measure('payout', () => processPayout({ ...deps, gateway: new SimulatedGateway() }, payoutId), id);
    await measure('customer confirms closure', () => confirmClosure(deps, number, token), id);
    await measure('survey', () => recordSurvey(deps, number, token, { rating: 'satisfied' }), id);
  }
  client.destroy();
  images.destroy();
  const rows: StepCost[] = [...totals].map(([step, t]) => ({
    step,
    units: t.units / claims,
    minimum: t.minimum / claims,
    ratio: t.units / t.minimum,
    writes: Object.fromEntries([...t.writes].map(([target, n]) => [target, n / claims])),
  }));
  const sum = (pick: (r: StepCost) => number) => rows.reduce((a, r) => a + pick(r), 0);
  const units = sum((r) => r.units);
  const minimum = sum((r) => r.minimum);
  return [...rows, { step: 'full lifecycle (sum)', units, minimum, ratio: units / minimum }];
}

/** The bare claim (its fields, no index keys or projections) and the step's event, written in one transaction. */
function minimumUnits(before: Claim | undefined, after: Claim, event: AuditEvent): number {
  const bare = (claim: Claim) => ({ ...claim, ...claimKey(claim.id) });
  const claimUnits = priceWrite(before && bare(before), bare(after), { transactional: true }, []).total;
  const eventUnits = priceWrite(
    undefined,
    { ...event, ...eventKey(event.claimId, event.id) },
    { transactional: true },
    [],
  ).total;
  return claimUnits + eventUnits;
}
