import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { eventToItem } from '../../shared/adapters/dynamodb/claim-items.js';
import { DynamoClaimStore } from '../../shared/adapters/dynamodb/claim-store.js';
import { claimKey } from '../../shared/adapters/dynamodb/keys.js';
import type { AuditEvent } from '../../shared/domain/audit.js';
import type { Claim } from '../../shared/domain/claim.js';
import { addMaterialAsCustomer } from '../../shared/domain/use-cases/customer-claim.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { applyTriageAction } from '../../shared/domain/use-cases/triage.js';
import { intakeInput, principal, testDependencies } from '../support/fixtures.js';
import { CapacityMeter } from './capacity.js';

export interface StepCost {
  readonly step: string;
  /** Capacity units the use case consumed (reads and writes, indexes included), mean per claim. */
  readonly units: number;
  /** Units of the least the design needs for the change: one transaction of the bare claim item + its audit event. */
  readonly minimum: number;
  readonly ratio: number;
}

/**
 * DynamoDB capacity per claim for intake and each lifecycle step built so far, from ReturnConsumedCapacity,
 * against the minimum a change needs (claim + audit event in one transaction) measured in the same run.
 */
export async function benchCost(endpoint: string, tableName: string, claims: number): Promise<StepCost[]> {
  const client = createDocumentClient({ endpoint });
  const meter = new CapacityMeter();
  meter.attach(client);
  const deps = testDependencies(new DynamoClaimStore(client, tableName));
  const agent = principal(['agent']);
  const manager = principal(['manager']);
  const totals = new Map<string, { units: number; minimum: number }>();

  const measure = async (step: string, action: () => Promise<Claim>) => {
    // Each step a minute after the last, as in use: a change's time is part of what it writes.
    deps.clock.advanceMs(60_000);
    meter.reset();
    const claim = await action();
    const units = meter.units;
    const events = await deps.store.listEvents(claim.id);
    const event = events[events.length - 1];
    if (!event) throw new Error(`no audit event after ${step}`);
    const minimum = await minimumUnits(client, meter, tableName, claim, event);
    const total = totals.get(step) ?? { units: 0, minimum: 0 };
    totals.set(step, { units: total.units + units, minimum: total.minimum + minimum });
    return claim;
  };

  for (let i = 0; i < claims; i++) {
    deps.clock.advanceDays(0.001);
    let token = '';
    const filed = await measure('intake', async () => {
      const result = await fileClaim(deps, {
        input: intakeInput({ product: { name: `Kettle ${i}`, orderNumber: `SO-C${i}` } }),
        channel: 'web',
        actor: { type: 'customer' },
      });
      token = result.accessToken ?? '';
      return result.claim;
    });
    const ref = filed.id;
    await measure('assign', () =>
      applyTriageAction(deps, {
        ref,
        action: 'assign',
        payload: { assigneeId: 'agent-1' },
        principal: manager,
      }),
    );
    await measure('request material', () =>
      applyTriageAction(deps, {
        ref,
        action: 'request_material',
        payload: { items: ['发票'] },
        principal: agent,
      }),
    );
    await measure('customer adds material', () =>
      addMaterialAsCustomer(deps, filed.number, token, { message: '发票已上传' }),
    );
    await measure('material complete', () =>
      applyTriageAction(deps, { ref, action: 'mark_material_complete', payload: {}, principal: agent }),
    );
    await measure('start investigation', () =>
      applyTriageAction(deps, { ref, action: 'start_investigation', payload: {}, principal: agent }),
    );
  }
  client.destroy();
  const rows = [...totals].map(([step, t]) => ({
    step,
    units: t.units / claims,
    minimum: t.minimum / claims,
    ratio: t.units / t.minimum,
  }));
  const all = rows.reduce((a, r) => ({ units: a.units + r.units, minimum: a.minimum + r.minimum }), {
    units: 0,
    minimum: 0,
  });
  return [
    ...rows,
    {
      step: 'lifecycle so far (sum)',
      units: all.units,
      minimum: all.minimum,
      ratio: all.units / all.minimum,
    },
  ];
}

/** The bare claim (its fields, no index keys or projections) and the event, in one transaction, on a scratch key. */
async function minimumUnits(
  client: DynamoDBDocumentClient,
  meter: CapacityMeter,
  tableName: string,
  claim: Claim,
  event: AuditEvent,
): Promise<number> {
  const scratch = `MIN-${claim.id}-${event.id}`;
  meter.reset();
  await client.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName, Item: { ...claim, ...claimKey(scratch) } } },
        { Put: { TableName: tableName, Item: { ...eventToItem({ ...event, claimId: scratch }) } } },
      ],
    }),
  );
  return meter.units;
}
