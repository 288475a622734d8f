import { describe, expect, it } from 'vitest';
import { ForbiddenError, InvalidTransitionError } from '../../shared/domain/errors.js';
import {
  CLAIM_ACTIONS,
  CLAIM_STATUSES,
  OPEN_STATUSES,
  ROLES,
  TERMINAL_STATUSES,
  TRANSITIONS,
  planTransition,
  roleMayTake,
  type ClaimStatus,
  type Role,
  type TransitionRule,
} from '../../shared/domain/lifecycle.js';

const rules: [string, TransitionRule][] = Object.entries(TRANSITIONS);

describe('lifecycle table', () => {
  it.each(CLAIM_ACTIONS.flatMap((action) => CLAIM_STATUSES.map((status) => [action, status] as const)))(
    '%s from %s: allowed exactly when the table lists the state',
    (action, status) => {
      const rule: TransitionRule = TRANSITIONS[action];
      const role: Role = rule.roles[0] ?? 'system';
      if (rule.from.includes(status)) {
        expect(planTransition(action, status, [role])).toBe(rule.to ?? status);
      } else {
        expect(() => planTransition(action, status, [role])).toThrow(InvalidTransitionError);
      }
    },
  );

  it.each(CLAIM_ACTIONS.flatMap((action) => ROLES.map((role) => [action, role] as const)))(
    '%s by %s: refused with 403 when the role is not listed (admin may take any staff action)',
    (action, role) => {
      const rule: TransitionRule = TRANSITIONS[action];
      const from = rule.from[0] as ClaimStatus;
      const customerOnly = rule.roles.every((r) => r === 'customer');
      const permitted = rule.roles.includes(role) || (role === 'admin' && !customerOnly);
      if (permitted) expect(planTransition(action, from, [role])).toBe(rule.to ?? from);
      else expect(() => planTransition(action, from, [role])).toThrow(ForbiddenError);
    },
  );

  it('names the state and the allowed states when refusing', () => {
    expect(() => planTransition('start_investigation', 'received', ['agent'])).toThrow(
      'a claim in status received cannot take the start_investigation action (allowed from admitted)',
    );
  });

  it('leaves terminal states only by reopening a closed claim', () => {
    const leaving = rules.filter(
      ([, r]) => r.to !== null && r.from.some((s) => TERMINAL_STATUSES.includes(s)),
    );
    expect(leaving.map(([name]) => name)).toEqual(['reopen_unsatisfied']);
  });

  it('can reach every state from intake', () => {
    const reached = new Set<ClaimStatus>(['received', 'not_admitted']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [, rule] of rules) {
        if (rule.to && !reached.has(rule.to) && rule.from.some((s) => reached.has(s))) {
          reached.add(rule.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...CLAIM_STATUSES].sort());
  });

  it('freezes closure while legal proceedings run: only legal concludes them', () => {
    const out = rules.filter(([, r]) => r.from.includes('legal_proceedings') && r.to !== null);
    expect(out.map(([name, r]) => [name, r.roles])).toEqual([['conclude_legal', ['legal']]]);
    expect(OPEN_STATUSES).toContain('legal_proceedings');
  });

  it('tells a console which buttons a role gets', () => {
    expect(roleMayTake('assign', ['finance'])).toBe(false);
    // An agent takes an unassigned claim for themselves (the use case refuses anything else).
    expect(roleMayTake('assign', ['agent'])).toBe(true);
    expect(roleMayTake('assign', ['manager'])).toBe(true);
    expect(roleMayTake('record_execution', ['finance'])).toBe(true);
    expect(roleMayTake('request_material', ['finance'])).toBe(false);
  });
});
