import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FolderBlobStore } from '../../shared/adapters/local/folder-blob-store.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { CSV_BOM } from '../../shared/domain/csv.js';
import { REPORT_COLUMNS, overdueReport } from '../../shared/domain/use-cases/overdue-report.js';
import { applyTriageAction } from '../../shared/domain/use-cases/triage.js';
import { sweepDeadlines } from '../../shared/domain/use-cases/sweep.js';
import { createTestTable } from '../support/dynamo.js';
import { intakeInput, principal, testDependencies } from '../support/fixtures.js';

describe('nightly overdue report (DynamoDB Local, local blob folder)', () => {
  let folder: string;
  let deps: ReturnType<typeof testDependencies> & { reports: FolderBlobStore };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const table = await createTestTable();
    folder = await mkdtemp(join(tmpdir(), 'claims-report-'));
    deps = { ...testDependencies(table.store), reports: new FolderBlobStore(folder) };
    const file = async (name: string, at: string, overrides: Record<string, unknown>) => {
      deps.clock.set(at);
      const { claim } = await fileClaim(deps, {
        input: intakeInput({
          product: { name: `产品 ${name}`, orderNumber: `SO-${name}` },
          foundOn: '2026-11-10',
          ...overrides,
        }),
        channel: 'web',
        actor: { type: 'customer' },
      });
      ids[name] = claim.number;
      return claim;
    };
    // Monday 11-16 10:00 at the store, assigned: first reply due Thu 11-19 18:00 → overdue on 11-25.
    const late = await file('late', '2026-11-16T02:00:00Z', { unitId: 'EAST-SH01' });
    await applyTriageAction(deps, {
      ref: late.id,
      action: 'assign',
      payload: { assigneeId: 'agent-7' },
      principal: principal(['manager']),
    });
    // Monday 11-23 10:00 at HQ: due Thu 11-26 18:00, within 2 working days of Wed 11-25 02:00.
    await file('soon', '2026-11-23T02:00:00Z', {});
    // Wednesday 11-25 01:00: due Mon 11-30, beyond the horizon.
    await file('later', '2026-11-24T17:00:00Z', {});
    // Withdrawn: out of the index altogether.
    const gone = await file('gone', '2026-11-16T02:00:00Z', {});
    await applyTriageAction(deps, {
      ref: gone.id,
      action: 'withdraw',
      payload: { reason: '客户撤回' },
      principal: principal(['agent']),
    });
    await sweepDeadlines(deps, new Date('2026-11-24T18:00:00Z'));
    deps.queues.sent.length = 0;
  });

  it('writes overdue.csv and summary.csv grouped by unit and owner, and tells each unit’s managers', async () => {
    const report = await overdueReport(deps, new Date('2026-11-24T18:00:00Z'));
    expect(report).toMatchObject({ date: '2026-11-25', rows: 2, overdue: 1, dueSoon: 1 });

    const text = await readFile(join(folder, report.key), 'utf8');
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const [header, ...lines] = text.slice(CSV_BOM.length).trimEnd().split('\r\n');
    expect(header).toBe(REPORT_COLUMNS.join(','));
    const rows = lines.map((line) => {
      const cells = line.split(',');
      return Object.fromEntries(
        REPORT_COLUMNS.map((column, i): [string, string] => [column, cells[i] ?? '']),
      );
    });
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          unit_id: 'EAST-SH01',
          unit_path: 'HQ/EAST/EAST-SH01',
          owner: 'agent-7',
          claim_number: ids['late'],
          clock: 'first_reply',
          due_at: '2026-11-19T10:00:00.000Z',
          due_local: '2026-11-19 18:00',
          state: 'overdue',
          overdue_working_hours: '27.0', // Fri, Mon, Tue: 3 × 9 h
          escalated: 'yes',
          calendar_fallback_years: '',
        }),
        expect.objectContaining({
          unit_id: 'HQ',
          owner: '(unassigned)',
          claim_number: ids['soon'],
          state: 'due_soon',
          overdue_working_hours: '0.0',
          escalated: 'no',
        }),
      ]),
    );

    const summary = await readFile(join(folder, report.summaryKey), 'utf8');
    expect(summary).toBe(
      `${CSV_BOM}unit_id,owner,overdue,due_soon\r\nEAST-SH01,agent-7,1,0\r\nHQ,(unassigned),0,1\r\n`,
    );
    expect(deps.queues.sent.map((m) => m.id).sort()).toEqual([
      'report:2026-11-25:EAST-SH01',
      'report:2026-11-25:HQ',
    ]);
    expect(deps.queues.sent[0]?.body).toMatchObject({
      kind: 'overdue_report',
      recipient: { type: 'unit_role', role: 'manager' },
    });
  });

  it('says the files are written when the managers’ summaries cannot be sent (a retry resends them)', async () => {
    deps.queues.failNext = 1;
    await expect(overdueReport(deps, new Date('2026-11-24T18:00:00Z'))).rejects.toThrow(
      /report is written \(overdue\/2026-11-25\/overdue.csv\) but the managers' summaries could not be sent/,
    );
  });
});
