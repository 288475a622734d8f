import * as z from '../../shared/zod.js';
import { csvDocument } from '../../shared/domain/csv.js';
import type { MonthlyStatistics } from '../../shared/domain/use-cases/statistics.js';
import type { Language } from '../../shared/domain/categories.js';
import { STATISTICS_LABELS, label } from '../../shared/domain/labels.js';

/**
 * The statistics API's answer as the dashboard reads it, and its CSV download: no DOM and no preact, so
 * the download is tested in node (test/security/csv-injection.test.ts).
 */

/** The outcome parts of GET /staff/stats (money in integer fen, survey answers, root causes). */
export const MoneyStatsSchema = z.object({
  paidFen: z.int(),
  payoutsPaid: z.int(),
  advancedFen: z.int(),
  advances: z.int(),
  recoveredFen: z.int(),
  recoveries: z.int(),
});
export const SatisfactionStatsSchema = z.object({
  satisfied: z.int(),
  basicallySatisfied: z.int(),
  unsatisfied: z.int(),
  answers: z.int(),
  satisfiedRate: z.nullable(z.number()),
});
export const RootCausesSchema = z.readonly(z.array(z.object({ rootCause: z.string(), claims: z.int() })));

export type Money = z.infer<typeof MoneyStatsSchema>;
export type Satisfaction = z.infer<typeof SatisfactionStatsSchema>;
export type RootCauses = z.infer<typeof RootCausesSchema>;

const CountsSchema = z.record(z.string(), z.number());
const ClockStatsSchema = z.object({
  completed: z.number(),
  met: z.number(),
  missed: z.number(),
  /** Breached (open or completed since) plus completed late unswept: attainment's misses. */
  misses: z.number(),
  attainment: z.nullable(z.number()),
  averageHours: z.nullable(z.number()),
  breaches: z.number(),
});
export const StatsSchema = z.object({
  month: z.string(),
  volume: z.object({
    total: z.number(),
    byCategory: CountsSchema,
    byProduct: CountsSchema,
    otherProducts: z.number(),
    byUnit: CountsSchema,
  }),
  repeatComplaints: z.number(),
  notAdmitted: z.number(),
  clocks: z.record(z.string(), ClockStatsSchema),
  money: MoneyStatsSchema,
  satisfaction: SatisfactionStatsSchema,
  topRootCauses: RootCausesSchema,
  /** Issue 24 (dashboard-statutory.ts): plans where a statutory entitlement applied, and those below it. */
  statutory: z.optional(
    z.object({
      plans: z.int(),
      byRule: CountsSchema,
      flagged: z.int(),
      belowMinimum: z.int(),
      lacksChoice: z.int(),
    }),
  ),
});
export type Stats = z.infer<typeof StatsSchema>;
/** Compile-time check that what the API answers parses here (a field renamed there fails the build). */
export const statsShapeInSync: MonthlyStatistics extends Stats ? true : never = true;

/**
 * The month's top products, largest first, then one "other products" row (其他产品 / Other products) for
 * the claims about every product not named: the statistics never list more than the top 20.
 */
export const productRows = (
  stats: Pick<Stats, 'volume'>,
  lang: Language,
): { key: string; value: number }[] => [
  ...Object.entries(stats.volume.byProduct)
    .sort((a, b) => b[1] - a[1])
    .map(([key, value]) => ({ key, value })),
  ...(stats.volume.otherProducts > 0
    ? [{ key: label(STATISTICS_LABELS, 'other_products', lang), value: stats.volume.otherProducts }]
    : []),
];

/**
 * Everything the page shows, as one CSV (section, key, value columns). Category rows are keyed by the
 * category's name in the page's language when the page gives `categoryName` (the policy's names).
 */
export function statsCsv(stats: Stats, categoryName: (code: string) => string = (code) => code): string {
  const rows: (string | number)[][] = [['month', 'section', 'key', 'measure', 'value']];
  const m = stats.month;
  rows.push([m, 'volume', 'total', 'claims', stats.volume.total]);
  rows.push([m, 'volume', 'repeat_complaints', 'claims', stats.repeatComplaints]);
  rows.push([m, 'volume', 'not_admitted', 'claims', stats.notAdmitted]);
  for (const [section, counts] of [
    ['category', stats.volume.byCategory],
    ['unit', stats.volume.byUnit],
    ['product', stats.volume.byProduct],
  ] as const)
    for (const [key, n] of Object.entries(counts))
      rows.push([m, section, section === 'category' ? categoryName(key) : key, 'claims', n]);
  // The claims about every product beyond the top 20 the statistics name (其他产品 / Other products).
  rows.push([m, 'volume', 'other_products', 'claims', stats.volume.otherProducts]);
  for (const [clock, c] of Object.entries(stats.clocks)) {
    rows.push([m, 'sla', clock, 'completed', c.completed]);
    rows.push([m, 'sla', clock, 'met', c.met]);
    rows.push([m, 'sla', clock, 'missed', c.missed]);
    rows.push([m, 'sla', clock, 'misses', c.misses]);
    rows.push([m, 'sla', clock, 'attainment', c.attainment === null ? '' : c.attainment.toFixed(4)]);
    rows.push([
      m,
      'sla',
      clock,
      'average_working_hours',
      c.averageHours === null ? '' : c.averageHours.toFixed(2),
    ]);
    rows.push([m, 'sla', clock, 'breaches', c.breaches]);
  }
  rows.push(...outcomeCsvRows(m, stats));
  return csvDocument(rows);
}

/** The outcome figures as rows of the monthly CSV (month, section, key, measure, value). */
export function outcomeCsvRows(
  month: string,
  stats: { money: Money; satisfaction: Satisfaction; topRootCauses: RootCauses },
): (string | number)[][] {
  const { money, satisfaction } = stats;
  return [
    [month, 'money', 'paid', 'fen', money.paidFen],
    [month, 'money', 'paid', 'payouts', money.payoutsPaid],
    [month, 'money', 'advanced', 'fen', money.advancedFen],
    [month, 'money', 'advanced', 'payouts', money.advances],
    [month, 'money', 'recovered', 'fen', money.recoveredFen],
    [month, 'money', 'recovered', 'entries', money.recoveries],
    [month, 'satisfaction', 'satisfied', 'answers', satisfaction.satisfied],
    [month, 'satisfaction', 'basically_satisfied', 'answers', satisfaction.basicallySatisfied],
    [month, 'satisfaction', 'unsatisfied', 'answers', satisfaction.unsatisfied],
    [
      month,
      'satisfaction',
      'all',
      'satisfied_rate',
      satisfaction.satisfiedRate === null ? '' : satisfaction.satisfiedRate.toFixed(4),
    ],
    ...stats.topRootCauses.map((c) => [month, 'root_cause', c.rootCause, 'claims', c.claims]),
  ];
}
