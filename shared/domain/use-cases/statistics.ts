import * as z from 'zod';
import { ForbiddenError } from '../errors.js';
import type { StaffPrincipal } from '../principal.js';
import { CLOCK_NAMES } from '../sla/clock-schema.js';
import type { ClaimStore } from '../../ports/claim-store.js';

export const StatsQuerySchema = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month written YYYY-MM'),
});

export interface ClockStatistics {
  /** Clocks completed by their action this month (first reply given, decision made…). */
  readonly completed: number;
  readonly met: number;
  readonly missed: number;
  /** met / completed, or null when none completed. */
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
    readonly byProduct: Record<string, number>;
    readonly byUnit: Record<string, number>;
  };
  /** Claims flagged as a repeat (same customer and order within the duplicate window). */
  readonly repeatComplaints: number;
  readonly notAdmitted: number;
  readonly clocks: Record<string, ClockStatistics>;
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
 * the month's counter items, never a Scan. Organisation-wide figures, so managers, executives and admins.
 */
export async function monthlyStatistics(
  deps: { readonly store: ClaimStore },
  principal: StaffPrincipal,
  month: string,
): Promise<MonthlyStatistics> {
  if (!principal.roles.some((r) => r === 'manager' || r === 'executive' || r === 'admin')) {
    throw new ForbiddenError('statistics need the manager, executive or admin role');
  }
  const c = await deps.store.monthlyCounters(month);
  const n = (name: string): number => c[name] ?? 0;
  const clocks = Object.fromEntries(
    CLOCK_NAMES.map((name): [string, ClockStatistics] => {
      const completed = n(`clock.${name}.stopped`);
      return [
        name,
        {
          completed,
          met: n(`clock.${name}.met`),
          missed: n(`clock.${name}.missed`),
          attainment: completed > 0 ? n(`clock.${name}.met`) / completed : null,
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
      byProduct: prefixed(c, 'volume.product.'),
      byUnit: prefixed(c, 'volume.unit.'),
    },
    repeatComplaints: n('repeat'),
    notAdmitted: n('not_admitted'),
    clocks,
  };
}
