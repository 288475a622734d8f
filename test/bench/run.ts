/**
 * `npm run bench`: measured speed and cost, printed as ratios against baselines measured in the same run,
 * and written to bench-results/latest.json. Starts its own DynamoDB Local (in memory). `--only=<sections>`
 * (comma-separated names from SECTIONS) runs just those and writes bench-results/only-<sections>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { freePort, localDynamoClient, startDynamoLocal } from '../../infra/local/dynamodb-local.js';
import { benchColdStart } from './cold-start.js';
import { benchCost } from './cost.js';
import { benchEmailParsing } from './email-parsing.js';
import { benchIntake } from './intake.js';
import { benchIntakeSiblings } from './intake-siblings.js';
import { benchReportMemory, type ReportMemoryRow } from './report-memory.js';
import { benchSweepScaling } from './sweep-scaling.js';

const quick = process.argv.includes('--quick');
const log = (line: string) => console.error(line);

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => String(r[i]).length)));
  const line = (r: (string | number)[]) =>
    `| ${r.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(headers),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** The sections, in running order; `--only=a,b` runs just those (e.g. `--only=intake-siblings`). */
const SECTIONS = [
  'intake',
  'cost',
  'cold-start',
  'sweep',
  'report-stress',
  'email',
  'intake-siblings',
] as const;
type Section = (typeof SECTIONS)[number];
const isSection = (name: string): name is Section => (SECTIONS as readonly string[]).includes(name);

function selectedSections(): readonly Section[] | undefined {
  const arg = process.argv.find((a) => a.startsWith('--only='));
  if (arg === undefined) return undefined;
  const names = arg.slice('--only='.length).split(',').filter(Boolean);
  const unknown = names.filter((n) => !isSection(n));
  if (unknown.length > 0 || names.length === 0)
    throw new Error(`--only takes section names among ${SECTIONS.join(', ')}; got "${arg}"`);
  return names.filter(isSection);
}

async function main(): Promise<void> {
  const only = selectedSections();
  const runs = (section: Section) => only === undefined || only.includes(section);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  log(`Benchmarks on ${machine}${quick ? ' (quick)' : ''}${only ? ` (only ${only.join(', ')})` : ''}`);
  const blocks: string[][] = [];
  const results: Record<string, unknown> = {};

  if (runs('intake')) {
    log('1. intake: local HTTP path with the real handler vs raw TransactWriteItems');
    const intake = await benchIntake({
      requests: quick ? 100 : 400,
      concurrency: 8,
      rounds: quick ? 1 : 3,
      log,
    });
    results['intake'] = intake;
    blocks.push([
      'Intake (claims/s, latency ms; target ratio ≥ 0.7)',
      table(
        ['path', 'claims/s', 'p50 ms', 'p99 ms'],
        [
          [
            'API handler over local HTTP',
            intake.candidate.perSecond,
            intake.candidate.p50,
            intake.candidate.p99,
          ],
          [
            'raw TransactWriteItems (baseline)',
            intake.baseline.perSecond,
            intake.baseline.p50,
            intake.baseline.p99,
          ],
          ['ratio handler / baseline', intake.ratio, '', ''],
        ],
      ),
    ]);
  }

  if (runs('cost')) {
    log('2. cost per claim (capacity units)');
    const dynamo = await startDynamoLocal({ port: await freePort() });
    try {
      const admin = localDynamoClient(dynamo.endpoint);
      await ensureTable(admin, 'bench-cost');
      admin.destroy();
      const cost = await benchCost(dynamo.endpoint, 'bench-cost', quick ? 5 : 20);
      results['cost'] = cost;
      blocks.push([
        'Cost per claim (DynamoDB capacity units: reads as reported, writes priced from each item before and after; minimum = bare claim + audit event in one transaction; steps a minute apart)',
        table(
          ['step', 'units', 'minimum', 'ratio', 'writes by table / index'],
          cost.map((c) => [
            c.step,
            c.units,
            c.minimum,
            c.ratio,
            Object.entries(c.writes ?? {})
              .map(([target, units]) => `${target} ${Number(units.toFixed(2))}`)
              .join(', '),
          ]),
        ),
      ]);
    } finally {
      await dynamo.stop();
    }
  }

  if (runs('cold-start')) {
    log('3. cold start: bundle size and load time vs a DynamoDB-client-only bundle');
    const cold = await benchColdStart(quick ? 3 : 15);
    results['cold'] = cold;
    blocks.push([
      "Cold start (target load ratio ≤ 2; bundled by the CDK construct's own bundler; CPU = the process CPU time of the import)",
      table(
        [
          'handler',
          'read at start KiB',
          'on demand KiB',
          'load ms',
          'baseline ms',
          'ratio',
          'CPU ms',
          'baseline CPU ms',
          'CPU ratio',
        ],
        cold.map((c) => [
          c.handler,
          Math.round(c.bundleBytes / 1024),
          Math.round(c.onDemandBytes / 1024),
          c.loadMs,
          c.baselineMs,
          c.ratio,
          c.loadCpuMs,
          c.baselineCpuMs,
          c.cpuRatio,
        ]),
      ),
      'Largest parts of what each cold start reads (KiB, minified, names kept):',
      ...cold.map((c) => `- ${c.handler}: ${c.topContributors}`),
    ]);
  }

  const report: ReportMemoryRow[] = [];
  if (runs('sweep')) {
    log(
      '4. sweep scaling and the overdue report over the same tables: 1% due (target ≤ 1.1 items per due claim)',
    );
    if (!global.gc) log('  (run through npm run bench, which passes --expose-gc, for steadier figures)');
    const sweep = await benchSweepScaling(quick ? [1_000, 10_000] : [1_000, 10_000, 100_000], log);
    results['sweep'] = sweep;
    report.push(...sweep.reports);
    blocks.push([
      'Sweep scaling (1% due; index items read per due claim, target ≤ 1.1)',
      table(
        [
          'claims',
          'due',
          'changed',
          'index items read',
          'items / due',
          'GetItem / due',
          'units / due',
          'load s',
        ],
        sweep.rows.map((r) => [
          r.claims,
          r.due,
          r.changed,
          r.indexItemsRead,
          r.itemsPerDue,
          r.fetchedPerDue,
          r.unitsPerDue,
          r.loadSeconds,
        ]),
      ),
      ...sweep.skipped.map((s) => `Not run at ${s.claims} claims: ${s.reason}.`),
    ]);
  }

  if (runs('report-stress')) {
    log('5. overdue report stress: every claim overdue (peak heap should stay flat)');
    report.push(...(await benchReportMemory(quick ? [4_000] : [20_000], log)));
  }
  if (report.length > 0) {
    results['report'] = report;
    blocks.push([
      'Overdue report memory (the sweep-scaling tables with 1% due, then a stress table with every claim overdue)',
      table(
        ['claims', 'due', 'report rows', 'index items / row', 'CSV bytes', 'peak heap MB', 'heap before MB'],
        report.map((r) => [r.claims, r.due, r.rows, r.itemsPerRow, r.csvBytes, r.peakHeapMb, r.heapBeforeMb]),
      ),
    ]);
  }

  if (runs('email')) {
    log('6. email parsing: MB/s and peak memory vs hashing the same bytes');
    const email = await benchEmailParsing(quick ? 2 : 5, log);
    results['email'] = email;
    blocks.push([
      'Email parsing (parseMail with the default limits vs SHA-256 of the same bytes; peak = heap + buffers above start)',
      table(
        [
          'input',
          'messages',
          'MB',
          'parsed',
          'parse MB/s',
          'hash MB/s',
          'ratio',
          'parse peak MB',
          'peak / input byte',
        ],
        email.rows.map((r) => [
          r.input,
          r.messages,
          r.megabytes,
          r.parsed,
          r.parseMbPerSecond,
          r.baselineMbPerSecond,
          r.speedRatio.toFixed(4),
          r.parsePeakMb,
          r.peakPerInputByte,
        ]),
      ),
      ...email.skipped.map((s) => `Email parsing: ${s}.`),
    ]);
  }

  if (runs('intake-siblings')) {
    log('7. intake latency with 10,000 claims of the same order and kind vs none (target ratio ≤ 1.2)');
    const siblings = await benchIntakeSiblings({
      siblings: 10_000,
      requests: quick ? 50 : 200,
      rounds: quick ? 1 : 2,
      log,
    });
    results['intakeSiblings'] = siblings;
    blocks.push([
      `Intake latency against history (the use case on DynamoDB Local, one at a time, ${siblings.requests} claims each; target p50 ratio ≤ 1.2)`,
      table(
        ['claims filed for', 'p50 ms', 'p99 ms', 'mean ms'],
        [
          ['an order and kind with no claims', siblings.none.p50, siblings.none.p99, siblings.none.mean],
          [
            `an order and kind with ${siblings.few} claims`,
            siblings.withFew.p50,
            siblings.withFew.p99,
            siblings.withFew.mean,
          ],
          [
            `an order and kind with ${siblings.siblings} claims`,
            siblings.withSiblings.p50,
            siblings.withSiblings.p99,
            siblings.withSiblings.mean,
          ],
          [`ratio (p50) ${siblings.siblings} / none (target ≤ 1.2)`, siblings.ratio, '', ''],
          [`ratio (p50) ${siblings.siblings} / ${siblings.few}`, siblings.ratioToFew, '', ''],
        ],
      ),
    ]);
  }

  const output = [
    `Machine: ${machine}. ${new Date().toISOString()}`,
    ...blocks.flatMap((block) => ['', ...block]),
  ].join('\n');
  console.log(output);
  mkdirSync('bench-results', { recursive: true });
  // A selection writes its own files, so the last full run's figures stay.
  const name = only ? `only-${only.join('-')}` : 'latest';
  writeFileSync(
    `bench-results/${name}.json`,
    JSON.stringify({ machine, at: new Date().toISOString(), ...results }, null, 2),
  );
  writeFileSync(`bench-results/${name}.md`, `${output}\n`);
  log(`written bench-results/${name}.json and ${name}.md`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
