import * as z from '../../zod.js';
import type { Claim } from '../claim.js';
import { InvalidTransitionError, PolicyRefusalError } from '../errors.js';
import { notificationMessage, type OutboxMessage } from '../messages.js';
import { clockEntries } from '../sla/clock-schema.js';
import { intakeClocks } from '../sla/claim-clocks.js';
import { nonEmptyText } from '../text.js';
import { applyChange, loadWithToken, type ActionDeps } from './money-change.js';

export const EscalateToHqSchema = z.strictObject({ reason: nonEmptyText(2000) });

/**
 * The claim placed at HQ (the root of its unit path), with the move recorded; the old unit and HQ's
 * managers are told by `movedToHqMessages`.
 */
/** The refusal (409) of a move to headquarters for a claim already there. */
export function alreadyAtHq(message: string): InvalidTransitionError {
  return new InvalidTransitionError(message, {
    'zh-CN': '这项索赔已由总部处理。',
    en: 'Headquarters already handles this claim.',
  });
}

export function moveToHq(claim: Claim, by: 'hq_manager' | 'customer', reason: string, at: string): Claim {
  const root = claim.unitPath[0] ?? claim.unitId;
  return {
    ...claim,
    unitId: root,
    unitPath: [root],
    hqEscalation: { by, at, reason, fromUnitId: claim.unitId },
  };
}

/** Both units' managers hear of the move: the unit that had the claim, and HQ (unless HQ took it itself). */
export function movedToHqMessages(before: Claim, next: Claim, at: string): OutboxMessage[] {
  const move = next.hqEscalation;
  if (!move || move.at !== at) return [];
  const data = { by: move.by, fromUnitId: move.fromUnitId, toUnitId: next.unitId, reason: move.reason };
  const units = move.by === 'customer' ? [before.unitId, next.unitId] : [before.unitId];
  return units.map((unitId) =>
    notificationMessage('moved_to_hq', data, {
      id: `${next.id}:moved_to_hq:v${next.version}:${unitId}`,
      claim: next,
      recipient: { type: 'unit_role', unitId, role: 'manager' },
      createdAt: at,
    }),
  );
}

/** Why the customer may escalate now: a store refused the claim, or one of its deadlines was missed. */
export function escalationGround(claim: Claim): 'refused' | 'deadline_missed' | null {
  if (claim.unitPath.length <= 1) return null;
  if (claim.status === 'not_admitted' && claim.closure !== undefined) return 'refused';
  return clockEntries(claim.clocks ?? {}).some(([, clock]) => clock.breachedAt !== null)
    ? 'deadline_missed'
    : null;
}

/**
 * The customer escalates a store's claim to HQ from the tracking page (SPEC §12).
 * 1. Load with the token; table: open states and not_admitted.
 * 2. Only a claim below HQ that a store refused or whose deadline was missed (422 otherwise, in words).
 * 3. Move it to HQ, recorded; a refused claim is reopened as received with a fresh first-reply clock, so
 *    HQ reviews the refusal within the first-reply target.
 * 4. Save with the moved_to_hq notices to the store's and HQ's managers; relay them.
 */
export async function escalateToHq(
  deps: ActionDeps,
  number: string,
  token: string | undefined,
  input: z.infer<typeof EscalateToHqSchema>,
): Promise<Claim> {
  const claim = await loadWithToken(deps.store, number, token);
  if (claim.unitPath.length <= 1) throw alreadyAtHq('this claim is already handled by headquarters');
  const ground = escalationGround(claim);
  if (ground === null)
    throw new PolicyRefusalError(
      'a claim goes to headquarters when a store refused it or missed one of its deadlines',
      'escalation_not_due',
      {
        'zh-CN': '只有门店拒绝了您的索赔，或错过了处理期限时，才能转交总部处理。',
        en: 'A claim goes to headquarters only when the store refused it or missed one of its deadlines.',
      },
    );
  return applyChange(
    deps,
    claim,
    'escalate_to_hq',
    { type: 'customer' },
    ['customer'],
    (c, { at, now, calendar }) => {
      const moved = moveToHq(c, 'customer', input.reason, at);
      if (ground !== 'refused')
        return { claim: moved, note: input.reason, outbox: (next) => movedToHqMessages(c, next, at) };
      const { closure: _refusal, ...reopened } = moved;
      const fresh = intakeClocks(
        { calendar, settings: deps.settings },
        { ...reopened, status: 'received' },
        now,
      );
      return {
        claim: {
          ...reopened,
          ...(fresh?.first_reply ? { clocks: { ...(c.clocks ?? {}), first_reply: fresh.first_reply } } : {}),
        },
        status: 'received',
        note: input.reason,
        outbox: (next) => movedToHqMessages(c, next, at),
      };
    },
  );
}
