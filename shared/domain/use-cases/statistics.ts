import * as z from '../../zod.js';
import { needsRole } from '../refusals.js';
import { seesWholeOrganisation, type StaffPrincipal } from '../principal.js';
import { ROOT_CAUSES } from '../resolution.js';
import { CLOCK_NAMES } from '../sla/clock-schema.js';
import { TOP_PRODUCTS, topProducts } from '../sla/statistics.js';
import type { ClaimStore } from '../../ports/claim-store.js';

export const StatsQuerySchema = z.strictObject({
  month: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month written YYYY-MM')),
});

export interface ClockStatistics {
  /** Clocks completed by their action this month (first reply given, decision made…). */
  readonly completed: number;
  readonly met: number;
  readonly missed: number;
  /**
   * Clocks that missed their deadline, each once: breached this month (the sweep's breach, whether the
   * clock is still open or was completed since) plus those completed late this month before the sweep saw
   * the breach. An open breached clock is a miss too, so the figure agrees with the queue's breaches.
   */
  readonly misses: number;
  /** met / (met + misses), or null when neither. */
  readonly attainment: number | null;
  /** Mean time used, in working hours (pauses excluded; calendar hours for the on-site visit). */
  readonly averageHours: number | null;
  /** Breaches the sweep recorded this month (a clock may still be completed later). */
  readonly breaches: number;
}

export interface MonthlyStatistics {
  readonly month: string;
  readonly volume: {
    readonly total: number;
    readonly byCategory: Record<string, number>;
    /** The month's top products (TOP_PRODUCTS of them, by claims), by the name as first typed. */
    readonly byProduct: Record<string, number>;
    /** Claims about every product not in byProduct (其他产品 / Other products). */
    readonly otherProducts: number;
    readonly byUnit: Record<string, number>;
  };
  /** Claims flagged as a repeat (same customer and order within the duplicate window). */
  readonly repeatComplaints: number;
  readonly notAdmitted: number;
  readonly clocks: Record<string, ClockStatistics>;
  /** Money moved this month, in fen (integers; the page formats yuan). */
  readonly money: {
    readonly paidFen: number;
    readonly payoutsPaid: number;
    /** 先行赔付: paid by HQ first, owed by the responsible party. */
    readonly advancedFen: number;
    readonly advances: number;
    /** 追偿: recovered from responsible parties (deposit deductions and transfers). */
    readonly recoveredFen: number;
    readonly recoveries: number;
  };
  /** Survey answers given this month (满意 / 基本满意 / 不满意). */
  readonly satisfaction: {
    readonly satisfied: number;
    readonly basicallySatisfied: number;
    readonly unsatisfied: number;
    readonly answers: number;
    /** (satisfied + basically satisfied) / answers, or null when none answered. */
    readonly satisfiedRate: number | null;
  };
  /** Root causes of the findings recorded this month, most frequent first (ties by name), zeros left out. */
  readonly topRootCauses: readonly { readonly rootCause: string; readonly claims: number }[];
  /**
   * Issue 24: plans proposed this month where a statutory entitlement applied, by rule; of those, the plans
   * offering less than it (flagged, sent to legal review with the proposer's reason), by why.
   */
  readonly statutory: {
    readonly plans: number;
    readonly byRule: Record<string, number>;
    readonly flagged: number;
    readonly belowMinimum: number;
    readonly lacksChoice: number;
  };
}

/** Statistics and reports are for managers, executives and admins, each of their own subtree (HQ: all). */
export function requireReportReader(principal: StaffPrincipal): void {
  if (!principal.roles.some((r) => r === 'manager' || r === 'executive' || r === 'admin'))
    throw needsRole(
      ['manager', 'executive', 'admin'],
      'statistics and reports need the manager, executive or admin role',
    );
}

function prefixed(counters: Record<string, number>, prefix: string): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counters)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, n]) => [name.slice(prefix.length), n]),
  );
}

/**
 * Monthly statistics (SPEC §15) from the counters each change moved in its own transaction: one Query of
 * the month's counter items and one of its top products, never a Scan. Managers, executives and admins;
 * below HQ, the figures of the caller's unit and the units under it (claims counted under their current unit).
 */
export async function monthlyStatistics(
  deps: { readonly store: ClaimStore },
  principal: StaffPrincipal,
  month: string,
): Promise<MonthlyStatistics> {
  requireReportReader(principal);
  // HQ reads the organisation's counters; anyone below, their own unit's and those under it.
  const whole = seesWholeOrganisation(principal);
  const c = await deps.store.monthlyCounters(month, whole ? undefined : principal.unitPath);
  const n = (name: string): number => c[name] ?? 0;
  // Bounded whatever customers type: the top products from their own counters (one Query of TOP_PRODUCTS
  // index items), merged with a pre-issue-22 month's per-shard product counters.
  const legacy = prefixed(c, 'volume.product.');
  const keyed = await deps.store.keyedCounters(
    month,
    'product',
    { top: TOP_PRODUCTS, keys: Object.keys(legacy) },
    whole ? undefined : principal.unitId,
  );
  const products = topProducts(n('volume'), legacy, keyed);
  const clocks = Object.fromEntries(
    CLOCK_NAMES.map((name): [string, ClockStatistics] => {
      const completed = n(`clock.${name}.stopped`);
      const met = n(`clock.${name}.met`);
      const misses = n(`clock.${name}.breached`) + n(`clock.${name}.missedUnswept`);
      return [
        name,
        {
          completed,
          met,
          missed: n(`clock.${name}.missed`),
          misses,
          attainment: met + misses > 0 ? met / (met + misses) : null,
          averageHours: completed > 0 ? n(`clock.${name}.workingMs`) / completed / 3_600_000 : null,
          breaches: n(`clock.${name}.breached`),
        },
      ];
    }),
  );
  return {
    month,
    volume: {
      total: n('volume'),
      byCategory: prefixed(c, 'volume.category.'),
      byProduct: products.top,
      otherProducts: products.other,
      byUnit: prefixed(c, 'volume.unit.'),
    },
    repeatComplaints: n('repeat'),
    notAdmitted: n('not_admitted'),
    clocks,
    money: {
      paidFen: n('money.paidFen'),
      payoutsPaid: n('money.payoutsPaid'),
      advancedFen: n('money.advancedFen'),
      advances: n('money.advances'),
      recoveredFen: n('money.recoveredFen'),
      recoveries: n('money.recoveries'),
    },
    satisfaction: satisfaction(n),
    topRootCauses: ROOT_CAUSES.map((rootCause) => ({ rootCause, claims: n(`rootCause.${rootCause}`) }))
      .filter((r) => r.claims > 0)
      .sort((a, b) => b.claims - a.claims || a.rootCause.localeCompare(b.rootCause)),
    statutory: {
      plans: n('statutory.plans'),
      byRule: prefixed(c, 'statutory.rule.'),
      flagged: n('statutory.flagged'),
      belowMinimum: n('statutory.flag.below_minimum'),
      lacksChoice: n('statutory.flag.lacks_choice'),
    },
  };
}

function satisfaction(n: (name: string) => number): MonthlyStatistics['satisfaction'] {
  const satisfied = n('survey.satisfied');
  const basicallySatisfied = n('survey.basically_satisfied');
  const unsatisfied = n('survey.unsatisfied');
  const answers = satisfied + basicallySatisfied + unsatisfied;
  return {
    satisfied,
    basicallySatisfied,
    unsatisfied,
    answers,
    satisfiedRate: answers > 0 ? (satisfied + basicallySatisfied) / answers : null,
  };
}
