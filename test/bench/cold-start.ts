import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { z } from 'zod';
import { BUNDLING } from '../../infra/constructs/claims-function.js';
import { median } from './stats.js';

const run = promisify(execFile);
const LoadSchema = z.object({ wall: z.number(), cpu: z.number() });

export interface ColdStart {
  readonly handler: string;
  readonly bundleBytes: number;
  readonly loadMs: number;
  readonly baselineMs: number;
  readonly ratio: number;
  /** CPU time of the same imports (median ms), and their ratio. */
  readonly loadCpuMs: number;
  readonly baselineCpuMs: number;
  readonly cpuRatio: number;
  /** The largest parts of the bundle (KiB, minified), so the table can be explained. */
  readonly topContributors: string;
}

/** esbuild options for what NodejsFunction runs esbuild with, given the construct's own BUNDLING object. */
function esbuildOptions(bundling: BundlingOptions): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: bundling.format === OutputFormat.CJS ? 'cjs' : 'esm',
    ...(bundling.target === undefined ? {} : { target: bundling.target }),
    ...(bundling.minify === undefined ? {} : { minify: bundling.minify }),
    ...(bundling.sourceMap === undefined ? {} : { sourcemap: bundling.sourceMap }),
    ...(bundling.sourcesContent === undefined ? {} : { sourcesContent: bundling.sourcesContent }),
    ...(bundling.mainFields === undefined ? {} : { mainFields: bundling.mainFields }),
    ...(bundling.banner === undefined ? {} : { banner: { js: bundling.banner } }),
  };
}

/** Bundles an entry (a file, or source text) exactly as the CDK function construct does; returns its metafile. */
async function bundle(entry: string | { contents: string }, outfile: string): Promise<Metafile> {
  const result = await build({
    ...esbuildOptions(BUNDLING),
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: process.cwd(), loader: 'ts' } }),
    outfile,
    metafile: true,
    logLevel: 'silent',
  });
  return result.metafile;
}

/** The packages (or our own top folders) that make up most of a bundle, largest first, in KiB. */
function topContributors(metafile: Metafile, count: number): string {
  const sizes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
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
    },
  });
  return LoadSchema.parse(JSON.parse(stdout));
}

/**
 * Each handler's minified bundle size and import time in a fresh process, against a bundle that only
 * imports the DynamoDB client (the least any of them loads); runs interleaved so machine noise hits both.
 */
export async function benchColdStart(runs: number): Promise<ColdStart[]> {
  const dir = mkdtempSync(join(tmpdir(), 'claims-cold-'));
  const baselineFile = join(dir, 'baseline.mjs');
  await bundle(
    {
      contents:
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const client = new DynamoDBClient({});\n",
    },
    baselineFile,
  );
  const handlers = readdirSync('functions').filter((name) =>
    existsSync(join('functions', name, 'handler.ts')),
  );
  const results: ColdStart[] = [];
  for (const name of handlers) {
    const file = join(dir, `${name}.mjs`);
    const metafile = await bundle(resolve('functions', name, 'handler.ts'), file);
    const mine: { wall: number; cpu: number }[] = [];
    const base: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < runs; i++) {
      mine.push(await loadTime(file));
      base.push(await loadTime(baselineFile));
    }
    results.push({
      handler: name,
      bundleBytes: statSync(file).size,
      loadMs: median(mine.map((m) => m.wall)),
      baselineMs: median(base.map((b) => b.wall)),
      ratio: median(mine.map((m) => m.wall)) / median(base.map((b) => b.wall)),
      loadCpuMs: median(mine.map((m) => m.cpu)),
      baselineCpuMs: median(base.map((b) => b.cpu)),
      cpuRatio: median(mine.map((m) => m.cpu)) / median(base.map((b) => b.cpu)),
      topContributors: topContributors(metafile, 6),
    });
  }
  return results;
}
