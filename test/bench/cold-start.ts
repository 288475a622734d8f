import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { z } from 'zod';
import { bundleFunction } from '../../infra/constructs/function-bundle.js';
import { median } from './stats.js';

const run = promisify(execFile);
const LoadSchema = z.object({ wall: z.number(), cpu: z.number() });

export interface ColdStart {
  readonly handler: string;
  /** What a cold start reads: the entry and the chunks it imports statically. */
  readonly bundleBytes: number;
  /** Chunks read only when a request reaches an `await import()` (e.g. the API's S3 client). */
  readonly onDemandBytes: number;
  readonly loadMs: number;
  readonly baselineMs: number;
  readonly ratio: number;
  /** CPU time of the same imports (median ms), and their ratio. */
  readonly loadCpuMs: number;
  readonly baselineCpuMs: number;
  readonly cpuRatio: number;
  /** The largest parts of what a cold start reads (KiB), so the table can be explained. */
  readonly topContributors: string;
}

/** The size of some of a bundle's output files, as esbuild wrote them. */
function bytes(metafile: Metafile, outputs: readonly string[]): number {
  return outputs.reduce((sum, output) => sum + (metafile.outputs[output]?.bytes ?? 0), 0);
}

/** The packages (or our own top folders) that make up most of a bundle, largest first, in KiB. */
function topContributors(metafile: Metafile, outputs: readonly string[], count: number): string {
  const sizes = new Map<string, number>();
  for (const output of outputs.map((path) => metafile.outputs[path]).filter((o) => o !== undefined)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const name =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
      sizes.set(name, (sizes.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return [...sizes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => `${name} ${Math.round(bytes / 1024)}`)
    .join(', ');
}

/**
 * Time to import a bundle in a fresh Node process, as a cold start does before the first request: wall
 * time, and the process's CPU time over the same span (steadier on a shared machine, where wall time also
 * counts waiting for a core).
 */
async function loadTime(file: string): Promise<{ wall: number; cpu: number }> {
  const script = `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(file)}); const w = performance.now() - t; const u = process.cpuUsage(c); process.stdout.write(JSON.stringify({ wall: w, cpu: (u.user + u.system) / 1000 }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '--no-warnings', '-e', script], {
    env: {
      PATH: process.env['PATH'] ?? '',
      TABLE_NAME: 'bench',
      AWS_REGION: 'ap-east-1',
      // What the CDK constructs bind for the mail, report and payout functions (nothing is called at import).
      RAW_MAIL_BUCKET: 'bench-raw-mail',
      EVIDENCE_BUCKET: 'bench-evidence',
      REPORTS_BUCKET: 'bench-reports',
      NOTIFY_QUEUE_URL: 'https://sqs.ap-east-1.amazonaws.com/000000000000/bench-notify',
      PAYOUT_QUEUE_URL: 'https://sqs.ap-east-1.amazonaws.com/000000000000/bench-payout',
      EMAIL_IN_QUEUE_URL: 'https://sqs.ap-east-1.amazonaws.com/000000000000/bench-email-in',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      MAIL_DOMAIN: 'claims.example.com',
      SES_CONFIGURATION_SET: 'claims',
      PUBLIC_BASE_URL: 'https://claims.example.com',
      // email-in and notify refuse to start without the reply-address key (read on first use only).
      REPLY_ADDRESS_SECRET_ARN: 'arn:aws:secretsmanager:ap-east-1:000000000000:secret:bench-reply-key',
    },
  });
  return LoadSchema.parse(JSON.parse(stdout));
}

/**
 * Each handler's bundle (built by the very function the CDK construct bundles with) and its import time
 * in a fresh process, against the DynamoDB-client-only baseline bundled the same way; runs interleaved
 * so machine noise hits both.
 */
export async function benchColdStart(runs: number): Promise<ColdStart[]> {
  const dir = mkdtempSync(join(tmpdir(), 'claims-cold-'));
  const baselineFile = join(dir, 'baseline', 'index.mjs');
  bundleFunction(resolve('test/bench/baseline-entry.ts'), join(dir, 'baseline'));
  const handlers = readdirSync('functions').filter((name) =>
    existsSync(join('functions', name, 'handler.ts')),
  );
  const results: ColdStart[] = [];
  for (const name of handlers) {
    const built = bundleFunction(resolve('functions', name, 'handler.ts'), join(dir, name));
    const file = join(dir, name, 'index.mjs');
    const mine: { wall: number; cpu: number }[] = [];
    const base: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < runs; i++) {
      mine.push(await loadTime(file));
      base.push(await loadTime(baselineFile));
    }
    results.push({
      handler: name,
      bundleBytes: bytes(built.metafile, built.loadedAtStart),
      onDemandBytes: bytes(built.metafile, built.loadedOnDemand),
      loadMs: median(mine.map((m) => m.wall)),
      baselineMs: median(base.map((b) => b.wall)),
      ratio: median(mine.map((m) => m.wall)) / median(base.map((b) => b.wall)),
      loadCpuMs: median(mine.map((m) => m.cpu)),
      baselineCpuMs: median(base.map((b) => b.cpu)),
      cpuRatio: median(mine.map((m) => m.cpu)) / median(base.map((b) => b.cpu)),
      topContributors: topContributors(built.metafile, built.loadedAtStart, 6),
    });
  }
  return results;
}
