import * as z from '../../zod.js';
import { CSV_BOM, csvDocument, csvLine } from '../csv.js';
import { shanghaiDate } from '../shanghai-time.js';
import type { PolicySettings } from '../settings.js';
import type { BlobStore } from '../../ports/blob-store.js';
import type { CalendarSource } from '../../ports/calendar-store.js';
import type { ClaimStore } from '../../ports/claim-store.js';
import type { QueueSender } from '../../ports/queue-sender.js';
import type { IntentOf } from '../messages.js';

export interface ReportDeps {
  readonly store: ClaimStore;
  readonly calendars: CalendarSource;
  readonly settings: PolicySettings;
  readonly queues: QueueSender;
  readonly reports: BlobStore;
}

/** Columns of overdue.csv, in order (documented in docs/sla-and-reports.md). */
export const REPORT_COLUMNS = [
  'unit_id',
  'unit_path',
  'owner',
  'claim_number',
  'claim_id',
  'status',
  'category',
  'severity',
  'urgency',
  'clock',
  'due_at',
  'due_local',
  'state',
  'overdue_working_hours',
  'escalated',
  'calendar_fallback_years',
] as const;

/** Columns of summary.csv: one row per unit and owner. */
export const SUMMARY_COLUMNS = ['unit_id', 'owner', 'overdue', 'due_soon'] as const;

/** Where the summary of the most recent report is (a small pointer: reading "the latest" lists nothing). */
export const LATEST_REPORT_KEY = 'overdue/latest.json';
export const reportBase = (date: string): string => `overdue/${date}`;

/** `report.json` beside the CSVs, and `latest.json`: what the dashboard shows without reading the CSV. */
export const OverdueReportSummarySchema = z.strictObject({
  date: z.iso.date(),
  generatedAt: z.iso.datetime({ offset: true }),
  rows: z.int().check(z.gte(0)),
  overdue: z.int().check(z.gte(0)),
  dueSoon: z.int().check(z.gte(0)),
  csvKey: z.string(),
  summaryKey: z.string(),
  /** summary.csv's rows: one per unit and owner. */
  byOwner: z.array(
    z.strictObject({
      unitId: z.string(),
      owner: z.string(),
      overdue: z.int().check(z.gte(0)),
      dueSoon: z.int().check(z.gte(0)),
    }),
  ),
});
export type OverdueReportSummary = z.infer<typeof OverdueReportSummarySchema>;

export interface OverdueReport {
  readonly date: string;
  readonly key: string;
  readonly summaryKey: string;
  readonly rows: number;
  readonly overdue: number;
  readonly dueSoon: number;
  readonly units: readonly string[];
}

const UNASSIGNED = '(unassigned)';

/**
 * The nightly overdue report (SPEC §15): every running clock that is past its deadline or due within the
 * horizon (default 2 working days), by unit and owner.
 * 1. Read the deadline index up to the horizon page by page, writing each row to overdue.csv as it comes
 *    (a stream: memory holds one page and the per-unit/owner counts, not the claims).
 * 2. Write summary.csv from the counts: one row per unit and owner, and the same as report.json.
 * 3. Point latest.json at it, unless it already points at a later date (a rerun of an old date); the same
 *    run writes the same content, so a retried delivery changes nothing.
 * 4. Send each unit's managers one summary intent (id `report:<date>:<unit>`, so a rerun is recognised).
 */
export async function overdueReport(
  deps: ReportDeps,
  now: Date,
  date = shanghaiDate(now),
): Promise<OverdueReport> {
  const calendar = await deps.calendars.current();
  const at = now.toISOString();
  const horizon = calendar.addWorkingDays(now, deps.settings.sla.reportHorizonWorkingDays).at;
  const counts = new Map<string, { unitId: string; owner: string; overdue: number; dueSoon: number }>();
  let rows = 0;

  async function* csv(): AsyncIterable<string> {
    yield CSV_BOM + csvLine(REPORT_COLUMNS);
    for await (const entry of deps.store.deadlinesUntil(horizon)) {
      const { summary } = entry;
      for (const clock of entry.deadline.clocks) {
        if (clock.dueAt > horizon) continue;
        const overdue = clock.dueAt < at;
        const owner = summary.assigneeId ?? UNASSIGNED;
        const key = `${summary.unitId}\u0000${owner}`;
        const count = counts.get(key) ?? { unitId: summary.unitId, owner, overdue: 0, dueSoon: 0 };
        if (overdue) count.overdue++;
        else count.dueSoon++;
        counts.set(key, count);
        rows++;
        const lateHours = overdue ? calendar.workingTimeBetween(clock.dueAt, now).ms / 3_600_000 : 0;
        yield csvLine([
          summary.unitId,
          summary.unitPath.join('/'),
          owner,
          summary.number,
          summary.id,
          summary.status,
          summary.category,
          summary.severity,
          summary.urgency,
          clock.name,
          clock.dueAt,
          shanghaiLocal(clock.dueAt),
          overdue ? 'overdue' : 'due_soon',
          lateHours.toFixed(1),
          clock.breached ? 'yes' : 'no',
          clock.fallbackYears.join(' '),
        ]);
      }
    }
  }

  const base = reportBase(date);
  const key = `${base}/overdue.csv`;
  const summaryKey = `${base}/summary.csv`;
  await deps.reports.putStream(key, csv(), 'text/csv; charset=utf-8');
  const groups = [...counts.values()].sort((a, b) =>
    a.unitId === b.unitId ? a.owner.localeCompare(b.owner) : a.unitId.localeCompare(b.unitId),
  );
  await deps.reports.put(
    summaryKey,
    csvDocument([SUMMARY_COLUMNS, ...groups.map((g) => [g.unitId, g.owner, g.overdue, g.dueSoon])]),
    'text/csv; charset=utf-8',
  );

  const overdueTotal = groups.reduce((n, g) => n + g.overdue, 0);
  const summary: OverdueReportSummary = {
    date,
    generatedAt: at,
    rows,
    overdue: overdueTotal,
    dueSoon: rows - overdueTotal,
    csvKey: key,
    summaryKey,
    byOwner: groups,
  };
  await writeSummary(deps.reports, summary);

  const byUnit = new Map<string, { overdue: number; dueSoon: number }>();
  for (const g of groups) {
    const unit = byUnit.get(g.unitId) ?? { overdue: 0, dueSoon: 0 };
    unit.overdue += g.overdue;
    unit.dueSoon += g.dueSoon;
    byUnit.set(g.unitId, unit);
  }
  const intents: IntentOf<'overdue_report'>[] = [...byUnit.entries()].map(([unitId, c]) => ({
    id: `report:${date}:${unitId}`,
    kind: 'overdue_report',
    recipient: { type: 'unit_role', unitId, role: 'manager' },
    language: 'zh-CN',
    data: { date, unitId, overdue: c.overdue, dueSoon: c.dueSoon },
    createdAt: at,
  }));
  if (intents.length > 0) {
    try {
      await deps.queues.send(
        'notify',
        intents.map((body) => ({ id: body.id, body })),
      );
    } catch (error) {
      // The files are written; a retry rewrites them and resends with the same ids (consumers dedupe).
      throw new Error(
        `the report is written (${key}) but the managers' summaries could not be sent: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }
  return {
    date,
    key,
    summaryKey,
    rows,
    overdue: overdueTotal,
    dueSoon: summary.dueSoon,
    units: [...byUnit.keys()],
  };
}

async function writeSummary(reports: BlobStore, summary: OverdueReportSummary): Promise<void> {
  const body = `${JSON.stringify(summary)}\n`;
  await reports.put(`${reportBase(summary.date)}/report.json`, body, 'application/json');
  const latest = await readReportSummary(reports, LATEST_REPORT_KEY);
  if (latest === null || latest.date <= summary.date)
    await reports.put(LATEST_REPORT_KEY, body, 'application/json');
}

/** A stored report summary, validated; null when there is none (or it is not one we can read). */
export async function readReportSummary(
  reports: BlobStore,
  key: string,
): Promise<OverdueReportSummary | null> {
  const bytes = await reports.get(key);
  if (bytes === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  const parsed = OverdueReportSummarySchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

function shanghaiLocal(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
