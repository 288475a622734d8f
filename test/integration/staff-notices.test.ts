import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedExampleStaff } from '../../infra/local/example-staff.js';
import { DynamoStaffDirectory } from '../../shared/adapters/dynamodb/staff-directory.js';
import { FolderBlobStore } from '../../shared/adapters/local/folder-blob-store.js';
import { InMemoryMailer } from '../../shared/adapters/memory/mailer.js';
import type { NotificationIntent } from '../../shared/domain/messages.js';
import { fileClaim } from '../../shared/domain/use-cases/file-claim.js';
import { overdueReport } from '../../shared/domain/use-cases/overdue-report.js';
import { sendNotification } from '../../shared/domain/use-cases/send-notification.js';
import { updateStaff } from '../../shared/domain/use-cases/staff-admin.js';
import { sweepDeadlines } from '../../shared/domain/use-cases/sweep.js';
import { applyTriageAction } from '../../shared/domain/use-cases/triage.js';
import { createTestTable } from '../support/dynamo.js';
import { intakeInput, principal, settings } from '../support/fixtures.js';
import { mailTestDependencies, type MailTestDeps } from '../support/mail-deps.js';

/**
 * Internal notices reach the example directory `npm start` seeds (issue 15), rendered and sent: the
 * assignee's deadline warning goes to their deputy while they are on leave, the nightly report to the
 * managers of each unit with its figures.
 */
describe('internal notices from the staff directory (DynamoDB Local)', () => {
  let t: MailTestDeps;
  let mailer: InMemoryMailer;
  let staff: DynamoStaffDirectory;
  let number = '';
  const hqManager = principal(['manager']);

  /** Sends every notify intent relayed so far, once each, and returns the mail sent for them. */
  const sent = new Set<string>();
  async function deliverAll(): Promise<
    { intent: NotificationIntent; to: readonly string[]; text: string; subject: string }[]
  > {
    const out = [];
    for (const intent of t.intents()) {
      if (sent.has(intent.id)) continue;
      sent.add(intent.id);
      const before = mailer.sent.length;
      await sendNotification({ ...t.notify, staff, mailer }, intent);
      const mail = mailer.sent[before];
      if (!mail) continue;
      const parsed = await simpleParser(Buffer.from(mail.raw));
      out.push({ intent, to: mail.to, text: parsed.text ?? '', subject: parsed.subject ?? '' });
    }
    return out;
  }

  beforeAll(async () => {
    const table = await createTestTable();
    mailer = new InMemoryMailer();
    t = mailTestDependencies(table, { mailer });
    staff = new DynamoStaffDirectory(table.client, table.tableName);
    expect(await seedExampleStaff(staff, settings.units, t.base.clock, t.base.ids)).toBe(10);
    // Monday 10:00 Shanghai, filed at the store.
    t.base.clock.set('2026-11-16T02:00:00Z');
    const { claim } = await fileClaim(t.base, {
      input: intakeInput({ unitId: 'EAST-SH01', foundOn: '2026-11-10' }),
      channel: 'web',
      actor: { type: 'customer' },
    });
    number = claim.number;
    await applyTriageAction(
      { ...t.base, staff },
      {
        ref: claim.id,
        action: 'assign',
        payload: { assigneeId: 'local-agent-east-sh01' },
        principal: hqManager,
      },
    );
  });

  it('tells the assignee of the assignment at their directory address', async () => {
    const mail = (await deliverAll()).filter((m) => m.intent.kind === 'assignment');
    expect(mail.map((m) => m.to)).toEqual([['agent.east-sh01@staff.claims.localhost']]);
    expect(mail[0]?.subject).toContain(number);
  });

  it('sends the assignee’s deadline warning to their deputy while they are on leave', async () => {
    await updateStaff({ ...t.base, staff }, principal(['admin']), 'local-agent-east-sh01', {
      expectedVersion: 1,
      onLeave: true,
    });
    // The sweep, hour by hour, until the first-reply warning goes out.
    for (
      let at = Date.parse('2026-11-16T03:00:00Z');
      t.intentsOf('deadline_warning').length === 0;
      at += 3_600_000
    ) {
      if (at > Date.parse('2026-11-21T00:00:00Z'))
        throw new Error('no warning within the first-reply target');
      t.base.clock.set(new Date(at).toISOString());
      await sweepDeadlines(t.base, new Date(at));
    }
    const warnings = (await deliverAll()).filter((m) => m.intent.kind === 'deadline_warning');
    expect(warnings.map((m) => m.to)).toEqual([['manager.east-sh01@staff.claims.localhost']]);
    expect(warnings[0]?.subject).toContain(number);
    expect(warnings[0]?.text).toContain(number);
  });

  it('sends the nightly report of each unit to that unit’s managers, with its figures', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'claims-staff-report-'));
    const report = await overdueReport(
      { ...t.base, reports: new FolderBlobStore(folder) },
      new Date('2026-11-24T18:00:00Z'),
    );
    expect(report.overdue).toBe(1);
    const reports = (await deliverAll()).filter((m) => m.intent.kind === 'overdue_report');
    expect(reports.map((m) => m.to)).toEqual([['manager.east-sh01@staff.claims.localhost']]);
    expect(reports[0]?.text).toContain('上海一店 2026年11月25日 的超时报告：已超时 1 件，即将到期 0 件。');
  });
});
